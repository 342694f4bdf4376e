/**
 * Pre-export self-check (spec/linkage.md §9): before a sender releases Bloom-filter encodings it
 * runs a frequency (pattern-mining) attack on them, as a recipient without the key could, and
 * counts the encodings the attack re-identifies. The sender knows the plaintext, so it can score
 * the attack exactly.
 *
 * The simulated attacker knows the linkage schema (it travels with the agreement) and a frequency
 * list of plaintexts: by default the sender's own records — the worst case, an attacker who knows
 * the exact distribution of names, dates of birth and sex in the batch — or a public list the
 * caller supplies. It does not know the key. Steps, after Christen, Schnell, Vatsalan & Ranbaduge,
 * "Efficient cryptanalysis of Bloom filters for privacy-preserving record linkage" (PAKDD 2017):
 *
 * 1. For every bit position, the set of encodings in which it is set.
 * 2. If the schema balances, drop the positions set in more than 80 % of the encodings (mostly the
 *    complements of rare bits). (Pairing exact complements and keeping the rarer member was tried
 *    and did worse: a bit hit by a frequent unit is set in more than half the records, so its
 *    complement looked like the original.)
 * 3. For the most frequent hashed units (salt + feature) of the frequency list, in decreasing
 *    frequency, greedily pick up to k positions whose common record set stays at least as large as
 *    the unit's expected count: the unit's positions, if the frequencies give them away.
 * 4. Re-identify: an encoding's pattern over the identified units (all positions set or not) is
 *    compared with the pattern of every plaintext of the list; when exactly one plaintext fits, the
 *    attacker claims it. A claim is a re-identification when it is the record's true plaintext.
 *
 * This is one attack, not a proof of safety: a clean result says this attack fails, not that every
 * attack does (spec/linkage.md §10 lists the others).
 */
import { CorridorError, type Result, toResult } from "@corridor/errors";
import { popcount32 } from "./dice.js";
import type { ClkEncoder } from "./encoder.js";
import { fieldFeatures, type LinkageInput, saltValue } from "./features.js";

/** The acceptable re-identification rate of the self-check: 1 % of the attacked encodings. */
export const DEFAULT_ACCEPTABLE_REIDENTIFICATION_RATE = 0.01;

export interface SelfCheckOptions {
  /**
   * The attacker's frequency list: plaintexts with counts. Default: the records being checked,
   * each with count 1 (the attacker knows the batch's exact distribution — the worst case).
   */
  readonly reference?: readonly { readonly input: LinkageInput; readonly count: number }[];
  /** Attack at most this many records (the first ones; default 5000). */
  readonly maxRecords?: number;
  /** Units (salt + feature) the attacker tries, most frequent first (default 80). */
  readonly maxUnits?: number;
  /** Acceptable re-identification rate (default {@link DEFAULT_ACCEPTABLE_REIDENTIFICATION_RATE}). */
  readonly acceptableRate?: number;
}

export interface SelfCheckReport {
  /** Encodings attacked. */
  readonly records: number;
  /** Units whose positions the attacker claimed to find. */
  readonly unitsIdentified: number;
  /** Whether the attacker treated the encodings as balanced. */
  readonly unbalanced: boolean;
  /** Encodings for which the attacker claimed one plaintext. */
  readonly claims: number;
  /** Claims that were right: re-identified encodings. */
  readonly reidentified: number;
  /** reidentified / records. */
  readonly rate: number;
  readonly acceptableRate: number;
  /** rate ≤ acceptableRate. */
  readonly acceptable: boolean;
}

/** Hashed units of a record: `fieldIndex \0 salt \0 feature`. */
function units(encoder: ClkEncoder, input: LinkageInput): string[] {
  return encoder.schema.document.fields.flatMap((f, i) => {
    const salt = saltValue(f.salt, input);
    return fieldFeatures(f, input).map((g) => `${i}\u0000${salt}\u0000${g}`);
  });
}

/**
 * Runs the frequency attack of this module on the encodings of `inputs` (made with `encoder`) and
 * reports how many it re-identifies. Does not throw on a high rate: see {@link assertSelfCheck}.
 */
