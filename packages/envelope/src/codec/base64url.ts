import { type Result, toResult } from "@corridor/errors";
import { codecError, type PathLike, toPath } from "./_fail.js";
import { nodeBuffer } from "./_node.js";

/**
 * Unpadded, canonical base64url (RFC 4648 §5, without the padding of §3.2).
 *
 * Decoding is strict: only `A–Z a–z 0–9 - _`, no `=`, no whitespace, length mod 4 ≠ 1, and the
 * unused low bits of the last character must be zero, so every byte string has exactly one
 * accepted text. Pure JS, table-driven; uses `Uint8Array.fromBase64` / `toBase64` where the
 * engine has them, and Node.js's Buffer for long texts on Node.js (see {@link decodeBase64url}).
 * No `node:` imports: runs in browsers.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** ASCII code → 6-bit value, or -1. 128 entries: callers check `code < 128` first. */
const DECODE = new Int32Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** 12 bits → two ASCII characters packed in one 16-bit unit in the platform's byte order. */
const PAIRS = new Uint16Array(4096);
for (let i = 0; i < 4096; i++) {
  const hi = ALPHABET.charCodeAt(i >> 6);
  const lo = ALPHABET.charCodeAt(i & 63);
  PAIRS[i] = LITTLE_ENDIAN ? hi | (lo << 8) : (hi << 8) | lo;
}

const ASCII = new TextDecoder("utf-8");

interface NativeBase64 {
  toBase64?: (this: Uint8Array, options: { alphabet: string; omitPadding: boolean }) => string;
}
export interface NativeBase64Ctor {
  fromBase64?: (
    text: string,
    options: { alphabet: string; lastChunkHandling: string },
  ) => Uint8Array;
}
const nativeTo = (Uint8Array.prototype as unknown as NativeBase64).toBase64;
const nativeFrom = (Uint8Array as unknown as NativeBase64Ctor).fromBase64;

/**
 * From this length on (bytes, or characters of text), Node's Buffer encodes and decodes on
 * Node.js; a decoded text of this length gives at least 6 KiB, which Node puts in memory of its
 * own rather than in a slice of its shared pool.
 */
const NODE_MIN = 8192;

/** Pure-JS encoder (exported for tests and benchmarks; use {@link encodeBase64url}). */
export function encodeBase64urlJs(bytes: Uint8Array): string {
  const n = bytes.length;
  const full = n - (n % 3);
  if (n <= 48) {
    let s = "";
    let i = 0;
    for (; i < full; i += 3) {
      const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      s +=
        ALPHABET[v >> 18]! +
        ALPHABET[(v >> 12) & 63]! +
        ALPHABET[(v >> 6) & 63]! +
        ALPHABET[v & 63]!;
    }
    if (n - full === 1) {
      const v = bytes[i]!;
      s += ALPHABET[v >> 2]! + ALPHABET[(v & 3) << 4]!;
    } else if (n - full === 2) {
      const v = (bytes[i]! << 8) | bytes[i + 1]!;
      s += ALPHABET[v >> 10]! + ALPHABET[(v >> 4) & 63]! + ALPHABET[(v & 15) << 2]!;
    }
    return s;
  }
  const outLen = Math.ceil((n * 4) / 3);
  // Whole quads through a Uint16Array view (two characters per store), the tail byte-wise.
  const out = new Uint8Array((outLen + 1) & ~1);
  const out16 = new Uint16Array(out.buffer, 0, out.length >> 1);
  let i = 0;
  let o = 0;
  for (; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out16[o] = PAIRS[v >> 12]!;
    out16[o + 1] = PAIRS[v & 4095]!;
    o += 2;
  }
  let p = o * 2;
  if (n - full === 1) {
    const v = bytes[i]!;
    out[p++] = ALPHABET.charCodeAt(v >> 2);
    out[p++] = ALPHABET.charCodeAt((v & 3) << 4);
  } else if (n - full === 2) {
    const v = (bytes[i]! << 8) | bytes[i + 1]!;
    out[p++] = ALPHABET.charCodeAt(v >> 10);
    out[p++] = ALPHABET.charCodeAt((v >> 4) & 63);
    out[p++] = ALPHABET.charCodeAt((v & 15) << 2);
  }
  return ASCII.decode(p === out.length ? out : out.subarray(0, p));
}

