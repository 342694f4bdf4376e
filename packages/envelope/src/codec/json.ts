import { type Result, toResult } from "@corridor/errors";
import { isForbiddenKey, utf8LongerThan } from "./_checks.js";
import { DecodeFailure, type DecodeOptions, type KnownNames } from "./_fail.js";
import { type DecodeLimits, type ResolvedLimits, resolveLimits } from "./limits.js";
import { fatalDecoder } from "./utf8.js";

/**
 * A strict JSON parser for Corridor's JSON profile (spec/encoding.md §4): RFC 8259 syntax,
 * I-JSON (RFC 7493) strings and numbers, no duplicate keys, no `__proto__` / `constructor` /
 * `prototype` keys, and limits checked as the text is read.
 *
 * Hand-written recursive descent over a JS string. The parser state lives in module variables
 * (the parser is synchronous and never calls out, so it cannot be re-entered).
 */

let src = "";
let pos = 0;
let end = 0;
let lim: ResolvedLimits;

const INVALID = "ERR_ENVELOPE_JSON_INVALID" as const;

function syntax(reason: string, what: string): DecodeFailure {
  return new DecodeFailure(INVALID, reason, `JSON: ${what} at character ${pos}`);
}

function limitFailure(what: string): DecodeFailure {
  return new DecodeFailure("ERR_LIMIT_EXCEEDED", "limit_exceeded", `JSON: ${what}`);
}

/** Skips JSON whitespace (space, tab, line feed, carriage return) and returns the next code unit. */
function skipWs(): number {
  let c = src.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = src.charCodeAt(++pos);
  return c;
}

function parseValue(depth: number): unknown {
  const c = skipWs();
  switch (c) {
    case 123: // {
      return parseObject(depth + 1);
    case 91: // [
      return parseArray(depth + 1, lim.maxContainerLength);
    case 34: // "
      return parseString();
    case 116: // t
      if (src.startsWith("true", pos)) {
        pos += 4;
        return true;
      }
      break;
    case 102: // f
      if (src.startsWith("false", pos)) {
        pos += 5;
        return false;
      }
      break;
    case 110: // n
      if (src.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      break;
    default:
      if (c === 45 || (c >= 48 && c <= 57)) return parseNumber();
  }
  if (pos >= end) throw syntax("unexpected_end", "unexpected end of input");
  throw syntax("unexpected_character", "unexpected character");
}

function parseObject(depth: number): Record<string, unknown> {
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
  pos++; // {
  const obj: Record<string, unknown> = {};
  let c = skipWs();
  if (c === 125) {
    pos++;
    return obj;
  }
  let count = 0;
  let key: string | undefined;
  try {
    for (;;) {
      key = undefined;
      if (c !== 34) {
        throw pos >= end
          ? syntax("unexpected_end", "unexpected end of input")
          : syntax("expected_key", "expected a string key");
      }
      const k = parseString();
      key = k;
      if (++count > lim.maxContainerLength) {
        throw limitFailure(`object with more than ${lim.maxContainerLength} members`);
      }
      if (isForbiddenKey(k)) throw forbiddenKey();
      // Values are never undefined or functions, so a defined non-function value here is an own
      // member set earlier: a duplicate. (Inherited members of Object.prototype are functions.)
      // Checked as soon as the key is read: errors come in document order.
      const prev = obj[k];
      if (prev !== undefined && typeof prev !== "function") throw duplicateKey();
      c = skipWs();
      if (c !== 58) {
        throw pos >= end
          ? syntax("unexpected_end", "unexpected end of input")
          : syntax("expected_colon", "expected ':'");
      }
      pos++;
      obj[k] = parseValue(depth);
      c = skipWs();
      if (c === 44) {
        pos++;
        c = skipWs();
        continue;
      }
      if (c === 125) {
        pos++;
        return obj;
      }
      key = undefined;
      throw pos >= end
        ? syntax("unexpected_end", "unexpected end of input")
        : syntax("expected_comma_or_brace", "expected ',' or '}'");
    }
  } catch (err) {
    if (err instanceof DecodeFailure && key !== undefined) err.reversedPath.push(key);
    throw err;
  }
}

function parseArray(depth: number, maxLength: number): unknown[] {
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
  pos++; // [
  const arr: unknown[] = [];
  let c = skipWs();
  if (c === 93) {
    pos++;
    return arr;
  }
  let index = 0;
  try {
    for (;;) {
      if (index >= maxLength) throw limitFailure(`array with more than ${maxLength} elements`);
      arr.push(parseValue(depth));
      index++;
      c = skipWs();
      if (c === 44) {
        pos++;
        continue;
      }
      if (c === 93) {
        pos++;
        return arr;
      }
      throw pos >= end
        ? syntax("unexpected_end", "unexpected end of input")
        : syntax("expected_comma_or_bracket", "expected ',' or ']'");
    }
  } catch (err) {
    if (err instanceof DecodeFailure) err.reversedPath.push(index);
    throw err;
  }
}

function checkStringLength(s: string): string {
  if (utf8LongerThan(s, lim.maxStringLength)) {
    throw limitFailure(`string longer than ${lim.maxStringLength} bytes`);
  }
  return s;
}

/** Reads a string starting at the opening quote; the fast path is a scan plus one slice. */
function parseString(): string {
  const start = ++pos;
  let i = start;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      pos = i + 1;
      const units = i - start;
      const s = src.slice(start, i);
      return units * 3 <= lim.maxStringLength ? s : checkStringLength(s);
    }
    if (c === 92 || c < 32) return parseStringSlow(start, i);
    if (c >= 0xd800 && c <= 0xdfff) {
      // A raw surrogate must be a high one followed by a low one.
      const d = src.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(d >= 0xdc00 && d <= 0xdfff)) {
        pos = i;
        throw syntax("lone_surrogate", "lone surrogate in string");
      }
      i += 2;
      continue;
    }
    i++;
  }
  pos = end;
  throw syntax("unexpected_end", "unterminated string");
}