export function runSelfCheck(
  encoder: ClkEncoder,
  inputs: readonly LinkageInput[],
  options: SelfCheckOptions = {},
): SelfCheckReport {
  const acceptableRate = options.acceptableRate ?? DEFAULT_ACCEPTABLE_REIDENTIFICATION_RATE;
  const recs = inputs.slice(0, options.maxRecords ?? 5000);
  const n = recs.length;
  const filters = recs.map((r) => encoder.harden(encoder.rawFilter(r)));
  const bits = encoder.schema.encodedBits;
  const W = (n + 31) >>> 5;
  // 1. Record set of every position (bit r of posSets[p] = record r has bit p).
  const posSets = Array.from({ length: bits }, () => new Uint32Array(W));
  const counts = new Uint32Array(bits);
  filters.forEach((f, r) => {
    for (let p = 0; p < bits; p++) {
      if ((f[p >>> 5]! >>> (31 - (p & 31))) & 1) {
        posSets[p]![r >>> 5]! |= 1 << (31 - (r & 31));
        counts[p]!++;
      }
    }
  });
  // 2. Balancing: positions come in exactly complementary pairs (bit, NOT bit), and the attacker
  // cannot tell which member is the original. Keep both, but never use a position set in more
  // than 80 % of the encodings (the complements of rare bits): they carry no unit of their own.
  const available = new Uint8Array(bits).fill(1);
  const balanced = encoder.schema.document.hardening.some((s) => s.step === "balance");
  for (let p = 0; p < bits; p++) if (counts[p]! > 0.8 * n) available[p] = 0;
  // 3. Frequencies of hashed units in the attacker's list.
  const reference = options.reference ?? recs.map((input) => ({ input, count: 1 }));
  let total = 0;
  const freq = new Map<string, number>();
  for (const { input, count } of reference) {
    total += count;
    for (const u of new Set(units(encoder, input))) freq.set(u, (freq.get(u) ?? 0) + count);
  }
  const ks = encoder.schema.document.fields.map((f) => f.k);
  const tried = [...freq.entries()]
    .map(([u, c]) => ({ u, expected: (c / total) * n }))
    .filter((x) => x.expected >= 5)
    .sort((a, b) => b.expected - a.expected || (a.u < b.u ? -1 : 1))
    .slice(0, options.maxUnits ?? 80);
  // Mine "itemsets": from the most frequent free position, grow a set of kMin positions that keeps
  // the largest common record set (the positions of one unit, or of units that always occur
  // together); then retire every position that covers that record set, and repeat.
  const kMin = Math.min(...ks);
  const itemsets: { positions: number[]; support: number }[] = [];
  const cur = new Uint32Array(W);
  const sizeOf = (a: Uint32Array, b: Uint32Array): number => {
    let s = 0;
    for (let w = 0; w < W; w++) s += popcount32(a[w]! & b[w]!);
    return s;
  };
  const minSupport = tried.length === 0 ? n + 1 : tried[tried.length - 1]!.expected * 0.8;
  while (itemsets.length < tried.length * 2) {
    let start = -1;
    for (let p = 0; p < bits; p++) {
      if (available[p] === 1 && (start < 0 || counts[p]! > counts[start]!)) start = p;
    }
    if (start < 0 || counts[start]! < minSupport) break;
    cur.set(posSets[start]!);
    const chosen = [start];
    let support = counts[start]!;
    while (chosen.length < kMin) {
      let best = -1;
      let bestSize = -1;
      for (let p = 0; p < bits; p++) {
        if (available[p] === 0 || chosen.includes(p)) continue;
        const s = sizeOf(cur, posSets[p]!);
        if (s > bestSize) {
          bestSize = s;
          best = p;
        }
      }
      if (best < 0) break;
      chosen.push(best);
      const set = posSets[best]!;
      for (let w = 0; w < W; w++) cur[w]! &= set[w]!;
      support = bestSize;
    }
    itemsets.push({ positions: chosen, support });
    for (let p = 0; p < bits; p++) {
      if (available[p] === 1 && sizeOf(cur, posSets[p]!) >= 0.95 * support) available[p] = 0;
    }
    available[start] = 0;
  }
  // Frequency alignment: each unit, most frequent first, takes the unused itemset whose support is
  // closest to its expected count (within 25 %).
  const found: { u: string; positions: number[] }[] = [];
  const used = new Uint8Array(itemsets.length);
  for (const { u, expected } of tried) {
    let best = -1;
    for (let i = 0; i < itemsets.length; i++) {
      if (used[i] === 1) continue;
      const gap = Math.abs(itemsets[i]!.support - expected);
      if (
        gap <= expected * 0.25 &&
        (best < 0 || gap < Math.abs(itemsets[best]!.support - expected))
      ) {
        best = i;
      }
    }
    if (best < 0) continue;
    used[best] = 1;
    found.push({ u, positions: itemsets[best]!.positions });
  }
  // 4. Re-identification of names: an encoding's pattern over the identified units of the name
  // fields is compared with the pattern of every distinct name of the list; the attacker claims the
  // nearest name (fewest differing units) when it is the only one at that distance.
  const nameFields = new Set(
    encoder.schema.document.fields.flatMap((f, i) =>
      f.source === "name" || f.source === "givenName" || f.source === "familyName"
        ? [String(i)]
        : [],
    ),
  );
  const nameUnits = found.filter(({ u }) => nameFields.has(u.slice(0, u.indexOf("\u0000"))));
  const nameOf = (input: LinkageInput): string =>
    JSON.stringify(
      encoder.schema.document.fields.map((f, i) =>
        nameFields.has(String(i)) ? fieldFeatures(f, input) : [],
      ),
    );
  const candidates = new Map<string, Uint8Array>();
  for (const { input } of reference) {
    const name = nameOf(input);
    if (
      candidates.has(name) ||
      name === JSON.stringify(encoder.schema.document.fields.map(() => []))
    )
      continue;
    const us = new Set(units(encoder, input));
    candidates.set(
      name,
      Uint8Array.from(nameUnits, ({ u }) => (us.has(u) ? 1 : 0)),
    );
  }
  let claims = 0;
  let reidentified = 0;
  if (nameUnits.length > 0) {
    const pattern = new Uint8Array(nameUnits.length);
    for (let r = 0; r < n; r++) {
      const f = filters[r]!;
      nameUnits.forEach(({ positions }, j) => {
        pattern[j] = positions.every((p) => (f[p >>> 5]! >>> (31 - (p & 31))) & 1) ? 1 : 0;
      });
      let best = Number.POSITIVE_INFINITY;
      let bestName = "";
      let ties = 0;
      for (const [name, cp] of candidates) {
        let d = 0;
        for (let j = 0; j < cp.length && d <= best; j++) d += cp[j]! ^ pattern[j]!;
        if (d < best) {
          best = d;
          bestName = name;
          ties = 1;
        } else if (d === best) ties++;
      }
      if (ties !== 1) continue;
      claims++;
      if (bestName === nameOf(recs[r]!)) reidentified++;
    }
  }
  const rate = n === 0 ? 0 : reidentified / n;
  return {
    records: n,
    unitsIdentified: found.length,
    unbalanced: balanced,
    claims,
    reidentified,
    rate,
    acceptableRate,
    acceptable: rate <= acceptableRate,
  };
}

