import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { codecError, type PathLike, toPath } from "./_fail.js";
import { decodeBase64url, encodeBase64url } from "./base64url.js";

/**
 * SHA-256 (FIPS 180-4) and the content-digest string of envelopes (spec/encoding.md §9):
 * `sha256:` followed by the 43-character unpadded base64url of the 32-byte digest.
 */

/** The prefix of every content digest string. */
export const DIGEST_PREFIX = "sha256:";

interface Subtle {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}
function subtle(): Subtle | undefined {
  const c = (globalThis as { crypto?: { subtle?: Subtle } }).crypto;
  return c?.subtle;
}

/** Inputs up to this many bytes are hashed with @noble/hashes even where WebCrypto exists. */
const SMALL_INPUT = 2048;

/**
 * SHA-256 with WebCrypto (`globalThis.crypto.subtle.digest`, native in Node and browsers) for
 * inputs above 2 KiB; @noble/hashes for smaller ones and where WebCrypto is missing (an insecure
 * browser context).
 */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const s = subtle();
  // Below ~2 KiB the round trip to WebCrypto costs more than hashing in JS.
  if (s === undefined || bytes.length <= SMALL_INPUT) return nobleSha256(bytes);
  return new Uint8Array(await s.digest("SHA-256", bytes));
}

/** Synchronous SHA-256 with @noble/hashes: for small inputs (headers, keys), where a promise costs more than the hash. */
export function sha256Sync(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** The content digest of `bytes`: `"sha256:" + base64url(SHA-256(bytes))`, 50 characters. */
export async function digestString(bytes: Uint8Array): Promise<string> {
  return DIGEST_PREFIX + encodeBase64url(await sha256(bytes));
}

/** {@link digestString}, computed synchronously (use for small inputs). */
export function digestStringSync(bytes: Uint8Array): string {
  return DIGEST_PREFIX + encodeBase64url(nobleSha256(bytes));
}

const DIGEST_SHAPE = /^sha256:[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * Parses a content digest string strictly, returning the 32 digest bytes.
 *
 * @throws CorridorError `ERR_ENVELOPE_DIGEST_INVALID` unless the text is exactly `sha256:` and
 *   the canonical base64url of 32 bytes.
 */
export function parseDigestString(text: string, path?: PathLike): Uint8Array {
  if (typeof text !== "string" || !DIGEST_SHAPE.test(text)) {
    const { segments, name } = toPath(path, "digest");
    const message = "expected sha256: and 43 characters of canonical base64url";
    throw codecError(
      "ERR_ENVELOPE_DIGEST_INVALID",
      "invalid_digest",
      `${name}: ${message}`,
      segments,
    );
  }
  return decodeBase64url(text.slice(DIGEST_PREFIX.length), path);
}

/** True when `a` and `b` hold the same bytes (not constant-time: digests are not secrets). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
