/**
 * Benchmarks of tolerant linkage (`pnpm bench linkage`): CLK encoding rate, Dice comparison rate,
 * and peak memory of a blocked 100k × 100k linkage. Every figure is printed with a ratio against a
 * baseline measured in the same run (shared, noisy machines).
 *
 * Env: BENCH_N (records encoded, default 20000), BENCH_LINK_N (records per side of the blocked
 * linkage, default 100000).
 */
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { generatePopulation } from "@corridor/schema/testing";
import { diceBackend } from "../src/linkage/_dice-wasm.js";
import { popcount32 } from "../src/linkage/dice.js";
import { qgrams } from "../src/linkage/features.js";
import {
  ClkSet,
  candidatePairs,
  createClkEncoder,
  DEFAULT_BLOCKING,
  DEFAULT_LINKAGE_SCHEMA,
  type LinkageInput,
  type LinkageSchemaDocument,
  parseLinkageSchema,
} from "../src/linkage/index.js";
import { normalizeNameTokens } from "../src/pseudonymize/normalize.js";

const N = Number(process.env["BENCH_N"] ?? 20000);
const LINK_N = Number(process.env["BENCH_LINK_N"] ?? 100000);
const key = { agreementId: "BENCH", epoch: 1, secret: new Uint8Array(32).fill(5) };

function inputsOf(people: number, limit: number): LinkageInput[] {
  const pop = generatePopulation({ seed: "linkage-bench", people });
  return pop.records.slice(0, limit).map((r) => {
    const p = (r.record as { person: LinkageInput }).person;
    return { identifiers: p.identifiers, attributes: p.attributes };
  });
}

function rate(label: string, n: number, fn: () => void, unit: string): number {
  fn(); // warm-up
  const t = performance.now();
  fn();
  const s = (performance.now() - t) / 1000;
  const r = n / s;
  console.log(`  ${label.padEnd(58)} ${r.toFixed(0).padStart(12)} ${unit}`);
  return r;
}

