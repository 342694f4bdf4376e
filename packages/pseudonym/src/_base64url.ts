/**
 * Unpadded base64url (RFC 4648 §5) with strict decoding: only the 64 alphabet characters, no
 * padding, no whitespace, a length that is not 1 mod 4, and zero bits in the unused low bits of
 * the last character (so every byte string has exactly one accepted encoding). The one
 * implementation behind pseudonym text forms (`pseudonymize/pseudonym.ts`) and linkage encodings.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Encodes `bytes[off..off+len)` (default: all of it) as unpadded base64url. */
export function toBase64Url(bytes: Uint8Array, off = 0, len = bytes.length - off): string {
  let out = "";
  const end = off + len;
  let i = off;
  for (; i + 3 <= end; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[v >>> 18]! +
      ALPHABET[(v >>> 12) & 63]! +
      ALPHABET[(v >>> 6) & 63]! +
      ALPHABET[v & 63]!;
  }
  const rest = end - i;
  if (rest === 1) {
    const v = bytes[i]!;
    out += ALPHABET[v >>> 2]! + ALPHABET[(v & 3) << 4]!;
  } else if (rest === 2) {
    const v = (bytes[i]! << 8) | bytes[i + 1]!;
    out += ALPHABET[v >>> 10]! + ALPHABET[(v >>> 4) & 63]! + ALPHABET[(v & 15) << 2]!;
  }
  return out;
}

/** Decodes strict unpadded base64url; returns undefined for anything not canonical. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const n = text.length;
  if (n % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // Non-canonical: leftover bits of the last character must be zero.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
