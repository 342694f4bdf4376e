/**
 * Decoding and comparison of `LinkageEncoding` values (spec/linkage.md §6): strict shape and
 * base64url checks, and refusal to compare encodings made under different schemas, key epochs or
 * encoder versions. A `ClkSet` holds many decoded encodings packed for fast comparison.
 */
import { CorridorError, type PathSegment, type Result, toResult } from "@corridor/errors";
import { LinkageEncoding } from "@corridor/schema";
import { fromBase64Url } from "../_base64url.js";
import { andPopcountBlock, andPopcountList, type DiceBackend } from "./_dice-wasm.js";
import { CLK_ENCODER_VERSION, CLK_SCHEME } from "./constants.js";
import { andPopcount, popcountWords } from "./dice.js";
import type { LinkageSchema } from "./schema.js";

/** The metadata every encoding carries: what must be equal for two encodings to be compared. */
export interface EncodingMetadata {
  readonly scheme: string;
  readonly epoch: number;
  readonly schemaDigest: string;
  readonly encoderVersion: string;
}

/** What a caller expects encodings to be made under (any subset). */
export interface EncodingExpectation {
  /** The linkage schema of the agreement: digest and encoded length must match. */
  readonly schema?: LinkageSchema | undefined;
  /** The key epoch in force. */
  readonly epoch?: number | undefined;
}

function malformed(path: readonly PathSegment[], reason: string): CorridorError {
  return new CorridorError(
    "ERR_LINKAGE_ENCODING_MALFORMED",
    `linkage encoding is malformed: ${reason}`,
    {
      path,
    },
  );
}

/**
 * Throws when two encodings' metadata differ, in this order: scheme (`ERR_LINKAGE_SCHEME_UNSUPPORTED`
 * when either is not `clk`), schema digest (`ERR_LINKAGE_SCHEMA_MISMATCH`), encoder version
 * (`ERR_LINKAGE_ENCODER_VERSION_MISMATCH`), key epoch (`ERR_LINKAGE_EPOCH_MISMATCH`).
 */
export function assertComparable(
  a: EncodingMetadata,
  b: EncodingMetadata,
  path: readonly PathSegment[] = [],
): void {
  for (const m of [a, b]) {
    if (m.scheme !== CLK_SCHEME) {
      throw new CorridorError("ERR_LINKAGE_SCHEME_UNSUPPORTED", "linkage scheme is not supported", {
        path: [...path, "scheme"],
      });
    }
  }
  if (a.schemaDigest !== b.schemaDigest) {
    throw new CorridorError(
      "ERR_LINKAGE_SCHEMA_MISMATCH",
      "linkage encodings were made under different linkage schemas",
      { path: [...path, "schemaDigest"] },
    );
  }
  if (a.encoderVersion !== b.encoderVersion) {
    throw new CorridorError(
      "ERR_LINKAGE_ENCODER_VERSION_MISMATCH",
      "linkage encodings were made by different encoder versions",
      { path: [...path, "encoderVersion"] },
    );
  }
  if (a.epoch !== b.epoch) {
    throw new CorridorError(
      "ERR_LINKAGE_EPOCH_MISMATCH",
      "linkage encodings were made under different key epochs",
      { path: [...path, "epoch"] },
    );
  }
}

/** One decoded encoding: metadata and the filter as big-endian 32-bit words. */
export interface DecodedEncoding extends EncodingMetadata {
  readonly words: Uint32Array;
  /** Length of the filter in bits. */
  readonly bits: number;
}

/**
 * Validates and decodes one `LinkageEncoding` (unknown input, e.g. from a received record).
 * Throws `ERR_LINKAGE_ENCODING_MALFORMED` (shape, non-canonical base64url, length not a multiple
 * of 32 bits or not the schema's), `ERR_LINKAGE_SCHEME_UNSUPPORTED`, and the mismatch codes of
 * {@link assertComparable} against `expect`.
 */
