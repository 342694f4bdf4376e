/**
 * Where tolerant linkage loses pairs: every true pair of the evaluation population (deduplication
 * task) scored under a linkage schema, the misses at a threshold grouped by the variations of the
 * two records, and the false matches above it by what the two records share.
 *
 *   node --conditions=@corridor/source --import tsx packages/pseudonym/bench/linkage-misses.ts
 *
 * Env: EVAL_PEOPLE (3000), EVAL_SEED ("corridor-linkage-eval"), MISS_T (0.85),
 * MISS_SCHEMA (JSON of a linkage schema; default DEFAULT_LINKAGE_SCHEMA).
 */
import type { HeldRecord } from "@corridor/schema";
import { generatePopulation } from "@corridor/schema/testing";
import {
  ClkSet,
  candidatePairs,
  createClkEncoder,
  DEFAULT_LINKAGE_SCHEMA,
  type LinkageInput,
  type LinkageSchemaDocument,
  parseLinkageSchema,
} from "../src/linkage/index.js";
import { normalizeNameTokens } from "../src/pseudonymize/normalize.js";

const PEOPLE = Number(process.env["EVAL_PEOPLE"] ?? 3000);
const SEED = process.env["EVAL_SEED"] ?? "corridor-linkage-eval";
const T = Number(process.env["MISS_T"] ?? 0.85);
const doc: LinkageSchemaDocument =
  process.env["MISS_SCHEMA"] === undefined
    ? DEFAULT_LINKAGE_SCHEMA
    : (JSON.parse(process.env["MISS_SCHEMA"]) as LinkageSchemaDocument);
const secret = {
  agreementId: "EVAL-2025",
  epoch: 1,
  secret: new Uint8Array(32).map((_, i) => i * 37 + 11),
};

const population = generatePopulation({ seed: SEED, people: PEOPLE });
const records = population.records;
/** Prototype (MISS_SKELETON=1): the consonant skeleton of the name, passed as placeOfBirth. */
function skeleton(p: HeldRecord["person"]): string | undefined {
  if (p.identifiers.name === undefined) return undefined;
  const sk = normalizeNameTokens(p.identifiers.name)
    .join("")
    .replace(/ch/g, "sh")
    .replace(/q/g, "k")
    .replace(/[aeiouwyv]/g, "")
    .replace(/(.)\1+/g, "$1");
  return sk === "" ? undefined : sk;
}
const inputs: LinkageInput[] = records.map((r) => {
  const p = (r.record as HeldRecord).person;
  if (process.env["MISS_SKELETON"] !== undefined) {
    const sk = skeleton(p);
    const { placeOfBirth: _drop, ...rest } = p.identifiers;
    return {
      identifiers: sk === undefined ? rest : { ...rest, placeOfBirth: sk },
      attributes: p.attributes,
    };
  }
  return { identifiers: p.identifiers, attributes: p.attributes };
});
const schema = parseLinkageSchema(doc);
const encoder = createClkEncoder({ schema, key: secret });
const index: number[] = []; // record → row in the set, −1 when not encodable
const filters: Uint32Array[] = [];
for (const x of inputs) {
  const r = encoder.safeEncode(x);
  index.push(r.success ? filters.length : -1);
  if (r.success) filters.push(encoder.harden(encoder.rawFilter(x)));
}
const set = ClkSet.fromWords(
  { scheme: "clk", epoch: 1, schemaDigest: schema.digest, encoderVersion: "1.0" },
  filters,
);

const byPerson = new Map<string, number[]>();
records.forEach((r, i) => {
  const l = byPerson.get(r.personId);
  if (l === undefined) byPerson.set(r.personId, [i]);
  else l.push(i);
});

/** The script of a record's name (for the `script` variation). */
function scriptOf(i: number): string {
  const n = JSON.stringify(inputs[i]!.identifiers.name ?? "");
  if (/[\u0600-\u06ff]/.test(n)) return "Arabic";
  if (/[\u0400-\u04ff]/.test(n)) return "Cyrillic";
  if (/[\u0370-\u03ff]/.test(n)) return "Greek";
  if (/[\u1200-\u139f]/.test(n)) return "Ethiopic";
  if (/[\u3400-\u9fff]/.test(n)) return "Han";
  return "other";
}
const tag = (i: number): string[] =>
  records[i]!.variations.length === 0
    ? ["none"]
    : records[i]!.variations.map((v) => (v === "script" ? `script (${scriptOf(i)})` : v));
