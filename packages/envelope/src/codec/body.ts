import { CorridorError, type Result, toResult } from "@corridor/errors";
import type { DecodeOptions } from "./_fail.js";
import { parseJsonBody } from "./json.js";
import { encodeJsonBody } from "./json-encode.js";
import { type DecodeLimits, resolveLimits } from "./limits.js";
import { decodeMsgpackBody } from "./msgpack-decode.js";
import { encodeMsgpackBody } from "./msgpack-encode.js";

/** The content encodings of an envelope body (spec/encoding.md §6). */
export type BodyEncoding = "msgpack" | "json";

/** The body encodings this implementation reads and writes. */
export const BODY_ENCODINGS: readonly BodyEncoding[] = Object.freeze(["msgpack", "json"]);

function badEncoding(): CorridorError {
  return new CorridorError("ERR_INVALID_ARGUMENT", 'encoding: expected "msgpack" or "json"', {
    path: ["encoding"],
    issues: [
      {
        path: ["encoding"],
        reason: "unsupported_encoding",
        message: 'expected "msgpack" or "json"',
      },
    ],
  });
}

/**
 * Encodes a body: the array of records, as MessagePack (canonical form) or JSON.
 *
 * @param records the records (plain data; see encodeMsgpack for what is accepted).
 * @param encoding `"msgpack"` or `"json"`.
 * @param limits the limits the recipient will apply; `maxRecords` bounds the record count.
 * @throws CorridorError `ERR_INVALID_ARGUMENT`, `ERR_ENVELOPE_FORBIDDEN_KEY`, `ERR_LIMIT_EXCEEDED`.
 */
export function encodeBody(
  records: readonly unknown[],
  encoding: BodyEncoding,
  limits?: Partial<DecodeLimits>,
): Uint8Array {
  const l = resolveLimits(limits);
  if (!Array.isArray(records)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "records: expected an array", {
      path: ["records"],
      issues: [{ path: ["records"], reason: "invalid_type", message: "expected an array" }],
    });
  }
  if (encoding === "msgpack") return encodeMsgpackBody(records, l);
  if (encoding === "json") return encodeJsonBody(records, l);
  throw badEncoding();
}

/**
 * Decodes a body strictly: one array of records. For MessagePack the declared record count is
 * checked against `maxRecords` (and against the remaining bytes) before any record is read; for
 * JSON the count is checked as records are read. Records are not validated against the record
 * schema here (that is the next step, with its own error paths).
 *
 * @param options `knownNames`: the member names that may appear in error paths (others are
 *   written `<unknown key>`; record indexes are always kept).
 * @throws CorridorError the codes of decodeMsgpackStrict / parseJsonStrict; a body that is not an
 *   array is invalid with reason `body_not_array`.
 */
export function decodeBody(
  bytes: Uint8Array,
  encoding: BodyEncoding,
  limits?: Partial<DecodeLimits>,
  options?: DecodeOptions,
): unknown[] {
  const l = resolveLimits(limits);
  if (encoding === "msgpack") return decodeMsgpackBody(bytes, l, options);
  if (encoding === "json") {
    if (!(bytes instanceof Uint8Array)) {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "bytes: expected a Uint8Array", {
        path: ["bytes"],
        issues: [{ path: ["bytes"], reason: "invalid_type", message: "expected a Uint8Array" }],
      });
    }
    return parseJsonBody(bytes, l, options?.knownNames ?? null);
  }
  throw badEncoding();
}

/** {@link decodeBody} returning a {@link Result}. */
export function safeDecodeBody(
  bytes: Uint8Array,
  encoding: BodyEncoding,
  limits?: Partial<DecodeLimits>,
  options?: DecodeOptions,
): Result<unknown[]> {
  return toResult(() => decodeBody(bytes, encoding, limits, options));
}
