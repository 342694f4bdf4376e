/**
 * Codec benchmark (`pnpm bench codec`): base64url, MessagePack and JSON encode/decode, SHA-256.
 * Every figure is printed with its ratio to a baseline measured in the same run (machines are
 * shared and noisy). CODEC_BENCH_N sets the record count (default 200000; e.g. 20000 for a
 * quick run).
 */

import { createHash } from "node:crypto";
import { seededRandom } from "@corridor/schema/testing";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { base64url as joseBase64url } from "jose";
import { isNativeAccelerationEnabled, Packr, unpack } from "msgpackr";
import { decodeBase64urlJs, encodeBase64urlJs } from "../src/codec/base64url.js";
import {
  decodeBody,
  decodeMsgpackStrict,
  encodeBody,
  encodeJson,
  encodeMsgpack,
  parseJsonStrict,
  sha256,
  sha256Sync,
} from "../src/codec/index.js";

const N = Number(process.env["CODEC_BENCH_N"] ?? 200_000);
const LIMITS = {
  maxBytes: 2 ** 31 - 1,
  maxRecords: 10_000_000,
  maxContainerLength: 10_000_000,
};

// ---- data -------------------------------------------------------------------------------------

const rand = seededRandom(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const token = (n: number) => Array.from({ length: n }, () => pick(B64.split(""))).join("");
const COUNTRIES = ["SYR", "AFG", "UKR", "ERI", "NGA", "GRC", "ITA", "DEU", "TUR", "IRQ"];
const KINDS = ["asylum_application", "border_crossing", "residence_permit", "return_decision"];
const DECISIONS = ["granted", "rejected", "pending", "withdrawn", null];
const PLACES = ["Αθήνα", "Lampedusa", "München", "İstanbul", "Calais", "Ceuta", "Lesbos"];

/** Record-like objects of the shape the envelope carries (pseudonymized, minimized). */
function makeRecord(i: number): Record<string, unknown> {
  return {
    recordId: `rec-${i.toString(36).padStart(8, "0")}`,
    kind: pick(KINDS),
    schemaVersion: "1.0",
    subject: {
      pseudonym: token(43),
      linkageKey: token(43),
      sex: pick(["F", "M", "X"]),
      birthYear: 1950 + Math.floor(rand() * 70),
      citizenship: pick(COUNTRIES),
    },
    event: {
      date: `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`,
      place: pick(PLACES),
      authority: "GRC.asylum-service",
      decision: pick(DECISIONS),
      dependants: Math.floor(rand() * 5),
    },
    vulnerabilities: rand() < 0.3 ? ["unaccompanied_minor", "medical"] : [],
    score: Math.round(rand() * 1e6) / 1e6,
  };
}

// ---- timing -----------------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;

/** A measurement: median wall-clock seconds per call and median CPU seconds (all threads). */
interface Timing {
  wall: number;
  cpu: number;
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;

/** Runs `fn` at least `minRuns` times and for about `minMs`, after a warm-up call. */
function time(fn: () => unknown, minMs = 1500, minRuns = 3): Timing {
  fn(); // warm-up
  gc?.();
  const wall: number[] = [];
  const cpu: number[] = [];
  const startAll = performance.now();
  while (wall.length < minRuns || performance.now() - startAll < minMs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    if (wall.length >= 50) break;
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function timeAsync(fn: () => Promise<unknown>, minMs = 1500, minRuns = 3): Promise<Timing> {
  await fn();
  gc?.();
  const wall: number[] = [];
  const cpu: number[] = [];
  const startAll = performance.now();
  while (wall.length < minRuns || performance.now() - startAll < minMs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    if (wall.length >= 200) break;
  }
  return { wall: median(wall), cpu: median(cpu) };
}

interface Row {
  name: string;
  t: Timing;
  bytes: number;
}

/**
 * Prints MB/s (bytes of the stated input/output per wall-clock second) and two ratios against
 * the first row: by wall-clock time and by CPU time (steadier on a shared machine; for WebCrypto
 * it includes the worker thread).
 */
function table(title: string, rows: Row[]): void {
  const base = rows[0]!;
  console.log(`\n${title}`);
  console.log(
    `  ${"".padEnd(44)} ${"MB/s".padStart(9)} ${"wall ms".padStart(9)} ${"vs base".padStart(8)} ${"cpu ms".padStart(9)} ${"vs base".padStart(8)}   (base: ${base.name})`,
  );
  for (const r of rows) {
    const mbps = r.bytes / r.t.wall / 1e6;
    console.log(
      `  ${r.name.padEnd(44)} ${mbps.toFixed(1).padStart(9)} ${(r.t.wall * 1e3).toFixed(2).padStart(9)} ${`${(base.t.wall / r.t.wall).toFixed(3)}x`.padStart(8)} ${(r.t.cpu * 1e3).toFixed(2).padStart(9)} ${`${(base.t.cpu / r.t.cpu).toFixed(3)}x`.padStart(8)}`,
    );
  }
}

// ---- runs -------------------------------------------------------------------------------------

console.log(
  `codec benchmark: ${N} records, node ${process.version}, msgpackr native extract: ${isNativeAccelerationEnabled}`,
);

{
  const size = 16 * 1024 * 1024;
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  const text = Buffer.from(bytes).toString("base64url");
  table(`base64url encode, ${size / 1048576} MiB (MB/s of input bytes)`, [
    {
      name: "Buffer.toString('base64url') [baseline]",
      t: time(() => Buffer.from(bytes.buffer).toString("base64url")),
      bytes: size,
    },
    {
      name: "corridor encodeBase64url (pure JS)",
      t: time(() => encodeBase64urlJs(bytes)),
      bytes: size,
    },
    {
      name: "jose base64url.encode",
      t: time(() => joseBase64url.encode(bytes), 1500, 2),
      bytes: size,
    },
  ]);
  table(`base64url decode, ${size / 1048576} MiB (MB/s of output bytes)`, [
    {
      name: "Buffer.from(text, 'base64url') [baseline]",
      t: time(() => Buffer.from(text, "base64url")),
      bytes: size,
    },
    {
      name: "corridor decodeBase64url (pure JS, strict)",
      t: time(() => decodeBase64urlJs(text)),
      bytes: size,
    },
    {
      name: "jose base64url.decode (lenient)",
      t: time(() => joseBase64url.decode(text), 1500, 2),
      bytes: size,
    },
  ]);
  const small = bytes.subarray(0, 32);
  const smallText = encodeBase64urlJs(small);
  const reps = 100_000;
  table("base64url, 32-byte values (digests, ids), 100k per run", [
    {
      name: "Buffer encode [baseline]",
      t: time(() => {
        for (let i = 0; i < reps; i++) Buffer.from(small.buffer, 0, 32).toString("base64url");
      }),
      bytes: 32 * reps,
    },
    {
      name: "corridor encode",
      t: time(() => {
        for (let i = 0; i < reps; i++) encodeBase64urlJs(small);
      }),
      bytes: 32 * reps,
    },
    {
      name: "jose encode",
      t: time(() => {
        for (let i = 0; i < reps; i++) joseBase64url.encode(small);
      }),
      bytes: 32 * reps,
    },
    {
      name: "Buffer decode",
      t: time(() => {
        for (let i = 0; i < reps; i++) Buffer.from(smallText, "base64url");
      }),
      bytes: 32 * reps,
    },
    {
      name: "corridor decode (strict)",
      t: time(() => {
        for (let i = 0; i < reps; i++) decodeBase64urlJs(smallText);
      }),
      bytes: 32 * reps,
    },
    {
      name: "jose decode",
      t: time(() => {
        for (let i = 0; i < reps; i++) joseBase64url.decode(smallText);
      }),
      bytes: 32 * reps,
    },
  ]);
}

const records = Array.from({ length: N }, (_, i) => makeRecord(i));
const jsonText = JSON.stringify(records);
const jsonBytes = new TextEncoder().encode(jsonText);
const packr = new Packr({ useRecords: false, variableMapSize: true });
const mpOurs = encodeBody(records, "msgpack", LIMITS);
const mpPackr = packr.pack(records);
console.log(
  `\nbody sizes: JSON ${(jsonBytes.length / 1e6).toFixed(1)} MB, MessagePack (corridor) ${(mpOurs.length / 1e6).toFixed(1)} MB, msgpackr ${(mpPackr.length / 1e6).toFixed(1)} MB`,
);

table(`encode ${N} records (MB/s of each encoder's output)`, [
  {
    name: "JSON.stringify [baseline]",
    t: time(() => JSON.stringify(records)),
    bytes: jsonText.length,
  },
  {
    name: "JSON.stringify + TextEncoder",
    t: time(() => new TextEncoder().encode(JSON.stringify(records))),
    bytes: jsonBytes.length,
  },
  {
    name: "corridor encodeBody json (checked)",
    t: time(() => encodeBody(records, "json", LIMITS)),
    bytes: jsonBytes.length,
  },
  {
    name: "corridor encodeBody msgpack (checked)",
    t: time(() => encodeBody(records, "msgpack", LIMITS)),
    bytes: mpOurs.length,
  },
  {
    name: "corridor encodeMsgpack (checked)",
    t: time(() => encodeMsgpack(records, LIMITS)),
    bytes: mpOurs.length,
  },
  {
    name: "msgpackr Packr.pack (useRecords: false)",
    t: time(() => packr.pack(records)),
    bytes: mpPackr.length,
  },
]);

table(`decode ${N} records (MB/s of each decoder's input)`, [
  {
    name: "JSON.parse(string) [baseline]",
    t: time(() => JSON.parse(jsonText)),
    bytes: jsonBytes.length,
  },
  {
    name: "JSON.parse(TextDecoder(bytes))",
    t: time(() => JSON.parse(new TextDecoder().decode(jsonBytes))),
    bytes: jsonBytes.length,
  },
  {
    name: "corridor parseJsonStrict(string)",
    t: time(() => parseJsonStrict(jsonText, LIMITS)),
    bytes: jsonBytes.length,
  },
  {
    name: "corridor decodeBody json (bytes)",
    t: time(() => decodeBody(jsonBytes, "json", LIMITS)),
    bytes: jsonBytes.length,
  },
  {
    name: "msgpackr unpack (native extract)",
    t: time(() => unpack(mpOurs)),
    bytes: mpOurs.length,
  },
  {
    name: "corridor decodeBody msgpack (strict)",
    t: time(() => decodeBody(mpOurs, "msgpack", LIMITS)),
    bytes: mpOurs.length,
  },
  {
    name: "corridor decodeMsgpackStrict (strict)",
    t: time(() => decodeMsgpackStrict(mpOurs, LIMITS)),
    bytes: mpOurs.length,
  },
]);

{
  // Small documents: envelope headers and manifests.
  const header = {
    v: "corridor/1",
    iss: "GRC.asylum-service",
    aud: ["DEU.bamf", "INT.iom"],
    iat: 1760000000,
    exp: 1760086400,
    jti: token(22),
    agreement: { id: "agr-2025-0042", version: 3, digest: `sha256:${token(43)}` },
    purpose: "asylum_procedure",
    schemaVersion: "1.0",
    pseudonym: { scheme: "hmac-sha256-hkdf", epoch: 7 },
    count: 5000,
    contentEncoding: "msgpack",
    contentDigest: `sha256:${token(43)}`,
  };
  const text = JSON.stringify(header);
  const bytes = new TextEncoder().encode(text);
  const mp = encodeMsgpack(header);
  const reps = 20_000;
  table(`small documents: an envelope header (${bytes.length} B JSON), 20k per run`, [
    {
      name: "JSON.parse(string) [baseline]",
      t: time(() => {
        for (let i = 0; i < reps; i++) JSON.parse(text);
      }),
      bytes: bytes.length * reps,
    },
    {
      name: "corridor parseJsonStrict(string)",
      t: time(() => {
        for (let i = 0; i < reps; i++) parseJsonStrict(text);
      }),
      bytes: bytes.length * reps,
    },
    {
      name: "corridor parseJsonStrict(bytes)",
      t: time(() => {
        for (let i = 0; i < reps; i++) parseJsonStrict(bytes);
      }),
      bytes: bytes.length * reps,
    },
    {
      name: "msgpackr unpack",
      t: time(() => {
        for (let i = 0; i < reps; i++) unpack(mp);
      }),
      bytes: mp.length * reps,
    },
    {
      name: "corridor decodeMsgpackStrict",
      t: time(() => {
        for (let i = 0; i < reps; i++) decodeMsgpackStrict(mp);
      }),
      bytes: mp.length * reps,
    },
    {
      name: "corridor encodeJson",
      t: time(() => {
        for (let i = 0; i < reps; i++) encodeJson(header);
      }),
      bytes: bytes.length * reps,
    },
    {
      name: "corridor encodeMsgpack",
      t: time(() => {
        for (let i = 0; i < reps; i++) encodeMsgpack(header);
      }),
      bytes: mp.length * reps,
    },
  ]);
}

{
  const size = 64 * 1024 * 1024;
  const big = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
  table(`SHA-256 of ${size / 1048576} MiB`, [
    {
      name: "node:crypto createHash [baseline]",
      t: time(() => createHash("sha256").update(big).digest()),
      bytes: size,
    },
    {
      name: "WebCrypto subtle.digest (corridor sha256)",
      t: await timeAsync(() => sha256(big)),
      bytes: size,
    },
    {
      name: "@noble/hashes (corridor sha256Sync)",
      t: time(() => nobleSha256(big), 1500, 2),
      bytes: size,
    },
  ]);
  const small = big.subarray(0, 1024);
  const reps = 10_000;
  table("SHA-256 of 1 KiB, 10k per run", [
    {
      name: "node:crypto createHash [baseline]",
      t: time(() => {
        for (let i = 0; i < reps; i++) createHash("sha256").update(small).digest();
      }),
      bytes: 1024 * reps,
    },
    {
      name: "WebCrypto subtle.digest (awaited each)",
      t: await timeAsync(async () => {
        for (let i = 0; i < reps; i++) await crypto.subtle.digest("SHA-256", small);
      }),
      bytes: 1024 * reps,
    },
    {
      name: "corridor sha256 (awaited; noble <= 2 KiB)",
      t: await timeAsync(async () => {
        for (let i = 0; i < reps; i++) await sha256(small);
      }),
      bytes: 1024 * reps,
    },
    {
      name: "@noble/hashes sha256Sync",
      t: time(() => {
        for (let i = 0; i < reps; i++) sha256Sync(small);
      }),
      bytes: 1024 * reps,
    },
  ]);
}
