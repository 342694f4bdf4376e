/**
 * Project Wycheproof vectors run through Corridor's own verify and decrypt paths. Corridor is
 * stricter than a general JOSE library, so its verdict per vector is: every `invalid` vector is
 * rejected; every `valid` vector within Corridor's profile (EdDSA / ES256 signatures,
 * ECDH-ES+A256KW with A256GCM, X25519 / P-256) is accepted; every `valid` vector outside it is
 * rejected for being outside it (algorithm or key type), never for a crypto failure.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CorridorError } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import { decodeBase64url } from "../src/codec/index.js";
import { checkEphemeralKey, decryptEntry, parseJwe } from "../src/decrypt.js";
import { checkProtectedHeader, signingInput, verifySignatureBytes } from "../src/lib/jws.js";
import { checkPublicJwk, importPublicKey } from "../src/lib/keys.js";
import { resolveEnvelopeLimits } from "../src/limits.js";

interface Group<T> {
  tests: T[];
  [key: string]: unknown;
}
const load = <T>(name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "vectors/wycheproof", name), "utf8")) as {
    testGroups: Group<
      T & { tcId: number; result: "valid" | "invalid" | "acceptable"; comment: string }
    >[];
  };
const hex = (s: string) => new Uint8Array(Buffer.from(s, "hex"));
const b64u = (b: Uint8Array) => Buffer.from(b).toString("base64url");

/** Corridor's verdict on one JWS against a key set: accepted, or the code that rejected it. */
async function verifyJws(
  jws: unknown,
  keySet: JsonWebKey[],
): Promise<{ ok: true } | { ok: false; code: string }> {
  const reject = (code: string) => ({ ok: false as const, code });
  try {
    let parts: { protected: string; payload: string; signature: string; hasHeader: boolean }[];
    if (typeof jws === "string") {
      const p = jws.split(".");
      if (p.length !== 3) return reject("ERR_ENVELOPE_MALFORMED");
      parts = [{ protected: p[0]!, payload: p[1]!, signature: p[2]!, hasHeader: false }];
    } else return reject("ERR_ENVELOPE_MALFORMED");
    // the key set becomes trusted keys: every key must pass, kids unique
    const kids = new Set<string>();
    const keys = keySet.map((k, i) => {
      const {
        d: _d,
        p: _p,
        q: _q,
        dp: _dp,
        dq: _dq,
        qi: _qi,
        k: _k,
        oth: _oth,
        ...pub
      } = k as Record<string, unknown>;
      const checked = checkPublicJwk(pub, "sig", ["keys", i]);
      const kid = (k as { kid?: string }).kid ?? "";
      if (kids.has(kid)) throw new CorridorError("ERR_TRUST_LIST_INVALID", "duplicate kid");
      kids.add(kid);
      return { kid, ...checked };
    });
    for (const part of parts) {
      const { header, problems } = checkProtectedHeader(
        part.protected,
        part.hasHeader,
        { typ: undefined, agency: false },
        [],
      );
      if (!header) return reject(problems[0]!.code);
      const key = keys.find((k) => k.kid === header.kid);
      if (!key) return reject("ERR_ENVELOPE_SIGNER_UNKNOWN");
      if (key.alg !== header.alg) return reject("ERR_ENVELOPE_KEY_NOT_VALID");
      decodeBase64url(part.payload);
      const signature = decodeBase64url(part.signature);
      const cryptoKey = await importPublicKey(key.jwk, key.alg);
      if (
        !(await verifySignatureBytes(
          header.alg,
          cryptoKey,
          signingInput(part.protected, part.payload),
          signature,
        ))
      ) {
        return reject("ERR_ENVELOPE_SIGNATURE_INVALID");
      }
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof CorridorError) return reject(error.code);
    throw error;
  }
}

const OUTSIDE_PROFILE = new Set([
  "ERR_ENVELOPE_ALG_NOT_ALLOWED",
  "ERR_TRUST_KEY_INVALID",
  "ERR_ENVELOPE_BASE64URL_INVALID",
]);