/**
 * Encodes bytes as unpadded base64url (RFC 4648 §5).
 *
 * @example
 * ```ts
 * encodeBase64url(new Uint8Array([0xfb, 0xff])); // "-_8"
 * ```
 */
export function encodeBase64url(bytes: Uint8Array): string {
  if (nativeTo !== undefined)
    return nativeTo.call(bytes, { alphabet: "base64url", omitPadding: true });
  // Node's encoder writes canonical unpadded base64url, the same text as the JS one.
  if (nodeBuffer !== undefined && bytes instanceof Uint8Array && bytes.length >= NODE_MIN)
    return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64url");
  return encodeBase64urlJs(bytes);
}

function invalidBase64url(reason: string, message: string, path: PathLike | undefined) {
  const { segments, name } = toPath(path, "base64url");
  return codecError("ERR_ENVELOPE_BASE64URL_INVALID", reason, `${name}: ${message}`, segments);
}

/**
 * Whether the length and the last character could end a canonical text (the other characters
 * are not looked at): length mod 4 is not 1, and the last character of a partial quad is in the
 * alphabet with its unused low bits zero.
 */
function tailIsCanonical(text: string): boolean {
  const rem = text.length & 3;
  if (rem === 1) return false;
  if (rem === 0) return true;
  const last = text.charCodeAt(text.length - 1);
  const v = last < 128 ? DECODE[last]! : -1;
  // rem 2: the last character carries 2 bits of data, 4 unused; rem 3: 4 bits of data, 2 unused.
  return v >= 0 && (v & (rem === 2 ? 15 : 3)) === 0;
}

/** Checks the length and the trailing bits of the last character (not the other characters). */
function checkTail(text: string, path: PathLike | undefined): void {
  if (tailIsCanonical(text)) return;
  if ((text.length & 3) === 1) throw invalidBase64url("length", "length mod 4 is 1", path);
  const last = text.charCodeAt(text.length - 1);
  if (last >= 128 || DECODE[last]! < 0)
    throw invalidBase64url("character", "character outside the base64url alphabet", path);
  throw invalidBase64url("trailing_bits", "non-zero unused bits in the last character", path);
}

/**
 * Two ASCII characters (as one 16-bit unit in the platform's byte order) → their 12 bits, or -1.
 * Built on first use of a long input (128 KiB).
 */
let pairDecode: Int16Array | undefined;

function buildPairDecode(): Int16Array {
  const table = new Int16Array(65536).fill(-1);
  for (let a = 0; a < 64; a++) {
    for (let b = 0; b < 64; b++) {
      const ca = ALPHABET.charCodeAt(a);
      const cb = ALPHABET.charCodeAt(b);
      table[LITTLE_ENDIAN ? ca | (cb << 8) : (ca << 8) | cb] = (a << 6) | b;
    }
  }
  return table;
}

const ENCODER = new TextEncoder();

/**
 * Long inputs: the native TextEncoder copies the text to bytes, then whole quads are decoded
 * two characters per table lookup. Any non-ASCII character becomes a byte ≥ 0x80, which the
 * table maps to -1 like every other character outside the alphabet.
 */
function decodeLong(text: string, path: PathLike | undefined): Uint8Array {
  const n = text.length;
  const rem = n & 3;
  const full = n - rem;
  if (pairDecode === undefined) pairDecode = buildPairDecode();
  const table = pairDecode;
  const ascii = new Uint8Array(n + 8);
  const { read, written } = ENCODER.encodeInto(text, ascii);
  if (read !== n || written !== n) {
    throw invalidBase64url("character", "character outside the base64url alphabet", path);
  }
  const units = new Uint16Array(ascii.buffer, 0, (n + 8) >> 1);
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  for (let u = 0; u < full >> 1; u += 2) {
    const v = (table[units[u]!]! << 12) | table[units[u + 1]!]!;
    if (v < 0)
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    out[o] = v >> 16;
    out[o + 1] = v >> 8;
    out[o + 2] = v;
    o += 3;
  }
  if (rem !== 0) {
    const c0 = ascii[full]!;
    const c1 = ascii[full + 1]!;
    const c2 = rem === 3 ? ascii[full + 2]! : 65; // 'A' = 0
    if ((c0 | c1 | c2) > 127) {
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    }
    const v = (DECODE[c0]! << 18) | (DECODE[c1]! << 12) | (DECODE[c2]! << 6);
    if (v < 0)
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    out[o++] = v >> 16;
    if (rem === 3) out[o++] = v >> 8;
  }
  return out;
}

