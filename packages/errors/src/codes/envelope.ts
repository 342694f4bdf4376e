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
  // --- envelope format, seal/open (spec/envelope.md) ---
  /** The envelope's framing or its JWS/JWE JSON structure is not the one spec/envelope.md defines. */
  "ERR_ENVELOPE_MALFORMED",
  /** The envelope states a frame or protocol version this implementation does not know. */
  "ERR_ENVELOPE_VERSION_UNSUPPORTED",
  /** `typ`, `cty` or the manifest's `doc` names another document type than the one expected. */
  "ERR_ENVELOPE_TYPE_MISMATCH",
  /** A JOSE header breaks Corridor's profile: unprotected header, missing kid, unknown or ill-typed member. */
  "ERR_ENVELOPE_HEADER_INVALID",
  /** A JOSE header lists critical extensions (`crit`); Corridor understands none. */
  "ERR_ENVELOPE_CRIT_UNSUPPORTED",
  /** A JOSE header carries or points to a key (jwk, jku, x5u, x5c, x5t); keys come only from the trust store. */
  "ERR_ENVELOPE_EMBEDDED_KEY",
  /** An algorithm outside Corridor's allow-list (EdDSA, ES256; ECDH-ES+A256KW with A256GCM). */
  "ERR_ENVELOPE_ALG_NOT_ALLOWED",
  /** The signed manifest lacks a field or has an ill-formed one; `path` names it. */
  "ERR_ENVELOPE_MANIFEST_INVALID",
  /** The trust store has no key with this agency id and kid. */
  "ERR_ENVELOPE_SIGNER_UNKNOWN",
  /** The signer's key was not valid for this signature at the envelope's iat (window, usage, algorithm). */
  "ERR_ENVELOPE_KEY_NOT_VALID",
  /** The signer's key was revoked at or before the envelope's iat. */
  "ERR_ENVELOPE_KEY_REVOKED",
  /** A signature does not verify. */
  "ERR_ENVELOPE_SIGNATURE_INVALID",
  /** A required signature is absent: the sender's (iss) or a required co-signer's. */
  "ERR_ENVELOPE_SIGNATURE_MISSING",
  /** Two signatures name the same agency and key id. */
  "ERR_ENVELOPE_SIGNER_DUPLICATE",
  /** The envelope's aud does not name the agency opening it. */
  "ERR_ENVELOPE_AUDIENCE_MISMATCH",
  /** iat lies further in the future than the allowed clock skew. */
  "ERR_ENVELOPE_NOT_YET_VALID",
  /** exp has passed (allowing for clock skew). */
  "ERR_ENVELOPE_EXPIRED",
  /** exp is not after iat, or exp - iat exceeds the maximum lifetime. */
  "ERR_ENVELOPE_LIFETIME_INVALID",
  /** An envelope with this (iss, jti) was accepted before. */
  "ERR_ENVELOPE_REPLAYED",
  /** The body's SHA-256 digest differs from the signed content digest. */
  "ERR_ENVELOPE_DIGEST_MISMATCH",
  /** The body holds another number of items than the signed count. */
  "ERR_ENVELOPE_COUNT_MISMATCH",
  /** No recipient entry of the JWE opens with the given keys, or authenticated decryption failed. */
  "ERR_ENVELOPE_DECRYPTION_FAILED",
  /** The envelope arrived unencrypted where the caller requires encryption. */
  "ERR_ENVELOPE_NOT_ENCRYPTED",
  // --- trust store and replay store (spec/trust.md) ---
  /** A trust list (or a trust store input) is ill-formed; `path` names the member. */
  "ERR_TRUST_LIST_INVALID",
  /** A key in a trust list is not an acceptable public key (private members, wrong type or curve, bad point). */
  "ERR_TRUST_KEY_INVALID",
  /** The trust list's exp has passed, or its iat lies in the future. */
  "ERR_TRUST_LIST_EXPIRED",
  /** The trust list's sequence number is lower than one already accepted (rollback). */
  "ERR_TRUST_LIST_ROLLBACK",
  /** The replay store is full and cannot record another envelope (fails closed). */
  "ERR_REPLAY_STORE_FULL",
  // --- streams of envelopes (spec/streams.md) ---
  /** A byte stream of chunks is not framed as spec/streams.md defines (bad magic bytes, a chunk length of 0). */
  "ERR_STREAM_MALFORMED",
  /** A chunk's sequence number is not the next one expected: a chunk dropped, duplicated, reordered, or sent after the final chunk. */
  "ERR_STREAM_SEQUENCE",
  /** A chunk's `prev` is not the payload digest of the chunk before it. */
  "ERR_STREAM_CHAIN_BROKEN",
  /** The stream ended before its final chunk (or inside a chunk). */
  "ERR_STREAM_TRUNCATED",
  /** The final chunk's `total` differs from the sum of the chunks' record counts. */
  "ERR_STREAM_COUNT_MISMATCH",
  /** A chunk belongs to another stream, is not a chunk, or changes a field that must stay the same across the stream (iss, aud, agreement, ...). */
  "ERR_STREAM_MIXED",
  /** A re-read of a verified stream (second pass or spool) does not give the bytes that were verified. */
  "ERR_STREAM_CHANGED",
  /** The consumer stopped reading a stream before its end (nothing after that point was verified). */
  "ERR_STREAM_CANCELLED",
] as const;
