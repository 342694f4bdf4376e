import { type Result, toResult } from "@corridor/errors";
import { isForbiddenKey } from "./_checks.js";
import { DecodeFailure, type DecodeOptions, type KnownNames } from "./_fail.js";
import { nodeBuffer } from "./_node.js";
import { type DecodeLimits, type ResolvedLimits, resolveLimits } from "./limits.js";
import { fatalDecoder } from "./utf8.js";

/**
 * A strict decoder of Corridor's MessagePack subset (spec/encoding.md §3): nil, bool, int
 * (every width, safe-integer values only), float32/float64 (finite), str (valid UTF-8), array,
 * and map with string keys (no duplicates, no forbidden keys). No bin, no ext (so no
 * timestamps), no 0xc1. Lengths are checked against the remaining input and the limits before
 * anything is allocated; nesting is bounded by `maxDepth`, itself capped far below the stack.
 *
 * The decoder state lives in module variables (it is synchronous and never calls out).
 */

/** Options of {@link decodeMsgpackStrict}. */
export interface MsgpackDecodeOptions extends DecodeOptions {
  /**
   * Accept only the canonical encoding (spec/encoding.md §3.4): shortest int and length headers,
   * integral values as ints, float64 only, no negative zero. Default false: any header width and
   * float32 are accepted, since stock encoders in other languages do not all write shortest forms.
   */
  readonly requireCanonical?: boolean;
}

let buf: Uint8Array = new Uint8Array(0);
let view: DataView = new DataView(buf.buffer);
let pos = 0;
let end = 0;
let lim: ResolvedLimits;
let canonical = false;

const INVALID = "ERR_ENVELOPE_MSGPACK_INVALID" as const;

function invalid(reason: string, what: string, at: number): DecodeFailure {
  return new DecodeFailure(INVALID, reason, `MessagePack: ${what} at byte ${at}`);
}

function truncated(at: number): DecodeFailure {
  return invalid("truncated", "input ends inside a value", at);
}

function limitFailure(what: string, at: number): DecodeFailure {
  return new DecodeFailure(
    "ERR_LIMIT_EXCEEDED",
    "limit_exceeded",
    `MessagePack: ${what} at byte ${at}`,
  );
}

function nonCanonical(what: string, at: number): DecodeFailure {
  return invalid("non_canonical", `${what} is not in canonical form`, at);
}

/** Reads a big-endian length of `size` bytes (1, 2 or 4) after the type byte at `pos - 1`. */
function readLength(size: number): number {
  if (pos + size > end) throw truncated(pos - 1);
  let n: number;
  if (size === 1) n = buf[pos]!;
  else if (size === 2) n = (buf[pos]! << 8) | buf[pos + 1]!;
  else n = view.getUint32(pos);
  pos += size;
  return n;
}

