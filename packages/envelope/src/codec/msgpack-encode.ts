import { type Result, toResult } from "@corridor/errors";
import { isForbiddenKey } from "./_checks.js";
import { DecodeFailure } from "./_fail.js";
import { type DecodeLimits, type ResolvedLimits, resolveLimits } from "./limits.js";
import { isWellFormedString, textEncoder } from "./utf8.js";

/**
 * The encoder of Corridor's MessagePack subset. It writes the canonical form of spec/encoding.md
 * §3.4 (shortest headers, safe integers as ints, every other number as float64, never -0) and
 * refuses every value the strict decoder would refuse, so a sender learns of a problem when it
 * seals, not when the recipient opens.
 *
 * Accepted values: null, booleans, finite numbers, well-formed strings, arrays (no holes) and
 * plain objects (prototype Object.prototype or null) whose values are accepted values. Anything
 * else (undefined, bigint, Date, Map, typed arrays, class instances, functions) is an error.
 */

let out = new Uint8Array(64 * 1024);
let view = new DataView(out.buffer);
let o = 0;
let lim: ResolvedLimits;

function unsupported(reason: string, what: string): DecodeFailure {
  return new DecodeFailure("ERR_INVALID_ARGUMENT", reason, `value: ${what}`);
}

function limitFailure(what: string): DecodeFailure {
  return new DecodeFailure("ERR_LIMIT_EXCEEDED", "limit_exceeded", `value: ${what}`);
}

function grow(need: number): void {
  if (need > lim.maxBytes + 16) {
    throw limitFailure(`encoding larger than ${lim.maxBytes} bytes`);
  }
  let size = out.length * 2;
  while (size < need) size *= 2;
  const next = new Uint8Array(size);
  next.set(out.subarray(0, o));
  out = next;
  view = new DataView(out.buffer);
}

function encodeValue(v: unknown, depth: number): void {
  switch (typeof v) {
    case "string":
      writeString(v);
      return;
    case "number":
      writeNumber(v);
      return;
    case "boolean":
      if (o + 1 > out.length) grow(o + 1);
      out[o++] = v ? 0xc3 : 0xc2;
      return;
    case "object":
      if (v === null) {
        if (o + 1 > out.length) grow(o + 1);
        out[o++] = 0xc0;
        return;
      }
      if (Array.isArray(v)) {
        writeArray(v, depth + 1, lim.maxContainerLength);
        return;
      }
      {
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          throw unsupported("unsupported_type", "only plain objects, arrays and primitives");
        }
      }
      writeMap(v as Record<string, unknown>, depth + 1);
      return;
    case "undefined":
      throw unsupported("undefined_value", "undefined is not encodable (omit the member)");
    default:
      throw unsupported("unsupported_type", `a ${typeof v} is not encodable`);
  }
}

function writeNumber(v: number): void {
  if (o + 9 > out.length) grow(o + 9);
  if (Number.isSafeInteger(v)) {
    if (v >= 0) {
      if (v < 0x80) out[o++] = v;
      else if (v < 0x100) {
        out[o] = 0xcc;
        out[o + 1] = v;
        o += 2;
      } else if (v < 0x10000) {
        out[o] = 0xcd;
        out[o + 1] = v >> 8;
        out[o + 2] = v;
        o += 3;
      } else if (v < 0x100000000) {
        out[o] = 0xce;
        view.setUint32(o + 1, v);
        o += 5;
      } else {
        out[o] = 0xcf;
        view.setUint32(o + 1, Math.floor(v / 4294967296));
        view.setUint32(o + 5, v >>> 0);
        o += 9;
      }
    } else if (v >= -32) {
      out[o++] = v & 0xff;
    } else if (v >= -128) {
      out[o] = 0xd0;
      out[o + 1] = v;
      o += 2;
    } else if (v >= -32768) {
      out[o] = 0xd1;
      out[o + 1] = v >> 8;
      out[o + 2] = v;
      o += 3;
    } else if (v >= -2147483648) {
      out[o] = 0xd2;
      view.setInt32(o + 1, v);
      o += 5;
    } else {
      out[o] = 0xd3;
      view.setInt32(o + 1, Math.floor(v / 4294967296));
      view.setUint32(o + 5, v >>> 0);
      o += 9;
    }
    return;
  }
  if (v - v !== 0) throw unsupported("non_finite_number", "NaN and infinities are not encodable");
  // -0 is a safe integer (handled above, written as 0); everything here is a non-integral or
  // unsafe-integral double.
  out[o] = 0xcb;
  view.setFloat64(o + 1, v);
  o += 9;
}

