/**
 * Bloom-filter encoder (cryptographic long-term key, CLK; Schnell, Bachteler & Reiher 2011):
 * every feature of every schema field is hashed with ONE keyed HMAC-SHA256 whose 256-bit output is
 * cut into k bit positions, then the filter is hardened (spec/linkage.md §4–§5).
 */
import { CorridorError, type Result, toResult } from "@corridor/errors";
import type { LinkageEncoding } from "@corridor/schema";
import { toBase64Url } from "../_base64url.js";
import { KeyedHmacSha256 } from "../_hmac-sha256.js";
import { CLK_ENCODER_VERSION, CLK_SCHEME } from "./constants.js";
import { fieldFeatures, type LinkageInput, saltValue } from "./features.js";
import { assertLinkageKey, deriveLinkageKey, type LinkageKey } from "./keys.js";
import { type LinkageSchema, type LinkageSchemaDocument, parseLinkageSchema } from "./schema.js";

export interface ClkEncoderOptions {
  /** The linkage schema (validated, or a document that is validated here). */
  readonly schema: LinkageSchema | LinkageSchemaDocument;
  /** The linkage secret and its epoch. */
  readonly key: LinkageKey;
  /**
   * Remember the bit positions of up to this many distinct (field, salt, feature) triples, so a
   * frequent q-gram is hashed once per encoder instead of once per record (default 65536, 0 turns
   * the cache off; default 0 when the schema salts a field, whose features rarely repeat). The
   * cache holds key-derived data: it lives and dies with the encoder.
   */
  readonly cacheSize?: number;
}

const utf8 = new TextEncoder();

/** Writes k indices of `bits` bits each, read MSB-first from the 256-bit digest, into `out`. */
export function digestToIndices(
  digest: Int32Array,
  k: number,
  bits: number,
  out: Uint16Array,
): void {
  for (let i = 0, off = 0; i < k; i++, off += bits) {
    const w = off >>> 5;
    const sh = off & 31;
    let v = digest[w]! << sh;
    if (sh + bits > 32) v |= digest[w + 1]! >>> (32 - sh);
    out[i] = v >>> (32 - bits);
  }
}

/**
 * The keyed permutation of a balancing step over n positions (spec/linkage.md §5.2): Fisher–Yates
 * from i = n−1 down to 1, swapping a[i] with a[r], r uniform in 0..i by rejection sampling from the
 * stream of big-endian uint32 words of HMAC-SHA256(key, uint32be(0)), HMAC-SHA256(key, uint32be(1)), ….
 */
export function keyedPermutation(key: Uint8Array, n: number): Uint16Array {
  const mac = new KeyedHmacSha256(key);
  const block = new Int32Array(8);
  const counter = new Uint8Array(4);
  let ctr = 0;
  let used = 8;
  const next = (): number => {
    if (used === 8) {
      counter[0] = ctr >>> 24;
      counter[1] = (ctr >>> 16) & 0xff;
      counter[2] = (ctr >>> 8) & 0xff;
      counter[3] = ctr & 0xff;
      ctr++;
      mac.macWordsInto(counter, 4, block);
      used = 0;
    }
    return block[used++]! >>> 0;
  };
  const a = new Uint16Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i >= 1; i--) {
    const bound = i + 1;
    const limit = 0x100000000 - (0x100000000 % bound);
    let x = next();
    while (x >= limit) x = next();
    const r = x % bound;
    const t = a[i]!;
    a[i] = a[r]!;
    a[r] = t;
  }
  return a;
}

interface FieldState {
  readonly mac: KeyedHmacSha256;
  readonly k: number;
}

/** A hardening step; for balancing, `inv[p]` is the output position of bit p of `filter || NOT filter`. */
type Step = { readonly kind: "xor-fold" } | { readonly kind: "balance"; readonly inv: Uint16Array };

