/**
 * The hostile-input codec layer of `@corridor/envelope`: strict decoders for everything that
 * arrives from another agency (base64url, UTF-8, JSON, MessagePack, bodies), within limits, and
 * fast encoders that write only what the decoders accept. The wire rules are in
 * `spec/encoding.md`.
 */
export {
  type DecodeOptions,
  type KnownNames,
  type PathLike,
  UNKNOWN_KEY,
} from "./_fail.js";
export { decodeBase64url, encodeBase64url, safeDecodeBase64url } from "./base64url.js";
export {
  BODY_ENCODINGS,
  type BodyEncoding,
  decodeBody,
  encodeBody,
  safeDecodeBody,
} from "./body.js";
export {
  bytesEqual,
  DIGEST_PREFIX,
  digestString,
  digestStringSync,
  parseDigestString,
  sha256,
  sha256Sync,
} from "./digest.js";
export { parseJsonStrict, safeParseJsonStrict } from "./json.js";
export { encodeJson, safeEncodeJson, stringifyJson } from "./json-encode.js";
export {
  DEFAULT_LIMITS,
  type DecodeLimits,
  MAX_DEPTH_CEILING,
  type ResolvedLimits,
  resolveLimits,
} from "./limits.js";
export {
  decodeMsgpackStrict,
  type MsgpackDecodeOptions,
  safeDecodeMsgpackStrict,
} from "./msgpack-decode.js";
export { encodeMsgpack, safeEncodeMsgpack } from "./msgpack-encode.js";
export { isWellFormedString, safeUtf8DecodeStrict, utf8DecodeStrict, utf8Encode } from "./utf8.js";