function hex4(at: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = src.charCodeAt(at + k);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else {
      pos = at + k;
      throw at + k >= end
        ? syntax("unexpected_end", "unterminated string")
        : syntax("invalid_escape", "invalid \\u escape");
    }
    v = (v << 4) | d;
  }
  return v;
}

function parseStringSlow(start: number, from: number): string {
  let out = "";
  let seg = start;
  let i = from;
  const max = lim.maxStringLength;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      out += src.slice(seg, i);
      pos = i + 1;
      return out.length * 3 <= max ? out : checkStringLength(out);
    }
    if (c === 92) {
      out += src.slice(seg, i);
      const e = src.charCodeAt(i + 1);
      switch (e) {
        case 34:
          out += '"';
          break;
        case 92:
          out += "\\";
          break;
        case 47:
          out += "/";
          break;
        case 98:
          out += "\b";
          break;
        case 102:
          out += "\f";
          break;
        case 110:
          out += "\n";
          break;
        case 114:
          out += "\r";
          break;
        case 116:
          out += "\t";
          break;
        case 117: {
          const u = hex4(i + 2);
          if (u >= 0xd800 && u <= 0xdfff) {
            // I-JSON: an escaped high surrogate must be followed by an escaped low surrogate.
            if (u >= 0xdc00 || src.charCodeAt(i + 6) !== 92 || src.charCodeAt(i + 7) !== 117) {
              pos = i;
              throw syntax("lone_surrogate", "lone surrogate escape in string");
            }
            const low = hex4(i + 8);
            if (low < 0xdc00 || low > 0xdfff) {
              pos = i;
              throw syntax("lone_surrogate", "lone surrogate escape in string");
            }
            out += String.fromCharCode(u, low);
            i += 6;
          } else {
            out += String.fromCharCode(u);
          }
          i += 4;
          break;
        }
        default:
          pos = i;
          throw i + 1 >= end
            ? syntax("unexpected_end", "unterminated string")
            : syntax("invalid_escape", "invalid escape in string");
      }
      i += 2;
      seg = i;
      // Stop early on pathological escape-heavy strings (each escape yields at most 2 units).
      if (out.length > max) throw limitFailure(`string longer than ${max} bytes`);
      continue;
    }
    if (c < 32) {
      pos = i;
      throw syntax("control_character", "unescaped control character in string");
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = src.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(d >= 0xdc00 && d <= 0xdfff)) {
        pos = i;
        throw syntax("lone_surrogate", "lone surrogate in string");
      }
      i += 2;
      continue;
    }
    i++;
  }
  pos = end;
  throw syntax("unexpected_end", "unterminated string");
}

