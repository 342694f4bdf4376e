/**
 * Key material of Bloom-filter encodings: one HMAC-SHA256 key per schema field and one key per
 * balancing step, each derived with HKDF-SHA256 (RFC 5869) from the agreement secret of one key
 * epoch — the same {@link AgreementSecret} the exact pseudonyms use, under a different HKDF salt,
 * so no linkage key equals a pseudonym key. The HKDF info binds the agreement, the epoch and the
 * linkage schema digest: encodings made under another agreement, epoch or schema do not share bit
 * positions even when a secret is reused. Derivation: spec/linkage.md §4.1.
 */
import { CorridorError } from "@corridor/errors";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  type AgreementSecret,
  assertAgreementId,
  assertEpoch,
  SECRET_LENGTH,
} from "../pseudonymize/keys.js";

/** The secret a linkage encoder is keyed with: the agreement secret of one key epoch. */
export type LinkageKey = AgreementSecret;

/** HKDF salt of every linkage key (spec/linkage.md §4.1). */
export const LINKAGE_HKDF_SALT = "corridor/linkage/clk/1";

const utf8 = new TextEncoder();

/** Checks a {@link LinkageKey}; throws `ERR_PSEUDONYM_KEY_INVALID` naming the bad part. */
export function assertLinkageKey(key: LinkageKey): void {
  if (typeof key !== "object" || key === null) {
    throw new CorridorError("ERR_PSEUDONYM_KEY_INVALID", "key: expected an agreement secret", {
      path: ["key"],
    });
  }
  assertAgreementId(key.agreementId, ["key", "agreementId"]);
  assertEpoch(key.epoch, ["key", "epoch"]);
  if (!(key.secret instanceof Uint8Array) || key.secret.length !== SECRET_LENGTH) {
    throw new CorridorError(
      "ERR_PSEUDONYM_KEY_INVALID",
      `key.secret: expected a Uint8Array of ${SECRET_LENGTH} bytes`,
      { path: ["key", "secret"] },
    );
  }
}

/**
 * Derives a 32-byte linkage key: HKDF-SHA256(IKM = secret, salt = "corridor/linkage/clk/1",
 * info = purpose ‖ 0x00 ‖ agreementId ‖ 0x00 ‖ epoch ‖ 0x00 ‖ schemaDigest ‖ 0x00 ‖ index, L = 32),
 * all parts in UTF-8, epoch and index in decimal. `purpose` is `field` (index = position in
 * `fields`) or `balance` (index = position in `hardening`).
 */
export function deriveLinkageKey(
  key: LinkageKey,
  schemaDigest: string,
  purpose: "field" | "balance",
  index: number,
): Uint8Array {
  const info = `${purpose}\u0000${key.agreementId}\u0000${key.epoch}\u0000${schemaDigest}\u0000${index}`;
  return hkdf(sha256, key.secret, utf8.encode(LINKAGE_HKDF_SALT), utf8.encode(info), 32);
}