function decodeValue(depth: number): unknown {
  if (pos >= end) throw truncated(pos);
  const start = pos;
  const b = buf[pos++]!;
  if (b < 0x80) return b; // positive fixint
  if (b >= 0xe0) return b - 256; // negative fixint
  if (b >= 0xa0 && b <= 0xbf) return readString(b & 31, start);
  if (b <= 0x8f) return readMap(b & 15, depth + 1, start);
  if (b <= 0x9f) return readArray(b & 15, depth + 1, start, lim.maxContainerLength);
  switch (b) {
    case 0xc0:
      return null;
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xc1:
      throw invalid("reserved_byte", "reserved type byte 0xc1", start);
    case 0xc4:
    case 0xc5:
    case 0xc6:
      throw invalid("bin_not_allowed", "bin type (send bytes as base64url strings)", start);
    case 0xc7:
    case 0xc8:
    case 0xc9:
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
      throw invalid("ext_not_allowed", "extension type (including timestamps)", start);
    case 0xca: {
      if (canonical) throw nonCanonical("float32", start);
      if (pos + 4 > end) throw truncated(start);
      const f = view.getFloat32(pos);
      pos += 4;
      return checkFloat(f, start);
    }
    case 0xcb: {
      if (pos + 8 > end) throw truncated(start);
      const f = view.getFloat64(pos);
      pos += 8;
      // Canonical form writes safe integers (including ±0) as ints.
      if (canonical && Number.isSafeInteger(f)) throw nonCanonical("integral float64", start);
      return checkFloat(f, start);
    }
    case 0xcc: {
      if (pos >= end) throw truncated(start);
      const v = buf[pos++]!;
      if (canonical && v < 0x80) throw nonCanonical("uint8", start);
      return v;
    }
    case 0xcd: {
      if (pos + 2 > end) throw truncated(start);
      const v = (buf[pos]! << 8) | buf[pos + 1]!;
      pos += 2;
      if (canonical && v < 0x100) throw nonCanonical("uint16", start);
      return v;
    }
    case 0xce: {
      if (pos + 4 > end) throw truncated(start);
      const v = view.getUint32(pos);
      pos += 4;
      if (canonical && v < 0x10000) throw nonCanonical("uint32", start);
      return v;
    }
    case 0xcf: {
      if (pos + 8 > end) throw truncated(start);
      const hi = view.getUint32(pos);
      const lo = view.getUint32(pos + 4);
      pos += 8;
      // hi ≤ 0x1fffff ⇔ value ≤ 2^53 − 1.
      if (hi > 0x1fffff) throw invalid("unsafe_integer", "integer outside ±(2^53−1)", start);
      if (canonical && hi === 0) throw nonCanonical("uint64", start);
      return hi * 4294967296 + lo;
    }
    case 0xd0: {
      if (pos >= end) throw truncated(start);
      const v = (buf[pos++]! << 24) >> 24;
      if (canonical && v >= -32) throw nonCanonical("int8", start);
      return v;
    }
    case 0xd1: {
      if (pos + 2 > end) throw truncated(start);
      const v = (((buf[pos]! << 8) | buf[pos + 1]!) << 16) >> 16;
      pos += 2;
      if (canonical && v >= -128) throw nonCanonical("int16", start);
      return v;
    }
    case 0xd2: {
      if (pos + 4 > end) throw truncated(start);
      const v = view.getInt32(pos);
      pos += 4;
      if (canonical && v >= -32768) throw nonCanonical("int32", start);
      return v;
    }
    case 0xd3: {
      if (pos + 8 > end) throw truncated(start);
      const hi = view.getInt32(pos);
      const lo = view.getUint32(pos + 4);
      pos += 8;
      if (hi > 0x1fffff || hi < -0x200000 || (hi === -0x200000 && lo === 0)) {
        throw invalid("unsafe_integer", "integer outside ±(2^53−1)", start);
      }
      const v = hi * 4294967296 + lo;
      if (canonical && v >= -2147483648) throw nonCanonical("int64", start);
      return v;
    }
    case 0xd9: {
      const n = readLength(1);
      if (canonical && n < 32) throw nonCanonical("str8 header", start);
      return readString(n, start);
    }
    case 0xda: {
      const n = readLength(2);
      if (canonical && n < 0x100) throw nonCanonical("str16 header", start);
      return readString(n, start);
    }
    case 0xdb: {
      const n = readLength(4);
      if (canonical && n < 0x10000) throw nonCanonical("str32 header", start);
      return readString(n, start);
    }
    case 0xdc: {
      const n = readLength(2);
      if (canonical && n < 16) throw nonCanonical("array16 header", start);
      return readArray(n, depth + 1, start, lim.maxContainerLength);
    }
    case 0xdd: {
      const n = readLength(4);
      if (canonical && n < 0x10000) throw nonCanonical("array32 header", start);
      return readArray(n, depth + 1, start, lim.maxContainerLength);
    }
    case 0xde: {
      const n = readLength(2);
      if (canonical && n < 16) throw nonCanonical("map16 header", start);
      return readMap(n, depth + 1, start);
    }
    default: {
      // 0xdf: map32 (every other byte value is handled above)
      const n = readLength(4);
      if (canonical && n < 0x10000) throw nonCanonical("map32 header", start);
      return readMap(n, depth + 1, start);
    }
  }
}

function checkFloat(f: number, start: number): number {
  if (f - f !== 0) throw invalid("non_finite_float", "NaN or infinite float", start);
  return f === 0 ? 0 : f; // no negative zero
}