/**
 * RFC 8259 number grammar. Integer tokens (no fraction, no exponent) must be safe integers
 * (|n| ≤ 2^53−1); other tokens must be finite as IEEE doubles. `-0` becomes `0`.
 */
function parseNumber(): number {
  const start = pos;
  let i = pos;
  let c = src.charCodeAt(i);
  const neg = c === 45;
  if (neg) c = src.charCodeAt(++i);
  let v = 0;
  if (c === 48) {
    c = src.charCodeAt(++i);
    if (c >= 48 && c <= 57) {
      pos = i;
      throw syntax("invalid_number", "leading zero in number");
    }
  } else if (c >= 49 && c <= 57) {
    const digitsStart = i;
    do {
      v = v * 10 + (c - 48);
      c = src.charCodeAt(++i);
    } while (c >= 48 && c <= 57);
    if (i - digitsStart > 15 && c !== 46 && c !== 101 && c !== 69) {
      // 16 or more digits: exactness is no longer guaranteed by the running sum.
      v = Number(src.slice(digitsStart, i));
      if (v > Number.MAX_SAFE_INTEGER) {
        pos = start;
        throw syntax("unsafe_integer", "integer outside the safe range ±(2^53−1)");
      }
    }
  } else {
    pos = i;
    throw i >= end
      ? syntax("unexpected_end", "unexpected end of input")
      : syntax("invalid_number", "invalid number");
  }
  if (c !== 46 && c !== 101 && c !== 69) {
    pos = i;
    return neg ? 0 - v : v; // 0 - 0 is +0: no negative zero
  }
  if (c === 46) {
    c = src.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) {
      pos = i;
      throw syntax("invalid_number", "digit expected after '.'");
    }
    do c = src.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    c = src.charCodeAt(++i);
    if (c === 43 || c === 45) c = src.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) {
      pos = i;
      throw syntax("invalid_number", "digit expected in exponent");
    }
    do c = src.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  const r = Number(src.slice(start, i));
  if (!Number.isFinite(r)) {
    pos = start;
    throw syntax("number_out_of_range", "number outside the double range");
  }
  pos = i;
  return r === 0 ? 0 : r;
}

// ---- validating scanner ------------------------------------------------------------------------
//
// The fast path: a scan that checks every rule of the profile without building values, then the
// engine's JSON.parse builds them. The scanner accepts a subset of what JSON.parse accepts, and
// on that subset JSON.parse yields exactly the values the building parser above yields, except
// for negative zero: a text with a negative-zero token is handed to the building parser instead.

const nativeParse = JSON.parse;

/** Texts shorter than this (in UTF-16 units) go to the building parser alone. */
const SHORT_TEXT = 1024;

let sawNegativeZero = false;

/** Key ranges of the objects being scanned (a stack: each object frame owns a top slice). */
let keyStart = new Int32Array(256);
let keyLen = new Int32Array(256);
let keyHash = new Int32Array(256);
let keyTop = 0;
/** Set by scanKey: the hash of the key, and its decoded text when it had escapes. */
let lastKeyHash = 0;
let lastKeyDecoded: string | undefined;

/** Objects with more keys than this check duplicates with a Set instead of pairwise. */
const PAIRWISE_MAX = 16;

function growKeyStack(): void {
  const size = keyStart.length * 2;
  const s = new Int32Array(size);
  const l = new Int32Array(size);
  const h = new Int32Array(size);
  s.set(keyStart);
  l.set(keyLen);
  h.set(keyHash);
  keyStart = s;
  keyLen = l;
  keyHash = h;
}

function scanValue(depth: number): void {
  const c = skipWs();
  switch (c) {
    case 123:
      scanObject(depth + 1);
      return;
    case 91:
      scanArray(depth + 1, lim.maxContainerLength);
      return;
    case 34:
      scanString();
      return;
    case 116:
      if (src.startsWith("true", pos)) {
        pos += 4;
        return;
      }
      break;
    case 102:
      if (src.startsWith("false", pos)) {
        pos += 5;
        return;
      }
      break;
    case 110:
      if (src.startsWith("null", pos)) {
        pos += 4;
        return;
      }
      break;
    default:
      if (c === 45 || (c >= 48 && c <= 57)) {
        scanNumber();
        return;
      }
  }
  if (pos >= end) throw syntax("unexpected_end", "unexpected end of input");
  throw syntax("unexpected_character", "unexpected character");
}