export function decodeLinkageEncoding(
  input: unknown,
  expect: EncodingExpectation = {},
  path: readonly PathSegment[] = [],
): DecodedEncoding {
  const parsed = LinkageEncoding.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const sub = (first?.path ?? []).map((p) => (typeof p === "symbol" ? String(p.description) : p));
    throw malformed([...path, ...sub], "not a LinkageEncoding");
  }
  const enc = parsed.data;
  if (enc.scheme !== CLK_SCHEME) {
    throw new CorridorError("ERR_LINKAGE_SCHEME_UNSUPPORTED", "linkage scheme is not supported", {
      path: [...path, "scheme"],
    });
  }
  if (expect.schema !== undefined) {
    assertComparable(
      enc,
      {
        scheme: CLK_SCHEME,
        schemaDigest: expect.schema.digest,
        encoderVersion: CLK_ENCODER_VERSION,
        epoch: expect.epoch ?? enc.epoch,
      },
      path,
    );
  } else if (expect.epoch !== undefined && expect.epoch !== enc.epoch) {
    throw new CorridorError(
      "ERR_LINKAGE_EPOCH_MISMATCH",
      "linkage encoding was made under another key epoch",
      { path: [...path, "epoch"] },
    );
  }
  const bytes = fromBase64Url(enc.data);
  if (bytes === undefined) throw malformed([...path, "data"], "data is not canonical base64url");
  if (bytes.length === 0 || bytes.length % 4 !== 0) {
    throw malformed([...path, "data"], "filter length is not a multiple of 32 bits");
  }
  if (expect.schema !== undefined && bytes.length * 8 !== expect.schema.encodedBits) {
    throw malformed([...path, "data"], "filter length differs from the linkage schema's");
  }
  const words = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) {
    words[i] =
      ((bytes[4 * i]! << 24) |
        (bytes[4 * i + 1]! << 16) |
        (bytes[4 * i + 2]! << 8) |
        bytes[4 * i + 3]!) >>>
      0;
  }
  return {
    scheme: enc.scheme,
    epoch: enc.epoch,
    schemaDigest: enc.schemaDigest,
    encoderVersion: enc.encoderVersion,
    words,
    bits: bytes.length * 8,
  };
}

/** {@link decodeLinkageEncoding} returning a {@link Result} instead of throwing. */
export function safeDecodeLinkageEncoding(
  input: unknown,
  expect: EncodingExpectation = {},
): Result<DecodedEncoding> {
  return toResult(() => decodeLinkageEncoding(input, expect));
}

/**
 * Dice similarity of two encodings, after checking that they may be compared at all (same
 * scheme, schema digest, encoder version, epoch; same length).
 *
 * @example
 * ```ts
 * import { diceSimilarity } from "@corridor/pseudonym";
 * diceSimilarity(recordA.person.linkage, recordB.person.linkage); // 0.93
 * ```
 */
export function diceSimilarity(a: unknown, b: unknown, expect: EncodingExpectation = {}): number {
  const da = decodeLinkageEncoding(a, expect, ["a"]);
  const db = decodeLinkageEncoding(b, expect, ["b"]);
  assertComparable(da, db);
  if (da.bits !== db.bits) throw malformed(["b", "data"], "filters of different lengths");
  const na = popcountWords(da.words, 0, da.words.length);
  const nb = popcountWords(db.words, 0, db.words.length);
  if (na + nb === 0) return 0;
  return (2 * andPopcount(da.words, 0, db.words, 0, da.words.length)) / (na + nb);
}

/** {@link diceSimilarity} returning a {@link Result} instead of throwing. */
export function safeDiceSimilarity(
  a: unknown,
  b: unknown,
  expect: EncodingExpectation = {},
): Result<number> {
  return toResult(() => diceSimilarity(a, b, expect));
}

let counts = new Int32Array(4096);

/** A reusable buffer of at least n intersection counts. */
function scratch(n: number): Int32Array {
  if (counts.length < n) counts = new Int32Array(n);
  return counts;
}

/**
 * Many filters of one schema and epoch, packed row by row into one `Uint32Array` with their
 * popcounts, for blocking and bulk comparison. Build it with {@link ClkSet.fromEncodings} (checks
 * every encoding) or {@link ClkSet.fromWords} (trusted filters from a local encoder).
 */
export class ClkSet {
  readonly metadata: EncodingMetadata;
  /** Filter length in bits. */
  readonly bits: number;
  /** 32-bit words per filter. */
  readonly words: number;
  /** Number of filters. */
  readonly size: number;
  /** Filter i occupies `data[i*words .. (i+1)*words)`. */
  readonly data: Uint32Array;
  /** Popcount of each filter. */
  readonly popcounts: Uint16Array;

