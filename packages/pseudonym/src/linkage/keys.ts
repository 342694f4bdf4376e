/**
 * Key material of Bloom-filter encodings: one HMAC-SHA256 key per schema field and one key per
 * balancing step, each derived with HKDF-SHA256 (RFC 5869) from the agreement's linkage secret of
 * one key epoch. The HKDF info binds the schema digest and the epoch, so encodings made under
 * another schema or epoch do not share bit positions even when the same secret is reused.
 * Derivation: spec/linkage.md §4.1.
 */
import { CorridorError } from "@corridor/errors";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

/** The linkage secret of one key epoch of an agreement. */
export interface LinkageKey {
  /** At least 32 bytes of secret shared by the agreement's parties (never sent with data). */
  readonly secret: Uint8Array;
  /** Key epoch, 0..999999999; it is written into every encoding. */
  readonly epoch: number;
}

/** HKDF salt of every linkage key (spec/linkage.md §4.1). */
export const LINKAGE_HKDF_SALT = "corridor/linkage/clk/1";

const utf8 = new TextEncoder();

/** Checks a {@link LinkageKey}; throws `ERR_INVALID_ARGUMENT`. */
export function assertLinkageKey(key: LinkageKey): void {
  if (!(key?.secret instanceof Uint8Array) || key.secret.length < 32) {
    throw new CorridorError(
      "ERR_INVALID_ARGUMENT",
      "linkage key secret must be at least 32 bytes",
      {
        path: ["key", "secret"],
      },
    );
  }
  if (!Number.isInteger(key.epoch) || key.epoch < 0 || key.epoch > 999_999_999) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "linkage key epoch must be 0..999999999", {
      path: ["key", "epoch"],
    });
  }
}

/**
 * Derives a 32-byte linkage key: HKDF-SHA256(IKM = secret, salt = "corridor/linkage/clk/1",
 * info = `<purpose>|<schemaDigest>|<epoch>|<index>`, L = 32), info in UTF-8, epoch and index in
 * decimal. `purpose` is `field` (index = position in `fields`) or `balance` (index = position
 * in `hardening`).
 */
export function deriveLinkageKey(
  key: LinkageKey,
  schemaDigest: string,
  purpose: "field" | "balance",
  index: number,
): Uint8Array {
  const info = `${purpose}|${schemaDigest}|${key.epoch}|${index}`;
  return hkdf(sha256, key.secret, utf8.encode(LINKAGE_HKDF_SALT), utf8.encode(info), 32);
}