/**
 * True while scanning a text that has no backslash, control character or surrogate anywhere
 * (compact machine-written JSON, the common case): a string then ends at the next quote.
 */
let plainText = false;
const SPECIAL = /[^\x20-\x5b\x5d-\ud7ff\ue000-\uffff]/; // control, backslash, surrogate

/** Validates a string value; the slow path (escapes, control characters) is the parser's own. */
function scanString(): void {
  const start = ++pos;
  if (plainText) {
    const q = src.indexOf('"', start);
    if (q < 0) {
      pos = end;
      throw syntax("unexpected_end", "unterminated string");
    }
    pos = q + 1;
    if (
      (q - start) * 3 > lim.maxStringLength &&
      utf8RangeLongerThan(start, q, lim.maxStringLength)
    ) {
      pos = start - 1;
      throw limitFailure(`string longer than ${lim.maxStringLength} bytes`);
    }
    return;
  }
  let i = start;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      pos = i + 1;
      const units = i - start;
      if (units * 3 > lim.maxStringLength && utf8RangeLongerThan(start, i, lim.maxStringLength)) {
        pos = start - 1;
        throw limitFailure(`string longer than ${lim.maxStringLength} bytes`);
      }
      return;
    }
    if (c === 92 || c < 32) {
      parseStringSlow(start, i);
      return;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = src.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(d >= 0xdc00 && d <= 0xdfff)) {
        pos = i;
        throw syntax("lone_surrogate", "lone surrogate in string");
      }
      i += 2;
      continue;
    }
    i++;
  }
  pos = end;
  throw syntax("unexpected_end", "unterminated string");
}

/** Like scanString, also computing a hash of the raw key (lastKeyHash) or decoding it if escaped. */
function scanKey(): void {
  const start = ++pos;
  lastKeyDecoded = undefined;
  if (plainText) {
    const q = src.indexOf('"', start);
    if (q < 0) {
      pos = end;
      throw syntax("unexpected_end", "unterminated string");
    }
    pos = q + 1;
    const n = q - start;
    // A cheap hash (length, first and last unit): equal hashes are compared in full anyway.
    lastKeyHash = n === 0 ? 0 : (n << 20) ^ (src.charCodeAt(start) << 10) ^ src.charCodeAt(q - 1);
    if (n * 3 > lim.maxStringLength && utf8RangeLongerThan(start, q, lim.maxStringLength)) {
      pos = start - 1;
      throw limitFailure(`string longer than ${lim.maxStringLength} bytes`);
    }
    return;
  }
  let i = start;
  let h = 0;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      pos = i + 1;
      lastKeyHash = h;
      if (
        (i - start) * 3 > lim.maxStringLength &&
        utf8RangeLongerThan(start, i, lim.maxStringLength)
      ) {
        pos = start - 1;
        throw limitFailure(`string longer than ${lim.maxStringLength} bytes`);
      }
      return;
    }
    if (c === 92 || c < 32) {
      lastKeyDecoded = parseStringSlow(start, i);
      return;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = src.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(d >= 0xdc00 && d <= 0xdfff)) {
        pos = i;
        throw syntax("lone_surrogate", "lone surrogate in string");
      }
      h = (Math.imul((Math.imul(h, 31) + c) | 0, 31) + d) | 0;
      i += 2;
      continue;
    }
    h = (Math.imul(h, 31) + c) | 0;
    i++;
  }
  pos = end;
  throw syntax("unexpected_end", "unterminated string");
}

/** UTF-8 length of src[from, to) compared with max (only called near the limit). */
function utf8RangeLongerThan(from: number, to: number, max: number): boolean {
  return utf8LongerThan(src.slice(from, to), max);
}

function rangesEqual(a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (src.charCodeAt(a + k) !== src.charCodeAt(b + k)) return false;
  return true;
}

function forbiddenRange(start: number, n: number): boolean {
  if (n === 9) return src.startsWith("__proto__", start) || src.startsWith("prototype", start);
  return n === 11 && src.startsWith("constructor", start);
}

function duplicateKey(): DecodeFailure {
  return new DecodeFailure(
    "ERR_ENVELOPE_DUPLICATE_KEY",
    "duplicate_key",
    "JSON: duplicate object key",
  );
}