  private constructor(metadata: EncodingMetadata, words: number, data: Uint32Array) {
    this.metadata = Object.freeze({ ...metadata });
    this.words = words;
    this.bits = words * 32;
    this.size = data.length / words;
    this.data = data;
    this.popcounts = new Uint16Array(this.size);
    for (let i = 0; i < this.size; i++) this.popcounts[i] = popcountWords(data, i * words, words);
  }

  /**
   * Decodes and packs encodings. All must share one scheme, schema digest, encoder version, epoch
   * and length (the first one sets them unless `expect` does); the error path is the index.
   */
  static fromEncodings(encodings: readonly unknown[], expect: EncodingExpectation = {}): ClkSet {
    if (encodings.length === 0) {
      if (expect.schema === undefined || expect.epoch === undefined) {
        throw new CorridorError(
          "ERR_INVALID_ARGUMENT",
          "an empty ClkSet needs the expected schema and epoch",
        );
      }
      return new ClkSet(
        {
          scheme: CLK_SCHEME,
          epoch: expect.epoch,
          schemaDigest: expect.schema.digest,
          encoderVersion: CLK_ENCODER_VERSION,
        },
        expect.schema.encodedBits / 32,
        new Uint32Array(0),
      );
    }
    const first = decodeLinkageEncoding(encodings[0], expect, [0]);
    const words = first.words.length;
    const data = new Uint32Array(words * encodings.length);
    data.set(first.words, 0);
    for (let i = 1; i < encodings.length; i++) {
      const d = decodeLinkageEncoding(encodings[i], expect, [i]);
      assertComparable(first, d, [i]);
      if (d.words.length !== words) throw malformed([i, "data"], "filters of different lengths");
      data.set(d.words, i * words);
    }
    return new ClkSet(first, words, data);
  }

  /** Packs already-decoded filters (each `words` long) that share `metadata`. */
  static fromWords(metadata: EncodingMetadata, filters: readonly Uint32Array[]): ClkSet {
    const words = filters[0]?.length ?? 0;
    if (words === 0) throw new CorridorError("ERR_INVALID_ARGUMENT", "fromWords needs filters");
    const data = new Uint32Array(words * filters.length);
    filters.forEach((f, i) => {
      if (f.length !== words) {
        throw new CorridorError("ERR_INVALID_ARGUMENT", "filters of different lengths", {
          path: [i],
        });
      }
      data.set(f, i * words);
    });
    return new ClkSet(metadata, words, data);
  }

  /** Dice similarity of filter i of this set and filter j of `other` (no metadata check). */
  dice(i: number, other: ClkSet, j: number): number {
    const s = this.popcounts[i]! + other.popcounts[j]!;
    if (s === 0) return 0;
    return (
      (2 * andPopcount(this.data, i * this.words, other.data, j * other.words, this.words)) / s
    );
  }

  /**
   * Dice similarities of filter i of this set against filters `jStart .. jStart+count` of `other`
   * (no metadata check), written to `out[0..count)`. Uses WebAssembly SIMD where available (the
   * filters are copied into WebAssembly memory once per pair of sets; do not modify `data`
   * afterwards), else plain JS; `backend: "js"` forces plain JS. Both give identical results.
   */
  diceRow(
    i: number,
    other: ClkSet,
    jStart: number,
    count: number,
    out: Float64Array,
    backend?: DiceBackend,
  ): void {
    const counts = scratch(count);
    andPopcountBlock(this, i, other, jStart, count, counts, backend);
    const pi = this.popcounts[i]!;
    const pb = other.popcounts;
    for (let n = 0; n < count; n++) {
      const s = pi + pb[jStart + n]!;
      out[n] = s === 0 ? 0 : (2 * counts[n]!) / s;
    }
  }

  /** {@link diceRow} for the filters `js[0..count)` of `other` (e.g. a candidate list). */
  diceList(
    i: number,
    other: ClkSet,
    js: ArrayLike<number>,
    count: number,
    out: Float64Array,
    backend?: DiceBackend,
  ): void {
    const counts = scratch(count);
    andPopcountList(this, i, other, js, count, counts, backend);
    const pi = this.popcounts[i]!;
    const pb = other.popcounts;
    for (let n = 0; n < count; n++) {
      const s = pi + pb[js[n]!]!;
      out[n] = s === 0 ? 0 : (2 * counts[n]!) / s;
    }
  }
}