/**
 * {@link runSelfCheck}, throwing `ERR_LINKAGE_REIDENTIFICATION_RISK` when the re-identification
 * rate is above the acceptable level. Call it on a batch before exporting its encodings; above the
 * level, harden the schema (salting) or do not send encodings.
 *
 * @example
 * ```ts
 * import { assertSelfCheck } from "@corridor/pseudonym";
 * const report = assertSelfCheck(encoder, people.map((p) => p.person));
 * ```
 */
export function assertSelfCheck(
  encoder: ClkEncoder,
  inputs: readonly LinkageInput[],
  options: SelfCheckOptions = {},
): SelfCheckReport {
  const report = runSelfCheck(encoder, inputs, options);
  if (!report.acceptable) {
    throw new CorridorError(
      "ERR_LINKAGE_REIDENTIFICATION_RISK",
      `self-check re-identified ${report.reidentified} of ${report.records} encodings, above the acceptable rate`,
      { path: [] },
    );
  }
  return report;
}

/** {@link assertSelfCheck} returning a {@link Result} instead of throwing. */
export function safeAssertSelfCheck(
  encoder: ClkEncoder,
  inputs: readonly LinkageInput[],
  options: SelfCheckOptions = {},
): Result<SelfCheckReport> {
  return toResult(() => assertSelfCheck(encoder, inputs, options));
}