function forbiddenKey(): DecodeFailure {
  return new DecodeFailure(
    "ERR_ENVELOPE_FORBIDDEN_KEY",
    "forbidden_key",
    "JSON: forbidden object key",
  );
}

function scanObject(depth: number): void {
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
  pos++;
  let c = skipWs();
  if (c === 125) {
    pos++;
    return;
  }
  const base = keyTop;
  let count = 0;
  let seen: Set<string> | undefined;
  // The current key, for the error path: its raw range, or its decoded text if escaped.
  let ks = -1;
  let ke = -1;
  let kDecoded: string | undefined;
  try {
    for (;;) {
      ks = -1;
      if (c !== 34) {
        throw pos >= end
          ? syntax("unexpected_end", "unexpected end of input")
          : syntax("expected_key", "expected a string key");
      }
      const start = pos + 1;
      scanKey();
      ks = start;
      ke = pos - 1;
      kDecoded = lastKeyDecoded;
      if (++count > lim.maxContainerLength) {
        throw limitFailure(`object with more than ${lim.maxContainerLength} members`);
      }
      if (kDecoded !== undefined || seen !== undefined || count > PAIRWISE_MAX) {
        const k = kDecoded ?? src.slice(ks, ke);
        if (isForbiddenKey(k)) throw forbiddenKey();
        if (seen === undefined) {
          // Switch this object to a Set: first the keys seen so far (all unescaped).
          seen = new Set<string>();
          for (let j = base; j < keyTop; j++) {
            seen.add(src.slice(keyStart[j]!, keyStart[j]! + keyLen[j]!));
          }
          keyTop = base;
        }
        if (seen.has(k)) throw duplicateKey();
        seen.add(k);
      } else {
        const n = ke - ks;
        if (forbiddenRange(ks, n)) throw forbiddenKey();
        const h = lastKeyHash;
        for (let j = base; j < keyTop; j++) {
          if (keyHash[j] === h && keyLen[j] === n && rangesEqual(keyStart[j]!, ks, n)) {
            throw duplicateKey();
          }
        }
        if (keyTop === keyStart.length) growKeyStack();
        keyStart[keyTop] = ks;
        keyLen[keyTop] = n;
        keyHash[keyTop] = h;
        keyTop++;
      }
      c = skipWs();
      if (c !== 58) {
        throw pos >= end
          ? syntax("unexpected_end", "unexpected end of input")
          : syntax("expected_colon", "expected ':'");
      }
      pos++;
      scanValue(depth);
      c = skipWs();
      if (c === 44) {
        pos++;
        c = skipWs();
        continue;
      }
      if (c === 125) {
        pos++;
        return;
      }
      ks = -1;
      throw pos >= end
        ? syntax("unexpected_end", "unexpected end of input")
        : syntax("expected_comma_or_brace", "expected ',' or '}'");
    }
  } catch (err) {
    if (err instanceof DecodeFailure && ks >= 0) {
      err.reversedPath.push(kDecoded ?? src.slice(ks, ke));
    }
    throw err;
  } finally {
    keyTop = base;
  }
}

