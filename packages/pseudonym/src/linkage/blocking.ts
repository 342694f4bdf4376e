/**
 * Blocking for Bloom-filter linkage (spec/linkage.md §7): Hamming locality-sensitive hashing over
 * the bits of the encodings. Each of `bands` bands samples `bitsPerBand` bit positions; two
 * filters become a candidate pair when they agree on every sampled bit of at least one band. A
 * pair whose filters agree on a fraction p of their bits is found with probability
 * 1 − (1 − p^r)^b (r bits per band, b bands). For balanced filters p equals their Dice similarity.
 *
 * Blocking works on encodings only (the linking party never needs the key); the sampled positions
 * come from a public seed, since the positions carry no secret.
 */
import { CorridorError } from "@corridor/errors";
import type { ClkSet } from "./encoding.js";

export interface LshBlocking {
  readonly kind: "lsh";
  /** Number of bands (more bands: higher recall, more candidate pairs). */
  readonly bands: number;
  /** Bits sampled per band, 1..32 (more bits: fewer candidate pairs, lower recall). */
  readonly bitsPerBand: number;
  /** Seed of the sampled positions (any 32-bit integer; default 0). */
  readonly seed?: number | undefined;
  /**
   * Buckets with more records than this on either side are skipped and counted in the stats
   * (guards against a degenerate key shared by many filters). Default 20000.
   */
  readonly maxBucketSize?: number | undefined;
}

/** Compare every pair (for small sets, and to measure what blocking loses). */
export interface NoBlocking {
  readonly kind: "none";
}

export type Blocking = LshBlocking | NoBlocking;

/** A good default for balanced 1024–2048-bit filters and Dice thresholds around 0.8–0.9. */
export const DEFAULT_BLOCKING: LshBlocking = Object.freeze({
  kind: "lsh",
  bands: 32,
  bitsPerBand: 20,
});

/** Deterministic PRNG (mulberry32) for the public sample positions. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The bit positions sampled by each band: `bands` rows of `bitsPerBand` distinct positions < bits. */
export function lshPositions(options: LshBlocking, bits: number): Uint16Array[] {
  if (
    !Number.isInteger(options.bands) ||
    options.bands < 1 ||
    options.bands > 1024 ||
    !Number.isInteger(options.bitsPerBand) ||
    options.bitsPerBand < 1 ||
    options.bitsPerBand > 32 ||
    options.bitsPerBand > bits
  ) {
    throw new CorridorError(
      "ERR_INVALID_ARGUMENT",
      "LSH blocking needs 1..1024 bands of 1..32 bits",
      {
        path: ["blocking"],
      },
    );
  }
  const next = mulberry32(options.seed ?? 0);
  const out: Uint16Array[] = [];
  for (let b = 0; b < options.bands; b++) {
    const chosen = new Set<number>();
    while (chosen.size < options.bitsPerBand) chosen.add(next() % bits);
    out.push(Uint16Array.from(chosen));
  }
  return out;
}

/** Band keys of every filter of a set: `keys[band][record]`. */
export function bandKeys(set: ClkSet, positions: readonly Uint16Array[]): Uint32Array[] {
  const { data, words, size } = set;
  return positions.map((pos) => {
    const keys = new Uint32Array(size);
    for (let r = 0; r < size; r++) {
      const base = r * words;
      let key = 0;
      for (let j = 0; j < pos.length; j++) {
        const p = pos[j]!;
        key = (key << 1) | ((data[base + (p >>> 5)]! >>> (31 - (p & 31))) & 1);
      }
      keys[r] = key >>> 0;
    }
    return keys;
  });
}

const SHIFT = 2 ** 21;
/** Largest set that blocking packs (record index must fit in 21 bits next to a 32-bit key). */
export const MAX_BLOCKED_SET_SIZE = SHIFT;

/** Indices of a set sorted by band key, packed as key·2^21 + index in a Float64Array. */
export function sortedByKey(keys: Uint32Array): Float64Array {
  const out = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = keys[i]! * SHIFT + i;
  return out.sort();
}

export interface BlockingStats {
  /** Candidate pairs compared (each distinct pair once). */
  comparisons: number;
  /** Buckets skipped because they exceeded `maxBucketSize`. */
  skippedBuckets: number;
}

/**
 * Calls `visit(i, j)` once for every distinct candidate pair (i in `a`, j in `b`, or i < j when
 * `a === b`) that shares a band key. A pair is visited at the first band where it collides.
 */
export function forEachCandidate(
  a: ClkSet,
  b: ClkSet,
  blocking: Blocking,
  visit: (i: number, j: number) => void,
): BlockingStats {
  const stats: BlockingStats = { comparisons: 0, skippedBuckets: 0 };
  const self = a === b;
  if (blocking.kind === "none") {
    for (let i = 0; i < a.size; i++) {
      for (let j = self ? i + 1 : 0; j < b.size; j++) visit(i, j);
    }
    stats.comparisons = self ? (a.size * (a.size - 1)) / 2 : a.size * b.size;
    return stats;
  }
  if (a.size > SHIFT || b.size > SHIFT) {
    throw new CorridorError("ERR_LIMIT_EXCEEDED", "a set is too large for LSH blocking", {
      path: ["blocking"],
    });
  }
  const positions = lshPositions(blocking, a.bits);
  const maxBucket = blocking.maxBucketSize ?? 20000;
  const ka = bandKeys(a, positions);
  const kb = self ? ka : bandKeys(b, positions);
  for (let band = 0; band < positions.length; band++) {
    const sa = sortedByKey(ka[band]!);
    const sb = self ? sa : sortedByKey(kb[band]!);
    let x = 0;
    let y = 0;
    while (x < sa.length && y < sb.length) {
      const keyA = Math.floor(sa[x]! / SHIFT);
      const keyB = Math.floor(sb[y]! / SHIFT);
      if (keyA < keyB) {
        x++;
        continue;
      }
      if (keyB < keyA) {
        y++;
        continue;
      }
      let xe = x;
      while (xe < sa.length && Math.floor(sa[xe]! / SHIFT) === keyA) xe++;
      let ye = y;
      while (ye < sb.length && Math.floor(sb[ye]! / SHIFT) === keyA) ye++;
      if (xe - x > maxBucket || ye - y > maxBucket) {
        stats.skippedBuckets++;
      } else {
        for (let u = x; u < xe; u++) {
          const i = sa[u]! % SHIFT;
          for (let v = self ? u + 1 : y; v < ye; v++) {
            const j = sb[v]! % SHIFT;
            // Visit each pair only at the first band where it collides.
            let seen = false;
            for (let e = 0; e < band; e++) {
              if (ka[e]![i] === kb[e]![j]) {
                seen = true;
                break;
              }
            }
            if (seen) continue;
            stats.comparisons++;
            if (self && j < i) visit(j, i);
            else visit(i, j);
          }
        }
      }
      x = xe;
      y = ye;
    }
  }
  return stats;
}
