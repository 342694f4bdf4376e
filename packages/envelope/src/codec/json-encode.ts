import { type Result, toResult } from "@corridor/errors";
import { isForbiddenKey, utf8LongerThan } from "./_checks.js";
import { DecodeFailure } from "./_fail.js";
import { type DecodeLimits, type ResolvedLimits, resolveLimits } from "./limits.js";
import { textEncoder } from "./utf8.js";

/**
 * JSON encoding of Corridor's data model (spec/encoding.md §4.5): a checking walk over the value
 * (the same rules as the MessagePack encoder), then the engine's `JSON.stringify`.
 *
 * Integral doubles outside ±(2^53−1) are written in exponent form (`1.152921504606847e+18`),
 * because the strict parser refuses integer tokens outside the safe range.
 */

let lim: ResolvedLimits;
/** Set by the walk when a number needs the exponent form that JSON.stringify does not write. */
let sawUnsafeIntegral = false;

function unsupported(reason: string, what: string): DecodeFailure {
  return new DecodeFailure("ERR_INVALID_ARGUMENT", reason, `value: ${what}`);
}

function limitFailure(what: string): DecodeFailure {
  return new DecodeFailure("ERR_LIMIT_EXCEEDED", "limit_exceeded", `value: ${what}`);
}

function check(v: unknown, depth: number, maxLength: number): void {
  switch (typeof v) {
    case "string":
      if (utf8LongerThan(v, lim.maxStringLength)) {
        throw limitFailure(`string longer than ${lim.maxStringLength} bytes`);
      }
      return;
    case "number":
      if (v - v !== 0)
        throw unsupported("non_finite_number", "NaN and infinities are not encodable");
      if (!sawUnsafeIntegral && Number.isInteger(v) && !Number.isSafeInteger(v)) {
        sawUnsafeIntegral = true;
      }
      return;
    case "boolean":
      return;
    case "object": {
      if (v === null) return;
      if (depth + 1 > lim.maxDepth) throw limitFailure(`nesting deeper than ${lim.maxDepth}`);
      if (Array.isArray(v)) {
        const n = v.length;
        if (n > maxLength) throw limitFailure(`array of ${n} elements (limit ${maxLength})`);
        let i = 0;
        try {
          for (; i < n; i++) check(v[i], depth + 1, lim.maxContainerLength);
        } catch (err) {
          if (err instanceof DecodeFailure) err.reversedPath.push(i);
          throw err;
        }
        return;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw unsupported("unsupported_type", "only plain objects, arrays and primitives");
      }
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj);
      if (keys.length > lim.maxContainerLength) {
        throw limitFailure(`object of ${keys.length} members (limit ${lim.maxContainerLength})`);
      }
      let key: string | undefined;
      try {
        for (let i = 0; i < keys.length; i++) {
          key = keys[i]!;
          if (isForbiddenKey(key)) {
            throw new DecodeFailure(
              "ERR_ENVELOPE_FORBIDDEN_KEY",
              "forbidden_key",
              "value: forbidden object key",
            );
          }
          if (utf8LongerThan(key, lim.maxStringLength)) {
            throw limitFailure(`key longer than ${lim.maxStringLength} bytes`);
          }
          check(obj[key], depth + 1, lim.maxContainerLength);
        }
      } catch (err) {
        if (err instanceof DecodeFailure && key !== undefined) err.reversedPath.push(key);
        throw err;
      }
      return;
    }
    case "undefined":
      throw unsupported("undefined_value", "undefined is not encodable (omit the member)");
    default:
      throw unsupported("unsupported_type", `a ${typeof v} is not encodable`);
  }
}

/** Serializer for the rare values holding integral doubles beyond ±(2^53−1). */
function stringifyExact(v: unknown): string {
  if (typeof v === "number") {
    return Number.isInteger(v) && !Number.isSafeInteger(v) ? v.toExponential() : JSON.stringify(v);
  }
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stringifyExact).join(",")}]`;
  const obj = v as Record<string, unknown>;
  return `{${Object.keys(obj)
    .map((k) => `${JSON.stringify(k)}:${stringifyExact(obj[k])}`)
    .join(",")}}`;
}

/**
 * JSON.stringify writes a lone surrogate as a `\udXXX` escape (well-formed JSON.stringify,
 * ES2019); finding one, not preceded by an odd run of backslashes, means the value had one.
 */
const LONE_SURROGATE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/;

function stringify(value: unknown, limits: ResolvedLimits, rootArrayLimit: number): string {
  lim = limits;
  sawUnsafeIntegral = false;
  try {
    check(value, 0, rootArrayLimit);
  } catch (err) {
    if (err instanceof DecodeFailure) throw err.toError();
    throw err;
  }
  const text = sawUnsafeIntegral ? stringifyExact(value) : JSON.stringify(value);
  if (text.includes("\\ud") && LONE_SURROGATE_ESCAPE.test(text)) {
    throw unsupported("lone_surrogate", "string with a lone surrogate").toError();
  }
  return text;
}

function toBytes(text: string, limits: ResolvedLimits): Uint8Array {
  if (utf8LongerThan(text, limits.maxBytes)) {
    throw limitFailure(`encoding larger than ${limits.maxBytes} bytes`).toError();
  }
  return textEncoder.encode(text);
}

/**
 * Encodes a value as JSON text that {@link parseJsonStrict} reads back to an equal value.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` (`unsupported_type`, `undefined_value`,
 *   `non_finite_number`, `lone_surrogate`), `ERR_ENVELOPE_FORBIDDEN_KEY` or `ERR_LIMIT_EXCEEDED`.
 */
export function stringifyJson(value: unknown, limits?: Partial<DecodeLimits>): string {
  const l = resolveLimits(limits);
  const text = stringify(value, l, l.maxContainerLength);
  if (utf8LongerThan(text, l.maxBytes)) {
    throw limitFailure(`encoding larger than ${l.maxBytes} bytes`).toError();
  }
  return text;
}

/** {@link stringifyJson} as UTF-8 bytes. */
export function encodeJson(value: unknown, limits?: Partial<DecodeLimits>): Uint8Array {
  const l = resolveLimits(limits);
  return toBytes(stringify(value, l, l.maxContainerLength), l);
}

/** {@link encodeJson} returning a {@link Result}. */
export function safeEncodeJson(value: unknown, limits?: Partial<DecodeLimits>): Result<Uint8Array> {
  return toResult(() => encodeJson(value, limits));
}

/** @internal for encodeBody. */
export function encodeJsonBody(records: readonly unknown[], limits: ResolvedLimits): Uint8Array {
  return toBytes(stringify(records, limits, limits.maxRecords), limits);
}
