/**
 * The open() cases published as spec/test-vectors/envelope/open.json: every rejection rule of
 * spec/envelope.md with the codes it must produce, and valid envelopes with their outputs.
 *
 * Envelopes are made with `seal` / `encrypt` and then altered with node:crypto (re-signed where
 * the rule under test must be isolated from the signature check). The expected codes are written
 * here by hand from the spec — never taken from running `open`.
 */
import { createHash, createHmac } from "node:crypto";
import type { TrustedAgencies } from "../src/index.js";
import { encrypt, seal } from "../src/index.js";
import {
  agencies,
  deuKeys,
  input,
  KEY_NBF,
  KEYS,
  NOTARY,
  NOW,
  NOW_MS,
  notary,
  OTHER,
  publicOf,
  RECIPIENT,
  record,
  SENDER,
  signer,
} from "./_fixtures.js";
import { b64u, joinFrame, nodeSignJws, resign, splitFrame, unb64u } from "./_tamper.js";

export interface VectorInput {
  /** The envelope bytes (frame or JWE text), base64url. */
  envelope: string;
  recipient: string;
  /** Verification time, seconds since the epoch. */
  now: number;
  trust: TrustedAgencies;
  decryptionKeys?: { kid: string; privateKey: JsonWebKey }[];
  /** (iss, jti, expiresAt) entries already in the replay store. */
  replay?: [string, string, number][];
  requiredSigners?: string[];
  requireEncryption?: boolean;
  clockSkew?: number;
  maxLifetime?: number;
  limits?: Record<string, number>;
}

export interface Vector {
  description: string;
  input: VectorInput;
  output?: { payloadDigest: string; manifest: Record<string, unknown>; records: unknown[] };
  errors?: { code: string; path?: string }[];
}

const sha256 = (b: Uint8Array | string) =>
  `sha256:${createHash("sha256").update(b).digest("base64url")}`;

function base(envelope: Uint8Array, extra: Partial<VectorInput> = {}): VectorInput {
  return { envelope: b64u(envelope), recipient: RECIPIENT, now: NOW, trust: agencies(), ...extra };
}

const errors = (...codes: (string | [string, string])[]) =>
  codes.map((c) => (typeof c === "string" ? { code: c } : { code: c[0], path: c[1] }));

function manifestOf(frame: Uint8Array): Record<string, unknown> {
  return JSON.parse(unb64u(JSON.parse(splitFrame(frame).jws).payload).toString("utf8"));
}

function ok(
  frame: Uint8Array,
  records: unknown[],
  decrypted?: Uint8Array,
): NonNullable<Vector["output"]> {
  const inner = decrypted ?? frame;
  const payload = unb64u(JSON.parse(splitFrame(inner).jws).payload);
  return { payloadDigest: sha256(payload), manifest: manifestOf(inner), records };
}

/** A msgpack body from raw bytes, with the manifest re-signed to match it (digest and count). */
function withBody(
  frame: Uint8Array,
  body: Uint8Array,
  count: number,
  encoding = "msgpack",
): Uint8Array {
  return resign(
    frame,
    { manifest: (m) => ({ ...m, digest: sha256(body), count, encoding }), body: () => body },
    KEYS.grcSig,
  );
}

/** P-256 group order n (FIPS 186-4 D.1.2.3). */
const P256_N = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

function highS(signatureB64: string): string {
  const sig = unb64u(signatureB64);
  const s = BigInt(`0x${sig.subarray(32).toString("hex")}`);
  const other = P256_N - s;
  const flipped = Buffer.from(other.toString(16).padStart(64, "0"), "hex");
  return b64u(Buffer.concat([sig.subarray(0, 32), flipped]));
}

function editJws(frame: Uint8Array, edit: (jws: Record<string, unknown>) => unknown): Uint8Array {
  const { jws, body } = splitFrame(frame);
  return joinFrame(JSON.stringify(edit(JSON.parse(jws))), body);
}

function editJwe(jwe: Uint8Array, edit: (jwe: Record<string, unknown>) => unknown): Uint8Array {
  return new Uint8Array(
    Buffer.from(JSON.stringify(edit(JSON.parse(Buffer.from(jwe).toString("utf8"))))),
  );
}