if (process.argv[2] === "link") {
  // Child process: blocked linkage of LINK_N × LINK_N, reporting its own peak RSS.
  const inputs = inputsOf(Math.ceil((LINK_N * 2) / 5.5), LINK_N * 2);
  const schema = parseLinkageSchema(DEFAULT_LINKAGE_SCHEMA);
  const enc = createClkEncoder({ schema, key });
  const meta = { scheme: "clk", epoch: 1, schemaDigest: schema.digest, encoderVersion: "1.0" };
  const half = Math.min(LINK_N, Math.floor(inputs.length / 2));
  const filters = (xs: LinkageInput[]) => xs.map((x) => enc.harden(enc.rawFilter(x)));
  const a = ClkSet.fromWords(meta, filters(inputs.slice(0, half)));
  // B: the other records of the same people plus the first records again (shuffled order).
  const b = ClkSet.fromWords(meta, filters([...inputs.slice(half, 2 * half)].reverse()));
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const pairs = candidatePairs(a, b, { threshold: 0.85 });
  const s = (performance.now() - t) / 1000;
  console.log(
    JSON.stringify({
      a: a.size,
      b: b.size,
      seconds: s,
      comparisons: pairs.stats.comparisons,
      pairsAboveThreshold: pairs.length,
      rssBeforeMiB: before / 2 ** 20,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

console.log(`CLK encoding (${N} records of the synthetic population, one core)`);
const inputs = inputsOf(Math.ceil(N / 5), N);
const nameOnly: LinkageSchemaDocument = {
  ...DEFAULT_LINKAGE_SCHEMA,
  name: "bench-name-only",
  fields: [{ source: "name", q: 2, k: 20, salt: "yearOfBirth" }],
  hardening: [],
};
const secretKey = Buffer.alloc(32, 7);
const names = inputs.flatMap((x) => (x.identifiers.name === undefined ? [] : [x.identifiers.name]));
const grams = names.map((n) => qgrams(normalizeNameTokens(n), 2));
// Baseline 1: node:crypto createHmac for every q-gram (same work as ours, no precomputed state).
const baseline = rate(
  "baseline: node:crypto createHmac per q-gram (names)",
  names.length,
  () => {
    for (const g of grams) for (const q of g) createHmac("sha256", secretKey).update(q).digest();
  },
  "names/s",
);
// Baseline 2: naive CLK, one HMAC per bit position (k = 20 per q-gram).
const naive = rate(
  "baseline: one createHmac per bit position, k=20 (names)",
  names.length,
  () => {
    for (const g of grams) {
      for (const q of g)
        for (let i = 0; i < 20; i++) createHmac("sha256", secretKey).update(`${i}${q}`).digest();
    }
  },
  "names/s",
);
for (const [label, doc, cacheSize] of [
  ["ours: name only, one HMAC per q-gram, no cache", nameOnly, 0],
  ["ours: name only, position cache", nameOnly, 65536],
  ["ours: default schema (name+dob+sex, balanced), no cache", DEFAULT_LINKAGE_SCHEMA, 0],
  ["ours: default schema, position cache", DEFAULT_LINKAGE_SCHEMA, 65536],
] as const) {
  const enc = createClkEncoder({ schema: doc, key, cacheSize });
  const r = rate(
    label,
    names.length,
    () => {
      for (const x of inputs) if (x.identifiers.name !== undefined) enc.encodeBytes(x);
    },
    "names/s",
  );
  console.log(
    `    = ${(r / baseline).toFixed(2)}× createHmac-per-q-gram, ${(r / naive).toFixed(1)}× one-HMAC-per-bit`,
  );
}

console.log("\nDice on 1024-bit filters (one core)");
const W = 32;
const M = 2000;
const data = new Uint32Array(W * M);
for (let i = 0; i < data.length; i++) data[i] = Math.imul(i + 1, 0x9e3779b1) ^ (i >>> 3);
const set = ClkSet.fromWords(
  { scheme: "clk", epoch: 0, schemaDigest: `sha256:${"A".repeat(43)}`, encoderVersion: "1.0" },
  Array.from({ length: M }, (_, i) => data.subarray(i * W, (i + 1) * W)),
);
let sink = 0;
const naiveBits = rate(
  "baseline: per-bit loop",
  200 * M,
  () => {
    for (let i = 0; i < 200; i++) {
      for (let j = 0; j < M; j++) {
        let inter = 0;
        for (let b = 0; b < 1024; b++)
          inter +=
            (data[i * W + (b >>> 5)]! & data[j * W + (b >>> 5)]! & (1 << (b & 31))) !== 0 ? 1 : 0;
        sink += inter;
      }
    }
  },
  "pairs/s",
);
const perWord = rate(
  "baseline: per-word SWAR popcount loop",
  M * M,
  () => {
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < M; j++) {
        let inter = 0;
        for (let w = 0; w < W; w++) inter += popcount32(data[i * W + w]! & data[j * W + w]!);
        sink += (2 * inter) / (set.popcounts[i]! + set.popcounts[j]!);
      }
    }
  },
  "pairs/s",
);
const ours = rate(
  "ours: ClkSet.dice (Harley-Seal, precomputed popcounts)",
  M * M,
  () => {
    for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) sink += set.dice(i, set, j);
  },
  "pairs/s",
);
console.log(
  `    = ${(ours / naiveBits).toFixed(1)}× per-bit loop, ${(ours / perWord).toFixed(2)}× per-word popcount loop`,
);
const row = new Float64Array(M);
for (const backend of ["js", "wasm-simd"] as const) {
  const r = rate(
    `ours: ClkSet.diceRow, one filter against the set (${backend})`,
    M * M,
    () => {
      for (let i = 0; i < M; i++) {
        set.diceRow(i, set, 0, M, row, backend);
        sink += row[i]!;
      }
    },
    "pairs/s",
  );
  console.log(
    `    = ${(r / naiveBits).toFixed(1)}× per-bit loop, ${(r / perWord).toFixed(2)}× per-word popcount loop, ${(r / ours).toFixed(2)}× ClkSet.dice`,
  );
}
console.log(`  backend chosen at run time for 1024-bit filters: ${diceBackend(W)}`);
if (sink === 42) console.log("");

console.log(
  `\nBlocked linkage ${LINK_N} × ${LINK_N} (default schema, 2048-bit balanced, LSH ${DEFAULT_BLOCKING.bands}×${DEFAULT_BLOCKING.bitsPerBand}, t=0.85), child process`,
);
const child = spawnSync(
  process.execPath,
  ["--conditions=@corridor/source", "--import", "tsx", "--expose-gc", import.meta.filename, "link"],
  { encoding: "utf8", env: process.env, maxBuffer: 1 << 20 },
);
if (child.status !== 0) {
  console.log(child.stderr);
  process.exit(1);
}
const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as Record<string, number>;
const allPairs = r["a"]! * r["b"]!;
console.log(
  `  ${r["a"]} × ${r["b"]}: ${r["seconds"]!.toFixed(1)} s, ${r["comparisons"]} comparisons (${((100 * r["comparisons"]!) / allPairs).toFixed(3)}% of all pairs), ${r["pairsAboveThreshold"]} pairs ≥ 0.85`,
);
console.log(
  `  RSS before linking ${r["rssBeforeMiB"]!.toFixed(0)} MiB, peak RSS ${r["peakRssMiB"]!.toFixed(0)} MiB (= ${(r["peakRssMiB"]! / r["rssBeforeMiB"]!).toFixed(2)}× the RSS holding the encoded sets)`,
);
