/**
 * Sørensen–Dice similarity of bit arrays, 2·|A∧B| / (|A| + |B|), on packed 32-bit words with
 * precomputed popcounts of each filter, so one comparison is one AND-popcount pass (spec/linkage.md
 * §6). Two empty filters have similarity 0 (no evidence of a match).
 */

/** Population count of a 32-bit integer (SWAR, Hacker's Delight §5-1). */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

/** Population count of `words` words of `data` starting at `offset`. */
export function popcountWords(data: Uint32Array, offset: number, words: number): number {
  let n = 0;
  for (let i = 0; i < words; i++) n += popcount32(data[offset + i]!);
  return n;
}

/**
 * |A ∧ B| for two filters of `words` words stored at offsets `ai` of `a` and `bi` of `b`.
 * Blocks of 16 words go through a Harley–Seal carry-save adder tree (Muła, Kurz & Lemire,
 * "Faster population counts using AVX2 instructions", 2018, §2), so only one popcount is computed
 * per 16 words; the remaining words are counted one by one.
 */
export function andPopcount(
  a: Uint32Array,
  ai: number,
  b: Uint32Array,
  bi: number,
  words: number,
): number {
  let ones = 0;
  let twos = 0;
  let fours = 0;
  let eights = 0;
  let sixteens = 0;
  let i = 0;
  for (; i + 16 <= words; i += 16) {
    const p = ai + i;
    const q = bi + i;
    let x0 = a[p]! & b[q]!;
    let x1 = a[p + 1]! & b[q + 1]!;
    let u = ones ^ x0;
    let twosA = (ones & x0) | (u & x1);
    ones = u ^ x1;
    x0 = a[p + 2]! & b[q + 2]!;
    x1 = a[p + 3]! & b[q + 3]!;
    u = ones ^ x0;
    let twosB = (ones & x0) | (u & x1);
    ones = u ^ x1;
    let v = twos ^ twosA;
    let foursA = (twos & twosA) | (v & twosB);
    twos = v ^ twosB;
    x0 = a[p + 4]! & b[q + 4]!;
    x1 = a[p + 5]! & b[q + 5]!;
    u = ones ^ x0;
    twosA = (ones & x0) | (u & x1);
    ones = u ^ x1;
    x0 = a[p + 6]! & b[q + 6]!;
    x1 = a[p + 7]! & b[q + 7]!;
    u = ones ^ x0;
    twosB = (ones & x0) | (u & x1);
    ones = u ^ x1;
    v = twos ^ twosA;
    let foursB = (twos & twosA) | (v & twosB);
    twos = v ^ twosB;
    v = fours ^ foursA;
    const eightsA = (fours & foursA) | (v & foursB);
    fours = v ^ foursB;
    x0 = a[p + 8]! & b[q + 8]!;
    x1 = a[p + 9]! & b[q + 9]!;
    u = ones ^ x0;
    twosA = (ones & x0) | (u & x1);
    ones = u ^ x1;
    x0 = a[p + 10]! & b[q + 10]!;
    x1 = a[p + 11]! & b[q + 11]!;
    u = ones ^ x0;
    twosB = (ones & x0) | (u & x1);
    ones = u ^ x1;
    v = twos ^ twosA;
    foursA = (twos & twosA) | (v & twosB);
    twos = v ^ twosB;
    x0 = a[p + 12]! & b[q + 12]!;
    x1 = a[p + 13]! & b[q + 13]!;
    u = ones ^ x0;
    twosA = (ones & x0) | (u & x1);
    ones = u ^ x1;
    x0 = a[p + 14]! & b[q + 14]!;
    x1 = a[p + 15]! & b[q + 15]!;
    u = ones ^ x0;
    twosB = (ones & x0) | (u & x1);
    ones = u ^ x1;
    v = twos ^ twosA;
    foursB = (twos & twosA) | (v & twosB);
    twos = v ^ twosB;
    v = fours ^ foursA;
    const eightsB = (fours & foursA) | (v & foursB);
    fours = v ^ foursB;
    v = eights ^ eightsA;
    sixteens += popcount32((eights & eightsA) | (v & eightsB));
    eights = v ^ eightsB;
  }
  let n =
    16 * sixteens +
    8 * popcount32(eights) +
    4 * popcount32(fours) +
    2 * popcount32(twos) +
    popcount32(ones);
  for (; i < words; i++) n += popcount32(a[ai + i]! & b[bi + i]!);
  return n;
}

/** Dice coefficient of two raw bit arrays of equal length (bytes, any bit order). */
export function diceBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError("diceBytes: arrays of different length");
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    inter += popcount32(a[i]! & b[i]!);
    na += popcount32(a[i]!);
    nb += popcount32(b[i]!);
  }
  return na + nb === 0 ? 0 : (2 * inter) / (na + nb);
}