const missBy = new Map<string, [number, number]>(); // variation → [misses, pairs]
let pairs = 0;
let misses = 0;
const examples: string[] = [];
for (const l of byPerson.values()) {
  for (let x = 0; x < l.length; x++) {
    for (let y = x + 1; y < l.length; y++) {
      const i = l[x]!;
      const j = l[y]!;
      pairs++;
      const d = index[i]! < 0 || index[j]! < 0 ? 0 : set.dice(index[i]!, set, index[j]!);
      const miss = d < T;
      if (miss) misses++;
      for (const v of new Set([...tag(i), ...tag(j)])) {
        const c = missBy.get(v) ?? [0, 0];
        c[1]++;
        if (miss) c[0]++;
        missBy.set(v, c);
      }
      if (miss && examples.length < 40 && process.env["MISS_EXAMPLES"] !== undefined) {
        const show = (k: number) =>
          `${JSON.stringify(inputs[k]!.identifiers.name)} ${inputs[k]!.identifiers.dateOfBirth ?? "-"} ${inputs[k]!.attributes?.sex ?? "-"} [${tag(k).join(",")}]`;
        examples.push(`  ${d.toFixed(3)}  ${show(i)}  |  ${show(j)}`);
      }
    }
  }
}
console.log(
  `schema ${doc.name}: ${records.length} records, ${pairs} true pairs, t=${T}: ${misses} missed (recall ${(1 - misses / pairs).toFixed(3)})`,
);
console.log("| variation (either record) | true pairs | missed | miss rate | share of misses |");
console.log("|---|---|---|---|---|");
for (const [v, [m, n]] of [...missBy.entries()].sort((a, b) => b[1][0] - a[1][0])) {
  console.log(
    `| ${v} | ${n} | ${m} | ${((100 * m) / n).toFixed(1)}% | ${((100 * m) / misses).toFixed(1)}% |`,
  );
}
for (const e of examples) console.log(e);

// False matches: pairs of different people with Dice ≥ T (all pairs, no blocking).
const THRESHOLDS = (process.env["MISS_TS"] ?? "0.75,0.8,0.85,0.9").split(",").map(Number);
const all = candidatePairs(set, set, {
  threshold: Math.min(T, ...THRESHOLDS),
  blocking: { kind: "none" },
});
const rowToRecord: number[] = [];
index.forEach((r, i) => {
  if (r >= 0) rowToRecord[r] = i;
});
let fp = 0;
const fpWhy = new Map<string, number>();
for (let n = 0; n < all.length; n++) {
  const i = rowToRecord[all.a[n]!]!;
  const j = rowToRecord[all.b[n]!]!;
  if (records[i]!.personId === records[j]!.personId || all.score[n]! < T) continue;
  fp++;
  const a = inputs[i]!.identifiers;
  const b = inputs[j]!.identifiers;
  const why = [
    a.dateOfBirth === b.dateOfBirth ? "same dob" : "other dob",
    JSON.stringify(a.name) === JSON.stringify(b.name) ? "same name" : "other name",
  ].join(", ");
  fpWhy.set(why, (fpWhy.get(why) ?? 0) + 1);
}
console.log(`false matches ≥ ${T}: ${fp}; ${[...fpWhy].map(([k, v]) => `${k}: ${v}`).join("; ")}`);

// Precision, recall and F1 over all pairs (as task A of linkage-eval.ts) at several thresholds.
for (const t of THRESHOLDS) {
  let tp = 0;
  let f = 0;
  for (let n = 0; n < all.length; n++) {
    if (all.score[n]! < t) continue;
    if (records[rowToRecord[all.a[n]!]!]!.personId === records[rowToRecord[all.b[n]!]!]!.personId)
      tp++;
    else f++;
  }
  const p = tp / (tp + f);
  const r = tp / pairs;
  console.log(
    `t=${t}: precision ${p.toFixed(3)} recall ${r.toFixed(3)} F1 ${((2 * p * r) / (p + r)).toFixed(3)}`,
  );
}