describe("Wycheproof json_web_signature and json_web_key", () => {
  for (const file of ["json_web_signature_test.json", "json_web_key_test.json"]) {
    it(`${file}: invalid rejected, valid accepted within the profile`, async () => {
      const data = load<{ jws: unknown }>(file);
      const tally = { accepted: 0, rejectedInvalid: 0, outsideProfile: 0 };
      for (const group of data.testGroups) {
        const keySource = (group.public ?? group.private) as JsonWebKey & { keys?: JsonWebKey[] };
        const keySet = keySource?.keys ?? (keySource ? [keySource] : []);
        for (const t of group.tests) {
          const verdict = await verifyJws(t.jws, keySet);
          const header =
            typeof t.jws === "string"
              ? (() => {
                  try {
                    return JSON.parse(Buffer.from(t.jws.split(".")[0]!, "base64url").toString());
                  } catch {
                    return {};
                  }
                })()
              : {};
          const inProfile =
            ["EdDSA", "ES256"].includes(header.alg) &&
            keySet.every((k) => ["EC", "OKP"].includes(k.kty!));
          const label = `${file} tc ${t.tcId} (${t.comment})`;
          if (t.result === "invalid") {
            expect(verdict.ok, label).toBe(false);
            tally.rejectedInvalid++;
          } else if (inProfile) {
            expect(verdict, label).toEqual({ ok: true });
            tally.accepted++;
          } else {
            expect(verdict.ok, label).toBe(false);
            if (!verdict.ok)
              expect(OUTSIDE_PROFILE, `${label}: ${verdict.code}`).toContain(verdict.code);
            tally.outsideProfile++;
          }
        }
      }
      // json_web_signature has two valid ES256 vectors (tc 18, 378); json_web_key has none in profile
      expect(tally.accepted).toBe(file === "json_web_signature_test.json" ? 2 : 0);
      expect(tally.rejectedInvalid).toBeGreaterThan(0);
    });
  }
});

describe("Wycheproof ecdsa_secp256r1_sha256_p1363 (ES256)", () => {
  it("verifies every valid signature (high-S included) and rejects every invalid one", async () => {
    const data = load<{ msg: string; sig: string; flags: string[] }>(
      "ecdsa_secp256r1_sha256_p1363_test.json",
    );
    let n = 0;
    for (const group of data.testGroups) {
      const point = (group.publicKey as { uncompressed: string }).uncompressed;
      const jwk = {
        kty: "EC",
        crv: "P-256",
        x: b64u(hex(point.slice(2, 66))),
        y: b64u(hex(point.slice(66))),
      };
      const { jwk: checked, alg } = checkPublicJwk(jwk, "sig");
      const key = await importPublicKey(checked, alg);
      for (const t of group.tests) {
        const ok = await verifySignatureBytes("ES256", key, hex(t.msg), hex(t.sig));
        expect(ok, `tc ${t.tcId} ${t.comment}`).toBe(t.result === "valid");
        n++;
      }
    }
    expect(n).toBe(262);
  });
});

describe("Wycheproof ed25519 (EdDSA)", () => {
  it("verifies every valid signature and rejects every invalid one (non-canonical S included)", async () => {
    const data = load<{ msg: string; sig: string }>("ed25519_test.json");
    let n = 0;
    for (const group of data.testGroups) {
      const { kid: _kid, ...jwk } = group.publicKeyJwk as Record<string, unknown>;
      const { jwk: checked, alg } = checkPublicJwk(jwk, "sig");
      const key = await importPublicKey(checked, alg);
      for (const t of group.tests) {
        const ok = await verifySignatureBytes("EdDSA", key, hex(t.msg), hex(t.sig));
        expect(ok, `tc ${t.tcId} ${t.comment}`).toBe(t.result === "valid");
        n++;
      }
    }
    expect(n).toBe(151);
  });
});

async function x25519Private(d: Uint8Array): Promise<CryptoKey> {
  const der = Buffer.concat([
    Buffer.from("302e020100300506032b656e04220420", "hex"),
    Buffer.from(d),
  ]);
  return crypto.subtle.importKey("pkcs8", der, { name: "X25519" }, false, ["deriveBits"]);
}

/** The ephemeral-key check of JWE decryption, then the shared secret it would use. */
async function agree(
  epk: Record<string, unknown>,
  privateKey: CryptoKey,
): Promise<Uint8Array | undefined> {
  try {
    await checkEphemeralKey(epk, privateKey, ["epk"]);
  } catch (error) {
    if (error instanceof CorridorError) return undefined;
    throw error;
  }
  const { jwk, alg } = checkPublicJwk(epk, "enc");
  const pub = await importPublicKey(jwk, alg);
  const name = jwk.crv === "X25519" ? "X25519" : "ECDH";
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name, public: pub } as EcdhKeyDeriveParams, privateKey, 256),
  );
}

