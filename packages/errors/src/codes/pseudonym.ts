/** Codes of pseudonymization and record linkage (`@corridor/pseudonym`). */
export const PSEUDONYM_CODES = [
  /** A linkage schema document fails validation (unknown field, bad parameter); `issues` lists each problem. */
  "ERR_LINKAGE_SCHEMA_INVALID",
  /** Two linkage encodings (or an encoding and a decoder) were made under different linkage schemas. */
  "ERR_LINKAGE_SCHEMA_MISMATCH",
  /** Two linkage encodings were made under different key epochs. */
  "ERR_LINKAGE_EPOCH_MISMATCH",
  /** Two linkage encodings were made by different encoder versions. */
  "ERR_LINKAGE_ENCODER_VERSION_MISMATCH",
  /** A linkage encoding names a scheme this implementation does not implement. */
  "ERR_LINKAGE_SCHEME_UNSUPPORTED",
  /** A linkage encoding is not well formed: bad shape, non-canonical base64url, wrong length. */
  "ERR_LINKAGE_ENCODING_MALFORMED",
  /** A record has none of the identifiers the linkage schema encodes, so it cannot be encoded. */
  "ERR_LINKAGE_NO_IDENTIFIERS",
  /** The pre-export self-check re-identified more encodings than the acceptable level. */
  "ERR_LINKAGE_REIDENTIFICATION_RISK",
] as const;
