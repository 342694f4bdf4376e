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
  /** An identifier to pseudonymize is missing, empty or only white space; the path names the field. */
  "ERR_PSEUDONYM_INPUT_EMPTY",
  /** An identifier normalizes to nothing (only punctuation) or is not a valid partial date; the path names the field. */
  "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE",
  /** A pseudonymization secret or field key has the wrong type or length, or its agreement id or epoch is not valid. */
  "ERR_PSEUDONYM_KEY_INVALID",
  /** Keys, pseudonyms or a translation table belong to another key epoch than the one expected. */
  "ERR_PSEUDONYM_EPOCH_MISMATCH",
  /** Keys or a translation table belong to another data-sharing agreement than the one expected. */
  "ERR_PSEUDONYM_AGREEMENT_MISMATCH",
  /** A string is not a pseudonym: bad shape, unknown scheme, non-canonical base64url, wrong length. */
  "ERR_PSEUDONYM_MALFORMED",
  /** An epoch translation table has no entry for a pseudonym of the record; the path names the field. */
  "ERR_PSEUDONYM_TRANSLATION_MISSING",
] as const;
