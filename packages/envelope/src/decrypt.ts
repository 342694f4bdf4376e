import {
  CorridorError,
  type CorridorErrorCode,
  type PathSegment,
  type Result,
  toResultAsync,
} from "@corridor/errors";
import { decodeBase64url, parseJsonStrict, resolveLimits } from "./codec/index.js";
import {
  CONTENT_ENCRYPTION_ALGORITHM,
  KEY_MANAGEMENT_ALGORITHM,
  MEDIA_TYPES,
} from "./constants.js";
import { fail, invalidArgument } from "./lib/fail.js";
import { agree, openContent, unwrapContentKey } from "./lib/jwe.js";
import { KEY_HEADER_PARAMETERS } from "./lib/jws.js";
import {
  checkPublicJwk,
  curveOfAgreementKey,
  importPublicKey,
  isCryptoKey,
  isPlainObject,
} from "./lib/keys.js";
import { isSpecName, shownName } from "./lib/names.js";
import { KID } from "./lib/patterns.js";
import {
  type EnvelopeLimits,
  maxJweBytes,
  type ResolvedEnvelopeLimits,
  resolveEnvelopeLimits,
} from "./limits.js";

/** One of the recipient's private key-agreement keys. */
export interface DecryptionKey {
  /** The kid the sender addressed it by (the recipient entry's header `kid`). */
  readonly kid: string;
  /** A private X25519 or P-256 key: WebCrypto key or private JWK. */
  readonly privateKey: CryptoKey | JsonWebKey;
}

/** Options of {@link decrypt}. */
export interface DecryptOptions {
  /** The recipient's private keys; entries addressed to other kids are skipped. */
  readonly keys: readonly DecryptionKey[];
  /** Size limits (the JWE text may be at most the base64url of the largest frame plus headers). */
  readonly limits?: Partial<EnvelopeLimits>;
}

/** What {@link decrypt} returns. */
export interface Decrypted {
  /** The plaintext: an envelope frame, still to be opened (verified). */
  readonly envelope: Uint8Array;
  /** The kid of the key that decrypted it. */
  readonly kid: string;
}

/** A JWE recipient entry that passed the profile. */
interface RecipientEntry {
  readonly index: number;
  readonly kid: string;
  readonly header: Record<string, unknown>;
  readonly epk: Record<string, unknown>;
  readonly epkPath: readonly PathSegment[];
  readonly encryptedKey: string;
  readonly curve: "X25519" | "P-256";
}

const malformed = (message: string, path: readonly PathSegment[]) =>
  fail("ERR_ENVELOPE_MALFORMED", message, path);

function canonical(
  text: unknown,
  length: number | undefined,
  path: readonly PathSegment[],
): string {
  if (typeof text !== "string")
    throw malformed(`${path.join(".")}: expected a base64url string`, path);
  const bytes = decodeBase64url(text, path);
  if (length !== undefined && bytes.length !== length) {
    throw malformed(`${path.join(".")}: expected ${length} bytes`, path);
  }
  return text;
}

const SMALL_JSON = resolveLimits({ maxDepth: 8, maxContainerLength: 64 });

function checkJoseMembers(
  header: Record<string, unknown>,
  allowed: readonly string[],
  path: readonly PathSegment[],
): void {
  if ("crit" in header)
    throw fail("ERR_ENVELOPE_CRIT_UNSUPPORTED", "crit: no critical extension is understood", [
      ...path,
      "crit",
    ]);
  for (const name of KEY_HEADER_PARAMETERS) {
    if (name in header)
      throw fail("ERR_ENVELOPE_EMBEDDED_KEY", `${name}: keys come only from the trust store`, [
        ...path,
        name,
      ]);
  }
  if ("zip" in header)
    throw fail("ERR_ENVELOPE_HEADER_INVALID", "zip: compressed plaintext is not accepted", [
      ...path,
      "zip",
    ]);
  for (const name of Object.keys(header)) {
    if (!allowed.includes(name))
      throw fail("ERR_ENVELOPE_HEADER_INVALID", "unknown header parameter", [
        ...path,
        shownName(name),
      ]);
  }
}

/**
 * Parses and checks a JWE against Corridor's profile (spec/envelope.md §6) without decrypting:
 * General JSON Serialization; protected header exactly `{ enc: "A256GCM", typ, cty }`; per
 * recipient `{ alg: "ECDH-ES+A256KW", kid, epk }`; no `zip`, `crit`, embedded keys, `aad` or
 * shared unprotected header; 12-byte iv, 16-byte tag, 40-byte wrapped keys.
 */
