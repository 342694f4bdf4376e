/**
 * The text form of a pseudonym (spec/pseudonym.md §4): `<scheme>:<epoch>:<value>`, value in
 * unpadded base64url (RFC 4648 §5). It matches the record model's PSEUDONYM_PATTERN.
 */
import { CorridorError, type Result, toResult } from "@corridor/errors";
import { PSEUDONYM_PATTERN, type Pseudonym } from "@corridor/schema";
import { fromBase64Url, toBase64Url } from "../_base64url.js";

/** A pseudonym taken apart. */
export interface ParsedPseudonym {
  /** Scheme name, e.g. `hs256`. */
  readonly scheme: string;
  /** Key epoch, 0..999999999. */
  readonly epoch: number;
  /** The value bytes (16 to 64). */
  readonly value: Uint8Array;
}

const PSEUDONYM_RE = new RegExp(PSEUDONYM_PATTERN);
const SCHEME_RE = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

function malformed(path: readonly (string | number)[], why: string): CorridorError {
  return new CorridorError("ERR_PSEUDONYM_MALFORMED", `${why}`, { path });
}

/**
 * Parses the text form of a pseudonym and checks it strictly: the record model's pattern, a
 * canonical base64url value of 16 to 64 bytes. Any scheme name of the right shape is accepted
 * (check `scheme` yourself if you only accept `hs256`).
 *
 * @param text - A pseudonym, e.g. `hs256:3:2n1T…` (43 base64url characters for hs256).
 * @returns Scheme, epoch and value bytes.
 * @throws CorridorError `ERR_PSEUDONYM_MALFORMED`; the message never repeats the input.
 *
 * @example
 * ```ts
 * import { parsePseudonym } from "@corridor/pseudonym";
 * const { scheme, epoch, value } = parsePseudonym(record.person.pseudonyms.name);
 * if (epoch !== agreement.keyEpoch) throw new Error("stale pseudonym");
 * ```
 */
export function parsePseudonym(text: string): ParsedPseudonym {
  if (typeof text !== "string") throw malformed([], "pseudonym: expected a string");
  if (!PSEUDONYM_RE.test(text)) {
    throw malformed([], "pseudonym: expected <scheme>:<epoch>:<base64url value>");
  }
  const first = text.indexOf(":");
  const second = text.indexOf(":", first + 1);
  const value = fromBase64Url(text.slice(second + 1));
  if (value === undefined) throw malformed([], "pseudonym: value is not canonical base64url");
  if (value.length < 16 || value.length > 64) {
    throw malformed([], "pseudonym: value must be 16 to 64 bytes");
  }
  return {
    scheme: text.slice(0, first),
    epoch: Number(text.slice(first + 1, second)),
    value,
  };
}

/**
 * {@link parsePseudonym} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeParsePseudonym } from "@corridor/pseudonym";
 * const r = safeParsePseudonym("hs256:3:not-a-pseudonym");
 * r.success; // false, r.error.code === "ERR_PSEUDONYM_MALFORMED"
 * ```
 */
export function safeParsePseudonym(text: string): Result<ParsedPseudonym> {
  return toResult(() => parsePseudonym(text));
}

/**
 * Writes a pseudonym in its text form. The inverse of {@link parsePseudonym}.
 *
 * @throws CorridorError `ERR_PSEUDONYM_MALFORMED` when the scheme, epoch or value length is not
 *   allowed.
 *
 * @example
 * ```ts
 * import { formatPseudonym } from "@corridor/pseudonym";
 * formatPseudonym({ scheme: "hs256", epoch: 0, value: new Uint8Array(32) });
 * // "hs256:0:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
 * ```
 */
export function formatPseudonym(parts: ParsedPseudonym): Pseudonym {
  if (typeof parts.scheme !== "string" || !SCHEME_RE.test(parts.scheme)) {
    throw malformed(
      ["scheme"],
      "scheme: 2-32 of a-z 0-9 and inner hyphens, starting with a letter",
    );
  }
  if (!Number.isInteger(parts.epoch) || parts.epoch < 0 || parts.epoch > 999_999_999) {
    throw malformed(["epoch"], "epoch: expected an integer 0..999999999");
  }
  if (!(parts.value instanceof Uint8Array) || parts.value.length < 16 || parts.value.length > 64) {
    throw malformed(["value"], "value: expected 16 to 64 bytes");
  }
  return `${parts.scheme}:${parts.epoch}:${toBase64Url(parts.value)}`;
}