export async function buildVectors(): Promise<Vector[]> {
  const v: Vector[] = [];
  const now = NOW_MS;
  const records = [record(1), record(2)];
  const plain = (await seal(input(records), { signer, now })).envelope;
  const json = (
    await seal(input(records, { encoding: "json", jti: "test-jti-json-000001" }), { signer, now })
  ).envelope;
  const notarized = (
    await seal(input(records, { jti: "test-jti-notary-00001" }), {
      signer,
      cosigners: [notary],
      now,
    })
  ).envelope;
  const re = (edit: Parameters<typeof resign>[1], key: JsonWebKey = KEYS.grcSig) =>
    resign(plain, edit, key);

  // ---------------------------------------------------------------- valid envelopes
  v.push({
    description: "valid: Ed25519 sender, MessagePack body",
    input: base(plain),
    output: ok(plain, records),
  });
  v.push({ description: "valid: JSON body", input: base(json), output: ok(json, records) });
  v.push({
    description: "valid: sender (EdDSA) and required notary (ES256)",
    input: base(notarized, { requiredSigners: [NOTARY] }),
    output: ok(notarized, records),
  });
  {
    const jws = JSON.parse(splitFrame(notarized).jws);
    jws.signatures[1].signature = highS(jws.signatures[1].signature);
    const frame = joinFrame(JSON.stringify(jws), splitFrame(notarized).body);
    v.push({
      description: "valid: high-S ES256 signature (n - s) is accepted (spec/envelope.md §9.1)",
      input: base(frame, { requiredSigners: [NOTARY] }),
      output: ok(frame, records),
    });
  }
  {
    const sealed = await seal(input(records, { jti: "test-jti-encrypted-01" }), {
      signer,
      now,
      encryptTo: [
        { agency: RECIPIENT, kid: "deu-enc-1", publicKey: publicOf(KEYS.deuEnc) },
        { agency: RECIPIENT, kid: "deu-enc-2", publicKey: publicOf(KEYS.deuEncP256) },
      ],
    });
    const inner = (await import("../src/index.js")).decrypt(sealed.envelope, { keys: deuKeys });
    v.push({
      description: "valid: encrypted to the recipient's X25519 and P-256 keys (JWE General JSON)",
      input: base(sealed.envelope, {
        decryptionKeys: [{ kid: "deu-enc-2", privateKey: KEYS.deuEncP256 }],
        requireEncryption: true,
      }),
      output: ok(sealed.envelope, records, (await inner).envelope),
    });
  }
  {
    const trust = agencies({ grcSig: { revoked_at: NOW + 1 } });
    v.push({
      description: "valid: key revoked after iat: the signature made before revocation stays valid",
      input: base(plain, { trust }),
      output: ok(plain, records),
    });
  }
  v.push({
    description: "valid: iat in the future within the clock skew (300 s)",
    input: base(plain, { now: NOW - 300 }),
    output: ok(plain, records),
  });
  {
    const trust = agencies({ grcSig: { exp: NOW + 10 } });
    v.push({
      description:
        "valid: key validity judged at iat: opened after the key expired (archive re-verification)",
      input: base(plain, { trust, now: NOW + 3600 }),
      output: ok(plain, records),
    });
  }

  // ---------------------------------------------------------------- frame
  {
    const bad = new Uint8Array(plain);
    bad[0] = 0x58;
    v.push({
      description: "frame: bad magic bytes",
      input: base(bad),
      errors: errors(["ERR_ENVELOPE_MALFORMED", "envelope"]),
    });
  }
  {
    const { jws, body } = splitFrame(plain);
    v.push({
      description: "frame: unknown frame version",
      input: base(joinFrame(jws, body, 2)),
      errors: errors(["ERR_ENVELOPE_VERSION_UNSUPPORTED", "envelope.version"]),
    });
  }
  v.push({
    description: "frame: bytes after the body",
    input: base(new Uint8Array([...plain, 0])),
    errors: errors(["ERR_ENVELOPE_MALFORMED", "envelope"]),
  });
  v.push({
    description: "frame: truncated body",
    input: base(plain.subarray(0, plain.length - 1)),
    errors: errors(["ERR_ENVELOPE_MALFORMED", "envelope.body"]),
  });
  v.push({
    description: "limits: JWS larger than limits.maxJwsBytes (checked before parsing)",
    input: base(plain, { limits: { maxJwsBytes: 256 } }),
    errors: errors(["ERR_LIMIT_EXCEEDED", "envelope.jws"]),
  });
  v.push({
    description: "limits: body larger than limits.maxBytes (checked before hashing or decoding)",
    input: base(plain, { limits: { maxBytes: 64 } }),
    errors: errors("ERR_LIMIT_EXCEEDED"),
  });

  // ---------------------------------------------------------------- JWS JSON
  v.push({
    description: "JWS: flattened serialization instead of general",
    input: base(
      editJws(plain, (j) => {
        const s = (j.signatures as Record<string, unknown>[])[0]!;
        return { payload: j.payload, protected: s.protected, signature: s.signature };
      }),
    ),
    errors: errors(["ERR_ENVELOPE_MALFORMED", "jws.protected"]),
  });
  v.push({
    description: "JWS: detached payload (payload member absent)",
    input: base(editJws(plain, (j) => ({ signatures: j.signatures }))),
    errors: errors(["ERR_ENVELOPE_MALFORMED", "jws.payload"]),
  });
  v.push({
    description: "JWS: empty signatures array",
    input: base(editJws(plain, (j) => ({ payload: j.payload, signatures: [] }))),
    errors: errors(["ERR_ENVELOPE_MALFORMED", "jws.signatures"]),
  });
  {
    const { jws, body } = splitFrame(plain);
    const dup = jws.replace('{"payload":', '{"payload":"AAAA","payload":');
    v.push({
      description: "JWS: duplicate JSON key (payload twice)",
      input: base(joinFrame(dup, body)),
      errors: errors(["ERR_ENVELOPE_DUPLICATE_KEY", "payload"]),
    });
    const proto = jws.replace('{"payload":', '{"__proto__":{},"payload":');
    v.push({
      description: "JWS: __proto__ member",
      input: base(joinFrame(proto, body)),
      errors: errors(["ERR_ENVELOPE_FORBIDDEN_KEY", "__proto__"]),
    });
    v.push({
      description: "JWS: not valid UTF-8",
      input: base(
        joinFrame(
          new Uint8Array([
            ...Buffer.from(jws.slice(0, 20)),
            0xc0,
            0xaf,
            ...Buffer.from(jws.slice(20)),
          ]),
          body,
        ),
      ),
      errors: errors("ERR_ENVELOPE_JSON_INVALID"),
    });
  }
  v.push({
    description: "base64url: payload with padding",
    input: base(editJws(plain, (j) => ({ ...j, payload: `${j.payload}=` }))),
    errors: errors("ERR_ENVELOPE_BASE64URL_INVALID"),
  });
  v.push({
    description: "base64url: signature with non-zero unused trailing bits (non-canonical)",
    input: base(
      editJws(plain, (j) => {
        // 64 bytes = 86 characters; the last one carries 4 unused bits, which must be zero
        const s = (j.signatures as Record<string, string>[])[0]!;
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const sig = s.signature!;
        const last = alphabet.indexOf(sig[85]!);
        s.signature = sig.slice(0, 85) + alphabet[last | 1]!;
        return j;
      }),
    ),
    errors: errors("ERR_ENVELOPE_BASE64URL_INVALID"),
  });
  v.push({
    description: "limits: more signatures than limits.maxSignatures",
    input: base(notarized, { limits: { maxSignatures: 1 } }),
    errors: errors(["ERR_LIMIT_EXCEEDED", "jws.signatures"]),
  });

  // ---------------------------------------------------------------- protected headers
  v.push({
    description: 'header: alg "none" with an empty signature',
    input: base(
      editJws(re({ header: (h) => ({ ...h, alg: "none" }) }), (j) => {
        (j.signatures as Record<string, unknown>[])[0]!.signature = "";
        return j;
      }),
    ),
    errors: errors(["ERR_ENVELOPE_ALG_NOT_ALLOWED", "signatures[0].protected.alg"]),
  });
  {
    // HS256 keyed with the sender's public key bytes: the classic algorithm-confusion attack
    const frame = re({ header: (h) => ({ ...h, alg: "HS256" }) });
    const jws = JSON.parse(splitFrame(frame).jws);
    const sig = jws.signatures[0];
    sig.signature = createHmac("sha256", unb64u(KEYS.grcSig.x!))
      .update(`${sig.protected}.${jws.payload}`)
      .digest("base64url");
    v.push({
      description: "header: alg HS256 keyed with the sender's public key (algorithm confusion)",
      input: base(joinFrame(JSON.stringify(jws), splitFrame(frame).body)),
      errors: errors(["ERR_ENVELOPE_ALG_NOT_ALLOWED", "signatures[0].protected.alg"]),
    });
  }
  v.push({
    description: "header: alg RS256",
    input: base(re({ header: (h) => ({ ...h, alg: "RS256" }) })),
    errors: errors(["ERR_ENVELOPE_ALG_NOT_ALLOWED", "signatures[0].protected.alg"]),
  });
  v.push({
    description: "header: alg ES256 claimed for the sender's Ed25519 key",
    input: base(re({ header: (h) => ({ ...h, alg: "ES256" }) })),
    errors: errors(["ERR_ENVELOPE_KEY_NOT_VALID", "signatures[0].protected.kid"]),
  });
  v.push({
    description: "header: crit lists an extension",
    input: base(re({ header: (h) => ({ ...h, crit: ["exp"] }) })),
    errors: errors(["ERR_ENVELOPE_CRIT_UNSUPPORTED", "signatures[0].protected.crit"]),
  });
  v.push({
    description: "header: b64 false (RFC 7797) with crit",
    input: base(re({ header: (h) => ({ ...h, b64: false, crit: ["b64"] }) })),
    errors: errors(
      ["ERR_ENVELOPE_CRIT_UNSUPPORTED", "signatures[0].protected.crit"],
      ["ERR_ENVELOPE_HEADER_INVALID", "signatures[0].protected.b64"],
    ),
  });
  for (const [name, value] of [
    ["jwk", { kty: "OKP", crv: "Ed25519", x: KEYS.stranger.x }],
    ["jku", "https://attacker.example/jwks.json"],
    ["x5u", "https://attacker.example/cert.pem"],
    ["x5c", ["MIIB"]],
    ["x5t", "AAAA"],
  ] as const) {
    v.push({
      description: `header: embedded or referenced key (${name})`,
      input: base(re({ header: (h) => ({ ...h, [name]: value }) })),
      errors: errors(["ERR_ENVELOPE_EMBEDDED_KEY", `signatures[0].protected.${name}`]),
    });
  }
  {
    const frame = editJws(plain, (j) => {
      (j.signatures as Record<string, unknown>[])[0]!.header = { kid: "grc-sig-1" };
      return j;
    });
    v.push({
      description: "header: unprotected header present",
      input: base(frame),
      errors: errors(["ERR_ENVELOPE_HEADER_INVALID", "signatures[0].header"]),
    });
  }
  v.push({
    description: "header: kid missing",
    input: base(re({ header: ({ kid: _k, ...h }) => h })),
    errors: errors(["ERR_ENVELOPE_HEADER_INVALID", "signatures[0].protected.kid"]),
  });
  v.push({
    description: "header: agency missing (and so no signature claims the sender)",
    input: base(re({ header: ({ agency: _a, ...h }) => h })),
    errors: errors(
      ["ERR_ENVELOPE_HEADER_INVALID", "signatures[0].protected.agency"],
      ["ERR_ENVELOPE_SIGNATURE_MISSING", "manifest.iss"],
    ),
  });
  v.push({
    description: 'header: typ "JWT"',
    input: base(re({ header: (h) => ({ ...h, typ: "JWT" }) })),
    errors: errors(["ERR_ENVELOPE_TYPE_MISMATCH", "signatures[0].protected.typ"]),
  });
  v.push({
    description: "header: typ absent",
    input: base(re({ header: ({ typ: _t, ...h }) => h })),
    errors: errors(["ERR_ENVELOPE_TYPE_MISMATCH", "signatures[0].protected.typ"]),
  });
  v.push({
    description: "header: unknown parameter",
    input: base(re({ header: (h) => ({ ...h, iss: SENDER }) })),
    errors: errors(["ERR_ENVELOPE_HEADER_INVALID", "signatures[0].protected.iss"]),
  });
  v.push({
    description: "header: duplicate JSON key (alg twice)",
    input: base(
      re({ protectedText: (t) => t.replace('{"alg":"EdDSA"', '{"alg":"none","alg":"EdDSA"') }),
    ),
    errors: errors(
      ["ERR_ENVELOPE_DUPLICATE_KEY", "signatures[0].protected.alg"],
      ["ERR_ENVELOPE_SIGNATURE_MISSING", "manifest.iss"],
    ),
  });
  v.push({
    description: "header: constructor key",
    input: base(re({ protectedText: (t) => t.replace('{"alg"', '{"constructor":1,"alg"') })),
    errors: errors(
      ["ERR_ENVELOPE_FORBIDDEN_KEY", "signatures[0].protected.constructor"],
      ["ERR_ENVELOPE_SIGNATURE_MISSING", "manifest.iss"],
    ),
  });
  v.push({
    description: "base64url: signature with a character outside the URL-safe alphabet",
    input: base(
      editJws(plain, (j) => {
        const s = (j.signatures as Record<string, string>[])[0]!;
        s.signature = `+${s.signature!.slice(1)}`;
        return j;
      }),
    ),
    errors: errors("ERR_ENVELOPE_BASE64URL_INVALID"),
  });
  v.push({
    description: "signature: 63 bytes instead of 64",
    input: base(
      editJws(plain, (j) => {
        const s = (j.signatures as Record<string, string>[])[0]!;
        s.signature = b64u(unb64u(s.signature!).subarray(0, 63));
        return j;
      }),
    ),
    errors: errors(["ERR_ENVELOPE_SIGNATURE_INVALID", "signatures[0].signature"]),
  });

  // ---------------------------------------------------------------- manifest
  v.push({
    description: "manifest: unknown protocol version",
    input: base(re({ manifest: (m) => ({ ...m, ver: "2.0" }) })),
    errors: errors(["ERR_ENVELOPE_VERSION_UNSUPPORTED", "manifest.ver"]),
  });
  v.push({
    description: "manifest: unknown member",
    input: base(re({ manifest: (m) => ({ ...m, note: "x" }) })),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", 'manifest["<unknown key>"]']),
  });
  v.push({
    description: "manifest: purpose missing on a records envelope",
    input: base(re({ manifest: ({ purpose: _p, ...m }) => m })),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", "manifest.purpose"]),
  });
  v.push({
    description: "manifest: iat not an integer",
    input: base(re({ manifest: (m) => ({ ...m, iat: NOW + 0.5 }) })),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", "manifest.iat"]),
  });
  v.push({
    description: "manifest: empty aud",
    input: base(re({ manifest: (m) => ({ ...m, aud: [] }) })),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", "manifest.aud"]),
  });
  v.push({
    description: "manifest: aud names an agency twice",
    input: base(re({ manifest: (m) => ({ ...m, aud: [RECIPIENT, RECIPIENT] }) })),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", "manifest.aud[1]"]),
  });
  v.push({
    description: "manifest: duplicate JSON key (aud twice)",
    input: base(re({ manifestText: (t) => t.replace('"aud":', `"aud":["${OTHER}"],"aud":`) })),
    errors: errors(["ERR_ENVELOPE_DUPLICATE_KEY", "manifest.aud"]),
  });
  v.push({
    description: "manifest: __proto__ key",
    input: base(
      re({ manifestText: (t) => t.replace('{"ver"', '{"__proto__":{"aud":["DEU.bamf"]},"ver"') }),
    ),
    errors: errors(["ERR_ENVELOPE_FORBIDDEN_KEY", "manifest.__proto__"]),
  });
  v.push({
    description:
      "manifest: purpose with non-ASCII (decomposed) characters: codes are ASCII, no normalization",
    input: base(re({ manifest: (m) => ({ ...m, purpose: "asylum-procédure".normalize("NFD") }) })),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", "manifest.purpose"]),
  });
  v.push({
    description: "manifest: doc is not the expected type (statistics where records are expected)",
    input: base(re({ manifest: (m) => ({ ...m, doc: "statistics" }) })),
    errors: errors(["ERR_ENVELOPE_TYPE_MISMATCH", "manifest.doc"]),
  });
  v.push({
    description: "limits: more aud entries than limits.maxAudience",
    input: base(re({ manifest: (m) => ({ ...m, aud: [RECIPIENT, OTHER] }) }), {
      limits: { maxAudience: 1 },
    }),
    errors: errors(["ERR_LIMIT_EXCEEDED", "manifest.aud"]),
  });
  v.push({
    description: "manifest: content digest not canonical base64url",
    input: base(
      re({ manifest: (m) => ({ ...m, digest: `${(m.digest as string).slice(0, -1)}B` }) }),
    ),
    errors: errors(["ERR_ENVELOPE_MANIFEST_INVALID", "manifest.digest"]),
  });

  // ---------------------------------------------------------------- signers and signatures
  v.push({
    description: "signer: kid not in the trust store",
    input: base(re({ header: (h) => ({ ...h, kid: "grc-sig-9" }) })),
    errors: errors(["ERR_ENVELOPE_SIGNER_UNKNOWN", "signatures[0].protected.kid"]),
  });
  v.push({
    description: "signer: agency not in the trust store, signing as someone else",
    input: base(re({ header: (h) => ({ ...h, agency: "ESP.police", kid: "x" }) }, KEYS.stranger)),
    errors: errors(
      ["ERR_ENVELOPE_SIGNER_UNKNOWN", "signatures[0].protected.kid"],
      ["ERR_ENVELOPE_SIGNATURE_MISSING", "manifest.iss"],
    ),
  });
  v.push({
    description: "signer: key not yet valid at iat (nbf after iat)",
    input: base(plain, { trust: agencies({ grcSig: { nbf: NOW + 1 } }) }),
    errors: errors(["ERR_ENVELOPE_KEY_NOT_VALID", "signatures[0].protected.kid"]),
  });
  v.push({
    description: "signer: key expired at iat",
    input: base(plain, { trust: agencies({ grcSig: { exp: NOW } }) }),
    errors: errors(["ERR_ENVELOPE_KEY_NOT_VALID", "signatures[0].protected.kid"]),
  });
  v.push({
    description: "signer: key revoked at iat (revocation time equal to iat)",
    input: base(plain, { trust: agencies({ grcSig: { revoked_at: NOW } }) }),
    errors: errors(["ERR_ENVELOPE_KEY_REVOKED", "signatures[0].protected.kid"]),
  });
  {
    const jws = JSON.parse(splitFrame(plain).jws);
    const protectedB64 = b64u(
      JSON.stringify({
        alg: "EdDSA",
        typ: "corridor-envelope+jws",
        kid: "deu-enc-1",
        agency: RECIPIENT,
      }),
    );
    jws.signatures.push({
      protected: protectedB64,
      signature: nodeSignJws(protectedB64, jws.payload, KEYS.stranger),
    });
    v.push({
      description: "signer: an encryption key (use enc) named as a signing key",
      input: base(joinFrame(JSON.stringify(jws), splitFrame(plain).body)),
      errors: errors(["ERR_ENVELOPE_KEY_NOT_VALID", "signatures[1].protected.kid"]),
    });
  }
  {
    const jws = JSON.parse(splitFrame(notarized).jws);
    const sig = unb64u(jws.signatures[1].signature);
    sig[10]! ^= 1;
    jws.signatures[1].signature = b64u(sig);
    v.push({
      description:
        "signature: the sender's verifies but the notary's does not (every signature must verify)",
      input: base(joinFrame(JSON.stringify(jws), splitFrame(notarized).body)),
      errors: errors(["ERR_ENVELOPE_SIGNATURE_INVALID", "signatures[1].signature"]),
    });
  }
  {
    const jws = JSON.parse(splitFrame(plain).jws);
    const m = JSON.parse(unb64u(jws.payload).toString());
    jws.payload = b64u(JSON.stringify({ ...m, aud: [RECIPIENT, OTHER] }));
    v.push({
      description: "signature: manifest changed after signing",
      input: base(joinFrame(JSON.stringify(jws), splitFrame(plain).body)),
      errors: errors(["ERR_ENVELOPE_SIGNATURE_INVALID", "signatures[0].signature"]),
    });
  }
  {
    const jws = JSON.parse(splitFrame(notarized).jws);
    jws.signatures = [jws.signatures[1]];
    v.push({
      description: "signature: only the notary signed; the sender's signature is missing",
      input: base(joinFrame(JSON.stringify(jws), splitFrame(notarized).body)),
      errors: errors(["ERR_ENVELOPE_SIGNATURE_MISSING", "manifest.iss"]),
    });
  }
  {
    const jws = JSON.parse(splitFrame(plain).jws);
    jws.signatures.push(jws.signatures[0]);
    v.push({
      description: "signature: the same agency and kid sign twice",
      input: base(joinFrame(JSON.stringify(jws), splitFrame(plain).body)),
      errors: errors(["ERR_ENVELOPE_SIGNER_DUPLICATE", "signatures[1]"]),
    });
  }
  v.push({
    description: "signature: a required co-signer's signature is absent",
    input: base(plain, { requiredSigners: [NOTARY] }),
    errors: errors(["ERR_ENVELOPE_SIGNATURE_MISSING", "signatures"]),
  });

  // ---------------------------------------------------------------- audience, time, replay
  v.push({
    description: "audience: aud does not name the recipient",
    input: base(plain, { recipient: OTHER }),
    errors: errors(["ERR_ENVELOPE_AUDIENCE_MISMATCH", "manifest.aud"]),
  });
  v.push({
    description: "time: iat in the future beyond the clock skew",
    input: base(plain, { now: NOW - 301 }),
    errors: errors(["ERR_ENVELOPE_NOT_YET_VALID", "manifest.iat"]),
  });
  v.push({
    description: "time: expired (exp + skew reached)",
    input: base(plain, { now: NOW + 86_400 + 300 }),
    errors: errors(["ERR_ENVELOPE_EXPIRED", "manifest.exp"]),
  });
  v.push({
    description: "time: lifetime longer than 7 days",
    input: base(re({ manifest: (m) => ({ ...m, exp: NOW + 7 * 86_400 + 1 }) })),
    errors: errors(["ERR_ENVELOPE_LIFETIME_INVALID", "manifest.exp"]),
  });
  v.push({
    description: "time: exp not after iat",
    input: base(re({ manifest: (m) => ({ ...m, exp: NOW }) })),
    errors: errors(["ERR_ENVELOPE_LIFETIME_INVALID", "manifest.exp"]),
  });
  v.push({
    description: "time: a deployment's shorter maximum lifetime",
    input: base(plain, { maxLifetime: 3600 }),
    errors: errors(["ERR_ENVELOPE_LIFETIME_INVALID", "manifest.exp"]),
  });
  v.push({
    description: "replay: (iss, jti) already accepted",
    input: base(plain, { replay: [[SENDER, "test-jti-0000000001", NOW + 86_700]] }),
    errors: errors(["ERR_ENVELOPE_REPLAYED", "manifest.jti"]),
  });

  // ---------------------------------------------------------------- content and records
  {
    const { jws, body } = splitFrame(plain);
    const changed = new Uint8Array(body);
    changed[changed.length - 1]! ^= 1;
    v.push({
      description: "content: body changed (digest mismatch)",
      input: base(joinFrame(jws, changed)),
      errors: errors(["ERR_ENVELOPE_DIGEST_MISMATCH", "body"]),
    });
  }
  v.push({
    description: "content: signed count differs from the body",
    input: base(re({ manifest: (m) => ({ ...m, count: 3 }) })),
    errors: errors(["ERR_ENVELOPE_COUNT_MISMATCH", "body"]),
  });
  v.push({
    description: "limits: signed count above limits.maxRecords (checked before decoding)",
    input: base(plain, { limits: { maxRecords: 1 } }),
    errors: errors(["ERR_LIMIT_EXCEEDED", "manifest.count"]),
  });
  v.push({
    description: "decoder bomb: MessagePack array32 declaring 4294967295 records in 5 bytes",
    input: base(withBody(plain, new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]), 2)),
    errors: errors("ERR_ENVELOPE_MSGPACK_INVALID"),
  });
  v.push({
    description: "limits: MessagePack body declaring more records than limits.maxRecords",
    input: base(withBody(plain, new Uint8Array([0x93, 0xc0, 0xc0, 0xc0]), 2), {
      limits: { maxRecords: 2 },
    }),
    errors: errors("ERR_LIMIT_EXCEEDED"),
  });
  v.push({
    description: "decoder bomb: MessagePack str32 declaring 4 GiB",
    input: base(withBody(plain, new Uint8Array([0x91, 0xdb, 0xff, 0xff, 0xff, 0xff, 0x41]), 1)),
    errors: errors("ERR_ENVELOPE_MSGPACK_INVALID"),
  });
  {
    const deep = `[${"[".repeat(100)}${"]".repeat(100)}]`;
    v.push({
      description: "decoder bomb: JSON body nested 101 levels deep",
      input: base(withBody(plain, Buffer.from(deep), 1, "json")),
      errors: errors("ERR_LIMIT_EXCEEDED"),
    });
  }
  v.push({
    description: "body: duplicate key inside a JSON record",
    input: base(
      withBody(plain, Buffer.from('[{"schemaVersion":"1.0","schemaVersion":"1.0"}]'), 1, "json"),
    ),
    errors: errors("ERR_ENVELOPE_DUPLICATE_KEY"),
  });
  v.push({
    description: "body: duplicate key inside a MessagePack record",
    input: base(
      withBody(plain, new Uint8Array([0x91, 0x82, 0xa1, 0x61, 0x01, 0xa1, 0x61, 0x02]), 1),
    ),
    errors: errors("ERR_ENVELOPE_DUPLICATE_KEY"),
  });
  v.push({
    description: "body: __proto__ key inside a JSON record",
    input: base(withBody(plain, Buffer.from('[{"__proto__":{"x":1}}]'), 1, "json")),
    errors: errors("ERR_ENVELOPE_FORBIDDEN_KEY"),
  });
  v.push({
    description: "body: not an array",
    input: base(withBody(plain, new Uint8Array([0x80]), 0)),
    errors: errors("ERR_ENVELOPE_MSGPACK_INVALID"),
  });
  {
    const held = JSON.stringify([
      { ...record(1), person: { identifiers: { name: { given: "Amina" } }, attributes: {} } },
    ]);
    v.push({
      description: "records: a held record (clear identifiers) in the body",
      input: base(withBody(plain, Buffer.from(held), 1, "json")),
      errors: errors("ERR_RECORD_INVALID"),
    });
  }
  v.push({
    description: "records: unknown schema version",
    input: base(re({ manifest: (m) => ({ ...m, schemaVersion: "9.9" }) })),
    errors: errors(["ERR_SCHEMA_VERSION_UNSUPPORTED", "manifest.schemaVersion"]),
  });

  // ---------------------------------------------------------------- encryption
  const forDeu = (
    await seal(input(records, { jti: "test-jti-encrypted-02" }), {
      signer,
      now,
      encryptTo: [{ agency: RECIPIENT, kid: "deu-enc-1", publicKey: publicOf(KEYS.deuEnc) }],
    })
  ).envelope;
  const deuOnly = [{ kid: "deu-enc-1", privateKey: KEYS.deuEnc }];
  v.push({
    description: "encryption: plain envelope where encryption is required",
    input: base(plain, { requireEncryption: true }),
    errors: errors("ERR_ENVELOPE_NOT_ENCRYPTED"),
  });
  v.push({
    description: "encryption: no recipient entry for the recipient's keys",
    input: base(forDeu, { decryptionKeys: [{ kid: "deu-enc-2", privateKey: KEYS.deuEncP256 }] }),
    errors: errors(["ERR_ENVELOPE_DECRYPTION_FAILED", "jwe"]),
  });
  {
    const forwarded = await encrypt(
      (await (await import("../src/index.js")).decrypt(forDeu, { keys: deuKeys })).envelope,
      { recipients: [{ kid: "ita-enc-1", publicKey: publicOf(KEYS.itaEnc) }] },
    );
    v.push({
      description:
        "encryption: decrypted by its recipient and re-encrypted to a third agency (forwarding)",
      input: base(forwarded, {
        recipient: OTHER,
        decryptionKeys: [{ kid: "ita-enc-1", privateKey: KEYS.itaEnc }],
      }),
      errors: errors(["ERR_ENVELOPE_AUDIENCE_MISMATCH", "manifest.aud"]),
    });
  }
  v.push({
    description: "encryption: ciphertext changed",
    input: base(
      editJwe(forDeu, (j) => {
        const c = unb64u(j.ciphertext as string);
        c[5]! ^= 1;
        return { ...j, ciphertext: b64u(c) };
      }),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_DECRYPTION_FAILED", "jwe"]),
  });
  const protectedEdit = (edit: (h: Record<string, unknown>) => Record<string, unknown>) =>
    editJwe(forDeu, (j) => ({
      ...j,
      protected: b64u(JSON.stringify(edit(JSON.parse(unb64u(j.protected as string).toString())))),
    }));
  v.push({
    description: "encryption: enc A128GCM",
    input: base(
      protectedEdit((h) => ({ ...h, enc: "A128GCM" })),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_ALG_NOT_ALLOWED", "jwe.protected.enc"]),
  });
  v.push({
    description: "encryption: compressed plaintext (zip DEF)",
    input: base(
      protectedEdit((h) => ({ ...h, zip: "DEF" })),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_HEADER_INVALID", "jwe.protected.zip"]),
  });
  v.push({
    description: "encryption: typ of the JWE is not corridor-envelope+jwe",
    input: base(
      protectedEdit((h) => ({ ...h, typ: "JWT" })),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_TYPE_MISMATCH", "jwe.protected.typ"]),
  });
  v.push({
    description: "encryption: key management alg ECDH-ES (direct) instead of ECDH-ES+A256KW",
    input: base(
      editJwe(forDeu, (j) => {
        const r = (j.recipients as Record<string, Record<string, unknown>>[])[0]!;
        r.header = { ...r.header, alg: "ECDH-ES" };
        return j;
      }),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_ALG_NOT_ALLOWED", "jwe.recipients[0].header.alg"]),
  });
  v.push({
    description: "encryption: low-order X25519 ephemeral key (all-zero shared secret)",
    input: base(
      protectedEdit((h) => ({
        ...h,
        epk: { kty: "OKP", crv: "X25519", x: b64u(new Uint8Array(32)) },
      })),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_DECRYPTION_FAILED", "jwe"]),
  });
  v.push({
    description: "encryption: flattened JWE serialization",
    input: base(
      editJwe(forDeu, (j) => {
        const r = (j.recipients as Record<string, unknown>[])[0]!;
        const { recipients: _r, ...rest } = j;
        return { ...rest, header: r.header, encrypted_key: r.encrypted_key };
      }),
      { decryptionKeys: deuOnly },
    ),
    errors: errors(["ERR_ENVELOPE_MALFORMED", "jwe.header"]),
  });
  {
    const text = Buffer.from(forDeu)
      .toString("utf8")
      .replace('{"protected":', '{"iv":"AAAAAAAAAAAAAAAA","protected":');
    v.push({
      description: "encryption: duplicate JSON key in the JWE",
      input: base(Buffer.from(text), { decryptionKeys: deuOnly }),
      errors: errors(["ERR_ENVELOPE_DUPLICATE_KEY", "iv"]),
    });
  }
  void KEY_NBF;
  return v;
}
