import { type Result, toResult } from "@corridor/errors";
import { codecError, type PathLike, toPath } from "./_fail.js";

/**
 * UTF-8 helpers that never substitute U+FFFD: invalid input is an error, not a silent change.
 */

const ENCODER = new TextEncoder();
/** Fatal: throws on invalid UTF-8. ignoreBOM: a leading U+FEFF is kept, not silently dropped. */
const DECODER = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

interface WellFormed {
  isWellFormed?: (this: string) => boolean;
}
const nativeIsWellFormed = (String.prototype as unknown as WellFormed).isWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has no lone surrogate, so that it has a UTF-8 form. */
export function isWellFormedString(text: string): boolean {
  return nativeIsWellFormed !== undefined
    ? nativeIsWellFormed.call(text)
    : !LONE_SURROGATE.test(text);
}

/**
 * Encodes a string as UTF-8.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` if the string has a lone surrogate (TextEncoder
 *   would silently write U+FFFD in its place).
 */
export function utf8Encode(text: string): Uint8Array {
  if (typeof text !== "string" || !isWellFormedString(text)) {
    throw codecError(
      "ERR_INVALID_ARGUMENT",
      "lone_surrogate",
      "text: expected a well-formed string (lone surrogate found)",
    );
  }
  return ENCODER.encode(text);
}

/**
 * Decodes UTF-8 strictly: overlong forms, encoded surrogates, code points above U+10FFFF and
 * truncated sequences are errors. A byte-order mark is kept as U+FEFF (not stripped).
 *
 * @throws CorridorError `ERR_ENVELOPE_UTF8_INVALID`.
 */
export function utf8DecodeStrict(bytes: Uint8Array, path?: PathLike): string {
  try {
    return DECODER.decode(bytes);
  } catch {
    const { segments, name } = toPath(path, "bytes");
    throw codecError(
      "ERR_ENVELOPE_UTF8_INVALID",
      "invalid_utf8",
      `${name}: invalid UTF-8`,
      segments,
    );
  }
}

/** {@link utf8DecodeStrict} returning a {@link Result}. */
export function safeUtf8DecodeStrict(bytes: Uint8Array, path?: PathLike): Result<string> {
  return toResult(() => utf8DecodeStrict(bytes, path));
}

/** Internal: the shared fatal decoder (throws TypeError on invalid input). */
export const fatalDecoder: TextDecoder = DECODER;
/** Internal: the shared encoder. */
export const textEncoder: TextEncoder = ENCODER;
