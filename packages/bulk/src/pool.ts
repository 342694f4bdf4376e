/**
 * A pool of worker threads that pseudonymize chunks of held records (node only).
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { CorridorError, type Result, toResult } from "@corridor/errors";
import {
  type AgreementSecret,
  createPseudonymizer,
  deriveFieldKeys,
  type PseudonymizerOptions,
} from "@corridor/pseudonym";
import type { SharedRecord } from "@corridor/schema";
import {
  fromWire,
  type Reply,
  type Task,
  type WireError,
  type WireOutcome,
  type WorkerInit,
} from "./protocol.js";
import { pseudonymizeChunk, pseudonymizeLines } from "./work.js";

/** Options of {@link createPseudonymizationPool} and of the bulk functions. */
export interface PoolOptions extends PseudonymizerOptions {
  /**
   * Worker threads. Default: `os.availableParallelism()`. `0` pseudonymizes in the calling thread
   * (no worker), which is also what a browser build would do.
   */
  readonly threads?: number;
  /** The records are already the output of `parseRecord(…, "held")`: skip validating them again. */
  readonly inputValidated?: boolean;
}

/** The outcome of one record: its shared form, or the CorridorError that refused it. */
export type RecordOutcome =
  | { readonly record: SharedRecord; readonly error?: undefined }
  | { readonly error: CorridorError; readonly record?: undefined };

/** The outcome of one NDJSON line: the shared record as JSON text, or the error that refused it. */
export type LineOutcome =
  | { readonly line: string; readonly error?: undefined }
  | { readonly error: CorridorError; readonly line?: undefined };

/** A pool of pseudonymizing worker threads under one agreement secret. */
export interface PseudonymizationPool {
  /** Number of worker threads (0: the calling thread). */
  readonly threads: number;
  /** The agreement and key epoch the pool pseudonymizes under. */
  readonly agreementId: string;
  readonly epoch: number;
  /** Pseudonymizes a chunk of records; one outcome per record, in order. Never rejects for bad records. */
  run(records: readonly unknown[]): Promise<RecordOutcome[]>;
  /**
   * Pseudonymizes a chunk of NDJSON lines (one held record each); one outcome per line, in order.
   * Only strings cross the thread boundary, which costs the calling thread far less than objects.
   */
  runLines(lines: readonly string[]): Promise<LineOutcome[]>;
  /** Stops the workers. Pending chunks are rejected with `ERR_INTERNAL`. */
  close(): Promise<void>;
}

interface Pending {
  resolve(reply: Reply): void;
  reject(error: CorridorError): void;
}

function checkThreads(threads: unknown): number {
  if (threads === undefined) return Math.max(1, availableParallelism());
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 0 || threads > 256) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "options.threads: expected an integer 0..256", {
      path: ["options", "threads"],
    });
  }
  return threads;
}

/**
 * Starts a worker. From the TypeScript sources (tests, benchmarks, `@corridor/source`) the worker
 * is `worker.ts`, loaded through tsx; from the build it is `worker.js` beside this file.
 */