function readArray(n: number, depth: number, start: number, maxLength: number): unknown[] {
  // Every element takes at least one byte: a longer declared length is a truncated input.
  if (n > end - pos) throw truncated(start);
  if (n > maxLength) throw limitFailure(`array of ${n} elements (limit ${maxLength})`, start);
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`, start);
  const arr: unknown[] = new Array(n);
  let i = 0;
  try {
    for (; i < n; i++) arr[i] = decodeValue(depth);
  } catch (err) {
    if (err instanceof DecodeFailure) err.reversedPath.push(i);
    throw err;
  }
  return arr;
}

/**
 * The keys of the maps being read, innermost last: a map of up to DUP_SCAN_MAX entries finds a
 * duplicate key by comparing with its own earlier keys here (no lookup on the object, which for
 * a missing key walks the prototype chain); larger maps look the key up on the object.
 */
const DUP_SCAN_MAX = 16;
const keyStack: string[] = [];
let keyTop = 0;

function duplicateKey(): DecodeFailure {
  return new DecodeFailure(
    "ERR_ENVELOPE_DUPLICATE_KEY",
    "duplicate_key",
    "MessagePack: duplicate map key",
  );
}

function readMap(n: number, depth: number, start: number): Record<string, unknown> {
  // Every entry takes at least two bytes (a key and a value).
  if (n > (end - pos) / 2) throw truncated(start);
  if (n > lim.maxContainerLength) {
    throw limitFailure(`map of ${n} entries (limit ${lim.maxContainerLength})`, start);
  }
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`, start);
  const obj: Record<string, unknown> = {};
  const scan = n <= DUP_SCAN_MAX;
  const base = keyTop;
  let key: string | undefined;
  try {
    for (let i = 0; i < n; i++) {
      key = undefined;
      const k = readKey();
      key = k;
      if (isForbiddenKey(k)) {
        throw new DecodeFailure(
          "ERR_ENVELOPE_FORBIDDEN_KEY",
          "forbidden_key",
          "MessagePack: forbidden map key",
        );
      }
      // Checked before the value is read: errors come in input order, keys before values.
      if (scan) {
        for (let j = base; j < keyTop; j++) if (keyStack[j] === k) throw duplicateKey();
        keyStack[keyTop++] = k;
      } else {
        // Values are never undefined or functions: a defined non-function value is an earlier
        // own entry (members inherited from Object.prototype are functions).
        const prev = obj[k];
        if (prev !== undefined && typeof prev !== "function") throw duplicateKey();
      }
      obj[k] = decodeValue(depth);
    }
  } catch (err) {
    if (err instanceof DecodeFailure && key !== undefined) err.reversedPath.push(key);
    throw err;
  } finally {
    keyTop = base;
  }
  return obj;
}

function readKey(): string {
  if (pos >= end) throw truncated(pos);
  const start = pos;
  const b = buf[pos++]!;
  if (b >= 0xa0 && b <= 0xbf) return readString(b & 31, start);
  let n: number;
  if (b === 0xd9) {
    n = readLength(1);
    if (canonical && n < 32) throw nonCanonical("str8 header", start);
  } else if (b === 0xda) {
    n = readLength(2);
    if (canonical && n < 0x100) throw nonCanonical("str16 header", start);
  } else if (b === 0xdb) {
    n = readLength(4);
    if (canonical && n < 0x10000) throw nonCanonical("str32 header", start);
  } else {
    throw invalid("non_string_key", "map key is not a string", start);
  }
  return readString(n, start);
}

// ---- strings ---------------------------------------------------------------------------------

/**
 * String cache: map keys, and many values (codes, dates, agency ids), repeat across records, so
 * short ASCII strings are looked up by their bytes instead of being built again (fewer
 * allocations, less garbage). 4096 slots, strings of 1 to 32 bytes, indexed by a hash of the
 * length and of the first and last four bytes. Content is compared in full on every hit: the
 * cache can only save work, never change a result (a cached string is ASCII, so equal bytes are
 * ASCII too).
 */
const CACHE_SLOTS = 4096;
const CACHE_MAX = 32;
const cacheBytes = new Uint8Array(CACHE_SLOTS * CACHE_MAX);
const cacheView = new DataView(cacheBytes.buffer);
const cacheLen = new Uint8Array(CACHE_SLOTS); // 0 = empty
const cacheStr: string[] = new Array<string>(CACHE_SLOTS).fill("");

/** ASCII strings up to this length are built from their bytes directly; longer ones, and any
 * non-ASCII string, go through the native fatal UTF-8 decoder. */
