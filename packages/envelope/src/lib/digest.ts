import { digestString, digestStringSync } from "../codec/index.js";

/**
 * Below this size a synchronous SHA-256 (@noble/hashes) is faster than a WebCrypto call, whose
 * fixed cost (a job on another thread) dominates small inputs; above it WebCrypto's native
 * implementation wins.
 */
const SYNC_DIGEST_MAX = 256 * 1024;

/** `sha256:` digest string of `bytes`, by the faster route for their size. */
export function digestOf(bytes: Uint8Array): Promise<string> | string {
  return bytes.length <= SYNC_DIGEST_MAX ? digestStringSync(bytes) : digestString(bytes);
}
