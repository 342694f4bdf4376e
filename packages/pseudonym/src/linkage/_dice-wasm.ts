/**
 * |A ∧ B| of one filter against many in WebAssembly (SIMD `i8x16.popcnt`; source
 * `wasm/and-popcount.wat`), with the plain-JS Harley–Seal popcount of `dice.ts` as the fallback
 * where WebAssembly SIMD is missing (old browsers, runtimes with WebAssembly disabled) or the
 * filter length is not a multiple of 128 bits. Both give identical counts (property-tested).
 *
 * The filters of a set are copied into WebAssembly memory once per pair of sets and kept as long
 * as the sets are (a WeakMap keyed by the set objects).
 */
import { fromBase64Url } from "../_base64url.js";
import { andPopcount } from "./dice.js";
import { AND_POPCOUNT_WASM_BASE64URL } from "./wasm/and-popcount.wasm.js";

/** Which implementation computes intersection popcounts. */
export type DiceBackend = "wasm-simd" | "js";

interface AndPopcountExports {
  readonly memory: WebAssembly.Memory;
  andPopcountBlock(a: number, b: number, n: number, bytes: number, out: number): void;
  andPopcountList(
    a: number,
    base: number,
    idx: number,
    n: number,
    bytes: number,
    out: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (with SIMD) is unavailable. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = fromBase64Url(AND_POPCOUNT_WASM_BASE64URL);
    if (bytes !== undefined && typeof WebAssembly === "object" && WebAssembly.validate(bytes)) {
      compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The backend used for filters of `words` 32-bit words (`preferred` "js" forces the fallback). */
export function diceBackend(words: number, preferred: DiceBackend = "wasm-simd"): DiceBackend {
  return preferred === "wasm-simd" && words % 4 === 0 && wasmModule() !== null ? "wasm-simd" : "js";
}

/** Rows of at most this many filters are scored per call into WebAssembly. */
const ROW = 4096;

/** The filters of set A (and of set B, when it is another set) in one WebAssembly memory. */
class WasmPair {
  readonly #x: AndPopcountExports;
  readonly #bytes: number;
  readonly #bBase: number;
  readonly #out: number;
  readonly #idx: number;

  constructor(a: Uint32Array, b: Uint32Array | undefined, words: number) {
    this.#bytes = words * 4;
    const aLen = a.length * 4;
    const bLen = b === undefined ? 0 : b.length * 4;
    const need = aLen + bLen + 2 * ROW * 4;
    const instance = new WebAssembly.Instance(wasmModule()!, {});
    // The module exports its own memory of one 64 KiB page: grow it to hold both sets.
    const x = instance.exports as unknown as AndPopcountExports;
    const pages = Math.ceil(need / 65536) - x.memory.buffer.byteLength / 65536;
    if (pages > 0) x.memory.grow(pages);
    this.#x = x;
    const heap = new Uint32Array(x.memory.buffer);
    heap.set(a, 0);
    this.#bBase = b === undefined ? 0 : aLen;
    if (b !== undefined) heap.set(b, aLen / 4);
    this.#out = aLen + bLen;
    this.#idx = this.#out + ROW * 4;
  }

  /** counts[n] = |A_i ∧ B_(jStart+n)| for n < count. */
  block(i: number, jStart: number, count: number, counts: Int32Array): void {
    const bytes = this.#bytes;
    const heap = new Int32Array(this.#x.memory.buffer);
    for (let done = 0; done < count; done += ROW) {
      const n = Math.min(ROW, count - done);
      this.#x.andPopcountBlock(
        i * bytes,
        this.#bBase + (jStart + done) * bytes,
        n,
        bytes,
        this.#out,
      );
      counts.set(heap.subarray(this.#out >>> 2, (this.#out >>> 2) + n), done);
    }
  }

  /** counts[n] = |A_i ∧ B_js[n]| for n < count. */
  list(i: number, js: ArrayLike<number>, count: number, counts: Int32Array): void {
    const bytes = this.#bytes;
    const heap = new Int32Array(this.#x.memory.buffer);
    const idx = this.#idx >>> 2;
    for (let done = 0; done < count; done += ROW) {
      const n = Math.min(ROW, count - done);
      for (let m = 0; m < n; m++) heap[idx + m] = js[done + m]!;
      this.#x.andPopcountList(i * bytes, this.#bBase, this.#idx, n, bytes, this.#out);
      counts.set(heap.subarray(this.#out >>> 2, (this.#out >>> 2) + n), done);
    }
  }
}

/** The minimal view of a set of filters this module needs (ClkSet satisfies it). */
export interface PackedFilters {
  readonly data: Uint32Array;
  readonly words: number;
}

const pairs = new WeakMap<PackedFilters, WeakMap<PackedFilters, WasmPair | null>>();

/**
 * The WebAssembly copy of sets a and b, or null when it cannot be made (memory cannot grow that
 * far, e.g. sets beyond 4 GiB together): the caller then falls back to plain JS.
 */
function pairOf(a: PackedFilters, b: PackedFilters): WasmPair | null {
  let byB = pairs.get(a);
  if (byB === undefined) {
    byB = new WeakMap();
    pairs.set(a, byB);
  }
  let p = byB.get(b);
  if (p === undefined) {
    try {
      p = new WasmPair(a.data, a === b ? undefined : b.data, a.words);
    } catch {
      p = null;
    }
    byB.set(b, p);
  }
  return p;
}

/**
 * counts[n] = |A_i ∧ B_(jStart+n)| for n < count: filter i of `a` against a run of filters of `b`
 * (same filter length; not checked here).
 */
export function andPopcountBlock(
  a: PackedFilters,
  i: number,
  b: PackedFilters,
  jStart: number,
  count: number,
  counts: Int32Array,
  backend: DiceBackend = diceBackend(a.words),
): void {
  const w = a.words;
  const pair = backend === "wasm-simd" && diceBackend(w) === "wasm-simd" ? pairOf(a, b) : null;
  if (pair !== null) {
    pair.block(i, jStart, count, counts);
    return;
  }
  for (let n = 0; n < count; n++)
    counts[n] = andPopcount(a.data, i * w, b.data, (jStart + n) * w, w);
}

/** counts[n] = |A_i ∧ B_js[n]| for n < count (candidate lists from blocking). */
export function andPopcountList(
  a: PackedFilters,
  i: number,
  b: PackedFilters,
  js: ArrayLike<number>,
  count: number,
  counts: Int32Array,
  backend: DiceBackend = diceBackend(a.words),
): void {
  const w = a.words;
  const pair = backend === "wasm-simd" && diceBackend(w) === "wasm-simd" ? pairOf(a, b) : null;
  if (pair !== null) {
    pair.list(i, js, count, counts);
    return;
  }
  for (let n = 0; n < count; n++) counts[n] = andPopcount(a.data, i * w, b.data, js[n]! * w, w);
}