export function parseJwe(
  bytes: Uint8Array,
  limits: ResolvedEnvelopeLimits,
): {
  protected: string;
  iv: string;
  ciphertext: string;
  tag: string;
  recipients: RecipientEntry[];
} {
  const max = maxJweBytes(limits);
  if (bytes.length > max)
    throw fail("ERR_LIMIT_EXCEEDED", "JWE: larger than the limits allow", ["jwe"]);
  const value = parseJsonStrict(
    bytes,
    resolveLimits({
      maxBytes: max,
      maxStringLength: max,
      maxDepth: 8,
      maxContainerLength: limits.maxRecipients + 8,
    }),
    { knownNames: isSpecName },
  );
  if (!isPlainObject(value)) throw malformed("JWE: expected a JSON object", ["jwe"]);
  for (const key of Object.keys(value)) {
    if (!["protected", "recipients", "iv", "ciphertext", "tag"].includes(key)) {
      throw malformed(
        key === "header" || key === "encrypted_key"
          ? "JWE: flattened serialization; Corridor requires the general one (recipients array)"
          : "JWE: member not allowed",
        ["jwe", shownName(key)],
      );
    }
  }
  const protectedB64 = canonical(value.protected, undefined, ["jwe", "protected"]);
  const header = parseJsonStrict(decodeBase64url(protectedB64, ["jwe", "protected"]), SMALL_JSON, {
    knownNames: isSpecName,
  });
  if (!isPlainObject(header))
    throw fail("ERR_ENVELOPE_HEADER_INVALID", "JWE protected header: expected an object", [
      "jwe",
      "protected",
    ]);
  const at = ["jwe", "protected"];
  checkJoseMembers(header, ["enc", "typ", "cty", "epk"], at);
  if (header.enc !== CONTENT_ENCRYPTION_ALGORITHM) {
    throw fail("ERR_ENVELOPE_ALG_NOT_ALLOWED", "enc: only A256GCM is accepted", [...at, "enc"]);
  }
  if (header.typ !== MEDIA_TYPES.envelopeJwe) {
    throw fail("ERR_ENVELOPE_TYPE_MISMATCH", `typ: expected ${MEDIA_TYPES.envelopeJwe}`, [
      ...at,
      "typ",
    ]);
  }
  if (header.cty !== MEDIA_TYPES.envelope) {
    throw fail("ERR_ENVELOPE_TYPE_MISMATCH", `cty: expected ${MEDIA_TYPES.envelope}`, [
      ...at,
      "cty",
    ]);
  }
  const list = value.recipients;
  if (!Array.isArray(list) || list.length === 0)
    throw malformed("JWE: recipients must be a non-empty array", ["jwe", "recipients"]);
  if (list.length > limits.maxRecipients) {
    throw fail("ERR_LIMIT_EXCEEDED", "JWE: more recipients than limits.maxRecipients", [
      "jwe",
      "recipients",
    ]);
  }
  if (header.epk !== undefined && list.length > 1) {
    throw fail(
      "ERR_ENVELOPE_HEADER_INVALID",
      "epk: in the protected header only when there is a single recipient",
      [...at, "epk"],
    );
  }
  const recipients = list.map((entry: unknown, index): RecipientEntry => {
    const path = ["jwe", "recipients", index];
    if (!isPlainObject(entry)) throw malformed("JWE: recipient entry must be an object", path);
    for (const key of Object.keys(entry)) {
      if (key !== "header" && key !== "encrypted_key")
        throw malformed("JWE: member of a recipient not allowed", [...path, shownName(key)]);
    }
    const h = entry.header;
    if (!isPlainObject(h))
      throw fail("ERR_ENVELOPE_HEADER_INVALID", "recipient header: required object", [
        ...path,
        "header",
      ]);
    checkJoseMembers(h, ["alg", "kid", "epk"], [...path, "header"]);
    if (h.alg !== KEY_MANAGEMENT_ALGORITHM) {
      throw fail("ERR_ENVELOPE_ALG_NOT_ALLOWED", "alg: only ECDH-ES+A256KW is accepted", [
        ...path,
        "header",
        "alg",
      ]);
    }
    if (typeof h.kid !== "string" || !KID.test(h.kid)) {
      throw fail("ERR_ENVELOPE_HEADER_INVALID", "kid: required", [...path, "header", "kid"]);
    }
    const inProtected = header.epk !== undefined;
    if (inProtected === "epk" in h) {
      throw fail(
        "ERR_ENVELOPE_HEADER_INVALID",
        "epk: required in exactly one of the protected and the recipient header",
        [...path, "header", "epk"],
      );
    }
    const epk = inProtected ? header.epk : h.epk;
    const epkPath = inProtected ? [...at, "epk"] : [...path, "header", "epk"];
    if (!isPlainObject(epk))
      throw fail("ERR_ENVELOPE_HEADER_INVALID", "epk: required object", epkPath);
    for (const key of Object.keys(epk)) {
      if (!["kty", "crv", "x", "y"].includes(key)) {
        throw fail("ERR_ENVELOPE_HEADER_INVALID", "epk: unknown member", [
          ...epkPath,
          shownName(key),
        ]);
      }
    }
    let curve: "X25519" | "P-256";
    try {
      curve = checkPublicJwk(epk, "enc", epkPath).jwk.crv as "X25519" | "P-256";
    } catch (cause) {
      throw fail(
        "ERR_ENVELOPE_HEADER_INVALID",
        "epk: not an X25519 or P-256 public key",
        epkPath,
        cause,
      );
    }
    return {
      index,
      kid: h.kid,
      header: h,
      epk,
      epkPath,
      encryptedKey: canonical(entry.encrypted_key, 40, [...path, "encrypted_key"]),
      curve,
    };
  });
  return {
    protected: protectedB64,
    iv: canonical(value.iv, 12, ["jwe", "iv"]),
    ciphertext: canonical(value.ciphertext, undefined, ["jwe", "ciphertext"]),
    tag: canonical(value.tag, 16, ["jwe", "tag"]),
    recipients,
  };
}