function strHeaderSize(n: number): number {
  return n < 32 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
}

function writeStrHeader(at: number, n: number): void {
  if (n < 32) out[at] = 0xa0 | n;
  else if (n < 0x100) {
    out[at] = 0xd9;
    out[at + 1] = n;
  } else if (n < 0x10000) {
    out[at] = 0xda;
    out[at + 1] = n >> 8;
    out[at + 2] = n;
  } else {
    out[at] = 0xdb;
    view.setUint32(at + 1, n);
  }
}

/** Strings up to this many UTF-16 units are encoded in JS; longer ones by TextEncoder. */
const JS_STRING_MAX = 64;

function writeString(s: string): void {
  const units = s.length;
  const maxBytes = units * 3;
  if (o + maxBytes + 5 > out.length) grow(o + maxBytes + 5);
  // Guess the header from the unit count (exact for ASCII), fix it up afterwards if needed.
  const guess = strHeaderSize(units);
  const start = o + guess;
  let n: number;
  if (units <= JS_STRING_MAX) {
    let p = start;
    for (let i = 0; i < units; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) out[p++] = c;
      else if (c < 0x800) {
        out[p] = 0xc0 | (c >> 6);
        out[p + 1] = 0x80 | (c & 0x3f);
        p += 2;
      } else if (c < 0xd800 || c > 0xdfff) {
        out[p] = 0xe0 | (c >> 12);
        out[p + 1] = 0x80 | ((c >> 6) & 0x3f);
        out[p + 2] = 0x80 | (c & 0x3f);
        p += 3;
      } else {
        const d = s.charCodeAt(i + 1);
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) {
          throw unsupported("lone_surrogate", "string with a lone surrogate");
        }
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[p] = 0xf0 | (cp >> 18);
        out[p + 1] = 0x80 | ((cp >> 12) & 0x3f);
        out[p + 2] = 0x80 | ((cp >> 6) & 0x3f);
        out[p + 3] = 0x80 | (cp & 0x3f);
        p += 4;
        i++;
      }
    }
    n = p - start;
  } else {
    if (!isWellFormedString(s)) throw unsupported("lone_surrogate", "string with a lone surrogate");
    n = textEncoder.encodeInto(s, out.subarray(start, start + maxBytes)).written;
  }
  if (n > lim.maxStringLength) {
    throw limitFailure(`string of ${n} bytes (limit ${lim.maxStringLength})`);
  }
  const size = strHeaderSize(n);
  if (size !== guess) out.copyWithin(o + size, start, start + n);
  writeStrHeader(o, n);
  o += size + n;
}

function writeArray(v: readonly unknown[], depth: number, maxLength: number): void {
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
  const n = v.length;
  if (n > maxLength) throw limitFailure(`array of ${n} elements (limit ${maxLength})`);
  if (o + 5 > out.length) grow(o + 5);
  if (n < 16) out[o++] = 0x90 | n;
  else if (n < 0x10000) {
    out[o] = 0xdc;
    out[o + 1] = n >> 8;
    out[o + 2] = n;
    o += 3;
  } else {
    out[o] = 0xdd;
    view.setUint32(o + 1, n);
    o += 5;
  }
  let i = 0;
  try {
    for (; i < n; i++) encodeValue(v[i], depth);
  } catch (err) {
    if (err instanceof DecodeFailure) err.reversedPath.push(i);
    throw err;
  }
}