const ASCII_MAX = 256;

/**
 * Node.js's Buffer#latin1Slice builds a string from bytes in one native call; for bytes already
 * checked to be ASCII, Latin-1 and UTF-8 agree. Elsewhere asciiString builds it in JS.
 */
const latin1Slice = nodeBuffer?.prototype.latin1Slice;

function badUtf8(start: number): DecodeFailure {
  return invalid("invalid_utf8", "string is not valid UTF-8", start);
}

const fromCharCode = String.fromCharCode;

/** Builds a string from bytes known to be ASCII. */
function asciiString(p: number, n: number): string {
  const b = buf;
  if (latin1Slice !== undefined && n > 4) return latin1Slice.call(b, p, p + n);
  switch (n) {
    case 1:
      return fromCharCode(b[p]!);
    case 2:
      return fromCharCode(b[p]!, b[p + 1]!);
    case 3:
      return fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!);
    case 4:
      return fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);
  }
  let s = "";
  let i = p;
  const e = p + n;
  for (; i + 8 <= e; i += 8) {
    s += fromCharCode(
      b[i]!,
      b[i + 1]!,
      b[i + 2]!,
      b[i + 3]!,
      b[i + 4]!,
      b[i + 5]!,
      b[i + 6]!,
      b[i + 7]!,
    );
  }
  for (; i < e; i++) s += fromCharCode(b[i]!);
  return s;
}

/** Whether bytes p..p+n-1 are all ASCII. */
function isAscii(p: number, n: number): boolean {
  const b = buf;
  let high = 0;
  for (let i = p; i < p + n; i++) high |= b[i]!;
  return high < 0x80;
}

function readString(n: number, start: number): string {
  if (n > end - pos) throw truncated(start);
  if (n > lim.maxStringLength) {
    throw limitFailure(`string of ${n} bytes (limit ${lim.maxStringLength})`, start);
  }
  const p = pos;
  if (n === 0) return "";
  const b = buf;
  if (n <= CACHE_MAX) {
    // FNV-1a over the length and the first and last four bytes (they overlap below 8 bytes).
    let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
    const last = p + n - 1;
    h = Math.imul(h ^ b[p]!, 0x01000193);
    h = Math.imul(h ^ b[last]!, 0x01000193);
    if (n > 2) {
      h = Math.imul(h ^ b[p + 1]!, 0x01000193);
      h = Math.imul(h ^ b[last - 1]!, 0x01000193);
      h = Math.imul(h ^ b[p + 2]!, 0x01000193);
      h = Math.imul(h ^ b[last - 2]!, 0x01000193);
      if (n > 3) {
        h = Math.imul(h ^ b[p + 3]!, 0x01000193);
        h = Math.imul(h ^ b[last - 3]!, 0x01000193);
      }
    }
    const slot = (h ^ (h >>> 15)) & (CACHE_SLOTS - 1);
    const base = slot * CACHE_MAX;
    if (cacheLen[slot] === n) {
      // compared four bytes at a time, then byte by byte
      let i = 0;
      while (i + 4 <= n && cacheView.getUint32(base + i) === view.getUint32(p + i)) i += 4;
      while (i < n && cacheBytes[base + i] === b[p + i]) i++;
      if (i === n) {
        pos = p + n;
        return cacheStr[slot]!;
      }
    }
    if (isAscii(p, n)) {
      pos = p + n;
      const str = asciiString(p, n);
      cacheLen[slot] = n;
      for (let i = 0; i < n; i++) cacheBytes[base + i] = b[p + i]!; // no subarray to allocate
      cacheStr[slot] = str;
      return str;
    }
  } else if (n <= ASCII_MAX && isAscii(p, n)) {
    pos = p + n;
    return asciiString(p, n);
  }
  // Non-ASCII or long strings: the native fatal decoder (strict UTF-8: no overlong forms, no
  // surrogates, nothing above U+10FFFF, no truncated sequences).
  pos = p + n;
  try {
    return fatalDecoder.decode(b.subarray(p, p + n));
  } catch {
    throw badUtf8(start);
  }
}

// ---- entry points ----------------------------------------------------------------------------

