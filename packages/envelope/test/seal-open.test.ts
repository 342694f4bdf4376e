import { createHash } from "node:crypto";
import { CorridorError } from "@corridor/errors";
import { FlattenedSign, flattenedVerify, generalVerify, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { cosign, inspect, MemoryReplayStore, open, safeOpen, seal } from "../src/index.js";
import { encodeFrame } from "../src/lib/frame.js";
import {
  input,
  KEYS,
  NOTARY,
  NOW,
  NOW_MS,
  notary,
  openOptions,
  publicOf,
  record,
  SENDER,
  signer,
} from "./_fixtures.js";
import { splitFrame } from "./_tamper.js";

const sha256 = (bytes: Uint8Array) =>
  `sha256:${createHash("sha256").update(bytes).digest("base64url")}`;

describe("seal and open", () => {
  it("round-trips records in MessagePack (the default) and in JSON", async () => {
    for (const encoding of ["msgpack", "json"] as const) {
      const records = [record(1), record(2), record(3)];
      const sealed = await seal(input(records, { encoding }), { signer, now: NOW_MS });
      const opened = await open(sealed.envelope, openOptions());
      expect(opened.records).toEqual(records);
      expect(opened.manifest.encoding).toBe(encoding);
      expect(opened.manifest.count).toBe(3);
      expect(opened.manifest.iat).toBe(NOW);
      expect(opened.manifest.exp).toBe(NOW + 86_400);
      expect(opened.signatures).toEqual([{ agency: SENDER, kid: "grc-sig-1", alg: "EdDSA" }]);
      expect(opened.encrypted).toBe(false);
    }
  });

  it("carries an empty batch", async () => {
    const sealed = await seal(input([]), { signer, now: NOW_MS });
    const opened = await open(sealed.envelope, openOptions());
    expect(opened.records).toEqual([]);
    expect(opened.manifest.count).toBe(0);
  });

  it("exports the digest of the signed payload, computed independently", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const { jws } = splitFrame(sealed.envelope);
    const payload = Buffer.from(JSON.parse(jws).payload, "base64url");
    const opened = await open(sealed.envelope, openOptions());
    expect(opened.payloadDigest).toBe(sha256(payload));
    expect(sealed.payloadDigest).toBe(opened.payloadDigest);
    // the manifest carries the body digest, so the payload digest covers the body too
    expect(opened.manifest.digest).toBe(sha256(splitFrame(sealed.envelope).body));
  });

  it("is byte-for-byte reproducible with Ed25519, a fixed clock and a fixed jti", async () => {
    const a = await seal(input(), { signer, now: NOW_MS });
    const b = await seal(input(), { signer, now: NOW_MS });
    expect(Buffer.from(a.envelope).equals(Buffer.from(b.envelope))).toBe(true);
  });

  it("writes a random 16-byte jti when none is given", async () => {
    const { jti: _jti, ...rest } = input();
    const a = await seal(rest, { signer, now: NOW_MS });
    const b = await seal(rest, { signer, now: NOW_MS });
    expect(a.manifest.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.manifest.jti).not.toBe(b.manifest.jti);
  });

  it("signs with a sender and a co-signer (ES256), and both are verified", async () => {
    const sealed = await seal(input(), { signer, cosigners: [notary], now: NOW_MS });
    const opened = await open(sealed.envelope, openOptions({ requiredSigners: [NOTARY] }));
    expect(opened.signatures).toEqual([
      { agency: SENDER, kid: "grc-sig-1", alg: "EdDSA" },
      { agency: NOTARY, kid: "iom-sig-1", alg: "ES256" },
    ]);
  });

  it("adds a notary signature later without changing the payload digest", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const notarized = await cosign(sealed.envelope, notary);
    const opened = await open(notarized, openOptions({ requiredSigners: [NOTARY] }));
    expect(opened.payloadDigest).toBe(sealed.payloadDigest);
    expect(opened.signatures.map((s) => s.agency)).toEqual([SENDER, NOTARY]);
    await expect(cosign(notarized, notary)).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
  });

  it("requires the required co-signer", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const result = await safeOpen(sealed.envelope, openOptions({ requiredSigners: [NOTARY] }));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.failures.map((f) => f.code)).toEqual(["ERR_ENVELOPE_SIGNATURE_MISSING"]);
    }
  });

  it("inspects without verifying", async () => {
    const sealed = await seal(input(), { signer, cosigners: [notary], now: NOW_MS });
    const info = await inspect(sealed.envelope);
    expect(info.kind).toBe("envelope");
    if (info.kind === "envelope") {
      expect(info.manifest.iss).toBe(SENDER);
      expect(info.payloadDigest).toBe(sealed.payloadDigest);
      expect(info.signatures).toEqual([
        { agency: SENDER, kid: "grc-sig-1", alg: "EdDSA" },
        { agency: NOTARY, kid: "iom-sig-1", alg: "ES256" },
      ]);
    }
  });

  it("refuses held records and invalid records at sealing, naming the record", async () => {
    const held = {
      ...record(1),
      person: { identifiers: { name: { given: "Amina" } }, attributes: {} },
    };
    await expect(seal(input([record(1), held]), { signer, now: NOW_MS })).rejects.toMatchObject({
      code: "ERR_RECORD_INVALID",
      path: ["records", 1],
    });
  });

  it("recordsValidated: true skips the sender's validation only; the receiver still refuses", async () => {
    const valid = [record(1), record(2)];
    const checked = await seal(input(valid), { signer, now: NOW_MS });
    const trusted = await seal(input(valid), { signer, now: NOW_MS, recordsValidated: true });
    // same records, same bytes (Ed25519 with a fixed now and jti is deterministic)
    expect(Buffer.from(trusted.envelope).equals(Buffer.from(checked.envelope))).toBe(true);
    const opened = await open(trusted.envelope, openOptions());
    expect(opened.records).toEqual(valid);

    const held = {
      ...record(3),
      person: { identifiers: { name: { given: "Amina" } }, attributes: {} },
    };
    await expect(
      seal(input([record(1), held]), { signer, now: NOW_MS, recordsValidated: false }),
    ).rejects.toMatchObject({ code: "ERR_RECORD_INVALID", path: ["records", 1] });
    // the caller's assertion was false: the envelope is sealed, and the recipient refuses it
    const wrong = await seal(input([record(1), held]), {
      signer,
      now: NOW_MS,
      recordsValidated: true,
    });
    await expect(open(wrong.envelope, openOptions())).rejects.toMatchObject({
      code: "ERR_RECORD_INVALID",
    });
    await expect(
      seal(input(valid), {
        signer,
        now: NOW_MS,
        recordsValidated: "yes" as unknown as boolean,
      }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT", path: ["recordsValidated"] });
    await expect(
      seal(input("not an array" as unknown as unknown[]), {
        signer,
        now: NOW_MS,
        recordsValidated: true,
      }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT", path: ["records"] });
  });

  it("refuses a sender signer that is not iss, and an aud that cannot decrypt", async () => {
    await expect(
      seal(input(), { signer: { ...signer, agency: "ITA.interior" }, now: NOW_MS }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
    await expect(
      seal(input(), {
        signer,
        now: NOW_MS,
        encryptTo: [{ agency: "ITA.interior", kid: "ita-enc-1", publicKey: publicOf(KEYS.itaEnc) }],
      }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT", path: ["encryptTo", 0, "agency"] });
  });

  it("refuses an ill-formed manifest at sealing", async () => {
    await expect(
      seal(input([record(1)], { purpose: "Asylum Procedure" }), { signer, now: NOW_MS }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT", path: ["purpose"] });
  });
});

describe("interoperability with another JOSE implementation (jose)", () => {
  it("jose verifies every signature of a Corridor JWS", async () => {
    const sealed = await seal(input(), { signer, cosigners: [notary], now: NOW_MS });
    const jws = JSON.parse(splitFrame(sealed.envelope).jws);
    const keys = [
      await importJWK(publicOf(KEYS.grcSig), "EdDSA"),
      await importJWK(publicOf(KEYS.iomSig), "ES256"),
    ];
    for (const [i, sig] of jws.signatures.entries()) {
      const result = await flattenedVerify({ payload: jws.payload, ...sig }, keys[i]!);
      expect(Buffer.from(result.payload).toString()).toContain('"iss":"GRC.asylum-service"');
      expect(result.protectedHeader).toMatchObject({
        typ: "corridor-envelope+jws",
        agency: i === 0 ? SENDER : NOTARY,
      });
    }
    const general = await generalVerify(jws, keys[0]!);
    expect(general.protectedHeader?.kid).toBe("grc-sig-1");
  });

  it("Corridor opens an envelope whose signature jose made", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const { jws, body } = splitFrame(sealed.envelope);
    const payload = Buffer.from(JSON.parse(jws).payload, "base64url");
    const flat = await new FlattenedSign(payload)
      .setProtectedHeader({
        alg: "ES256",
        typ: "corridor-envelope+jws",
        kid: "iom-sig-1",
        agency: NOTARY,
      })
      .sign(await importJWK(KEYS.iomSig, "ES256"));
    const senderSig = JSON.parse(jws).signatures[0];
    const general = {
      payload: flat.payload,
      signatures: [senderSig, { protected: flat.protected, signature: flat.signature }],
    };
    const frame = encodeFrame(new TextEncoder().encode(JSON.stringify(general)), body);
    const opened = await open(frame, openOptions({ requiredSigners: [NOTARY] }));
    expect(opened.signatures.map((s) => s.alg)).toEqual(["EdDSA", "ES256"]);
  });
});

describe("the order and completeness of failures", () => {
  it("reports every failed check, in check order, and delivers nothing", async () => {
    const sealed = await seal(input([record(1)], { aud: ["ITA.interior"] }), {
      signer: { ...signer, kid: "grc-sig-2", privateKey: KEYS.grcSig }, // wrong key for kid
      now: NOW_MS - 8 * 86_400_000, // expired by now
    });
    const replay = new MemoryReplayStore({ now: NOW_MS });
    replay.put(SENDER, "test-jti-0000000001", NOW + 1000);
    const result = await safeOpen(sealed.envelope, openOptions({ replay }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.failures.map((f) => [f.check, f.code])).toEqual([
      ["signature", "ERR_ENVELOPE_SIGNATURE_INVALID"],
      ["audience", "ERR_ENVELOPE_AUDIENCE_MISMATCH"],
      ["expiry", "ERR_ENVELOPE_EXPIRED"],
      ["replay", "ERR_ENVELOPE_REPLAYED"],
    ]);
    expect(result.error.code).toBe("ERR_ENVELOPE_SIGNATURE_INVALID");
    expect(result.error.issues.map((i) => i.reason)).toEqual(result.failures.map((f) => f.code));
    await expect(open(sealed.envelope, openOptions({ replay }))).rejects.toMatchObject({
      code: "ERR_ENVELOPE_SIGNATURE_INVALID",
    });
  });

  it("records (iss, jti) only when every check passed", async () => {
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const bad = await seal(input(), { signer, now: NOW_MS });
    const wrongRecipient = await safeOpen(
      bad.envelope,
      openOptions({ replay, recipient: "ITA.interior" }),
    );
    expect(wrongRecipient.success).toBe(false);
    expect(replay.has(SENDER, "test-jti-0000000001")).toBe(false);
    const ok = await safeOpen(bad.envelope, openOptions({ replay }));
    expect(ok.success).toBe(true);
    expect(replay.has(SENDER, "test-jti-0000000001")).toBe(true);
    const again = await safeOpen(bad.envelope, openOptions({ replay }));
    expect(again.success ? [] : again.failures.map((f) => f.code)).toEqual([
      "ERR_ENVELOPE_REPLAYED",
    ]);
  });

  it("keys replay on (iss, jti), not on bytes: a co-signed copy is still a replay", async () => {
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const sealed = await seal(input(), { signer, now: NOW_MS });
    await open(sealed.envelope, openOptions({ replay }));
    const copy = await cosign(sealed.envelope, notary);
    const result = await safeOpen(copy, openOptions({ replay }));
    expect(result.success ? [] : result.failures.map((f) => f.code)).toEqual([
      "ERR_ENVELOPE_REPLAYED",
    ]);
  });

  it("reports bad options as ERR_INVALID_ARGUMENT instead of throwing", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const result = await safeOpen(sealed.envelope, openOptions({ recipient: "germany" }));
    expect(result.success ? [] : result.failures.map((f) => [f.check, f.code])).toEqual([
      ["options", "ERR_INVALID_ARGUMENT"],
    ]);
  });
});

describe("other document types, stream positions and the safe twins", () => {
  it("carries another document type, validated by the caller's validateItem", async () => {
    const receipt = {
      envelope: "sha256:3lITxt6AgU3D--3bKOEnsa09IS21cWsPMEXMhYkpLXk",
      status: "accepted",
    };
    const sealed = await seal(
      {
        doc: "receipt",
        iss: SENDER,
        aud: ["DEU.bamf"],
        items: [receipt],
        jti: "receipt-jti-00000001",
      },
      { signer, now: NOW_MS },
    );
    expect(sealed.manifest.doc).toBe("receipt");
    expect(sealed.manifest.agreement).toBeUndefined();
    const validateItem = (item: unknown) => {
      const r = item as { status?: unknown };
      if (r.status !== "accepted" && r.status !== "rejected") {
        throw new CorridorError("ERR_INVALID_ARGUMENT", "status: unknown", { path: ["status"] });
      }
      return r;
    };
    const opened = await open(sealed.envelope, { ...openOptions(), doc: "receipt", validateItem });
    expect(opened.records).toEqual([receipt]);
    // a records receiver refuses it, and a receipt receiver needs a validator
    const asRecords = await safeOpen(sealed.envelope, openOptions());
    expect(asRecords.success ? [] : asRecords.failures.map((f) => f.code)).toEqual([
      "ERR_ENVELOPE_TYPE_MISMATCH",
    ]);
    const noValidator = await safeOpen(sealed.envelope, { ...openOptions(), doc: "receipt" });
    expect(noValidator.success ? [] : noValidator.failures.map((f) => [f.check, f.code])).toEqual([
      ["options", "ERR_INVALID_ARGUMENT"],
    ]);
  });

  it("reports an item the caller's validator rejects with its code and index", async () => {
    const sealed = await seal(
      {
        doc: "receipt",
        iss: SENDER,
        aud: ["DEU.bamf"],
        items: [{ ok: 1 }, { ok: 2 }],
        jti: "receipt-jti-00000002",
      },
      { signer, now: NOW_MS },
    );
    const validateItem = (item: unknown, index: number) => {
      if (index === 1)
        throw new CorridorError("ERR_INVALID_ARGUMENT", "bad item", { path: ["ok"] });
      return item;
    };
    const result = await safeOpen(sealed.envelope, {
      ...openOptions(),
      doc: "receipt",
      validateItem,
    });
    expect(
      result.success ? [] : result.failures.map((f) => [f.check, f.code, f.path.join(".")]),
    ).toEqual([["records", "ERR_INVALID_ARGUMENT", "records.1.ok"]]);
  });

  it("carries a stream position, and refuses an inconsistent one when sealing", async () => {
    const prev = "sha256:3lITxt6AgU3D--3bKOEnsa09IS21cWsPMEXMhYkpLXk";
    const stream = { id: "stream-id-000000001", seq: 3, prev, final: true, total: 12 };
    const sealed = await seal(input([record(1)], { stream }), { signer, now: NOW_MS });
    const opened = await open(sealed.envelope, openOptions());
    expect(opened.manifest.stream).toEqual(stream);
    for (const bad of [
      { id: "stream-id-000000001", seq: 1, final: false },
      { id: "stream-id-000000001", seq: 0, prev, final: false },
      { id: "stream-id-000000001", seq: 2, prev, final: true },
      { id: "stream-id-000000001", seq: 2, prev, final: false, total: 4 },
      { id: "short", seq: 0, final: false },
    ]) {
      await expect(
        seal(input([record(1)], { stream: bad }), { signer, now: NOW_MS }),
      ).rejects.toMatchObject({
        code: "ERR_INVALID_ARGUMENT",
      });
    }
  });

  it("every throwing operation has a safe twin that returns the error", async () => {
    const { safeSeal, safeCosign, safeInspect, safeDecrypt, safeEncrypt, safeCreateTrustStore } =
      await import("../src/index.js");
    const bad = await safeSeal(input(), {
      signer: { ...signer, agency: "ITA.interior" },
      now: NOW_MS,
    });
    expect(bad.success ? "" : bad.error.code).toBe("ERR_INVALID_ARGUMENT");
    const garbage = new Uint8Array([1, 2, 3]);
    expect((await safeCosign(garbage, notary)).success).toBe(false);
    const inspected = await safeInspect(garbage);
    expect(inspected.success ? "" : inspected.error.code).toBe("ERR_ENVELOPE_MALFORMED");
    const decrypted = await safeDecrypt(new TextEncoder().encode("{}"), {
      keys: [{ kid: "k", privateKey: KEYS.deuEnc }],
    });
    expect(decrypted.success ? "" : decrypted.error.code).toBe("ERR_ENVELOPE_MALFORMED");
    expect((await safeEncrypt(garbage, { recipients: [] })).success).toBe(false);
    const store = safeCreateTrustStore({ nope: { keys: [] } } as never);
    expect(store.success ? "" : store.error.code).toBe("ERR_TRUST_LIST_INVALID");
  });
});
