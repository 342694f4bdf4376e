/**
 * Per-field pseudonymization keys (spec/pseudonym.md §3): one HMAC-SHA256 key per identifier
 * field, derived with HKDF-SHA256 (RFC 5869) from the secret of one data-sharing agreement and one
 * key epoch. Distinct fields, agreements and epochs get independent keys, so a passport-number
 * pseudonym never equals a name pseudonym, and pseudonyms of one agreement cannot be joined with
 * another's.
 */
import { CorridorError, formatPath, type Result, toResult } from "@corridor/errors";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

/** The pseudonym scheme this module implements: HMAC-SHA256, 32-byte value (spec/pseudonym.md §4). */
export const PSEUDONYM_SCHEME = "hs256";

/** HKDF salt of every field key: UTF-8 of this string (spec/pseudonym.md §3). */
export const PSEUDONYM_HKDF_SALT = "corridor/pseudonym/hs256/1";

/** Length of the agreement secret and of every field key, in bytes. */
export const SECRET_LENGTH = 32;

/**
 * The fields that get their own key. `document`, `name`, `date-of-birth` and `place-of-birth`
 * are the identifiers of the record model; `link-*` are the composite linkage keys
 * (spec/pseudonym.md §6).
 */
export const PSEUDONYM_FIELDS = [
  "document",
  "name",
  "date-of-birth",
  "place-of-birth",
  "link-name-dob-sex",
  "link-name-yob-sex",
  "link-name-dob",
  "link-name-yob",
] as const;
/** A field with its own key. */
export type PseudonymField = (typeof PSEUDONYM_FIELDS)[number];

/** Agreement ids: 1–128 printable ASCII characters without space (spec/pseudonym.md §3). */
export const AGREEMENT_ID_PATTERN = "^[\\x21-\\x7e]{1,128}$";
const AGREEMENT_ID_RE = new RegExp(AGREEMENT_ID_PATTERN);
const MAX_EPOCH = 999_999_999;

/**
 * The pseudonymization secret of one agreement and key epoch. Every sending party of the agreement
 * holds it; recipients never do (spec/pseudonym.md §8).
 */
export interface AgreementSecret {
  /** Id of the data-sharing agreement (1–128 printable ASCII characters, no space). */
  readonly agreementId: string;
  /** Key epoch, 0..999999999; it is written into every pseudonym. */
  readonly epoch: number;
  /** Exactly 32 bytes from a cryptographically secure random generator, fresh for each epoch. */
  readonly secret: Uint8Array;
}

/** The derived keys of one agreement and epoch: one 32-byte key per field. */
export interface FieldKeys {
  readonly scheme: typeof PSEUDONYM_SCHEME;
  readonly agreementId: string;
  readonly epoch: number;
  readonly keys: Readonly<Record<PseudonymField, Uint8Array>>;
}

const utf8 = new TextEncoder();

/** Checks an agreement id; throws ERR_PSEUDONYM_KEY_INVALID. */
export function assertAgreementId(agreementId: unknown, path: readonly string[]): void {
  if (typeof agreementId !== "string" || !AGREEMENT_ID_RE.test(agreementId)) {
    throw new CorridorError(
      "ERR_PSEUDONYM_KEY_INVALID",
      `${formatPath(path)}: agreement id must be 1-128 printable ASCII characters without space`,
      { path },
    );
  }
}

/** Checks a key epoch; throws ERR_PSEUDONYM_KEY_INVALID. */
export function assertEpoch(epoch: unknown, path: readonly string[]): asserts epoch is number {
  if (typeof epoch !== "number" || !Number.isInteger(epoch) || epoch < 0 || epoch > MAX_EPOCH) {
    throw new CorridorError(
      "ERR_PSEUDONYM_KEY_INVALID",
      `${formatPath(path)}: key epoch must be an integer 0..999999999`,
      { path },
    );
  }
}

function assertKeyBytes(key: unknown, path: readonly string[]): void {
  if (!(key instanceof Uint8Array) || key.length !== SECRET_LENGTH) {
    throw new CorridorError(
      "ERR_PSEUDONYM_KEY_INVALID",
      `${formatPath(path)}: expected a Uint8Array of ${SECRET_LENGTH} bytes`,
      { path },
    );
  }
}

/**
 * The HKDF `info` of one field key: UTF-8(field) ‖ 0x00 ‖ UTF-8(decimal epoch) ‖ 0x00 ‖
 * UTF-8(agreement id). No part can contain 0x00, so distinct triples give distinct strings.
 *
 * @example
 * ```ts
 * import { fieldKeyInfo } from "@corridor/pseudonym";
 * fieldKeyInfo("name", 3, "GRC-ITA-2025-07"); // bytes of "name\u00003\u0000GRC-ITA-2025-07"
 * ```
 */
export function fieldKeyInfo(
  field: PseudonymField,
  epoch: number,
  agreementId: string,
): Uint8Array {
  return utf8.encode(`${field}\u0000${epoch}\u0000${agreementId}`);
}