/**
 * Whether 32 bytes are the canonical encoding of an X25519 u-coordinate: the top bit of the last
 * byte clear and u < p = 2^255 - 19. RFC 7748 §5 has X25519 ignore the top bit and reduce u mod
 * p, so a non-canonical encoding agrees on the same secret as a canonical one: accepting it would
 * let anyone change an `epk` outside the protected header without the decryption noticing.
 */
export function isCanonicalX25519(u: Uint8Array): boolean {
  if (u.length !== 32) return false;
  if ((u[31]! & 0x80) !== 0) return false;
  // u >= p exactly when u = 2^255 - 19 + k, k in 0..18: bytes ed..ff, ff x 30, 7f
  if (u[31] !== 0x7f || u[0]! < 0xed) return true;
  for (let i = 1; i < 31; i++) if (u[i] !== 0xff) return true;
  return false;
}

/**
 * Checks an ephemeral public key before any key agreement: on the recipient key's curve, a
 * valid point (WebCrypto import refuses P-256 points off the curve), and for X25519 a canonical
 * u-coordinate (top bit clear, u < 2^255 - 19; RFC 7748 §5) that is not a low-order point (the
 * shared secret would be all zeros; RFC 7748 §6.1).
 */
export async function checkEphemeralKey(
  epk: Record<string, unknown>,
  privateKey: CryptoKey,
  path: readonly PathSegment[],
): Promise<Uint8Array> {
  const { jwk, alg } = checkPublicJwk(epk, "enc", path);
  if (jwk.crv === "X25519" && !isCanonicalX25519(decodeBase64url(jwk.x as string, [...path, "x"])))
    throw fail(
      "ERR_ENVELOPE_HEADER_INVALID",
      "epk: non-canonical X25519 u-coordinate (top bit set or not below 2^255 - 19)",
      [...path, "x"],
    );
  const publicKey = await importPublicKey(jwk, alg, path);
  const z = await agree(publicKey, privateKey).catch((cause: unknown) => {
    throw fail("ERR_ENVELOPE_DECRYPTION_FAILED", "epk: key agreement failed", path, cause);
  });
  if (z.every((b) => b === 0)) {
    throw fail(
      "ERR_ENVELOPE_DECRYPTION_FAILED",
      "epk: low-order point (all-zero shared secret)",
      path,
    );
  }
  return z;
}

/**
 * The cryptographic core of decryption, for one recipient entry that already passed the profile:
 * checks the ephemeral key (which yields Z), then runs ECDH-ES+A256KW (Concat KDF, AES-KW unwrap)
 * and A256GCM (src/lib/jwe.ts) — the only algorithms there are code for, whatever the headers say.
 */
export async function decryptEntry(
  jwe: {
    protected: string;
    header?: Record<string, unknown>;
    encrypted_key: string;
    iv: string;
    ciphertext: string;
    tag: string;
  },
  epk: Record<string, unknown>,
  epkPath: readonly PathSegment[],
  privateKey: CryptoKey,
): Promise<Uint8Array> {
  const z = await checkEphemeralKey(epk, privateKey, epkPath);
  const failed = (cause: unknown) =>
    fail("ERR_ENVELOPE_DECRYPTION_FAILED", "JWE: decryption failed", ["jwe"], cause);
  const wrapped = decodeBase64url(jwe.encrypted_key, ["jwe", "encrypted_key"]);
  const iv = decodeBase64url(jwe.iv, ["jwe", "iv"]);
  const tag = decodeBase64url(jwe.tag, ["jwe", "tag"]);
  if (wrapped.length !== 40 || iv.length !== 12 || tag.length !== 16) throw failed(undefined);
  const ciphertext = decodeBase64url(jwe.ciphertext, ["jwe", "ciphertext"]);
  const sealed = new Uint8Array(ciphertext.length + 16);
  sealed.set(ciphertext, 0);
  sealed.set(tag, ciphertext.length);
  const cek = await unwrapContentKey(z, wrapped).catch((cause: unknown) => {
    throw failed(cause);
  });
  return openContent(cek, jwe.protected, iv, sealed).catch((cause: unknown) => {
    throw failed(cause);
  });
}

