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
import { fieldFeatures, type LinkageInput, qgrams, qgramTokens, saltValue } from "./features.js";
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
   * the cache off). Salted fields repeat less (one set of q-grams per birth year) but still often
   * in bulk exports. The cache holds key-derived data: it lives and dies with the encoder (about
   * 2 MiB at the default size and k = 20).
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
  /** q of a q-gram field, 0 for the other fields. */
  readonly q: number;
}

/** A hardening step; for balancing, `inv[p]` is the output position of bit p of `filter || NOT filter`. */
type Step =
  | { readonly kind: "xor-fold" }
  | { readonly kind: "balance"; readonly inv: Uint16Array; readonly base: Uint32Array };

/** The padding code unit of q-grams (`_`). */
const PAD_UNIT = 0x5f;

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
  readonly #indexBits: number;
  /**
   * Position cache: entry e holds the k positions of one (field, salt, feature) triple at
   * `#slab[e·#stride ..]`. Q-grams of one or two BMP code units under an empty or 4-digit salt
   * are keyed by one packed integer (no string is built for them); other features by a string.
   */
  readonly #packed = new Map<number, number>();
  readonly #named = new Map<string, number>();
  readonly #cacheSize: number;
  readonly #stride: number;
  #slab: Uint16Array;
  #cached = 0;
  readonly #digest = new Int32Array(8);
  readonly #scratch: Uint16Array;
  #msg = new Uint8Array(256);

  constructor(options: ClkEncoderOptions) {
    assertLinkageKey(options.key);
    this.schema =
      "digest" in options.schema && "canonical" in options.schema
        ? options.schema
        : parseLinkageSchema(options.schema);
    this.epoch = options.key.epoch;
    this.#indexBits = this.schema.indexBits;
    const { document: doc, digest } = this.schema;
    this.#cacheSize = Math.max(0, Math.floor(options.cacheSize ?? 65536));
    this.#stride = Math.max(...doc.fields.map((f) => f.k));
    this.#slab = new Uint16Array(
      this.#cacheSize === 0 ? 0 : Math.min(this.#cacheSize, 1024) * this.#stride,
    );
    this.#scratch = new Uint16Array(this.#stride);
    this.#fields = doc.fields.map((f, i) => ({
      mac: new KeyedHmacSha256(deriveLinkageKey(options.key, digest, "field", i)),
      k: f.k,
      q: "q" in f ? f.q : 0,
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
      // The image of an all-zero input: every NOT bit (positions n..2n−1 of c) set.
      const base = new Uint32Array(bits >>> 5);
      for (let p = bits >>> 1; p < bits; p++) {
        const o = inv[p]!;
        base[o >>> 5]! |= 1 << (31 - (o & 31));
      }
      return { kind: "balance", inv, base };
    });
  }

  /** Stores `pos[0..k)` as a new cache entry; returns its number, or −1 when the cache is off. */
  #remember(k: number, pos: Uint16Array): number {
    if (this.#cacheSize === 0) return -1;
    if (this.#cached >= this.#cacheSize) {
      this.#packed.clear();
      this.#named.clear();
      this.#cached = 0;
    }
    const e = this.#cached++;
    const off = e * this.#stride;
    if (off + this.#stride > this.#slab.length) {
      const grown = new Uint16Array(
        Math.min(this.#cacheSize, 2 * (this.#slab.length / this.#stride)) * this.#stride,
      );
      grown.set(this.#slab);
      this.#slab.fill(0);
      this.#slab = grown;
    }
    this.#slab.set(pos.subarray(0, k), off);
    return e;
  }

  /** Sets the k positions stored at `src[off..off+k)` in `filter`. */
  static #set(filter: Uint32Array, src: Uint16Array, off: number, k: number): void {
    for (let j = off, end = off + k; j < end; j++) {
      const p = src[j]!;
      filter[p >>> 5]! |= 1 << (31 - (p & 31));
    }
  }

  /** Hashes msg[0..len) under field i into `#scratch` (k positions). */
  #hash(i: number, len: number): Uint16Array {
    const field = this.#fields[i]!;
    field.mac.macWordsInto(this.#msg, len, this.#digest);
    digestToIndices(this.#digest, field.k, this.#indexBits, this.#scratch);
    return this.#scratch;
  }

  /** Adds one feature given as a string (spec/linkage.md §4.2: UTF-8(salt) || 0x00 || UTF-8(feature)). */
  #addFeature(i: number, salt: string, feature: string, filter: Uint32Array): void {
    const k = this.#fields[i]!.k;
    const id = this.#cacheSize === 0 ? "" : `${i}\u0001${salt}\u0001${feature}`;
    if (this.#cacheSize !== 0) {
      const e = this.#named.get(id);
      if (e !== undefined) {
        ClkEncoder.#set(filter, this.#slab, e * this.#stride, k);
        return;
      }
    }
    const need = 3 * (salt.length + feature.length) + 1;
    if (need > this.#msg.length) this.#msg = new Uint8Array(need);
    let len = writeUtf8(salt, this.#msg, 0);
    this.#msg[len++] = 0;
    len = writeUtf8(feature, this.#msg, len);
    const pos = this.#hash(i, len);
    ClkEncoder.#set(filter, pos, 0, k);
    const e = this.#remember(k, pos);
    if (e >= 0) this.#named.set(id, e);
  }

  /**
   * Adds the q-grams of `tokens` (each padded with q−1 `_` on both sides). Q-grams of one or two
   * BMP code units under an empty or 4-digit ASCII salt go through the packed-integer path with
   * their UTF-8 written straight from the code units; anything else goes through
   * {@link qgrams}. The filter is the OR of every q-gram's positions, so repeated q-grams (which
   * {@link qgrams} would drop) change nothing. Returns the number of q-grams seen.
   */
  #addQgrams(
    i: number,
    q: number,
    salt: string,
    tokens: readonly string[],
    filter: Uint32Array,
  ): number {
    let saltKey = -1;
    if (salt === "") saltKey = 0;
    else if (salt.length === 4 && /^[0-9]{4}$/.test(salt)) saltKey = 1 + Number(salt);
    let seen = 0;
    const k = this.#fields[i]!.k;
    for (const token of tokens) {
      if (token === "") continue;
      if (saltKey < 0 || q > 2 || /[\uD800-\uDFFF]/.test(token)) {
        for (const g of qgrams([token], q)) {
          this.#addFeature(i, salt, g, filter);
          seen++;
        }
        continue;
      }
      const n = token.length + 2 * (q - 1);
      const head = (i * 10001 + saltKey) * 0x100000000;
      for (let p = 0; p + q <= n; p++) {
        const u0 =
          p < q - 1
            ? PAD_UNIT
            : p - (q - 1) < token.length
              ? token.charCodeAt(p - (q - 1))
              : PAD_UNIT;
        let gram = u0;
        let u1 = -1;
        if (q === 2) {
          const t1 = p + 1 - (q - 1);
          u1 = t1 < token.length ? token.charCodeAt(t1) : PAD_UNIT;
          gram = u0 * 0x10000 + u1;
        }
        seen++;
        const key = head + gram;
        if (this.#cacheSize !== 0) {
          const e = this.#packed.get(key);
          if (e !== undefined) {
            ClkEncoder.#set(filter, this.#slab, e * this.#stride, k);
            continue;
          }
        }
        const msg = this.#msg;
        let len = 0;
        for (let c = 0; c < salt.length; c++) msg[len++] = salt.charCodeAt(c);
        msg[len++] = 0;
        len = utf8Unit(u0, msg, len);
        if (u1 >= 0) len = utf8Unit(u1, msg, len);
        const pos = this.#hash(i, len);
        ClkEncoder.#set(filter, pos, 0, k);
        const e = this.#remember(k, pos);
        if (e >= 0) this.#packed.set(key, e);
      }
    }
    return seen;
  }

  /**
   * The unhardened filter of a record as big-endian 32-bit words (bit p is in word p>>5, mask
   * 1 << (31 − (p & 31))). Throws `ERR_LINKAGE_NO_IDENTIFIERS` when no field yields a feature.
   */
  rawFilter(input: LinkageInput): Uint32Array {
    const doc = this.schema.document;
    const filter = new Uint32Array(doc.filter.length >>> 5);
    let features = 0;
    for (let i = 0; i < doc.fields.length; i++) {
      const field = doc.fields[i]!;
      const salt = saltValue(field.salt, input);
      const q = this.#fields[i]!.q;
      if (q > 0) {
        features += this.#addQgrams(i, q, salt, qgramTokens(field, input)!, filter);
      } else {
        for (const feature of fieldFeatures(field, input)) {
          features++;
          this.#addFeature(i, salt, feature, filter);
        }
      }
    }
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
        // set, and NOT bit p (position p + n of c) goes to inv[p + n] when p is clear. Start from
        // the image of an all-zero filter (every NOT bit set) and move only the set bits.
        const n = cur.length * 32;
        const out = step.base.slice();
        const inv = step.inv;
        for (let w = 0; w < cur.length; w++) {
          let v = cur[w]!;
          while (v !== 0) {
            const z = Math.clz32(v);
            v &= ~(0x80000000 >>> z);
            const p = w * 32 + z;
            const on = inv[p]!;
            const off = inv[p + n]!;
            out[on >>> 5]! |= 1 << (31 - (on & 31));
            out[off >>> 5]! &= ~(1 << (31 - (off & 31)));
          }
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

/** Writes one BMP code unit that is not a surrogate as UTF-8 at `off`; returns the end. */
function utf8Unit(c: number, out: Uint8Array, off: number): number {
  if (c < 0x80) out[off++] = c;
  else if (c < 0x800) {
    out[off++] = 0xc0 | (c >>> 6);
    out[off++] = 0x80 | (c & 63);
  } else {
    out[off++] = 0xe0 | (c >>> 12);
    out[off++] = 0x80 | ((c >>> 6) & 63);
    out[off++] = 0x80 | (c & 63);
  }
  return off;
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