function checkAgreement(
  t: { tcId: number; comment: string; result: string; shared: string },
  shared: Uint8Array | undefined,
): "accepted" | "rejected" {
  const label = `tc ${t.tcId} ${t.comment}`;
  const zero = /^(00)+$/.test(t.shared);
  if (t.result === "invalid" || zero) expect(shared, label).toBeUndefined();
  else if (t.result === "valid")
    expect(shared && Buffer.from(shared).toString("hex"), label).toBe(t.shared);
  else if (shared !== undefined) expect(Buffer.from(shared).toString("hex"), label).toBe(t.shared);
  return shared === undefined ? "rejected" : "accepted";
}

describe("Wycheproof X25519 and P-256 ECDH (JWE ephemeral keys)", () => {
  it("x25519: correct shared secrets; low-order points (all-zero secret) refused", async () => {
    const data = load<{ public: string; private: string; shared: string }>("x25519_test.json");
    let rejected = 0;
    for (const t of data.testGroups[0]!.tests) {
      const key = await x25519Private(hex(t.private));
      const epk = { kty: "OKP", crv: "X25519", x: b64u(hex(t.public)) };
      if (checkAgreement(t, await agree(epk, key)) === "rejected") rejected++;
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it("x25519_jwk: also refuses keys of other types and curves, and malformed JWKs", async () => {
    const data = load<{ public: Record<string, unknown>; private: JsonWebKey; shared: string }>(
      "x25519_jwk_test.json",
    );
    for (const t of data.testGroups[0]!.tests) {
      const d = Buffer.from(t.private.d!, "base64url");
      const key = await x25519Private(d);
      const { kid: _kid, ...epk } = t.public;
      checkAgreement(t, await agree(epk, key));
    }
  });

  it("ecdh_secp256r1_webcrypto: refuses points off the curve and other curves", async () => {
    const data = load<{ public: Record<string, unknown>; private: JsonWebKey; shared: string }>(
      "ecdh_secp256r1_webcrypto_test.json",
    );
    for (const t of data.testGroups[0]!.tests) {
      const { kid: _k, ...priv } = t.private as Record<string, unknown>;
      const key = await crypto.subtle.importKey(
        "jwk",
        priv as JsonWebKey,
        { name: "ECDH", namedCurve: "P-256" },
        false,
        ["deriveBits"],
      );
      const { kid: _kid, ...epk } = t.public;
      checkAgreement(t, await agree(epk, key));
    }
  });

  it("ecdh_secp256r1 (DER keys): every key a JWK epk can express is handled correctly", async () => {
    const data = load<{ public: string; private: string; shared: string }>(
      "ecdh_secp256r1_test.json",
    );
    const prefix = "3059301306072a8648ce3d020106082a8648ce3d030107034200";
    let expressible = 0;
    let notExpressible = 0;
    for (const t of data.testGroups[0]!.tests) {
      const der = t.public;
      // a JWE epk is a JWK: only uncompressed P-256 points with the standard SPKI can be sent
      if (!(der.startsWith(`${prefix}04`) && der.length === prefix.length + 130)) {
        notExpressible++;
        continue;
      }
      expressible++;
      const point = der.slice(prefix.length + 2);
      const epk = {
        kty: "EC",
        crv: "P-256",
        x: b64u(hex(point.slice(0, 64))),
        y: b64u(hex(point.slice(64))),
      };
      const priv = hex(t.private.replace(/^00/, "").padStart(64, "0"));
      const pkcs8 = Buffer.concat([
        Buffer.from(
          "308141020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420",
          "hex",
        ),
        Buffer.from(priv),
      ]);
      const key = await crypto.subtle.importKey(
        "pkcs8",
        pkcs8,
        { name: "ECDH", namedCurve: "P-256" },
        false,
        ["deriveBits"],
      );
      checkAgreement(t, await agree(epk, key));
    }
    expect(expressible).toBeGreaterThan(300);
    expect(expressible + notExpressible).toBe(612);
  });
});

describe("Wycheproof aes_gcm (A256GCM)", () => {
  it("256-bit key, 96-bit iv, 128-bit tag: WebCrypto decryption as jose calls it", async () => {
    const data = load<{
      key: string;
      iv: string;
      aad: string;
      msg: string;
      ct: string;
      tag: string;
    }>("aes_gcm_test.json");
    let n = 0;
    for (const group of data.testGroups) {
      if (group.keySize !== 256 || group.ivSize !== 96 || group.tagSize !== 128) continue;
      for (const t of group.tests) {
        const key = await crypto.subtle.importKey("raw", hex(t.key), "AES-GCM", false, ["decrypt"]);
        const data = Buffer.concat([hex(t.ct), hex(t.tag)]);
        const out = await crypto.subtle
          .decrypt(
            { name: "AES-GCM", iv: hex(t.iv), additionalData: hex(t.aad), tagLength: 128 },
            key,
            data,
          )
          .then(
            (b) => Buffer.from(b).toString("hex"),
            () => undefined,
          );
        expect(out, `tc ${t.tcId}`).toBe(t.result === "valid" ? t.msg : undefined);
        n++;
      }
    }
    expect(n).toBeGreaterThan(30);
  });

  it("other iv and tag sizes never reach decryption: the JWE profile refuses them", () => {
    const data = load<{ iv: string; tag: string }>("aes_gcm_test.json");
    const limits = resolveEnvelopeLimits();
    const protectedB64 = b64u(
      Buffer.from(
        JSON.stringify({ enc: "A256GCM", typ: "corridor-envelope+jwe", cty: "corridor-envelope" }),
      ),
    );
    const header = {
      alg: "ECDH-ES+A256KW",
      kid: "k",
      epk: { kty: "OKP", crv: "X25519", x: b64u(new Uint8Array(32).fill(9)) },
    };
    for (const group of data.testGroups) {
      if (group.ivSize === 96 && group.tagSize === 128) continue;
      const t = group.tests[0]!;
      const jwe = {
        protected: protectedB64,
        recipients: [{ header, encrypted_key: b64u(new Uint8Array(40)) }],
        iv: b64u(hex(t.iv)),
        ciphertext: "",
        tag: b64u(hex(t.tag)),
      };
      expect(
        () => parseJwe(new Uint8Array(Buffer.from(JSON.stringify(jwe))), limits),
        `ivSize ${group.ivSize} tagSize ${group.tagSize}`,
      ).toThrow(expect.objectContaining({ code: "ERR_ENVELOPE_MALFORMED" }));
    }
  });
});

describe("Wycheproof json_web_encryption", () => {
  it("no vector passes the JWE profile; those within Corridor's algorithms decrypt exactly when valid", async () => {
    const data = load<{ jwe: unknown; pt?: string }>("json_web_encryption_test.json");
    const limits = resolveEnvelopeLimits();
    let core = 0;
    for (const group of data.testGroups) {
      for (const t of group.tests) {
        const label = `tc ${t.tcId} ${t.comment}`;
        if (typeof t.jwe !== "string") continue;
        const p = t.jwe.split(".");
        const general =
          p.length === 5
            ? {
                protected: p[0],
                recipients: [{ header: {}, encrypted_key: p[1] }],
                iv: p[2],
                ciphertext: p[3],
                tag: p[4],
              }
            : { compact: t.jwe };
        // the profile: typ/cty required, alg and kid per recipient — none of Wycheproof's JWEs has them
        expect(
          () => parseJwe(new Uint8Array(Buffer.from(JSON.stringify(general))), limits),
          label,
        ).toThrow(CorridorError);
        // the cryptographic core, for the vectors within Corridor's algorithms
        let header: Record<string, unknown>;
        try {
          header = JSON.parse(Buffer.from(p[0]!, "base64url").toString());
        } catch {
          continue;
        }
        const priv = group.private as Record<string, unknown>;
        if (
          header.alg !== "ECDH-ES+A256KW" ||
          header.enc !== "A256GCM" ||
          priv?.crv !== "P-256" ||
          p.length !== 5
        )
          continue;
        core++;
        const { kid: _k, alg: _a, use: _u, ...material } = priv;
        const key = await crypto.subtle.importKey(
          "jwk",
          material as JsonWebKey,
          { name: "ECDH", namedCurve: "P-256" },
          false,
          ["deriveBits"],
        );
        const out = await decryptEntry(
          { protected: p[0]!, encrypted_key: p[1]!, iv: p[2]!, ciphertext: p[3]!, tag: p[4]! },
          header.epk as Record<string, unknown>,
          ["epk"],
          key,
        ).then(
          (b) => Buffer.from(b).toString("hex"),
          () => undefined,
        );
        expect(out, label).toBe(t.result === "valid" ? t.pt : undefined);
      }
    }
    expect(core).toBeGreaterThan(0);
  });
});
