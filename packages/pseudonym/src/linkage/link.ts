/**
 * Linkage of Bloom-filter encodings (spec/linkage.md §8): candidate pairs above a Dice threshold
 * (after blocking), a one-to-one assignment between two senders (greedy by score), and clusters
 * across more than two senders (greedy union of the best pairs first, never putting two records of
 * the same sender in one cluster).
 */
import { CorridorError, type Result, toResult } from "@corridor/errors";
import {
  type Blocking,
  type BlockingStats,
  DEFAULT_BLOCKING,
  forEachCandidate,
} from "./blocking.js";
import { assertComparable, type ClkSet } from "./encoding.js";

export interface LinkOptions {
  /** Minimum Dice similarity of a candidate pair, in (0, 1]. */
  readonly threshold: number;
  /** Blocking method (default {@link DEFAULT_BLOCKING}). */
  readonly blocking?: Blocking | undefined;
}

/** Candidate pairs: parallel arrays, pair n is (a[n], b[n]) with similarity score[n]. */
export interface CandidatePairs {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly score: Float64Array;
  readonly length: number;
  readonly stats: BlockingStats;
}

function checkThreshold(threshold: number): void {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "threshold must be in (0, 1]", {
      path: ["threshold"],
    });
  }
}

/**
 * Every pair (i in `a`, j in `b`) with Dice ≥ threshold among the blocked candidates. Refuses sets
 * of different schema, encoder version or epoch. When `a === b`, pairs have i < j.
 */
export function candidatePairs(a: ClkSet, b: ClkSet, options: LinkOptions): CandidatePairs {
  checkThreshold(options.threshold);
  assertComparable(a.metadata, b.metadata);
  if (a.words !== b.words) {
    throw new CorridorError("ERR_LINKAGE_ENCODING_MALFORMED", "filters of different lengths", {
      path: ["data"],
    });
  }
  let cap = 1024;
  let ia = new Uint32Array(cap);
  let ib = new Uint32Array(cap);
  let sc = new Float64Array(cap);
  let n = 0;
  const t = options.threshold;
  const pa = a.popcounts;
  const pb = b.popcounts;
  const push = (i: number, j: number, d: number): void => {
    if (n === cap) {
      cap *= 2;
      const na = new Uint32Array(cap);
      na.set(ia);
      ia = na;
      const nb = new Uint32Array(cap);
      nb.set(ib);
      ib = nb;
      const ns = new Float64Array(cap);
      ns.set(sc);
      sc = ns;
    }
    ia[n] = i;
    ib[n] = j;
    sc[n] = d;
    n++;
  };
  const blocking = options.blocking ?? DEFAULT_BLOCKING;
  if (blocking.kind === "none") {
    // All pairs, row by row through ClkSet.diceRow (WebAssembly SIMD where available).
    const self = a === b;
    const row = new Float64Array(b.size);
    for (let i = 0; i < a.size; i++) {
      const j0 = self ? i + 1 : 0;
      a.diceRow(i, b, j0, b.size - j0, row);
      for (let j = j0; j < b.size; j++) if (row[j - j0]! >= t) push(i, j, row[j - j0]!);
    }
    const comparisons = self ? (a.size * (a.size - 1)) / 2 : a.size * b.size;
    return {
      a: ia.subarray(0, n),
      b: ib.subarray(0, n),
      score: sc.subarray(0, n),
      length: n,
      stats: { comparisons, skippedBuckets: 0 },
    };
  }
  const stats = forEachCandidate(a, b, blocking, (i, j) => {
    const s = pa[i]! + pb[j]!;
    // Dice ≥ t needs |A∧B| ≥ t·s/2 ≤ min(|A|,|B|): skip pairs whose popcounts alone rule it out.
    if (s === 0 || 2 * Math.min(pa[i]!, pb[j]!) < t * s) return;
    const d = a.dice(i, b, j);
    if (d < t) return;
    push(i, j, d);
  });
  return { a: ia.subarray(0, n), b: ib.subarray(0, n), score: sc.subarray(0, n), length: n, stats };
}

/** Order of pairs: score descending, then a ascending, then b ascending (deterministic ties). */
function orderByScore(p: {
  a: Uint32Array;
  b: Uint32Array;
  score: Float64Array;
  length: number;
}): Uint32Array {
  const order = new Uint32Array(p.length);
  for (let i = 0; i < p.length; i++) order[i] = i;
  order.sort((x, y) => p.score[y]! - p.score[x]! || p.a[x]! - p.a[y]! || p.b[x]! - p.b[y]!);
  return order;
}

