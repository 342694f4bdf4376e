/**
 * The text form of a pseudonym (spec/pseudonym.md §4): `<scheme>:<epoch>:<value>`, value in
 * unpadded base64url (RFC 4648 §5). It matches the record model's PSEUDONYM_PATTERN.
 */
import { CorridorError, type Result, toResult } from "@corridor/errors";
import { PSEUDONYM_PATTERN, type Pseudonym } from "@corridor/schema";

/** A pseudonym taken apart. */
export interface ParsedPseudonym {
  /** Scheme name, e.g. `hs256`. */
  readonly scheme: string;
  /** Key epoch, 0..999999999. */
  readonly epoch: number;
  /** The value bytes (16 to 64). */
  readonly value: Uint8Array;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[CODES[i]!] = i;
const PSEUDONYM_RE = new RegExp(PSEUDONYM_PATTERN);
const SCHEME_RE = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/** Unpadded base64url of `bytes[off..off+len)`. */
export function base64url(bytes: Uint8Array, off = 0, len = bytes.length - off): string {
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

/**
 * Decodes canonical unpadded base64url; undefined when `text` is not canonical (a character outside
 * the alphabet, a length of 1 mod 4, or non-zero unused bits in the last character).
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
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
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

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
  const value = decodeBase64url(text.slice(second + 1));
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
  return `${parts.scheme}:${parts.epoch}:${base64url(parts.value)}`;
}