/** Pure-JS strict decoder (exported for tests and benchmarks; use {@link decodeBase64url}). */
export function decodeBase64urlJs(text: string, path?: PathLike): Uint8Array {
  if (typeof text !== "string") throw invalidBase64url("type", "expected a string", path);
  checkTail(text, path);
  const n = text.length;
  if (n >= 256) return decodeLong(text, path);
  const rem = n & 3;
  const full = n - rem;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i < full; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) {
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    }
    const v = (DECODE[c0]! << 18) | (DECODE[c1]! << 12) | (DECODE[c2]! << 6) | DECODE[c3]!;
    if (v < 0)
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    out[o] = v >> 16;
    out[o + 1] = v >> 8;
    out[o + 2] = v;
    o += 3;
  }
  if (rem !== 0) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = rem === 3 ? text.charCodeAt(i + 2) : 65; // 'A' = 0
    if ((c0 | c1 | c2) > 127) {
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    }
    const v = (DECODE[c0]! << 18) | (DECODE[c1]! << 12) | (DECODE[c2]! << 6);
    if (v < 0)
      throw invalidBase64url("character", "character outside the base64url alphabet", path);
    out[o++] = v >> 16;
    if (rem === 3) out[o++] = v >> 8;
  }
  return out;
}

const STRICT_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes canonical unpadded base64url (RFC 4648 §5) strictly.
 *
 * @param text the base64url text.
 * @param path where the text came from (e.g. `"protected"`), named in the error.
 * @throws CorridorError `ERR_ENVELOPE_BASE64URL_INVALID` on a character outside the alphabet
 *   (including `=`, `+`, `/` and whitespace), length mod 4 = 1, or non-zero unused trailing bits.
 * @example
 * ```ts
 * decodeBase64url("-_8"); // Uint8Array [0xfb, 0xff]
 * decodeBase64url("-_9"); // throws: trailing bits
 * ```
 */
export function decodeBase64url(text: string, path?: PathLike): Uint8Array {
  if (nativeFrom !== undefined) return decodeBase64urlNative(text, path, nativeFrom);
  if (nodeBuffer !== undefined && typeof text === "string" && text.length >= NODE_MIN) {
    const decoded = decodeBase64urlNode(text, nodeBuffer);
    if (decoded !== undefined) return decoded;
  }
  return decodeBase64urlJs(text, path);
}

/**
 * Node's base64url decoder is lenient: it skips ASCII characters outside the alphabet
 * (whitespace, `=`, anything else), takes `+` and `/` as `-` and `_`, reads only the low byte of
 * a character above U+00FF (U+0151 as `Q`), and ignores the unused trailing bits. So its result
 * is used only when the text is ASCII, has neither `+` nor `/`, ends in a canonical last
 * character, and nothing was skipped (the output has the full length the text's length gives);
 * otherwise `undefined`, and the JS decoder decides and names what is wrong.
 */
function decodeBase64urlNode(text: string, buffer: NonNullable<typeof nodeBuffer>) {
  const n = text.length;
  if (buffer.byteLength(text, "utf8") !== n) return undefined;
  if (text.indexOf("+") !== -1 || text.indexOf("/") !== -1 || !tailIsCanonical(text))
    return undefined;
  const bytes = buffer.from(text, "base64url");
  if (bytes.length !== Math.floor((n * 3) / 4)) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * The strict decoder over an engine's `Uint8Array.fromBase64` (exported for tests). The native
 * decoder skips ASCII whitespace and ignores trailing bits in "loose" mode, and its "strict" mode
 * requires padding: so the alphabet and the tail are checked here first.
 */
export function decodeBase64urlNative(
  text: string,
  path: PathLike | undefined,
  fromBase64: NonNullable<NativeBase64Ctor["fromBase64"]>,
): Uint8Array {
  if (typeof text !== "string") throw invalidBase64url("type", "expected a string", path);
  if (!STRICT_ALPHABET.test(text)) {
    throw invalidBase64url("character", "character outside the base64url alphabet", path);
  }
  checkTail(text, path);
  return fromBase64(text, { alphabet: "base64url", lastChunkHandling: "loose" });
}

/** {@link decodeBase64url} returning a {@link Result} instead of throwing. */
export function safeDecodeBase64url(text: string, path?: PathLike): Result<Uint8Array> {
  return toResult(() => decodeBase64url(text, path));
}
