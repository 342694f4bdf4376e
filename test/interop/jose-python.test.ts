/**
 * Interoperability with a non-JavaScript implementation written from the spec alone
 * (test/interop/python/corridor.py, on Python's jwcrypto and msgpack, Debian packages
 * python3-jwcrypto and python3-msgpack):
 *
 * - Python verifies and opens what Corridor sealed: single envelopes (EdDSA, ES256, co-signed,
 *   MessagePack and JSON bodies), envelopes encrypted to X25519 and P-256 keys, and streams — and
 *   refuses tampered ones;
 * - Corridor opens what Python sealed from spec/envelope.md and spec/streams.md.
 *
 * The suite runs wherever `python3 -c "import jwcrypto, msgpack"` works. Where it does not, it
 * FAILS under CI (so CI cannot skip it silently) and, locally, reports in one test why it did not
 * run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MemoryReplayStore,
  open,
  openStream,
  type Sealed,
  type StreamSummary,
  seal,
} from "@corridor/envelope";
import type { SharedRecord } from "@corridor/schema";
import { afterAll, describe, expect, it } from "vitest";
import {
  agencies,
  deuKeys,
  input,
  KEYS,
  NOTARY,
  NOW,
  NOW_MS,
  notary,
  openOptions,
  publicOf,
  RECIPIENT,
  record,
  signer,
} from "../../packages/envelope/test/_fixtures.js";
import {
  frameStream,
  handChunks,
  records as makeRecords,
  sealBytes,
  sealChunk,
  sealList,
} from "../../packages/envelope/test/_stream.js";

const SCRIPT = join(import.meta.dirname, "python", "interop.py");

/** The first Python that has jwcrypto and msgpack, or why there is none. */
function findPython(): { exe: string } | { reason: string } {
  const candidates = [process.env["CORRIDOR_PYTHON"], "python3", "/usr/bin/python3"].filter(
    (c): c is string => typeof c === "string" && c !== "",
  );
  const tried: string[] = [];
  for (const exe of candidates) {
    const run = spawnSync(exe, ["-c", "import jwcrypto, msgpack"], { encoding: "utf8" });
    if (run.status === 0) return { exe };
    tried.push(
      `${exe}: ${run.error ? "not found" : (run.stderr.trim().split("\n").pop() ?? "failed")}`,
    );
  }
  return {
    reason: `no python3 with jwcrypto and msgpack (${tried.join("; ")}); install python3-jwcrypto python3-msgpack`,
  };
}

