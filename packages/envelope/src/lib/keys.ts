import type { PathSegment } from "@corridor/errors";
import { decodeBase64url } from "../codec/index.js";
import { KEY_MANAGEMENT_ALGORITHM, type SignatureAlgorithm } from "../constants.js";
import { fail, invalidArgument } from "./fail.js";
import { shownName } from "./names.js";

/** What a key is for: signing (`sig`) or key agreement for encryption (`enc`), as JWK `use`. */
export type KeyUse = "sig" | "enc";

/** A public key in the only shapes Corridor accepts (RFC 8037 OKP, RFC 7518 §6.2 EC). */
export type PublicJwk =
  | { readonly kty: "OKP"; readonly crv: "Ed25519" | "X25519"; readonly x: string }
  | { readonly kty: "EC"; readonly crv: "P-256"; readonly x: string; readonly y: string };

/** The algorithm a key serves: a JWS algorithm for `sig`, ECDH-ES+A256KW for `enc`. */
export type KeyAlgorithm = SignatureAlgorithm | typeof KEY_MANAGEMENT_ALGORITHM;

/** JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"] as const;
/** Members a Corridor public JWK may have besides its key material. */
const JWK_MEMBERS = new Set(["kty", "crv", "x", "y", "kid", "use", "alg", "key_ops"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function keyError(path: readonly PathSegment[], message: string) {
  return fail(
    "ERR_TRUST_KEY_INVALID",
    `${path.length ? `${path.join(".")}: ` : ""}${message}`,
    path,
  );
}

function coordinate(
  jwk: Record<string, unknown>,
  member: "x" | "y",
  path: readonly PathSegment[],
): string {
  const text = jwk[member];
  if (typeof text !== "string") throw keyError([...path, member], "expected a base64url string");
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64url(text);
  } catch (cause) {
    throw fail(
      "ERR_TRUST_KEY_INVALID",
      "key coordinate is not canonical base64url",
      [...path, member],
      cause,
    );
  }
  if (bytes.length !== 32) throw keyError([...path, member], "expected 32 bytes");
  return text;
}

/**
 * Checks that `value` is a public JWK Corridor accepts for `use` and returns its key material
 * and algorithm. Accepted: Ed25519 (EdDSA) and P-256 (ES256) for `sig`; X25519 and P-256
 * (ECDH-ES+A256KW) for `enc`. Private members, other key types and curves, a `use`, `alg` or
 * `key_ops` member that contradicts `use`, and unknown members are refused.
 *
 * `extra` names further members the caller handles itself (trust-list metadata).
 *
 * @throws CorridorError `ERR_TRUST_KEY_INVALID` with the path of the offending member.
 */
export function checkPublicJwk(
  value: unknown,
  use: KeyUse,
  path: readonly PathSegment[] = [],
  extra: ReadonlySet<string> = new Set(),
): { jwk: PublicJwk; alg: KeyAlgorithm } {
  if (!isPlainObject(value)) throw keyError(path, "expected a JWK object");
  for (const member of PRIVATE_MEMBERS) {
    if (member in value)
      throw keyError(
        [...path, member],
        "a public key must not carry private or symmetric key material",
      );
  }
  const { kty, crv } = value;
  let jwk: PublicJwk;
  let alg: KeyAlgorithm;
  if (kty === "OKP" && (crv === "Ed25519" || crv === "X25519")) {
    if ("y" in value) throw keyError([...path, "y"], "an OKP key has no y coordinate");
    if ((crv === "Ed25519") !== (use === "sig")) {
      throw keyError(
        [...path, "crv"],
        `curve ${crv} cannot be used for ${use === "sig" ? "signing" : "encryption"}`,
      );
    }
    jwk = { kty, crv, x: coordinate(value, "x", path) };
    alg = crv === "Ed25519" ? "EdDSA" : KEY_MANAGEMENT_ALGORITHM;
  } else if (kty === "EC" && crv === "P-256") {
    jwk = { kty, crv, x: coordinate(value, "x", path), y: coordinate(value, "y", path) };
    alg = use === "sig" ? "ES256" : KEY_MANAGEMENT_ALGORITHM;
  } else {
    throw keyError(path, "unsupported key type or curve (Ed25519, X25519 or P-256 only)");
  }
  for (const member of Object.keys(value)) {
    if (!JWK_MEMBERS.has(member) && !extra.has(member))
      throw keyError([...path, shownName(member)], "unknown JWK member");
  }
  if (value.use !== undefined && value.use !== use) {
    throw keyError([...path, "use"], `expected use "${use}"`);
  }
  if (value.alg !== undefined && value.alg !== alg) {
    throw keyError([...path, "alg"], `alg does not match the key (expected ${alg})`);
  }
  if (value.key_ops !== undefined) {
    const ops = value.key_ops;
    if (use !== "sig" || !Array.isArray(ops) || ops.length !== 1 || ops[0] !== "verify") {
      throw keyError([...path, "key_ops"], 'key_ops may only be ["verify"], on a signing key');
    }
  }
  if (value.kid !== undefined && typeof value.kid !== "string") {
    throw keyError([...path, "kid"], "expected a string");
  }
  return { jwk, alg };
}

const SIGN_PARAMS: Record<
  SignatureAlgorithm,
  { import: EcKeyImportParams | Algorithm; sign: EcdsaParams | Algorithm }
> = {
  EdDSA: { import: { name: "Ed25519" }, sign: { name: "Ed25519" } },
  ES256: {
    import: { name: "ECDSA", namedCurve: "P-256" },
    sign: { name: "ECDSA", hash: "SHA-256" },
  },
};

/** The WebCrypto parameters of a JWS algorithm's sign and verify calls. */
export function signatureParams(alg: SignatureAlgorithm): EcdsaParams | Algorithm {
  return SIGN_PARAMS[alg].sign;
}

function jwkMaterial(jwk: PublicJwk): JsonWebKey {
  return jwk.kty === "EC"
    ? { kty: "EC", crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true }
    : { kty: "OKP", crv: jwk.crv, x: jwk.x, ext: true };
}

/**
 * Imports a checked public key as a WebCrypto key for its use. WebCrypto refuses P-256 points
 * that are not on the curve; the error becomes ERR_TRUST_KEY_INVALID.
 */
export async function importPublicKey(
  jwk: PublicJwk,
  alg: KeyAlgorithm,
  path: readonly PathSegment[] = [],
): Promise<CryptoKey> {
  try {
    if (alg === KEY_MANAGEMENT_ALGORITHM) {
      const params =
        jwk.crv === "X25519" ? { name: "X25519" } : { name: "ECDH", namedCurve: "P-256" };
      return await crypto.subtle.importKey("jwk", jwkMaterial(jwk), params, true, []);
    }
    return await crypto.subtle.importKey("jwk", jwkMaterial(jwk), SIGN_PARAMS[alg].import, true, [
      "verify",
    ]);
  } catch (cause) {
    throw fail("ERR_TRUST_KEY_INVALID", "the key is not a valid point of its curve", path, cause);
  }
}

/** A private signing key: a WebCrypto key (extractable or not) or a private JWK. */
export type PrivateKeyInput = CryptoKey | JsonWebKey;

const signingKeyCache = new WeakMap<object, Promise<{ key: CryptoKey; alg: SignatureAlgorithm }>>();

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== "undefined" && value instanceof CryptoKey;
}

