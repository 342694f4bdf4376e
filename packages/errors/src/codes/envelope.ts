/** Codes of envelopes, trust and streams (`@corridor/envelope`). */
export const ENVELOPE_CODES = [
  /** Text is not canonical unpadded base64url (RFC 4648 §5): bad character, padding, whitespace, length or trailing bits. */
  "ERR_ENVELOPE_BASE64URL_INVALID",
  /** Bytes are not valid UTF-8 (overlong form, surrogate, truncated sequence, out-of-range code point). */
  "ERR_ENVELOPE_UTF8_INVALID",
  /** Input is not JSON of Corridor's strict profile (spec/encoding.md); `issues[0].reason` says why. */
  "ERR_ENVELOPE_JSON_INVALID",
  /** Input is not MessagePack of Corridor's strict subset (spec/encoding.md); `issues[0].reason` says why. */
  "ERR_ENVELOPE_MSGPACK_INVALID",
  /** An object or map has the same key twice; `path` names the second occurrence. */
  "ERR_ENVELOPE_DUPLICATE_KEY",
  /** An object or map has a key that is never allowed (`__proto__`, `constructor`, `prototype`). */
  "ERR_ENVELOPE_FORBIDDEN_KEY",
  /** A content digest string is not `sha256:` followed by 43 characters of canonical base64url. */
  "ERR_ENVELOPE_DIGEST_INVALID",
] as const;
