/**
 * The hostile-input codec layer of `@corridor/envelope`: strict decoders for everything that
 * arrives from another agency (base64url, UTF-8, JSON, MessagePack, bodies), within limits, and
 * fast encoders. The wire rules are in `spec/encoding.md`.
 */
export {
  decodeBase64url,
  encodeBase64url,
  safeDecodeBase64url,
} from "./base64url.js";
export {
  DEFAULT_LIMITS,
  type DecodeLimits,
  MAX_DEPTH_CEILING,
  type ResolvedLimits,
  resolveLimits,
} from "./limits.js";
export {
  isWellFormedString,
  safeUtf8DecodeStrict,
  utf8DecodeStrict,
  utf8Encode,
} from "./utf8.js";