function spawn(init: WorkerInit): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./worker.js", here), { workerData: init });
  const target = new URL("./worker.ts", here).href;
  const boot = `const { register } = await import(${JSON.stringify(tsxApiUrl(here))});
register();
await import(${JSON.stringify(target)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: init,
    execArgv: ["--conditions=@corridor/source"],
  });
}

/** URL of tsx's ESM API (`tsx/esm/api`, import condition), for workers started from sources. */
function tsxApiUrl(from: string): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === "function") return resolve("tsx/esm/api");
  // Test runners that do not provide import.meta.resolve: resolve the CommonJS entry and take
  // its ESM sibling (tsx publishes both as dist/esm/api/index.{cjs,mjs}).
  const cjs = createRequire(from).resolve("tsx/esm/api");
  return pathToFileURL(cjs.replace(/\.cjs$/, ".mjs")).href;
}

function outcomesOf(wire: readonly WireOutcome[]): RecordOutcome[] {
  return wire.map((o) => ("record" in o ? { record: o.record } : { error: fromWire(o.error) }));
}

function lineOutcomesOf(wire: readonly (string | WireError)[]): LineOutcome[] {
  return wire.map((o) => (typeof o === "string" ? { line: o } : { error: fromWire(o) }));
}

/**
 * Starts a pool of worker threads that pseudonymize held records under one agreement secret. Each
 * worker derives the field keys itself; the secret is copied to each worker once and then
 * overwritten there. Close the pool when done.
 *
 * @param secret - Agreement id, key epoch and the 32-byte secret (as for `deriveFieldKeys`).
 * @param options - Threads, expected epoch and agreement, linkage-key kinds, `inputValidated`.
 * @throws CorridorError `ERR_PSEUDONYM_KEY_INVALID`, `ERR_PSEUDONYM_EPOCH_MISMATCH`,
 *   `ERR_PSEUDONYM_AGREEMENT_MISMATCH` (checked here, before any worker starts),
 *   `ERR_INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { createPseudonymizationPool } from "@corridor/bulk";
 * const pool = createPseudonymizationPool({ agreementId, epoch, secret }, { threads: 4 });
 * try {
 *   for (const chunk of chunks) store(await pool.run(chunk));
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export function createPseudonymizationPool(
  secret: AgreementSecret,
  options: PoolOptions = {},
): PseudonymizationPool {
  const threads = checkThreads(options.threads);
  const { threads: _t, inputValidated: _iv, ...pseudonymizerOptions } = options;
  const inputValidated = options.inputValidated === true;
  // Fails here, in the caller's thread, for a bad secret or an unexpected epoch or agreement.
  const local = createPseudonymizer(deriveFieldKeys(secret), pseudonymizerOptions);
  if (threads === 0) {
    return {
      threads,
      agreementId: local.agreementId,
      epoch: local.epoch,
      run: async (records) => outcomesOf(pseudonymizeChunk(records, local, inputValidated)),
      runLines: async (lines) => lineOutcomesOf(pseudonymizeLines(lines, local, inputValidated)),
      close: async () => {},
    };
  }
  const init: WorkerInit = {
    secret: { agreementId: secret.agreementId, epoch: secret.epoch, secret: secret.secret.slice() },
    pseudonymizer: pseudonymizerOptions,
    inputValidated,
  };
  const workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  let nextId = 0;
  let closed = false;
  const failAll = (slot: { pending: Map<number, Pending> }, why: string) => {
    for (const p of slot.pending.values()) p.reject(new CorridorError("ERR_INTERNAL", why));
    slot.pending.clear();
  };
  for (let i = 0; i < threads; i++) {
    const slot = { worker: spawn(init), pending: new Map<number, Pending>() };
    slot.worker.on("message", (reply: Reply) => {
      const p = slot.pending.get(reply.id);
      if (p === undefined) return;
      slot.pending.delete(reply.id);
      p.resolve(reply);
    });
    slot.worker.on("error", () => failAll(slot, "a pseudonymization worker thread failed"));
    slot.worker.on("exit", () => failAll(slot, "a pseudonymization worker thread stopped"));
    workers.push(slot);
  }
  init.secret.secret.fill(0);

  const notArray = (name: string) =>
    new CorridorError("ERR_INVALID_ARGUMENT", `${name}: expected an array`, { path: [name] });
  /** Sends a task to the least busy worker; `fallback` runs here if the task cannot be cloned. */
  function submit<T>(
    task: (id: number) => Task,
    read: (reply: Reply) => T[],
    fallback: () => T[],
  ): Promise<T[]> {
    if (closed) return Promise.reject(new CorridorError("ERR_INVALID_ARGUMENT", "pool is closed"));
    let slot = workers[0]!;
    for (const w of workers) if (w.pending.size < slot.pending.size) slot = w;
    const id = nextId++;
    return new Promise<T[]>((resolve, reject) => {
      slot.pending.set(id, { resolve: (reply) => resolve(read(reply)), reject });
      try {
        slot.worker.postMessage(task(id));
      } catch {
        slot.pending.delete(id);
        resolve(fallback());
      }
    });
  }

  return {
    threads,
    agreementId: local.agreementId,
    epoch: local.epoch,
    run(records) {
      if (!Array.isArray(records)) return Promise.reject(notArray("records"));
      return submit(
        (id) => ({ id, kind: "records", records }),
        (reply) => (reply.kind === "records" ? outcomesOf(reply.outcomes) : []),
        // Not structured-cloneable (functions, class instances...): validate here instead, so
        // each such record gets its own error.
        () => outcomesOf(pseudonymizeChunk(records, local, inputValidated)),
      );
    },
    runLines(lines) {
      if (!Array.isArray(lines)) return Promise.reject(notArray("lines"));
      return submit(
        (id) => ({ id, kind: "ndjson", lines }),
        (reply) => (reply.kind === "ndjson" ? lineOutcomesOf(reply.outcomes) : []),
        () => lineOutcomesOf(pseudonymizeLines(lines.map(String), local, inputValidated)),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

/**
 * {@link createPseudonymizationPool} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeCreatePseudonymizationPool } from "@corridor/bulk";
 * const r = safeCreatePseudonymizationPool(secret, { threads: 2, epoch: 3 });
 * if (r.success) await r.data.close();
 * ```
 */
export function safeCreatePseudonymizationPool(
  secret: AgreementSecret,
  options?: PoolOptions,
): Result<PseudonymizationPool> {
  return toResult(() => createPseudonymizationPool(secret, options));
}
