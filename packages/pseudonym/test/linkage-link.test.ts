import type { CorridorError } from "@corridor/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandKeys, forEachCandidate, lshPositions } from "../src/linkage/blocking.js";
import {
  assignOneToOne,
  type CandidatePairs,
  ClkSet,
  candidatePairs,
  clusterSets,
  type EncodingMetadata,
  linkTwo,
} from "../src/linkage/index.js";

const META: EncodingMetadata = {
  scheme: "clk",
  epoch: 0,
  schemaDigest: `sha256:${"A".repeat(43)}`,
  encoderVersion: "1.0",
};

/** A 64-bit filter (two words) with the given bit positions set. */
function filter(...bits: number[]): Uint32Array {
  const w = new Uint32Array(2);
  for (const p of bits) w[p >>> 5]! |= 1 << (31 - (p & 31));
  return w;
}
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from }, (_, i) => from + i);

function pairs(list: [number, number, number][]): CandidatePairs {
  return {
    a: Uint32Array.from(list.map((p) => p[0])),
    b: Uint32Array.from(list.map((p) => p[1])),
    score: Float64Array.from(list.map((p) => p[2])),
    length: list.length,
    stats: { comparisons: list.length, skippedBuckets: 0 },
  };
}

describe("greedy one-to-one assignment", () => {
  it("takes the best pair first and never reuses a record", () => {
    // a0-b1 (0.95) wins; a0-b0 and a1-b1 are then blocked; a1-b0 is free.
    const m = assignOneToOne(
      pairs([
        [0, 0, 0.9],
        [0, 1, 0.95],
        [1, 1, 0.8],
        [1, 0, 0.7],
      ]),
    );
    expect(m).toEqual([
      { a: 0, b: 1, score: 0.95 },
      { a: 1, b: 0, score: 0.7 },
    ]);
  });
  it("breaks ties by index, so the result does not depend on input order", () => {
    const list: [number, number, number][] = [
      [2, 0, 0.9],
      [1, 0, 0.9],
      [1, 1, 0.9],
    ];
    const expected = [{ a: 1, b: 0, score: 0.9 }];
    expect(assignOneToOne(pairs(list)).slice(0, 1)).toEqual(expected);
    expect(assignOneToOne(pairs([...list].reverse())).slice(0, 1)).toEqual(expected);
  });
  it("is a matching: every record at most once (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), fc.nat(9), fc.double({ min: 0.5, max: 1, noNaN: true }))),
        (list) => {
          const m = assignOneToOne(pairs(list));
          expect(new Set(m.map((x) => x.a)).size).toBe(m.length);
          expect(new Set(m.map((x) => x.b)).size).toBe(m.length);
        },
      ),
    );
  });
});

describe("candidate pairs and blocking", () => {
  const a = ClkSet.fromWords(META, [
    filter(...range(0, 10)),
    filter(...range(20, 30)),
    filter(40, 41),
  ]);
  const b = ClkSet.fromWords(META, [filter(...range(20, 29)), filter(...range(0, 10)), filter(50)]);

  it("finds exactly the pairs above the threshold without blocking", () => {
    const p = candidatePairs(a, b, { threshold: 0.9, blocking: { kind: "none" } });
    const got = [...p.a].map((i, n) => [i, p.b[n], p.score[n]]);
    expect(got).toEqual([
      [0, 1, 1],
      [1, 0, (2 * 9) / 19],
    ]);
    expect(linkTwo(a, b, { threshold: 0.9, blocking: { kind: "none" } })).toEqual([
      { a: 0, b: 1, score: 1 },
      { a: 1, b: 0, score: (2 * 9) / 19 },
    ]);
  });

  it("LSH blocking always finds identical filters and visits each pair at most once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint32Array({ minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (rows, bands, bitsPerBand, seed) => {
          const set = ClkSet.fromWords(META, rows);
          const seen = new Set<string>();
          const blocking = { kind: "lsh", bands, bitsPerBand, seed } as const;
          forEachCandidate(set, ClkSet.fromWords(META, rows), blocking, (i, j) => {
            expect(seen.has(`${i},${j}`)).toBe(false);
            seen.add(`${i},${j}`);
          });
          for (let i = 0; i < rows.length; i++) expect(seen.has(`${i},${i}`)).toBe(true);
          // Within one set: pairs i < j only.
          forEachCandidate(set, set, blocking, (i, j) => expect(i).toBeLessThan(j));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("LSH candidates are exactly the pairs that agree on all bits of some band", () => {
    const rows = [filter(1, 2, 3), filter(1, 2, 3, 60), filter(33, 34), filter(1)];
    const set = ClkSet.fromWords(META, rows);
    const blocking = { kind: "lsh", bands: 3, bitsPerBand: 6, seed: 42 } as const;
    const keys = bandKeys(set, lshPositions(blocking, 64));
    const expected: string[] = [];
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++)
        if (keys.some((k) => k[i] === k[j])) expected.push(`${i},${j}`);
    }
    const got: string[] = [];
    forEachCandidate(set, set, blocking, (i, j) => got.push(`${i},${j}`));
    expect(got.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it("refuses sets of different epochs and bad options", () => {
    const other = ClkSet.fromWords({ ...META, epoch: 1 }, [filter(1)]);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as CorridorError).code;
      }
      return undefined;
    };
    expect(code(() => candidatePairs(a, other, { threshold: 0.8 }))).toBe(
      "ERR_LINKAGE_EPOCH_MISMATCH",
    );
    expect(code(() => candidatePairs(a, b, { threshold: 0 }))).toBe("ERR_INVALID_ARGUMENT");
    expect(
      code(() =>
        candidatePairs(a, b, {
          threshold: 0.8,
          blocking: { kind: "lsh", bands: 1, bitsPerBand: 40 },
        }),
      ),
    ).toBe("ERR_INVALID_ARGUMENT");
  });
});