/** One accepted match between two senders. */
export interface Match {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

/**
 * One-to-one assignment by greedy selection: pairs in order of decreasing score (ties by index),
 * each accepted when neither record is matched yet. Greedy is not an optimal assignment (it can
 * lose a total-score-maximising matching) but it is what anonlink's solver does and is exact
 * whenever every record has at most one candidate above the threshold.
 */
export function assignOneToOne(pairs: CandidatePairs): Match[] {
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Match[] = [];
  for (const n of orderByScore(pairs)) {
    const i = pairs.a[n]!;
    const j = pairs.b[n]!;
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    out.push({ a: i, b: j, score: pairs.score[n]! });
  }
  return out;
}

/**
 * Links two senders' encodings: candidate pairs above the threshold, then a greedy one-to-one
 * assignment. Throws the mismatch codes when the sets were made under different schemas, encoder
 * versions or epochs.
 *
 * @example
 * ```ts
 * import { ClkSet, linkTwo } from "@corridor/pseudonym";
 * const a = ClkSet.fromEncodings(recordsA.map((r) => r.person.linkage), { schema, epoch });
 * const b = ClkSet.fromEncodings(recordsB.map((r) => r.person.linkage), { schema, epoch });
 * for (const m of linkTwo(a, b, { threshold: 0.85 })) console.log(m.a, m.b, m.score);
 * ```
 */
export function linkTwo(a: ClkSet, b: ClkSet, options: LinkOptions): Match[] {
  return assignOneToOne(candidatePairs(a, b, options));
}

/** {@link linkTwo} returning a {@link Result} instead of throwing. */
export function safeLinkTwo(a: ClkSet, b: ClkSet, options: LinkOptions): Result<Match[]> {
  return toResult(() => linkTwo(a, b, options));
}

export interface ClusterOptions extends LinkOptions {
  /**
   * At most one record of each sender (set) per cluster (default true): right when each sender
   * holds one record per person, and it stops chains of near-matches from merging many people.
   * With false, clusters are the connected components of the pairs above the threshold.
   */
  readonly onePerSender?: boolean | undefined;
  /** Also compare records of the same sender (to find its duplicates); needs onePerSender false. */
  readonly withinSender?: boolean | undefined;
}

/** A record of one sender: `set` is its index in the input array. */
export interface ClusterMember {
  readonly set: number;
  readonly index: number;
}

export interface Clustering {
  /** Clusters of two or more records, members ordered by (set, index); clusters by first member. */
  readonly clusters: ClusterMember[][];
  /** `labels[set][index]`: cluster number of each record (equal labels = same person). */
  readonly labels: Uint32Array[];
}

/**
 * Clusters the encodings of several senders: candidate pairs of every two senders, sorted by
 * decreasing score, merged greedily with union-find; with `onePerSender`, a merge is skipped when
 * the two clusters share a sender.
 */
export function clusterSets(sets: readonly ClkSet[], options: ClusterOptions): Clustering {
  checkThreshold(options.threshold);
  const onePerSender = options.onePerSender ?? true;
  if (onePerSender && options.withinSender === true) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "withinSender needs onePerSender false", {
      path: ["withinSender"],
    });
  }
  for (let s = 1; s < sets.length; s++) assertComparable(sets[0]!.metadata, sets[s]!.metadata, [s]);
  const offset: number[] = [];
  let total = 0;
  for (const set of sets) {
    offset.push(total);
    total += set.size;
  }
  const ea: number[] = [];
  const eb: number[] = [];
  const es: number[] = [];
  for (let s = 0; s < sets.length; s++) {
    for (let u = options.withinSender === true ? s : s + 1; u < sets.length; u++) {
      const p = candidatePairs(sets[s]!, sets[u]!, options);
      for (let n = 0; n < p.length; n++) {
        ea.push(offset[s]! + p.a[n]!);
        eb.push(offset[u]! + p.b[n]!);
        es.push(p.score[n]!);
      }
    }
  }
  const edges = {
    a: Uint32Array.from(ea),
    b: Uint32Array.from(eb),
    score: Float64Array.from(es),
    length: ea.length,
  };
  const parent = new Uint32Array(total);
  for (let i = 0; i < total; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const nx = parent[x]!;
      parent[x] = r;
      x = nx;
    }
    return r;
  };
  const setOf = new Uint32Array(total);
  for (let s = 0; s < sets.length; s++) setOf.fill(s, offset[s]!, offset[s]! + sets[s]!.size);
  // Senders present in each cluster (by root), merged small into large.
  const senders = new Map<number, Set<number>>();
  const sendersOf = (root: number): Set<number> => {
    let v = senders.get(root);
    if (v === undefined) {
      v = new Set([setOf[root]!]);
      senders.set(root, v);
    }
    return v;
  };
  for (const n of orderByScore(edges)) {
    const ra = find(edges.a[n]!);
    const rb = find(edges.b[n]!);
    if (ra === rb) continue;
    if (onePerSender) {
      const sa = sendersOf(ra);
      const sb = sendersOf(rb);
      const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
      let clash = false;
      for (const s of small) {
        if (large.has(s)) {
          clash = true;
          break;
        }
      }
      if (clash) continue;
      for (const s of small) large.add(s);
      const [child, root] = small === sa ? [ra, rb] : [rb, ra];
      parent[child] = root;
      senders.delete(child);
    } else {
      parent[ra] = rb;
    }
  }
  const labels = sets.map((set) => new Uint32Array(set.size));
  const members = new Map<number, ClusterMember[]>();
  for (let s = 0; s < sets.length; s++) {
    for (let i = 0; i < sets[s]!.size; i++) {
      const root = find(offset[s]! + i);
      labels[s]![i] = root;
      let m = members.get(root);
      if (m === undefined) {
        m = [];
        members.set(root, m);
      }
      m.push({ set: s, index: i });
    }
  }
  const clusters = [...members.values()].filter((m) => m.length > 1);
  return { clusters, labels };
}

/** {@link clusterSets} returning a {@link Result} instead of throwing. */
export function safeClusterSets(
  sets: readonly ClkSet[],
  options: ClusterOptions,
): Result<Clustering> {
  return toResult(() => clusterSets(sets, options));
}
