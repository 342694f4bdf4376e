import { type CorridorError, type PathSegment, type Result, toResult } from "@corridor/errors";
import { UNKNOWN_KEY } from "./codec/index.js";
import type { SignatureAlgorithm } from "./constants.js";
import type { RecipientKey } from "./encrypt.js";
import { fail, invalidArgument } from "./lib/fail.js";
import {
  checkPublicJwk,
  importPublicKey,
  isPlainObject,
  type KeyAlgorithm,
  type KeyUse,
  type PublicJwk,
} from "./lib/keys.js";
import { shownName } from "./lib/names.js";
import { AGENCY_ID, KID, MAX_NUMERIC_DATE } from "./lib/patterns.js";

/**
 * A public key as a trust list publishes it (spec/trust.md §2): a JWK (RFC 7517) with `kid` and
 * `use` required, plus Corridor's validity members. Times are NumericDates (seconds).
 */
export interface TrustedJwk {
  readonly kty: "OKP" | "EC";
  readonly crv: "Ed25519" | "X25519" | "P-256";
  readonly x: string;
  readonly y?: string;
  readonly kid: string;
  readonly use: KeyUse;
  readonly alg?: string;
  readonly key_ops?: readonly string[];
  /** First second the key may be used. */
  readonly nbf: number;
  /** First second the key may no longer be used (absent: no end). */
  readonly exp?: number;
  /**
   * Revocation time: signatures whose envelope iat is at or after it fail; earlier ones stay
   * valid. Set it to the earliest time the key may have been compromised.
   */
  readonly revoked_at?: number;
}

/** The agencies of a trust list: agency id → its keys (a JWKS, RFC 7517 §5). */
export type TrustedAgencies = Readonly<Record<string, { readonly keys: readonly TrustedJwk[] }>>;

/** One key of the trust store, checked. */
export interface TrustedKey {
  readonly agency: string;
  readonly kid: string;
  readonly use: KeyUse;
  /** The algorithm the key serves: EdDSA or ES256 (`sig`), ECDH-ES+A256KW (`enc`). */
  readonly alg: KeyAlgorithm;
  readonly jwk: PublicJwk;
  readonly notBefore: number;
  readonly notAfter: number | undefined;
  readonly revokedAt: number | undefined;
}

/** Why a key cannot be used at a time, or undefined when it can. */
export type KeyVerdict =
  | { readonly ok: true; readonly key: TrustedKey }
  | {
      readonly ok: false;
      readonly code:
        | "ERR_ENVELOPE_SIGNER_UNKNOWN"
        | "ERR_ENVELOPE_KEY_NOT_VALID"
        | "ERR_ENVELOPE_KEY_REVOKED";
      readonly message: string;
    };

/** Metadata of a trust store loaded from a signed trust list. */
export interface TrustListInfo {
  /** The trust anchor that issued the list. */
  readonly issuer: string;
  /** The list's sequence number (higher is newer). */
  readonly sequence: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

const KEY_EXTRA_MEMBERS = new Set(["nbf", "exp", "revoked_at"]);

const isTime = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= MAX_NUMERIC_DATE;

function listError(path: readonly PathSegment[], message: string): CorridorError {
  return fail("ERR_TRUST_LIST_INVALID", `${path.join(".")}: ${message}`, path);
}

/** Checks one published key and its validity members. */
function checkTrustedJwk(value: unknown, agency: string, path: readonly PathSegment[]): TrustedKey {
  if (!isPlainObject(value)) throw listError(path, "expected a JWK object");
  const use = value.use;
  if (use !== "sig" && use !== "enc") throw listError([...path, "use"], 'required, "sig" or "enc"');
  if (typeof value.kid !== "string" || !KID.test(value.kid)) {
    throw listError([...path, "kid"], "required, 1-128 of A-Z a-z 0-9 . _ : -");
  }
  const { jwk, alg } = checkPublicJwk(value, use, path, KEY_EXTRA_MEMBERS);
  if (!isTime(value.nbf)) throw listError([...path, "nbf"], "required, a NumericDate");
  if (value.exp !== undefined && (!isTime(value.exp) || value.exp <= value.nbf)) {
    throw listError([...path, "exp"], "a NumericDate after nbf");
  }
  if (value.revoked_at !== undefined && !isTime(value.revoked_at)) {
    throw listError([...path, "revoked_at"], "a NumericDate");
  }
  return Object.freeze({
    agency,
    kid: value.kid,
    use,
    alg,
    jwk,
    notBefore: value.nbf,
    notAfter: value.exp as number | undefined,
    revokedAt: value.revoked_at as number | undefined,
  });
}

/**
 * Checks the agencies of a trust list (or a locally configured set) and returns their keys by
 * agency. Agency ids must be well-formed, key ids unique within an agency.
 *
 * @throws CorridorError `ERR_TRUST_LIST_INVALID` or `ERR_TRUST_KEY_INVALID`, with the path.
 */
export function checkTrustedAgencies(
  value: unknown,
  path: readonly PathSegment[] = ["agencies"],
): Map<string, TrustedKey[]> {
  if (!isPlainObject(value)) throw listError(path, "expected an object of agency id → { keys }");
  const out = new Map<string, TrustedKey[]>();
  for (const [agency, entry] of Object.entries(value)) {
    const at = [...path, AGENCY_ID.test(agency) ? agency : UNKNOWN_KEY];
    if (!AGENCY_ID.test(agency)) throw listError(at, "not an agency id");
    if (!isPlainObject(entry)) throw listError(at, "expected { keys: [...] }");
    for (const key of Object.keys(entry))
      if (key !== "keys") throw listError([...at, shownName(key)], "unknown member");
    if (!Array.isArray(entry.keys)) throw listError([...at, "keys"], "expected an array of JWKs");
    const keys: TrustedKey[] = [];
    const kids = new Set<string>();
    entry.keys.forEach((jwk: unknown, i) => {
      const key = checkTrustedJwk(jwk, agency, [...at, "keys", i]);
      if (kids.has(key.kid))
        throw listError([...at, "keys", i, "kid"], "duplicate kid within the agency");
      kids.add(key.kid);
      keys.push(key);
    });
    out.set(agency, keys);
  }
  return out;
}

/**
 * The public keys of the agencies an agency exchanges with: who may sign, with which key, from
 * when to when, and which keys were revoked when (spec/trust.md). Immutable; build a new one to
 * change it. Keys are imported into WebCrypto on first use and cached.
 *
 * Create one with {@link createTrustStore} (local configuration) or {@link loadTrustList} (a list
 * signed by a trust anchor).
 */
export class TrustStore {
  readonly #keys: ReadonlyMap<string, readonly TrustedKey[]>;
  readonly #imported = new Map<TrustedKey, Promise<CryptoKey>>();
  /** Set when the store comes from a signed trust list. */
  readonly list: TrustListInfo | undefined;

