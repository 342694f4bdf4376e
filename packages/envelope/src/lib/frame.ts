import { FRAME_VERSION } from "../constants.js";
import { FRAME_OVERHEAD, maxFrameBytes, type ResolvedEnvelopeLimits } from "../limits.js";
import { fail } from "./fail.js";

/*
 * The envelope frame (spec/envelope.md §3):
 *
 *   offset  size  field
 *   0       4     magic "CRDR" (0x43 0x52 0x44 0x52)
 *   4       1     frame version, 0x01
 *   5       4     J = length of the JWS, unsigned 32-bit big-endian, 1 ≤ J
 *   9       J     the JWS, General JSON Serialization, UTF-8
 *   9+J     4     B = length of the body, unsigned 32-bit big-endian
 *   13+J    B     the body bytes (their SHA-256 is the manifest's `digest`)
 *
 * Nothing may follow the body.
 */

/** The four magic bytes that open every envelope frame: ASCII "CRDR". */
export const FRAME_MAGIC = Uint8Array.of(0x43, 0x52, 0x44, 0x52);

/** True when `bytes` start like an envelope frame (magic bytes present). */
export function looksLikeFrame(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === FRAME_MAGIC[0] &&
    bytes[1] === FRAME_MAGIC[1] &&
    bytes[2] === FRAME_MAGIC[2] &&
    bytes[3] === FRAME_MAGIC[3]
  );
}

/** Writes a frame around a JWS and a body. */
export function encodeFrame(jws: Uint8Array, body: Uint8Array): Uint8Array {
  if (jws.length === 0 || jws.length > 0xffffffff || body.length > 0xffffffff) {
    throw fail("ERR_LIMIT_EXCEEDED", "frame: JWS or body too large for the frame");
  }
  const out = new Uint8Array(FRAME_OVERHEAD + jws.length + body.length);
  const view = new DataView(out.buffer);
  out.set(FRAME_MAGIC, 0);
  out[4] = FRAME_VERSION;
  view.setUint32(5, jws.length);
  out.set(jws, 9);
  view.setUint32(9 + jws.length, body.length);
  out.set(body, 13 + jws.length);
  return out;
}

/**
 * Splits a frame into its JWS and body (views into `bytes`, nothing copied). Every length is
 * checked against the limits before it is used.
 *
 * @throws CorridorError `ERR_ENVELOPE_MALFORMED`, `ERR_ENVELOPE_VERSION_UNSUPPORTED` or
 *   `ERR_LIMIT_EXCEEDED`.
 */
export function decodeFrame(
  bytes: Uint8Array,
  limits: ResolvedEnvelopeLimits,
): { jws: Uint8Array; body: Uint8Array } {
  if (bytes.length > maxFrameBytes(limits)) {
    throw fail("ERR_LIMIT_EXCEEDED", "envelope: larger than the limits allow", ["envelope"]);
  }
  if (!looksLikeFrame(bytes)) {
    throw fail("ERR_ENVELOPE_MALFORMED", "envelope: not an envelope frame (bad magic bytes)", [
      "envelope",
    ]);
  }
  if (bytes.length < FRAME_OVERHEAD) {
    throw fail("ERR_ENVELOPE_MALFORMED", "envelope: truncated frame header", ["envelope"]);
  }
  if (bytes[4] !== FRAME_VERSION) {
    throw fail("ERR_ENVELOPE_VERSION_UNSUPPORTED", "envelope: unknown frame version", [
      "envelope",
      "version",
    ]);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jwsLength = view.getUint32(5);
  if (jwsLength === 0) {
    throw fail("ERR_ENVELOPE_MALFORMED", "envelope: empty JWS", ["envelope", "jws"]);
  }
  if (jwsLength > limits.maxJwsBytes) {
    throw fail("ERR_LIMIT_EXCEEDED", "envelope: JWS larger than limits.maxJwsBytes", [
      "envelope",
      "jws",
    ]);
  }
  if (9 + jwsLength + 4 > bytes.length) {
    throw fail("ERR_ENVELOPE_MALFORMED", "envelope: truncated JWS", ["envelope", "jws"]);
  }
  const bodyLength = view.getUint32(9 + jwsLength);
  if (bodyLength > limits.maxBytes) {
    throw fail("ERR_LIMIT_EXCEEDED", "envelope: body larger than limits.maxBytes", [
      "envelope",
      "body",
    ]);
  }
  const end = FRAME_OVERHEAD + jwsLength + bodyLength;
  if (end > bytes.length) {
    throw fail("ERR_ENVELOPE_MALFORMED", "envelope: truncated body", ["envelope", "body"]);
  }
  if (end < bytes.length) {
    throw fail("ERR_ENVELOPE_MALFORMED", "envelope: bytes after the body", ["envelope"]);
  }
  return {
    jws: bytes.subarray(9, 9 + jwsLength),
    body: bytes.subarray(13 + jwsLength, end),
  };
}