/**
 * Derives the per-field keys of one agreement and key epoch:
 * `key(field) = HKDF-SHA256(IKM = secret, salt = "corridor/pseudonym/hs256/1",
 * info = field ‖ 0x00 ‖ epoch ‖ 0x00 ‖ agreementId, L = 32)` (spec/pseudonym.md §3).
 *
 * The secret must be exactly 32 bytes; use a fresh random secret for each epoch. The result holds
 * key material: keep it in memory only, and do not log it (its `toJSON` leaves the keys out).
 *
 * @param secret - Agreement id, key epoch and the 32-byte secret.
 * @returns The field keys, frozen.
 * @throws CorridorError `ERR_PSEUDONYM_KEY_INVALID` when the secret is not 32 bytes, the epoch is
 *   not an integer 0..999999999 or the agreement id is not 1–128 printable ASCII characters.
 *
 * @example
 * ```ts
 * import { createPseudonymizer, deriveFieldKeys } from "@corridor/pseudonym";
 * const keys = deriveFieldKeys({
 *   agreementId: "GRC-ITA-2025-07",
 *   epoch: 3,
 *   secret: crypto.getRandomValues(new Uint8Array(32)),
 * });
 * const p = createPseudonymizer(keys);
 * ```
 */
export function deriveFieldKeys(secret: AgreementSecret): FieldKeys {
  if (typeof secret !== "object" || secret === null) {
    throw new CorridorError("ERR_PSEUDONYM_KEY_INVALID", "secret: expected an object");
  }
  assertAgreementId(secret.agreementId, ["secret", "agreementId"]);
  assertEpoch(secret.epoch, ["secret", "epoch"]);
  assertKeyBytes(secret.secret, ["secret", "secret"]);
  const salt = utf8.encode(PSEUDONYM_HKDF_SALT);
  const keys = {} as Record<PseudonymField, Uint8Array>;
  for (const field of PSEUDONYM_FIELDS) {
    keys[field] = hkdf(
      sha256,
      secret.secret,
      salt,
      fieldKeyInfo(field, secret.epoch, secret.agreementId),
      SECRET_LENGTH,
    );
  }
  return freezeKeys(secret.agreementId, secret.epoch, keys);
}

/**
 * {@link deriveFieldKeys} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeDeriveFieldKeys } from "@corridor/pseudonym";
 * const r = safeDeriveFieldKeys({ agreementId: "GRC-ITA-2025-07", epoch: 3, secret });
 * if (!r.success) console.error(r.error.code, r.error.path); // ERR_PSEUDONYM_KEY_INVALID, secret.secret
 * ```
 */
export function safeDeriveFieldKeys(secret: AgreementSecret): Result<FieldKeys> {
  return toResult(() => deriveFieldKeys(secret));
}

function freezeKeys(
  agreementId: string,
  epoch: number,
  keys: Record<PseudonymField, Uint8Array>,
): FieldKeys {
  const out: FieldKeys = {
    scheme: PSEUDONYM_SCHEME,
    agreementId,
    epoch,
    keys: Object.freeze(keys),
  };
  // Key bytes must not end up in logs: JSON and Node's inspector show only the public part.
  const redacted = () => ({ scheme: PSEUDONYM_SCHEME, agreementId, epoch, keys: "[redacted]" });
  Object.defineProperty(out, "toJSON", { value: redacted, enumerable: false });
  Object.defineProperty(out, Symbol.for("nodejs.util.inspect.custom"), {
    value: redacted,
    enumerable: false,
  });
  return Object.freeze(out);
}

/**
 * Checks a {@link FieldKeys} value (e.g. one rebuilt from storage): scheme, agreement id, epoch,
 * and a 32-byte key for every field. Throws `ERR_PSEUDONYM_KEY_INVALID` naming the bad part.
 *
 * @example
 * ```ts
 * import { assertFieldKeys, createPseudonymizer } from "@corridor/pseudonym";
 * assertFieldKeys(keysFromVault); // throws ERR_PSEUDONYM_KEY_INVALID at keys.keys.name if short
 * const p = createPseudonymizer(keysFromVault);
 * ```
 */
export function assertFieldKeys(keys: unknown): asserts keys is FieldKeys {
  if (typeof keys !== "object" || keys === null) {
    throw new CorridorError("ERR_PSEUDONYM_KEY_INVALID", "keys: expected field keys");
  }
  const k = keys as Partial<FieldKeys>;
  if (k.scheme !== PSEUDONYM_SCHEME) {
    throw new CorridorError("ERR_PSEUDONYM_KEY_INVALID", `keys.scheme: expected "hs256"`, {
      path: ["keys", "scheme"],
    });
  }
  assertAgreementId(k.agreementId, ["keys", "agreementId"]);
  assertEpoch(k.epoch, ["keys", "epoch"]);
  if (typeof k.keys !== "object" || k.keys === null) {
    throw new CorridorError("ERR_PSEUDONYM_KEY_INVALID", "keys.keys: expected one key per field", {
      path: ["keys", "keys"],
    });
  }
  for (const field of PSEUDONYM_FIELDS) assertKeyBytes(k.keys[field], ["keys", "keys", field]);
}