/**
 * Encodes people into Bloom-filter encodings under one schema and key epoch.
 *
 * @example
 * ```ts
 * import { createClkEncoder, DEFAULT_LINKAGE_SCHEMA } from "@corridor/pseudonym";
 * const encoder = createClkEncoder({ schema: DEFAULT_LINKAGE_SCHEMA, key: { secret, epoch: 3 } });
 * const linkage = encoder.encode({ identifiers: { name: { given: "Amina", family: "Haddad" },
 *   dateOfBirth: "1990-04" }, attributes: { sex: "F" } });
 * // { scheme: "clk", epoch: 3, schemaDigest: "sha256:…", encoderVersion: "1.0", data: "…" }
 * ```
 */
export class ClkEncoder {
  readonly schema: LinkageSchema;
  readonly epoch: number;
  readonly #fields: FieldState[];
  readonly #steps: Step[];
  /** Positions by field, then salt, then feature. */
  readonly #cache: Map<string, Map<string, Uint16Array>>[];
  readonly #cacheSize: number;
  #cached = 0;
  readonly #digest = new Int32Array(8);
  readonly #msg = new Uint8Array(256);

  constructor(options: ClkEncoderOptions) {
    assertLinkageKey(options.key);
    this.schema =
      "digest" in options.schema && "canonical" in options.schema
        ? options.schema
        : parseLinkageSchema(options.schema);
    this.epoch = options.key.epoch;
    // Salted features rarely repeat (one set of q-grams per birth year), so the cache costs more
    // than it saves there: it is on by default only for schemas without salting.
    this.#cacheSize =
      options.cacheSize ??
      (this.schema.document.fields.some((f) => f.salt !== undefined) ? 0 : 65536);
    this.#cache = this.schema.document.fields.map(() => new Map());
    const { document: doc, digest } = this.schema;
    this.#fields = doc.fields.map((f, i) => ({
      mac: new KeyedHmacSha256(deriveLinkageKey(options.key, digest, "field", i)),
      k: f.k,
    }));
    let bits: number = doc.filter.length;
    this.#steps = doc.hardening.map((step, i): Step => {
      if (step.step === "xor-fold") {
        bits /= 2;
        return { kind: "xor-fold" };
      }
      bits *= 2;
      const perm = keyedPermutation(deriveLinkageKey(options.key, digest, "balance", i), bits);
      const inv = new Uint16Array(bits);
      for (let j = 0; j < bits; j++) inv[perm[j]!] = j;
      return { kind: "balance", inv };
    });
  }

  /** Bit positions of one feature in the unhardened filter (k positions, in hash order). */
  #positions(fieldIndex: number, salt: string, feature: string): Uint16Array {
    let bySalt: Map<string, Uint16Array> | undefined;
    if (this.#cacheSize > 0) {
      const byField = this.#cache[fieldIndex]!;
      bySalt = byField.get(salt);
      if (bySalt === undefined) {
        bySalt = new Map();
        byField.set(salt, bySalt);
      }
      const hit = bySalt.get(feature);
      if (hit !== undefined) return hit;
    }
    const field = this.#fields[fieldIndex]!;
    // HMAC message: UTF-8(salt) || 0x00 || UTF-8(feature)   (spec/linkage.md §4.2)
    let msg = this.#msg;
    const need = 3 * (salt.length + feature.length) + 1;
    if (need > msg.length) msg = new Uint8Array(need);
    let len = writeUtf8(salt, msg, 0);
    msg[len++] = 0;
    len = writeUtf8(feature, msg, len);
    field.mac.macWordsInto(msg, len, this.#digest);
    const out = new Uint16Array(field.k);
    digestToIndices(this.#digest, field.k, this.schema.indexBits, out);
    if (bySalt !== undefined) {
      if (this.#cached >= this.#cacheSize) {
        for (const m of this.#cache) m.clear();
        bySalt.clear();
        this.#cached = 0;
        this.#cache[fieldIndex]!.set(salt, bySalt);
      }
      bySalt.set(feature, out);
      this.#cached++;
    }
    return out;
  }

  /**
   * The unhardened filter of a record as big-endian 32-bit words (bit p is in word p>>5, mask
   * 1 << (31 − (p & 31))). Throws `ERR_LINKAGE_NO_IDENTIFIERS` when no field yields a feature.
   */
  rawFilter(input: LinkageInput): Uint32Array {
    const doc = this.schema.document;
    const filter = new Uint32Array(doc.filter.length >>> 5);
    let features = 0;
    doc.fields.forEach((field, i) => {
      const salt = saltValue(field.salt, input);
      for (const feature of fieldFeatures(field, input)) {
        features++;
        const pos = this.#positions(i, salt, feature);
        for (let j = 0; j < pos.length; j++) {
          const p = pos[j]!;
          filter[p >>> 5]! |= 1 << (31 - (p & 31));
        }
      }
    });
    if (features === 0) {
      throw new CorridorError(
        "ERR_LINKAGE_NO_IDENTIFIERS",
        "record has none of the identifiers the linkage schema encodes",
        { path: ["identifiers"] },
      );
    }
    return filter;
  }

  /** Applies the schema's hardening steps, in order, to an unhardened filter. */
  harden(raw: Uint32Array): Uint32Array {
    let cur = raw;
    for (const step of this.#steps) {
      if (step.kind === "xor-fold") {
        const half = cur.length >>> 1;
        const out = new Uint32Array(half);
        for (let i = 0; i < half; i++) out[i] = cur[i]! ^ cur[i + half]!;
        cur = out;
      } else {
        // out bit i = c bit perm[i], where c = cur || NOT cur: bit p of cur goes to inv[p] when
        // set, and NOT bit p (position p + n of c) goes to inv[p + n] when p is clear.
        const n = cur.length * 32;
        const out = new Uint32Array(cur.length * 2);
        const inv = step.inv;
        for (let p = 0; p < n; p++) {
          // Branch-free: bits are 50/50 and a branch here mispredicts half the time.
          const clear = ((cur[p >>> 5]! >>> (31 - (p & 31))) & 1) ^ 1;
          const i = inv[p + clear * n]!;
          out[i >>> 5]! |= 1 << (31 - (i & 31));
        }
        cur = out;
      }
    }
    return cur;
  }

  /** The hardened filter as bytes (bit p is byte p>>3, mask 0x80 >> (p & 7)). */
  encodeBytes(input: LinkageInput): Uint8Array {
    return wordsToBytes(this.harden(this.rawFilter(input)));
  }

  /** The encoding of one record, ready for `SharedPerson.linkage`. */
  encode(input: LinkageInput): LinkageEncoding {
    return {
      scheme: CLK_SCHEME,
      epoch: this.epoch,
      schemaDigest: this.schema.digest,
      encoderVersion: CLK_ENCODER_VERSION,
      data: toBase64Url(this.encodeBytes(input)),
    };
  }

  /** {@link encode} returning a {@link Result} instead of throwing. */
  safeEncode(input: LinkageInput): Result<LinkageEncoding> {
    return toResult(() => this.encode(input));
  }
}

/** Writes `s` as UTF-8 into `out` from `off` (room for 3 bytes per code unit); returns the end. */
function writeUtf8(s: string, out: Uint8Array, off: number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return off + utf8.encodeInto(s.slice(i), out.subarray(off)).written;
    out[off++] = c;
  }
  return off;
}

/** Big-endian serialization of filter words. */
export function wordsToBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!;
    out[4 * i] = v >>> 24;
    out[4 * i + 1] = (v >>> 16) & 0xff;
    out[4 * i + 2] = (v >>> 8) & 0xff;
    out[4 * i + 3] = v & 0xff;
  }
  return out;
}

/** Creates a {@link ClkEncoder}; throws `ERR_LINKAGE_SCHEMA_INVALID` or `ERR_INVALID_ARGUMENT`. */
export function createClkEncoder(options: ClkEncoderOptions): ClkEncoder {
  return new ClkEncoder(options);
}

/** {@link createClkEncoder} returning a {@link Result} instead of throwing. */
export function safeCreateClkEncoder(options: ClkEncoderOptions): Result<ClkEncoder> {
  return toResult(() => createClkEncoder(options));
}