async function privateAgreementKey(key: DecryptionKey, index: number): Promise<CryptoKey> {
  const input = key.privateKey;
  const curve = curveOfAgreementKey(input);
  if (curve === undefined)
    throw invalidArgument(["keys", index, "privateKey"], "expected a private X25519 or P-256 key");
  if (isCryptoKey(input)) {
    if (input.type !== "private")
      throw invalidArgument(["keys", index, "privateKey"], "expected a private key");
    return input;
  }
  const params = curve === "X25519" ? { name: "X25519" } : { name: "ECDH", namedCurve: "P-256" };
  try {
    const jwk = input as Record<string, unknown>;
    const material = (
      curve === "X25519"
        ? { kty: "OKP", crv: "X25519", x: jwk.x, d: jwk.d }
        : { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, d: jwk.d }
    ) as JsonWebKey;
    return await crypto.subtle.importKey("jwk", material, params, false, ["deriveBits"]);
  } catch (cause) {
    throw fail(
      "ERR_INVALID_ARGUMENT",
      "keys: the private JWK does not import",
      ["keys", index, "privateKey"],
      cause,
    );
  }
}

/**
 * Decrypts a JWE made by {@link encrypt} with one of the recipient's keys and returns the
 * envelope frame inside — which is still unverified: pass it to `open`, or give `open` the JWE
 * and the keys directly. Every recipient entry addressed to one of the keys' kids is tried.
 *
 * @throws CorridorError `ERR_ENVELOPE_DECRYPTION_FAILED` (no entry for these keys, or
 *   authentication failed), or a profile code (`ERR_ENVELOPE_MALFORMED`,
 *   `ERR_ENVELOPE_ALG_NOT_ALLOWED`, `ERR_ENVELOPE_TYPE_MISMATCH`, `ERR_ENVELOPE_HEADER_INVALID`,
 *   `ERR_ENVELOPE_CRIT_UNSUPPORTED`, `ERR_ENVELOPE_EMBEDDED_KEY`, `ERR_LIMIT_EXCEEDED`, codec codes).
 * @example
 * ```ts
 * import { decrypt } from "@corridor/envelope";
 * const { envelope } = await decrypt(jwe, { keys: [{ kid: "deu-enc-2025", privateKey }] });
 * ```
 */
export async function decrypt(jwe: Uint8Array, options: DecryptOptions): Promise<Decrypted> {
  if (!(jwe instanceof Uint8Array)) throw invalidArgument(["jwe"], "expected bytes");
  const keys = options?.keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw invalidArgument(["keys"], "expected at least one decryption key");
  const limits = resolveEnvelopeLimits(options.limits);
  const parsed = parseJwe(jwe, limits);
  const resolved = await Promise.all(keys.map(privateAgreementKey));
  let lastError: unknown;
  let tried = 0;
  for (const entry of parsed.recipients) {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const privateKey = resolved[k]!;
      if (key.kid !== entry.kid || curveOfAgreementKey(privateKey) !== entry.curve) continue;
      tried++;
      try {
        const plaintext = await decryptEntry(
          {
            protected: parsed.protected,
            header: entry.header,
            encrypted_key: entry.encryptedKey,
            iv: parsed.iv,
            ciphertext: parsed.ciphertext,
            tag: parsed.tag,
          },
          entry.epk,
          entry.epkPath,
          privateKey,
        );
        return { envelope: plaintext, kid: key.kid };
      } catch (error) {
        lastError = error;
      }
    }
  }
  const code: CorridorErrorCode = "ERR_ENVELOPE_DECRYPTION_FAILED";
  throw new CorridorError(
    code,
    tried === 0
      ? "JWE: no recipient entry is addressed to the given keys"
      : "JWE: decryption failed",
    {
      path: ["jwe"],
      issues: [
        {
          path: ["jwe"],
          reason: tried === 0 ? "no_recipient" : "decryption_failed",
          message: "decryption failed",
        },
      ],
      cause: lastError,
    },
  );
}

/** {@link decrypt} without throwing. */
export function safeDecrypt(jwe: Uint8Array, options: DecryptOptions): Promise<Result<Decrypted>> {
  return toResultAsync(() => decrypt(jwe, options));
}