describe("clustering across senders", () => {
  // Person X: bits 0..9; person Y: bits 20..29. Sender 0 holds two near-copies of X.
  const s0 = ClkSet.fromWords(META, [filter(...range(0, 10)), filter(...range(0, 9))]);
  const s1 = ClkSet.fromWords(META, [filter(...range(0, 10)), filter(...range(20, 30))]);
  const s2 = ClkSet.fromWords(META, [filter(...range(20, 30)), filter(...range(1, 10))]);
  const opts = { threshold: 0.85, blocking: { kind: "none" } } as const;

  it("puts at most one record of each sender in a cluster", () => {
    const { clusters, labels } = clusterSets([s0, s1, s2], opts);
    const members = clusters.map((c) => c.map((m) => `${m.set}:${m.index}`).sort());
    expect(members.sort()).toEqual([
      ["0:0", "1:0", "2:1"],
      ["1:1", "2:0"],
    ]);
    expect(labels[0]![1]).not.toBe(labels[0]![0]);
    for (const c of clusters) expect(new Set(c.map((m) => m.set)).size).toBe(c.length);
  });

  it("without the constraint, clusters are connected components", () => {
    const { clusters } = clusterSets([s0, s1, s2], {
      ...opts,
      onePerSender: false,
      withinSender: true,
    });
    const members = clusters.map((c) => c.map((m) => `${m.set}:${m.index}`).sort());
    expect(members.sort()).toEqual([
      ["0:0", "0:1", "1:0", "2:1"],
      ["1:1", "2:0"],
    ]);
  });

  it("labels agree with clusters (property: same label iff same cluster)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }), {
          minLength: 2,
          maxLength: 4,
        }),
        (senders) => {
          const people = [range(0, 10), range(20, 30), range(40, 50), range(10, 20)];
          const sets = senders.map((ids) =>
            ClkSet.fromWords(
              META,
              ids.map((id) => filter(...people[id]!)),
            ),
          );
          const { clusters, labels } = clusterSets(sets, opts);
          for (const c of clusters) {
            const label = labels[c[0]!.set]![c[0]!.index];
            for (const m of c) expect(labels[m.set]![m.index]).toBe(label);
            expect(new Set(c.map((m) => m.set)).size).toBe(c.length);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("all-pairs candidates (blocking none, row-wise Dice)", () => {
  it("equal a pair-by-pair ClkSet.dice scan, across two sets and within one", () => {
    const filters = fc.array(fc.uint32Array({ minLength: 32, maxLength: 32 }), {
      minLength: 1,
      maxLength: 9,
    });
    fc.assert(
      fc.property(filters, filters, fc.constantFrom(0.3, 0.5, 0.51), (fa, fb, threshold) => {
        const a = ClkSet.fromWords(META, fa);
        const b = ClkSet.fromWords(META, fb);
        for (const [x, y] of [
          [a, b],
          [a, a],
        ] as const) {
          const got = candidatePairs(x, y, { threshold, blocking: { kind: "none" } });
          const want: [number, number, number][] = [];
          for (let i = 0; i < x.size; i++) {
            for (let j = x === y ? i + 1 : 0; j < y.size; j++) {
              const d = x.dice(i, y, j);
              if (d >= threshold) want.push([i, j, d]);
            }
          }
          expect(
            Array.from({ length: got.length }, (_, n) => [got.a[n], got.b[n], got.score[n]]),
          ).toEqual(want);
          expect(got.stats.comparisons).toBe(
            x === y ? (x.size * (x.size - 1)) / 2 : x.size * y.size,
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});