function scanArray(depth: number, maxLength: number): void {
  if (depth > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
  pos++;
  let c = skipWs();
  if (c === 93) {
    pos++;
    return;
  }
  let index = 0;
  try {
    for (;;) {
      if (index >= maxLength) throw limitFailure(`array with more than ${maxLength} elements`);
      scanValue(depth);
      index++;
      c = skipWs();
      if (c === 44) {
        pos++;
        continue;
      }
      if (c === 93) {
        pos++;
        return;
      }
      throw pos >= end
        ? syntax("unexpected_end", "unexpected end of input")
        : syntax("expected_comma_or_bracket", "expected ',' or ']'");
    }
  } catch (err) {
    if (err instanceof DecodeFailure) err.reversedPath.push(index);
    throw err;
  }
}

/** Validates a number token with the same rules as parseNumber, without computing most values. */
function scanNumber(): void {
  const start = pos;
  let i = pos;
  let c = src.charCodeAt(i);
  const neg = c === 45;
  if (neg) c = src.charCodeAt(++i);
  let intDigits = 0;
  if (c === 48) {
    c = src.charCodeAt(++i);
    intDigits = 1;
    if (c >= 48 && c <= 57) {
      pos = i;
      throw syntax("invalid_number", "leading zero in number");
    }
  } else if (c >= 49 && c <= 57) {
    const digitsStart = i;
    do c = src.charCodeAt(++i);
    while (c >= 48 && c <= 57);
    intDigits = i - digitsStart;
  } else {
    pos = i;
    throw i >= end
      ? syntax("unexpected_end", "unexpected end of input")
      : syntax("invalid_number", "invalid number");
  }
  if (c !== 46 && c !== 101 && c !== 69) {
    pos = i;
    if (intDigits > 15 && Number(src.slice(neg ? start + 1 : start, i)) > Number.MAX_SAFE_INTEGER) {
      pos = start;
      throw syntax("unsafe_integer", "integer outside the safe range ±(2^53−1)");
    }
    if (neg && intDigits === 1 && src.charCodeAt(start + 1) === 48) sawNegativeZero = true;
    return;
  }
  let exponent = false;
  if (c === 46) {
    c = src.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) {
      pos = i;
      throw syntax("invalid_number", "digit expected after '.'");
    }
    do c = src.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    exponent = true;
    c = src.charCodeAt(++i);
    if (c === 43 || c === 45) c = src.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) {
      pos = i;
      throw syntax("invalid_number", "digit expected in exponent");
    }
    do c = src.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  // Only an exponent or more than 308 integer digits can overflow; only a negative token whose
  // value is zero (including by underflow) is a negative zero.
  if (exponent || intDigits > 300 || (neg && src.charCodeAt(start + 1) === 48)) {
    const r = Number(src.slice(start, i));
    if (!Number.isFinite(r)) {
      pos = start;
      throw syntax("number_out_of_range", "number outside the double range");
    }
    if (r === 0 && neg) sawNegativeZero = true;
  }
  pos = i;
}

/** Scans a whole text; true when it holds a negative-zero token. */
function scanText(rootArrayLimit: number | undefined): boolean {
  sawNegativeZero = false;
  plainText = !SPECIAL.test(src);
  keyTop = 0;
  if (rootArrayLimit !== undefined) {
    if (skipWs() !== 91) throw syntax("body_not_array", "expected an array of records");
    scanArray(1, rootArrayLimit);
  } else {
    scanValue(0);
  }
  skipWs();
  if (pos < end) throw syntax("trailing_characters", "unexpected data after the value");
  return sawNegativeZero;
}

/**
 * Internal entry: a short text goes to the building parser; a longer one is validated by the
 * scanner, then built by JSON.parse (or by the building parser if it holds a negative zero).
 * `rootArrayLimit` replaces maxContainerLength at the root.
 */
export function parseJsonText(
  text: string,
  limits: ResolvedLimits,
  rootArrayLimit?: number,
  known?: KnownNames | null,
): unknown {
  // Short texts (headers, manifests): one pass that builds the value beats two passes.
  if (text.length < SHORT_TEXT) return parseJsonTextBuilding(text, limits, rootArrayLimit, known);
  return parseJsonTextScanning(text, limits, rootArrayLimit, known);
}

/** The validating scanner followed by JSON.parse (exported for the differential test). */
export function parseJsonTextScanning(
  text: string,
  limits: ResolvedLimits,
  rootArrayLimit?: number,
  known?: KnownNames | null,
): unknown {
  src = text;
  pos = 0;
  end = text.length;
  lim = limits;
  let negativeZero: boolean;
  try {
    negativeZero = scanText(rootArrayLimit);
  } catch (err) {
    if (err instanceof DecodeFailure) throw err.toError(known);
    if (err instanceof RangeError) {
      // Defence in depth: maxDepth is capped far below any engine's stack, so this is a bug.
      throw limitFailure("input exhausted the stack").toError();
    }
    throw err;
  } finally {
    src = "";
  }
  if (negativeZero) return parseJsonTextBuilding(text, limits, rootArrayLimit, known);
  return nativeParse(text);
}

