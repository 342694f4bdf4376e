import { AGENCY_ID_PATTERN } from "@corridor/schema";

/*
 * Shapes of the identifiers in manifests, headers and trust lists (spec/envelope.md §4). All are
 * ASCII, so no Unicode normalization question arises for them.
 */

export const AGENCY_ID = new RegExp(AGENCY_ID_PATTERN);
/** Key id: 1–128 of A–Z a–z 0–9 and `. _ : -` (an RFC 7638 thumbprint fits). */
export const KID = /^[A-Za-z0-9._:-]{1,128}$/;
/** jti: 16–128 of the base64url alphabet (seal writes 16 random bytes, 22 characters). */
export const JTI = /^[A-Za-z0-9_-]{16,128}$/;
/** Agreement id: like a record id, 1–128 of A–Z a–z 0–9 `. _ : -`, first alphanumeric. */
export const AGREEMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Purpose and legal basis codes: lower-case letters, digits and inner `. : -`, at most 64. */
export const CODE = /^[a-z0-9](?:[a-z0-9.:-]{0,62}[a-z0-9])?$/;
/** Pseudonymization scheme: as in a pseudonym (`<scheme>:<epoch>:<value>`). */
export const SCHEME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
/** Schema version `MAJOR.MINOR`. */
export const SCHEMA_VERSION = /^(?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5})$/;
/** `sha256:` and 43 base64url characters (canonicity is checked by decoding). */
export const DIGEST = /^sha256:[A-Za-z0-9_-]{43}$/;

/** Largest epoch of a key or pseudonymization scheme. */
export const MAX_EPOCH = 999_999_999;
/** Largest NumericDate accepted (year 9999), so time arithmetic stays exact. */
export const MAX_NUMERIC_DATE = 253_402_300_799;