/** The JWS algorithm a WebCrypto key signs with, or undefined. */
function algorithmOfCryptoKey(key: CryptoKey): SignatureAlgorithm | undefined {
  const algorithm = key.algorithm as EcKeyAlgorithm;
  if (algorithm.name === "Ed25519") return "EdDSA";
  if (algorithm.name === "ECDSA" && algorithm.namedCurve === "P-256") return "ES256";
  return undefined;
}

/**
 * Resolves a private signing key to a WebCrypto key and its JWS algorithm (EdDSA for Ed25519,
 * ES256 for P-256). JWK inputs are imported once and cached per object.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` for anything but a private Ed25519 or P-256 key.
 */
export function importSigningKey(
  input: PrivateKeyInput,
  path: readonly PathSegment[],
): Promise<{ key: CryptoKey; alg: SignatureAlgorithm }> {
  if (isCryptoKey(input)) {
    const alg = algorithmOfCryptoKey(input);
    if (alg === undefined || input.type !== "private" || !input.usages.includes("sign")) {
      return Promise.reject(
        invalidArgument(path, "expected a private Ed25519 or P-256 key usable for signing"),
      );
    }
    return Promise.resolve({ key: input, alg });
  }
  if (!isPlainObject(input)) {
    return Promise.reject(invalidArgument(path, "expected a CryptoKey or a private JWK"));
  }
  const cached = signingKeyCache.get(input);
  if (cached) return cached;
  const promise = (async () => {
    const { kty, crv, d } = input;
    let alg: SignatureAlgorithm;
    if (kty === "OKP" && crv === "Ed25519") alg = "EdDSA";
    else if (kty === "EC" && crv === "P-256") alg = "ES256";
    else throw invalidArgument(path, "expected a private Ed25519 or P-256 JWK");
    if (typeof d !== "string") throw invalidArgument(path, "the JWK has no private part (d)");
    const material = (
      alg === "ES256"
        ? { kty: "EC", crv: "P-256", x: input.x, y: input.y, d, ext: false }
        : { kty: "OKP", crv: "Ed25519", x: input.x, d, ext: false }
    ) as JsonWebKey;
    try {
      const key = await crypto.subtle.importKey("jwk", material, SIGN_PARAMS[alg].import, false, [
        "sign",
      ]);
      return { key, alg };
    } catch (cause) {
      throw fail(
        "ERR_INVALID_ARGUMENT",
        `${path.join(".")}: the private JWK does not import`,
        path,
        cause,
      );
    }
  })();
  signingKeyCache.set(input, promise);
  promise.catch(() => signingKeyCache.delete(input));
  return promise;
}

/** The encryption curve of a private key-agreement key (CryptoKey or JWK), or undefined. */
export function curveOfAgreementKey(input: CryptoKey | JsonWebKey): "X25519" | "P-256" | undefined {
  if (isCryptoKey(input)) {
    const algorithm = input.algorithm as EcKeyAlgorithm;
    if (algorithm.name === "X25519") return "X25519";
    if (algorithm.name === "ECDH" && algorithm.namedCurve === "P-256") return "P-256";
    return undefined;
  }
  if (isPlainObject(input)) {
    if (input.kty === "OKP" && input.crv === "X25519") return "X25519";
    if (input.kty === "EC" && input.crv === "P-256") return "P-256";
  }
  return undefined;
}

export { isCryptoKey, isPlainObject };
