/**
 * Bulk pseudonymization benchmark (`pnpm bench bulk`): `pseudonymizeRecordsParallel` over held
 * records (document, name, date of birth, sex; schema validation in and out), with the work in
 * the calling thread (`threads: 0`, the baseline) and on 1 and 2 worker threads.
 *
 * Parallel speed-up is a wall-clock property, so this one measures wall time; the machine is
 * shared and has 2 cores, so runs alternate (0, 1, 2, 2, 1, 0, ...) and the best run of each
 * setting is reported, with the CPU load average beside it. BULK_BENCH_N sets the record count
 * (default 100000; e.g. 20000 for a quick run).
 */

import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { HeldRecord } from "@corridor/schema";
import { seededRandom } from "@corridor/schema/testing";
import {
  createPseudonymizationPool,
  pseudonymizeNdjsonStream,
  pseudonymizeRecordsParallel,
} from "../src/index.js";

const N = Number(process.env["BULK_BENCH_N"] ?? 100_000);
const ROUNDS = 2;

const rand = seededRandom(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const GIVEN = [
  "Ali",
  "Mohammed",
  "Fatima",
  "Olena",
  "Dmytro",
  "Abdi",
  "Selam",
  "José",
  "Ngozi",
  "Eleni",
  "Ayşe",
  "Samir",
];
const FAMILY = [
  "Hassan",
  "Al-Khatib",
  "Rahimi",
  "Shevchenko",
  "Tesfaye",
  "Okafor",
  "Papadopoulos",
  "Müller",
  "Yılmaz",
  "O'Brien",
  "Diallo",
];
const COUNTRIES = ["SYR", "AFG", "UKR", "ERI", "NGA", "IRQ"];

const records: HeldRecord[] = Array.from({ length: N }, (_, i) => {
  const y = 1950 + Math.floor(rand() * 60);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  return {
    schemaVersion: "1.0",
    recordId: `exit-${i}`,
    kind: "exit",
    agency: "GRC.hellenic-police",
    eventDate: "2025-01-02",
    person: {
      identifiers: {
        documents: [
          {
            type: "passport",
            issuingCountry: pick(COUNTRIES),
            number: `${pick(["N", "P", "AB"])}${Math.floor(rand() * 1e7)}`,
          },
        ],
        name: { given: pick(GIVEN), family: pick(FAMILY) },
        dateOfBirth: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
      },
      attributes: { sex: rand() < 0.5 ? "F" : "M", citizenship: [pick(COUNTRIES)] },
    },
    details: { border: { country: "GRC", type: "land" } },
  } as unknown as HeldRecord;
});
const secret = { agreementId: "GRC-ITA-2025-07", epoch: 3, secret: new Uint8Array(32).fill(5) };

const lines = records.map((r) => JSON.stringify(r));

type Api = "objects" | "ndjson";

/** Records per second of one full run over a pool started (and warmed up) beforehand. */
async function run(
  api: Api,
  threads: number,
): Promise<{ rate: number; startup: number; cpuPerRecord: number; mainBusy: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const pool = createPseudonymizationPool(secret, { threads });
  // warm-up: one small chunk per worker, so every worker has loaded its modules and keys
  await Promise.all(
    Array.from({ length: Math.max(1, threads) }, () => pool.run(records.slice(0, 64))),
  );
  const startup = (performance.now() - t0) / 1000;
  try {
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    let ok = 0;
    if (api === "objects") {
      const { valid } = await pseudonymizeRecordsParallel(records, secret, { pool });
      ok = valid.length;
    } else {
      for await (const out of pseudonymizeNdjsonStream(lines, secret, { pool }))
        if (out.line !== undefined) ok++;
    }
    const secs = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const mainBusy = performance.eventLoopUtilization(elu0).utilization;
    if (ok !== N) throw new Error("benchmark records must all be valid");
    return { rate: N / secs, startup, cpuPerRecord: (cpu.user + cpu.system) / N, mainBusy };
  } finally {
    await pool.close();
  }
}

const fmt = (r: number) => `${(r / 1000).toFixed(1).padStart(6)}k records/s`;
console.log(
  `\n${N} held records (document, name, date of birth, sex), validated in and out; pool started and warmed up before timing;\nbest of ${ROUNDS} alternating runs, wall clock`,
);
for (const api of ["objects", "ndjson"] as const) {
  const best = new Map<number, number>();
  const startups = new Map<number, number>();
  const cpus = new Map<number, number>();
  const busy = new Map<number, number>();
  const order = [0, 1, 2];
  for (let round = 0; round < ROUNDS; round++) {
    for (const threads of round % 2 === 0 ? order : [...order].reverse()) {
      const { rate, startup, cpuPerRecord, mainBusy } = await run(api, threads);
      if (rate > (best.get(threads) ?? 0)) {
        cpus.set(threads, cpuPerRecord);
        busy.set(threads, mainBusy);
      }
      best.set(threads, Math.max(best.get(threads) ?? 0, rate));
      startups.set(threads, Math.min(startups.get(threads) ?? Number.POSITIVE_INFINITY, startup));
    }
  }
  const base = best.get(0)!;
  const label =
    api === "objects"
      ? "pseudonymizeRecordsParallel (objects in, objects out)"
      : "pseudonymizeNdjsonStream (JSON lines in, JSON lines out)";
  console.log(`\n${label}`);
  console.log(`  baseline  threads: 0 (calling thread, no worker)  ${fmt(base)}  1.00x`);
  console.log(
    `            threads: 1 (one worker thread)          ${fmt(best.get(1)!)}  ${(best.get(1)! / base).toFixed(2)}x  (pool start-up ${startups.get(1)!.toFixed(2)} s, not timed)`,
  );
  console.log(
    `            threads: 2 (two worker threads)         ${fmt(best.get(2)!)}  ${(best.get(2)! / base).toFixed(2)}x  (pool start-up ${startups.get(2)!.toFixed(2)} s, not timed); 2 vs 1 worker: ${(best.get(2)! / best.get(1)!).toFixed(2)}x`,
  );
  console.log(
    `  CPU time per record (all threads): ${[0, 1, 2].map((t) => `${t} threads ${cpus.get(t)!.toFixed(1)} us`).join(", ")}; calling thread busy: ${[1, 2].map((t) => `${t} threads ${(busy.get(t)! * 100).toFixed(0)}%`).join(", ")}`,
  );
}
console.log(
  `\nload average (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (other work on the machine lowers the multi-thread figures)`,
);