const python = findPython();
const dir = mkdtempSync(join(tmpdir(), "corridor-interop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runPython(command: "verify" | "produce", request: unknown): unknown {
  if (!("exe" in python)) throw new Error(python.reason);
  const file = join(dir, `${command}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(request));
  const run = spawnSync(python.exe, [SCRIPT, command, file], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python ${command} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

interface PyResult {
  name: string;
  ok: boolean;
  rule?: string;
  result?: {
    manifest?: Record<string, unknown>;
    records: unknown[];
    payloadDigest?: string;
    signers?: [string, string, string][];
    encrypted: boolean;
    id?: string;
    chunks?: number;
    total?: number;
    digest?: string;
  };
}

/** Python opens Corridor's bytes as recipient DEU.bamf with both its decryption keys. */
function pythonOpens(cases: { name: string; kind: "envelope" | "stream"; data: Uint8Array }[]) {
  const out = runPython("verify", {
    trust: agencies(),
    recipient: RECIPIENT,
    now: NOW,
    keys: deuKeys,
    cases: cases.map((c) => ({ ...c, data: b64u(c.data) })),
  }) as { results: PyResult[] };
  return new Map(out.results.map((r) => [r.name, r]));
}

const deuX25519 = { agency: RECIPIENT, kid: "deu-enc-1", publicKey: publicOf(KEYS.deuEnc) };
const deuP256 = { agency: RECIPIENT, kid: "deu-enc-2", publicKey: publicOf(KEYS.deuEncP256) };

if ("exe" in python) {
  describe(`interop with Python jwcrypto (${python.exe})`, () => {
    const recs = [record(1), record(2), record(3), record(4), record(5)];

    it("Python verifies and opens Corridor's single envelopes (EdDSA, ES256, co-signed, JWE X25519 and P-256)", async () => {
      const made: [string, Sealed][] = [
        [
          "eddsa",
          await seal(input(recs, { jti: "interop-jti-000000001" }), { signer, now: NOW_MS }),
        ],
        [
          "eddsa-json",
          await seal(input(recs, { jti: "interop-jti-000000002", encoding: "json" }), {
            signer,
            now: NOW_MS,
          }),
        ],
        [
          "es256-sender",
          await seal(input(recs, { jti: "interop-jti-000000003", iss: NOTARY }), {
            signer: notary,
            now: NOW_MS,
          }),
        ],
        [
          "eddsa-cosigned-es256",
          await seal(input(recs, { jti: "interop-jti-000000004" }), {
            signer,
            cosigners: [notary],
            now: NOW_MS,
          }),
        ],
        [
          "encrypted-x25519-and-p256",
          await seal(input(recs, { jti: "interop-jti-000000005" }), {
            signer,
            now: NOW_MS,
            encryptTo: [deuX25519, deuP256],
          }),
        ],
        [
          "encrypted-p256-only",
          await seal(input(recs, { jti: "interop-jti-000000006" }), {
            signer,
            now: NOW_MS,
            encryptTo: [deuP256],
          }),
        ],
        [
          "encrypted-x25519-only",
          await seal(input(recs, { jti: "interop-jti-000000007" }), {
            signer,
            now: NOW_MS,
            encryptTo: [deuX25519],
          }),
        ],
      ];
      const results = pythonOpens(
        made.map(([name, s]) => ({ name, kind: "envelope", data: s.envelope })),
      );
      for (const [name, sealed] of made) {
        const r = results.get(name)!;
        expect(r.ok, `${name}: ${r.rule}`).toBe(true);
        expect(r.result?.manifest, name).toEqual(sealed.manifest);
        expect(r.result?.records, name).toEqual(recs);
        expect(r.result?.payloadDigest, name).toBe(sealed.payloadDigest);
        expect(r.result?.encrypted, name).toBe(sealed.encrypted);
      }
      expect(results.get("eddsa-cosigned-es256")?.result?.signers).toEqual([
        ["GRC.asylum-service", "grc-sig-1", "EdDSA"],
        [NOTARY, "iom-sig-1", "ES256"],
      ]);
      expect(results.get("es256-sender")?.result?.signers).toEqual([
        [NOTARY, "iom-sig-1", "ES256"],
      ]);
    });

    it("Python verifies Corridor's streams, signed and encrypted, with the same stream digest", async () => {
      const plain = await sealBytes(recs, { chunkSize: 2 });
      const encrypted = await sealBytes(recs, { chunkSize: 2, encryptTo: [deuX25519, deuP256] });
      const results = pythonOpens([
        { name: "plain", kind: "stream", data: plain.bytes },
        { name: "encrypted", kind: "stream", data: encrypted.bytes },
      ]);
      for (const [name, summary] of [
        ["plain", plain.summary],
        ["encrypted", encrypted.summary],
      ] as [string, StreamSummary][]) {
        const r = results.get(name)!;
        expect(r.ok, `${name}: ${r.rule}`).toBe(true);
        expect(r.result).toMatchObject({
          id: summary.id,
          chunks: 3,
          total: 5,
          digest: summary.digest,
          encrypted: summary.encrypted,
        });
        expect(r.result?.records).toEqual(recs);
      }
    });

    it("Python refuses what the spec says to refuse (a check that cannot fail proves nothing)", async () => {
      const sealed = await seal(input(recs, { jti: "interop-jti-000000008" }), {
        signer,
        now: NOW_MS,
      });
      const badBody = sealed.envelope.slice();
      badBody[badBody.length - 1]! ^= 0x01;
      const badSig = Buffer.from(sealed.envelope);
      const at = badSig.indexOf('"signature":"') + 13;
      badSig[at] = badSig[at] === 0x41 ? 0x42 : 0x41;
      const chunks = await sealList(makeRecords(6), { chunkSize: 2 });
      const other = await sealList(makeRecords(6, 10), { chunkSize: 2 });
      const c0 = await sealChunk(makeRecords(2), {
        id: "count-stream-0000001",
        seq: 0,
        final: false,
      });
      const c1 = await sealChunk(makeRecords(2, 2), {
        id: "count-stream-0000001",
        seq: 1,
        prev: c0.payloadDigest,
        final: true,
        total: 3,
      });
      const chained = await handChunks([2, 2], "chain-stream-0000001");
      const spliced0 = await sealChunk(
        makeRecords(2, 50),
        { id: "chain-stream-0000001", seq: 0, final: false },
        {},
        "spliced-jti-0000000000",
      );
      const spliced1 = await sealChunk(
        makeRecords(2, 52),
        { id: "chain-stream-0000001", seq: 1, prev: spliced0.payloadDigest, final: true, total: 4 },
        {},
        "spliced-jti-0000000001",
      );
      const results = pythonOpens([
        { name: "content", kind: "envelope", data: badBody },
        { name: "signature", kind: "envelope", data: new Uint8Array(badSig) },
        { name: "sequence", kind: "stream", data: frameStream([chunks[0]!, chunks[2]!]) },
        { name: "truncated", kind: "stream", data: frameStream(chunks.slice(0, 2)) },
        { name: "mixed", kind: "stream", data: frameStream([chunks[0]!, other[1]!, chunks[2]!]) },
        { name: "count", kind: "stream", data: frameStream([c0.envelope, c1.envelope]) },
        {
          name: "chain",
          kind: "stream",
          data: frameStream([chained.chunks[0]!, spliced1.envelope]),
        },
      ]);
      for (const rule of [
        "content",
        "signature",
        "sequence",
        "truncated",
        "mixed",
        "count",
        "chain",
      ])
        expect({ ok: results.get(rule)?.ok, rule: results.get(rule)?.rule }).toEqual({
          ok: false,
          rule,
        });
    });

    it("Corridor opens the envelopes and streams Python sealed from the spec alone", async () => {
      const produced = runPython("produce", {
        fields: {
          iss: "GRC.asylum-service",
          aud: [RECIPIENT],
          agreement: input().agreement,
          purpose: input().purpose,
          legalBasis: input().legalBasis,
          schemaVersion: "1.0",
          pseudonymization: input().pseudonymization,
        },
        iat: NOW,
        records: recs,
        signers: {
          eddsa: { agency: "GRC.asylum-service", kid: "grc-sig-1", privateKey: KEYS.grcSig },
          es256: { agency: NOTARY, kid: "iom-sig-1", privateKey: KEYS.iomSig },
        },
        recipients: {
          both: [deuX25519, deuP256],
          x25519: [deuX25519],
          p256: [deuP256],
        },
        streamId: "py-stream-id-0001",
        chunkSize: 2,
      }) as {
        envelopes: {
          name: string;
          kind: string;
          data: string;
          payloadDigest?: string;
          streamDigest?: string;
          records: SharedRecord[];
        }[];
      };
      expect(produced.envelopes.map((e) => e.name)).toEqual([
        "eddsa-msgpack",
        "eddsa-json",
        "es256-msgpack",
        "eddsa-encrypted-x25519-and-p256",
        "es256-encrypted-p256",
        "eddsa-encrypted-x25519",
        "stream",
        "stream-encrypted",
      ]);
      for (const e of produced.envelopes) {
        const bytes = new Uint8Array(Buffer.from(e.data, "base64url"));
        if (e.kind === "envelope") {
          const opened = await open(bytes, openOptions({ replay: new MemoryReplayStore() }));
          expect(opened.records, e.name).toEqual(recs);
          expect(opened.payloadDigest, e.name).toBe(e.payloadDigest);
          expect(opened.encrypted, e.name).toBe(e.name.includes("encrypted"));
        } else {
          const stream = openStream(() => bytes, {
            ...openOptions({ replay: new MemoryReplayStore() }),
            requireEncryption: e.name === "stream-encrypted",
          });
          const got: SharedRecord[] = [];
          for await (const r of stream.records) got.push(r);
          const summary = await stream.complete;
          expect(got, e.name).toEqual(recs);
          expect(summary, e.name).toMatchObject({
            chunks: 3,
            total: 5,
            digest: e.streamDigest,
          });
        }
      }
    });
  });
} else {
  describe("interop with Python jwcrypto (not run: Python modules missing)", () => {
    it("is not skipped under CI, and says why it did not run locally", () => {
      const reason = python.reason;
      // Under CI this fails: the interoperability check must run there.
      expect(process.env["CI"], `CI must run the Python interop check: ${reason}`).toBeFalsy();
      console.warn(`[interop] Python interoperability check NOT RUN locally: ${reason}`);
      expect(reason).toMatch(/jwcrypto and msgpack/);
    });
  });
}
