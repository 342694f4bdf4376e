/**
 * Record validation throughput on a bulk export of held records.
 *
 * Makes N records with the seeded generator (default 1,000,000; `BENCH_N` overrides), serializes
 * them once as JSON lines, then measures in the same run:
 *   (a) JSON.parse of every line: the baseline;
 *   (b) JSON.parse + parseRecord(record, "held") per line;
 *   (c) validateBatch(records, "held") on the arrays of 10,000 records that (a) parsed, and the
 *       same with the JSON.parse of (a) added.
 * The lines are processed in chunks of 10,000; every chunk is measured with every method, in an
 * order that rotates from chunk to chunk, so that load from other processes on this shared
 * machine falls on all methods alike. Figures are printed as records/s and as a ratio against the
 * baseline.
 *
 * Run: `pnpm bench validate` (or `BENCH_N=100000 pnpm bench validate` for a quick run).
 */
import { Buffer } from "node:buffer";
import { parseRecord, validateBatch } from "@corridor/schema";
import { generateRecords } from "@corridor/schema/testing";

const N = Number(process.env["BENCH_N"] ?? 1_000_000);
if (!Number.isSafeInteger(N) || N < 1) throw new Error("BENCH_N: expected a positive integer");
const BATCH = 10_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// ─── make the export ───────────────────────────────────────────────────────────────────────────
const options = { seed: "corridor-bench", count: N } as const;

// The generator alone (nothing kept), then generator + JSON.stringify into the lines.
let t = performance.now();
let idChars = 0;
for (const r of generateRecords(options)) idChars += r.recordId.length;
const generateMs = performance.now() - t;

t = performance.now();
const lines: string[] = new Array(N);
let k = 0;
for (const r of generateRecords(options)) lines[k++] = JSON.stringify(r);
const serializeMs = performance.now() - t;
if (k !== N || idChars === 0) throw new Error("generateRecords did not yield the requested count");
gc();

let bytes = 0;
for (const line of lines) bytes += Buffer.byteLength(line, "utf8");
const megabytes = bytes / 1e6;

console.log(`records: ${fmt(N)} held records, schema 1.0 (generateRecords, seed "corridor-bench")`);
console.log(`JSON lines: ${fmt(megabytes, 1)} MB UTF-8, ${fmt(bytes / N)} B a record on average`);
console.log(
  `generateRecords alone: ${seconds(generateMs)} (${fmt(N / (generateMs / 1000))} records/s); generate + JSON.stringify: ${seconds(serializeMs)} (${fmt(N / (serializeMs / 1000))} records/s)`,
);

// ─── the methods ───────────────────────────────────────────────────────────────────────────────
let sink = 0;
let invalid = 0;

/** (a) JSON.parse of every line; keeps the parsed chunk for (c). */
function jsonParse(from: number, to: number): unknown[] {
  const out: unknown[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const value = JSON.parse(lines[i] as string) as { kind: string };
    sink += value.kind.length;
    out[i - from] = value;
  }
  return out;
}

/** (b) JSON.parse + parseRecord of every line. */
function parseAndValidate(from: number, to: number): void {
  for (let i = from; i < to; i++)
    sink += parseRecord(JSON.parse(lines[i] as string), "held").kind.length;
}

/** (c) validateBatch on an array of parsed records. */
function batch(parsed: unknown[]): void {
  const result = validateBatch(parsed, "held");
  invalid += result.invalid.length;
  sink += result.valid.length;
}

type Method = "parse" | "parseRecord" | "batch";
const time: Record<Method, number> = { parse: 0, parseRecord: 0, batch: 0 };

// Warm-up (JIT) on the first lines, not counted.
const warm = Math.min(N, 20_000);
batch(jsonParse(0, warm));
parseAndValidate(0, warm);
invalid = 0;
gc();

// (c) validates the chunk (a) has just parsed, so (a) comes before (c); (b) moves around them.
const orders: Method[][] = [
  ["parse", "parseRecord", "batch"],
  ["parseRecord", "parse", "batch"],
  ["parse", "batch", "parseRecord"],
];
const started = performance.now();
for (let from = 0, chunk = 0; from < N; from += BATCH, chunk++) {
  const to = Math.min(N, from + BATCH);
  let parsed: unknown[] = [];
  for (const method of orders[chunk % orders.length] as Method[]) {
    const t0 = performance.now();
    if (method === "parse") parsed = jsonParse(from, to);
    else if (method === "parseRecord") parseAndValidate(from, to);
    else batch(parsed);
    time[method] += performance.now() - t0;
  }
}
const measuredMs = performance.now() - started;

if (invalid !== 0) {
  console.error(`FAILED: ${invalid} of ${N} generated records did not validate`);
  process.exit(1);
}

// ─── report ────────────────────────────────────────────────────────────────────────────────────
const rate = (ms: number): number => N / (ms / 1000);
const base = rate(time.parse);
const rows: [string, number, boolean][] = [
  ["(a) JSON.parse (baseline)", time.parse, true],
  ['(b) JSON.parse + parseRecord(·, "held")', time.parseRecord, true],
  ['(c) validateBatch(·, "held"), arrays of 10,000 parsed', time.batch, false],
  ["(c) JSON.parse + validateBatch, arrays of 10,000", time.batch + time.parse, true],
];
console.log("");
console.log(
  `${"method".padEnd(56)}${"records/s".padStart(12)}${"MB/s".padStart(9)}${"time".padStart(10)}   vs JSON.parse`,
);
for (const [label, ms, withBytes] of rows) {
  const r = rate(ms);
  const ratio = r / base;
  const slower = ratio < 1 ? ` (${(1 / ratio).toFixed(1)}× slower)` : "";
  console.log(
    `${label.padEnd(56)}${fmt(r).padStart(12)}${(withBytes ? fmt(megabytes / (ms / 1000), 1) : "-").padStart(9)}${seconds(ms).padStart(10)}   ${ratio.toFixed(3)}×${slower}`,
  );
}
const validationOnly = time.parseRecord - time.parse;
console.log("");
console.log(
  `validation alone (b − a): ${fmt(N / (validationOnly / 1000))} records/s, ${((validationOnly * 1000) / N).toFixed(2)} µs a record`,
);
console.log(
  `all ${fmt(N)} records valid; measured phase ${seconds(measuredMs)}; sink ${sink % 10}`,
);
console.log(
  `peak RSS: ${fmt(process.resourceUsage().maxRSS / 1024)} MB (the JSON lines alone hold ~${fmt(megabytes)} MB of text)`,
);