function writeMap(v: Record<string, unknown>, depth: number): void {
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
  const keys = Object.keys(v);
  const n = keys.length;
  if (n > lim.maxContainerLength) {
    throw limitFailure(`object of ${n} members (limit ${lim.maxContainerLength})`);
  }
  if (o + 5 > out.length) grow(o + 5);
  if (n < 16) out[o++] = 0x80 | n;
  else if (n < 0x10000) {
    out[o] = 0xde;
    out[o + 1] = n >> 8;
    out[o + 2] = n;
    o += 3;
  } else {
    out[o] = 0xdf;
    view.setUint32(o + 1, n);
    o += 5;
  }
  let key: string | undefined;
  try {
    for (let i = 0; i < n; i++) {
      key = keys[i]!;
      if (isForbiddenKey(key)) {
        throw new DecodeFailure(
          "ERR_ENVELOPE_FORBIDDEN_KEY",
          "forbidden_key",
          "value: forbidden object key",
        );
      }
      writeString(key);
      encodeValue(v[key], depth);
    }
  } catch (err) {
    if (err instanceof DecodeFailure && key !== undefined) err.reversedPath.push(key);
    throw err;
  }
}

/** The buffer was handed to the caller: the next call allocates one of about this size. */
let handedOver = false;
let sizeHint = 64 * 1024;

function finish(): Uint8Array {
  if (o > lim.maxBytes) throw limitFailure(`encoding larger than ${lim.maxBytes} bytes`);
  if (o > 1024 * 1024 && o > out.length >> 1) {
    // Hand a large buffer over instead of copying the result; the next call allocates anew,
    // sized like this result so that it need not grow step by step.
    handedOver = true;
    sizeHint = o + (o >> 3);
    return out.subarray(0, o);
  }
  return out.slice(0, o);
}

function run(limits: ResolvedLimits, write: () => void): Uint8Array {
  lim = limits;
  o = 0;
  if (handedOver) {
    handedOver = false;
    out = new Uint8Array(Math.max(64 * 1024, sizeHint));
    view = new DataView(out.buffer);
  }
  try {
    write();
    return finish();
  } catch (err) {
    if (err instanceof DecodeFailure) throw err.toError();
    throw err;
  } finally {
    // Keep no large buffer alive between calls.
    if (!handedOver && out.length > 1024 * 1024) {
      out = new Uint8Array(64 * 1024);
      view = new DataView(out.buffer);
    }
  }
}

/**
 * Encodes a value in the canonical form of Corridor's MessagePack subset (spec/encoding.md §3).
 *
 * @param value null, boolean, finite number, well-formed string, array or plain object thereof.
 * @param limits the decoder limits the recipient will apply (default {@link DEFAULT_LIMITS}):
 *   exceeding them here fails now rather than at the recipient.
 * @throws CorridorError `ERR_INVALID_ARGUMENT` for a value outside the subset (reasons
 *   `unsupported_type`, `undefined_value`, `non_finite_number`, `lone_surrogate`),
 *   `ERR_ENVELOPE_FORBIDDEN_KEY`, or `ERR_LIMIT_EXCEEDED` (cycles end here, as nesting depth).
 * @example
 * ```ts
 * encodeMsgpack({ a: 1 }); // Uint8Array [0x81, 0xa1, 0x61, 0x01]
 * ```
 */
export function encodeMsgpack(value: unknown, limits?: Partial<DecodeLimits>): Uint8Array {
  const l = resolveLimits(limits);
  return run(l, () => encodeValue(value, 0));
}

/** {@link encodeMsgpack} returning a {@link Result}. */
export function safeEncodeMsgpack(
  value: unknown,
  limits?: Partial<DecodeLimits>,
): Result<Uint8Array> {
  return toResult(() => encodeMsgpack(value, limits));
}

/** @internal for encodeBody: an array of records, limited by maxRecords at the root. */
export function encodeMsgpackBody(records: readonly unknown[], limits: ResolvedLimits): Uint8Array {
  return run(limits, () => writeArray(records, 1, limits.maxRecords));
}