function run<T>(
  bytes: Uint8Array,
  limits: ResolvedLimits,
  options: MsgpackDecodeOptions | undefined,
  defaultKnown: KnownNames | null | undefined,
  read: () => T,
): T {
  if (!(bytes instanceof Uint8Array)) {
    throw new DecodeFailure(
      "ERR_INVALID_ARGUMENT",
      "invalid_type",
      "MessagePack: input must be a Uint8Array",
    ).toError();
  }
  if (bytes.length > limits.maxBytes) {
    throw limitFailure(`input larger than ${limits.maxBytes} bytes`, 0).toError();
  }
  buf = bytes;
  view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  pos = 0;
  end = bytes.length;
  lim = limits;
  canonical = options?.requireCanonical === true;
  keyTop = 0;
  try {
    const value = read();
    if (pos !== end) throw invalid("trailing_bytes", "unexpected bytes after the value", pos);
    return value;
  } catch (err) {
    if (err instanceof DecodeFailure) throw err.toError(options?.knownNames ?? defaultKnown);
    if (err instanceof RangeError) {
      // Defence in depth: maxDepth is capped far below any engine's stack, so this is a bug.
      throw limitFailure("input exhausted the stack", pos).toError();
    }
    throw err;
  } finally {
    buf = EMPTY;
    view = EMPTY_VIEW;
  }
}

const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY.buffer);

/**
 * Decodes one value of Corridor's strict MessagePack subset (spec/encoding.md §3).
 *
 * Returns `null`, booleans, numbers (safe integers or finite doubles, never `-0`), strings,
 * arrays and ordinary objects (like `JSON.parse` output; safe because `__proto__`, `constructor`
 * and `prototype` keys are refused). The whole input must be one value.
 *
 * @param bytes the encoded value.
 * @param limits overrides of {@link DEFAULT_LIMITS}.
 * @param options `requireCanonical` to accept only the canonical encoding; `knownNames`: when
 *   given, only these member names appear in error paths and others are written `<unknown key>`;
 *   without it, paths name every member (use it whenever member names may be personal data).
 * @throws CorridorError `ERR_ENVELOPE_MSGPACK_INVALID` (the reason is in `issues[0].reason`:
 *   `truncated`, `trailing_bytes`, `reserved_byte`, `ext_not_allowed`, `bin_not_allowed`,
 *   `unsafe_integer`, `non_finite_float`, `invalid_utf8`, `non_string_key`, `non_canonical`),
 *   `ERR_ENVELOPE_DUPLICATE_KEY`, `ERR_ENVELOPE_FORBIDDEN_KEY` or `ERR_LIMIT_EXCEEDED`, with the
 *   path of the offending member.
 * @example
 * ```ts
 * decodeMsgpackStrict(new Uint8Array([0x81, 0xa1, 0x61, 0x01])); // { a: 1 }
 * ```
 */
export function decodeMsgpackStrict(
  bytes: Uint8Array,
  limits?: Partial<DecodeLimits>,
  options?: MsgpackDecodeOptions,
): unknown {
  return run(bytes, resolveLimits(limits), options, undefined, () => decodeValue(0));
}

/** {@link decodeMsgpackStrict} returning a {@link Result}. */
export function safeDecodeMsgpackStrict(
  bytes: Uint8Array,
  limits?: Partial<DecodeLimits>,
  options?: MsgpackDecodeOptions,
): Result<unknown> {
  return toResult(() => decodeMsgpackStrict(bytes, limits, options));
}

/**
 * @internal for decodeBody: the input must be one array, whose declared length is checked
 * against `maxRecords` before any element is read.
 */
export function decodeMsgpackBody(
  bytes: Uint8Array,
  limits: ResolvedLimits,
  options: MsgpackDecodeOptions | undefined,
): unknown[] {
  return run(bytes, limits, options, null, () => {
    if (pos >= end) throw truncated(0);
    const b = buf[pos++]!;
    let n: number;
    if (b >= 0x90 && b <= 0x9f) n = b & 15;
    else if (b === 0xdc) {
      n = readLength(2);
      if (canonical && n < 16) throw nonCanonical("array16 header", 0);
    } else if (b === 0xdd) {
      n = readLength(4);
      if (canonical && n < 0x10000) throw nonCanonical("array32 header", 0);
    } else throw invalid("body_not_array", "a body must be an array of records", 0);
    return readArray(n, 1, 0, limits.maxRecords);
  });
}