/** The building parser alone (no scan, no JSON.parse): the reference the scanner is tested against. */
export function parseJsonTextBuilding(
  text: string,
  limits: ResolvedLimits,
  rootArrayLimit?: number,
  known?: KnownNames | null,
): unknown {
  src = text;
  pos = 0;
  end = text.length;
  lim = limits;
  try {
    let value: unknown;
    if (rootArrayLimit !== undefined) {
      if (skipWs() !== 91) throw syntax("body_not_array", "expected an array of records");
      value = parseArray(1, rootArrayLimit);
    } else {
      value = parseValue(0);
    }
    skipWs();
    if (pos < end) throw syntax("trailing_characters", "unexpected data after the value");
    return value;
  } catch (err) {
    if (err instanceof DecodeFailure) throw err.toError(known);
    if (err instanceof RangeError) {
      // Defence in depth: maxDepth is capped far below any engine's stack, so this is a bug.
      throw limitFailure("input exhausted the stack").toError();
    }
    throw err;
  } finally {
    src = "";
  }
}

/** Checks the byte limit and the UTF-8 of a byte input, returning its text. */
export function jsonBytesToText(bytes: Uint8Array, limits: ResolvedLimits): string {
  if (bytes.length > limits.maxBytes) {
    throw limitFailure(`input larger than ${limits.maxBytes} bytes`).toError();
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new DecodeFailure(INVALID, "bom", "JSON: byte-order mark not allowed").toError();
  }
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    throw new DecodeFailure(INVALID, "invalid_utf8", "JSON: invalid UTF-8").toError();
  }
}

function checkTextSize(text: string, limits: ResolvedLimits): void {
  if (utf8LongerThan(text, limits.maxBytes)) {
    throw limitFailure(`input larger than ${limits.maxBytes} bytes`).toError();
  }
  if (text.charCodeAt(0) === 0xfeff) {
    throw new DecodeFailure(INVALID, "bom", "JSON: byte-order mark not allowed").toError();
  }
}

/**
 * Parses JSON strictly (Corridor's JSON profile, spec/encoding.md §4).
 *
 * Rejects: invalid UTF-8 and a byte-order mark; anything outside RFC 8259 syntax; duplicate keys
 * at any depth; the keys `__proto__`, `constructor`, `prototype`; lone surrogates, raw or
 * escaped; integer tokens outside ±(2^53−1); numbers that overflow a double; and input past the
 * limits. `-0` is read as `0`. Objects come back as ordinary objects (like `JSON.parse`), safe
 * because the keys that could reach the prototype are refused.
 *
 * @param input JSON text, or its UTF-8 bytes.
 * @param limits overrides of {@link DEFAULT_LIMITS}.
 * @param options `knownNames`: when given, only these member names appear in error paths and
 *   others are written `<unknown key>`; without it, paths name every member (use it whenever
 *   member names may themselves be personal data).
 * @throws CorridorError `ERR_ENVELOPE_JSON_INVALID`, `ERR_ENVELOPE_DUPLICATE_KEY`,
 *   `ERR_ENVELOPE_FORBIDDEN_KEY` or `ERR_LIMIT_EXCEEDED`, with the `path` of the offending member.
 * @example
 * ```ts
 * parseJsonStrict('{"a":1,"a":2}', {}, { knownNames: new Set(["a"]) });
 * // throws ERR_ENVELOPE_DUPLICATE_KEY with path ["a"]
 * ```
 */
export function parseJsonStrict(
  input: string | Uint8Array,
  limits?: Partial<DecodeLimits>,
  options?: DecodeOptions,
): unknown {
  const l = resolveLimits(limits);
  let text: string;
  if (typeof input === "string") {
    checkTextSize(input, l);
    text = input;
  } else if (input instanceof Uint8Array) {
    text = jsonBytesToText(input, l);
  } else {
    throw new DecodeFailure(
      "ERR_INVALID_ARGUMENT",
      "invalid_type",
      "JSON: input must be a string or a Uint8Array",
    ).toError();
  }
  return parseJsonText(text, l, undefined, options?.knownNames);
}

/** {@link parseJsonStrict} returning a {@link Result}. */
export function safeParseJsonStrict(
  input: string | Uint8Array,
  limits?: Partial<DecodeLimits>,
  options?: DecodeOptions,
): Result<unknown> {
  return toResult(() => parseJsonStrict(input, limits, options));
}

/** @internal for decodeBody. */
export function parseJsonBody(
  bytes: Uint8Array,
  limits: ResolvedLimits,
  known: KnownNames | null,
): unknown[] {
  const text = jsonBytesToText(bytes, limits);
  return parseJsonText(text, limits, limits.maxRecords, known) as unknown[];
}
