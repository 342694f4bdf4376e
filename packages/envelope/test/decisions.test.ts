/**
 * One test per decision of spec/envelope.md §9 ("Decisions"), so each stays a tested fact.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CLOCK_SKEW,
  DEFAULT_ENVELOPE_LIMITS,
  DEFAULT_MAX_LIFETIME,
  MEDIA_TYPES,
  open,
  resolveEnvelopeLimits,
  safeOpen,
  seal,
  signTrustList,
} from "../src/index.js";
import {
  ANCHOR_ID,
  agencies,
  input,
  KEYS,
  NOTARY,
  NOW,
  NOW_MS,
  notary,
  openOptions,
  record,
  signer,
  trust,
} from "./_fixtures.js";
import { joinFrame, splitFrame, unb64u } from "./_tamper.js";

const P256_N = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
const codes = (r: Awaited<ReturnType<typeof safeOpen>>) =>
  r.success ? [] : r.failures.map((f) => f.code);

describe("§9.1 high-S ECDSA signatures are accepted", () => {
  it("both (r, s) and (r, n - s) verify, and the payload digest (the identity) is the same", async () => {
    const sealed = await seal(input(), { signer, cosigners: [notary], now: NOW_MS });
    const { jws, body } = splitFrame(sealed.envelope);
    const parsed = JSON.parse(jws);
    const sig = unb64u(parsed.signatures[1].signature);
    const s = BigInt(`0x${sig.subarray(32).toString("hex")}`);
    const mirrored = Buffer.concat([
      sig.subarray(0, 32),
      Buffer.from((P256_N - s).toString(16).padStart(64, "0"), "hex"),
    ]);
    parsed.signatures[1].signature = mirrored.toString("base64url");
    const other = joinFrame(JSON.stringify(parsed), body);
    const a = await open(sealed.envelope, openOptions({ requiredSigners: [NOTARY] }));
    const b = await open(other, openOptions({ requiredSigners: [NOTARY] }));
    expect(b.payloadDigest).toBe(a.payloadDigest);
    expect(Buffer.from(other).equals(Buffer.from(sealed.envelope))).toBe(false);
  });
});

describe("§9.2 kid (and agency) are required in every protected header", () => {
  it("is written by seal", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const header = JSON.parse(
      unb64u(JSON.parse(splitFrame(sealed.envelope).jws).signatures[0].protected).toString(),
    );
    expect(header).toEqual({
      alg: "EdDSA",
      typ: "corridor-envelope+jws",
      kid: "grc-sig-1",
      agency: "GRC.asylum-service",
    });
  });
});

describe("§9.3 typ values", () => {
  it("are the registered strings, compared exactly", () => {
    expect(MEDIA_TYPES).toEqual({
      envelopeJws: "corridor-envelope+jws",
      envelopeJwe: "corridor-envelope+jwe",
      envelope: "corridor-envelope",
      trustList: "corridor-trust-list+jws",
    });
  });
  it("a trust list cannot be passed off as an envelope (different typ)", async () => {
    const signed = await signTrustList(
      {
        ver: "1.0",
        doc: "trust-list",
        iss: ANCHOR_ID,
        seq: 1,
        iat: NOW,
        exp: NOW + 10,
        agencies: {},
      },
      { id: ANCHOR_ID, kid: "fed-1", privateKey: KEYS.anchor },
    );
    const frame = joinFrame(signed, new Uint8Array());
    const result = await safeOpen(frame, openOptions());
    expect(
      result.success ? [] : result.failures.map((f) => [f.code, f.path.join(".")]),
    ).toContainEqual(["ERR_ENVELOPE_TYPE_MISMATCH", "signatures.0.protected.typ"]);
  });
});

describe("§9.4 limits: defaults, and how a deployment changes them", () => {
  it("defaults", () => {
    expect(DEFAULT_ENVELOPE_LIMITS).toEqual({
      maxBytes: 64 * 1024 * 1024,
      maxDepth: 32,
      maxStringLength: 64 * 1024,
      maxContainerLength: 1_000_000,
      maxRecords: 1_000_000,
      maxJwsBytes: 64 * 1024,
      maxSignatures: 8,
      maxAudience: 64,
      maxRecipients: 64,
    });
  });
  it("a deployment lowers or raises them per call; unknown or bad limits are refused", async () => {
    const sealed = await seal(input([record(1), record(2), record(3)]), { signer, now: NOW_MS });
    expect(
      codes(await safeOpen(sealed.envelope, openOptions({ limits: { maxRecords: 2 } }))),
    ).toEqual(["ERR_LIMIT_EXCEEDED"]);
    expect(
      (await safeOpen(sealed.envelope, openOptions({ limits: { maxRecords: 3 } }))).success,
    ).toBe(true);
    expect(() => resolveEnvelopeLimits({ maxRecord: 3 } as never)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }),
    );
    expect(() => resolveEnvelopeLimits({ maxSignatures: 0 })).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }),
    );
    expect(resolveEnvelopeLimits({ maxBytes: 512 * 1024 * 1024 }).maxBytes).toBe(512 * 1024 * 1024);
  });
});

describe("§9.5 maximum lifetime and clock skew", () => {
  it("defaults: 7 days, 300 seconds; both configurable", async () => {
    expect(DEFAULT_MAX_LIFETIME).toBe(604_800);
    expect(DEFAULT_CLOCK_SKEW).toBe(300);
    const week = await seal(input(), { signer, now: NOW_MS, expiresIn: 604_800 });
    expect((await safeOpen(week.envelope, openOptions())).success).toBe(true);
    const longer = await seal(input(), { signer, now: NOW_MS, expiresIn: 604_801 });
    expect(codes(await safeOpen(longer.envelope, openOptions()))).toEqual([
      "ERR_ENVELOPE_LIFETIME_INVALID",
    ]);
    expect(
      (await safeOpen(longer.envelope, openOptions({ maxLifetime: 30 * 86_400 }))).success,
    ).toBe(true);
    const early = await seal(input(), { signer, now: NOW_MS + 60_000 });
    expect((await safeOpen(early.envelope, openOptions())).success).toBe(true);
    expect(codes(await safeOpen(early.envelope, openOptions({ clockSkew: 0 })))).toEqual([
      "ERR_ENVELOPE_NOT_YET_VALID",
    ]);
  });
});

describe("§9.6 strings are not normalized; every 1.0 manifest string is ASCII", () => {
  it("the manifest an envelope signs is pure ASCII", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const payload = unb64u(JSON.parse(splitFrame(sealed.envelope).jws).payload);
    expect(payload.every((b) => b < 0x80)).toBe(true);
  });
  it("seal refuses non-ASCII codes rather than normalizing them", async () => {
    for (const purpose of [
      "asylum-procédure".normalize("NFC"),
      "asylum-procédure".normalize("NFD"),
    ]) {
      await expect(
        seal(input([record(1)], { purpose }), { signer, now: NOW_MS }),
      ).rejects.toMatchObject({
        code: "ERR_INVALID_ARGUMENT",
        path: ["purpose"],
      });
    }
  });
  it("the body's bytes are signed exactly: no re-encoding changes them", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const { body } = splitFrame(sealed.envelope);
    expect(sealed.manifest.digest).toBe(
      `sha256:${createHash("sha256").update(body).digest("base64url")}`,
    );
  });
});

describe("§9.7 key validity is judged at iat", () => {
  it("an archive stays verifiable after the key expired; a key not yet valid at iat fails", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const expiredSince = (await import("../src/index.js")).createTrustStore(
      agencies({ grcSig: { exp: NOW + 1 } }),
    );
    const later = (NOW + 3 * 86_400) * 1000;
    const r = await safeOpen(
      sealed.envelope,
      openOptions({ trust: expiredSince, now: later, maxLifetime: 7 * 86_400 }),
    );
    // only the envelope's own expiry fails, not the key
    expect(codes(r)).toEqual(["ERR_ENVELOPE_EXPIRED"]);
  });
});

describe("§9.8 every signature present must verify, and the sender's must be there", () => {
  it("one good sender signature does not carry a bad co-signature", async () => {
    const sealed = await seal(input(), { signer, cosigners: [notary], now: NOW_MS });
    const { jws, body } = splitFrame(sealed.envelope);
    const parsed = JSON.parse(jws);
    const sig = unb64u(parsed.signatures[1].signature);
    sig[0]! ^= 1;
    parsed.signatures[1].signature = sig.toString("base64url");
    const result = await safeOpen(joinFrame(JSON.stringify(parsed), body), openOptions());
    expect(codes(result)).toEqual(["ERR_ENVELOPE_SIGNATURE_INVALID"]);
  });
  it("an unknown extra signer fails the envelope (no 'any one verifies')", async () => {
    const sealed = await seal(input(), {
      signer,
      cosigners: [{ agency: "ESP.police", kid: "x", privateKey: KEYS.stranger }],
      now: NOW_MS,
    });
    expect(codes(await safeOpen(sealed.envelope, openOptions({ trust })))).toEqual([
      "ERR_ENVELOPE_SIGNER_UNKNOWN",
    ]);
  });
});