  /** @internal Use {@link createTrustStore} or {@link loadTrustList}. */
  constructor(keys: ReadonlyMap<string, readonly TrustedKey[]>, list?: TrustListInfo) {
    this.#keys = keys;
    this.list = list;
  }

  /** Agency ids in the store. */
  agencies(): string[] {
    return [...this.#keys.keys()];
  }

  /** Every key of an agency (empty when unknown). */
  keys(agency: string): readonly TrustedKey[] {
    return this.#keys.get(agency) ?? [];
  }

  /** The key with this agency id and kid, if any. */
  get(agency: string, kid: string): TrustedKey | undefined {
    return this.#keys.get(agency)?.find((k) => k.kid === kid);
  }

  /**
   * Judges whether the key `(agency, kid)` may have made a signature with `alg` at time `at`
   * (the envelope's iat, seconds): known, a signing key of that algorithm, within its validity
   * window, and not revoked at or before `at`.
   */
  checkSigningKey(agency: string, kid: string, alg: SignatureAlgorithm, at: number): KeyVerdict {
    const key = this.get(agency, kid);
    if (key === undefined) {
      return {
        ok: false,
        code: "ERR_ENVELOPE_SIGNER_UNKNOWN",
        message: "no trusted key with this agency and kid",
      };
    }
    if (key.use !== "sig" || key.alg !== alg) {
      return {
        ok: false,
        code: "ERR_ENVELOPE_KEY_NOT_VALID",
        message: `the key is not an ${alg} signing key`,
      };
    }
    if (key.revokedAt !== undefined && at >= key.revokedAt) {
      return {
        ok: false,
        code: "ERR_ENVELOPE_KEY_REVOKED",
        message: "the key was revoked at or before iat",
      };
    }
    if (at < key.notBefore || (key.notAfter !== undefined && at >= key.notAfter)) {
      return {
        ok: false,
        code: "ERR_ENVELOPE_KEY_NOT_VALID",
        message: "iat is outside the key's validity window",
      };
    }
    return { ok: true, key };
  }

  /** The encryption keys of an agency usable at time `at` (seconds): valid and not revoked. */
  encryptionKeys(agency: string, at: number): TrustedKey[] {
    return this.keys(agency).filter(
      (k) =>
        k.use === "enc" &&
        at >= k.notBefore &&
        (k.notAfter === undefined || at < k.notAfter) &&
        (k.revokedAt === undefined || at < k.revokedAt),
    );
  }

  /**
   * The recipient keys to encrypt to for these agencies at time `at` (seconds): every encryption
   * key of each agency valid then (during a key rollover, both).
   *
   * @throws CorridorError `ERR_INVALID_ARGUMENT` when an agency has no usable encryption key.
   */
  recipientKeys(agencies: readonly string[], at: number): RecipientKey[] {
    return agencies.flatMap((agency, i) => {
      const keys = this.encryptionKeys(agency, at);
      if (keys.length === 0)
        throw invalidArgument(["agencies", i], "no valid encryption key for this agency");
      return keys.map((k) => ({ agency, kid: k.kid, publicKey: { ...k.jwk } as JsonWebKey }));
    });
  }

  /** The WebCrypto key of a trusted key (imported once). */
  cryptoKey(key: TrustedKey): Promise<CryptoKey> {
    let promise = this.#imported.get(key);
    if (promise === undefined) {
      promise = importPublicKey(key.jwk, key.alg, ["trust", key.agency, key.kid]);
      this.#imported.set(key, promise);
    }
    return promise;
  }
}

/**
 * Builds a trust store from locally configured agencies and their public keys (for bilateral
 * setups, tests, or a list already verified elsewhere). Every key is checked; a bad key fails
 * the whole store rather than being skipped.
 *
 * @throws CorridorError `ERR_TRUST_LIST_INVALID` or `ERR_TRUST_KEY_INVALID`, with the path.
 * @example
 * ```ts
 * import { createTrustStore } from "@corridor/envelope";
 * const trust = createTrustStore({
 *   "GRC.asylum-service": {
 *     keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
 *              kid: "grc-2025", use: "sig", nbf: 1735689600 }],
 *   },
 * });
 * ```
 */
export function createTrustStore(agencies: TrustedAgencies): TrustStore {
  return new TrustStore(checkTrustedAgencies(agencies));
}

/** {@link createTrustStore} without throwing. */
export function safeCreateTrustStore(agencies: TrustedAgencies): Result<TrustStore> {
  return toResult(() => createTrustStore(agencies));
}
