/**
 * Bulk pseudonymization of many held records over a worker-thread pool (node only).
 */
import { CorridorError, type Result, toResultAsync } from "@corridor/errors";
import type { AgreementSecret } from "@corridor/pseudonym";
import type { BatchResult, SharedRecord } from "@corridor/schema";
import { createPseudonymizationPool, type PoolOptions, type PseudonymizationPool } from "./pool.js";

/** Options of {@link pseudonymizeRecordsParallel} and {@link pseudonymizeRecordStream}. */
export interface BulkOptions extends PoolOptions {
  /** Records per message to a worker (default 512). Larger chunks cost less messaging, more latency. */
  readonly chunkSize?: number;
  /** Chunks in flight at once (default 2 per thread, at least 2): bounds memory on long streams. */
  readonly maxInFlight?: number;
  /**
   * A running pool to use instead of starting one (and closing it) for this call: worker start-up
   * (key derivation, module loading) is then paid once for many batches. The pool's own secret and
   * options apply; `secret` must be the same agreement and epoch.
   */
  readonly pool?: PseudonymizationPool;
}

/** One record's outcome in a stream, with its position in the input. */
export type IndexedOutcome =
  | { readonly index: number; readonly record: SharedRecord; readonly error?: undefined }
  | { readonly index: number; readonly error: CorridorError; readonly record?: undefined };

function checkPositive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new CorridorError(
      "ERR_INVALID_ARGUMENT",
      `options.${name}: expected an integer 1..1000000`,
      {
        path: ["options", name],
      },
    );
  }
  return value;
}

/**
 * The shared engine of the streaming functions: reads `source` in chunks, keeps at most
 * `maxInFlight` chunks on the pool, and yields the outcomes in input order.
 */
async function* streamChunks<In, Out>(
  source: Iterable<In> | AsyncIterable<In>,
  secret: AgreementSecret,
  options: BulkOptions,
  run: (pool: PseudonymizationPool, chunk: In[]) => Promise<Out[]>,
): AsyncGenerator<{ index: number; outcome: Out }, void, undefined> {
  const chunkSize = checkPositive(options.chunkSize, "chunkSize", 512);
  const { chunkSize: _c, maxInFlight: _m, pool: given, ...poolOptions } = options;
  if (
    given !== undefined &&
    (given.agreementId !== secret.agreementId || given.epoch !== secret.epoch)
  ) {
    throw new CorridorError(
      "ERR_PSEUDONYM_AGREEMENT_MISMATCH",
      "options.pool: the pool works under another agreement or key epoch",
      { path: ["options", "pool"] },
    );
  }
  const maxInFlightOption = options.maxInFlight;
  if (maxInFlightOption !== undefined) checkPositive(maxInFlightOption, "maxInFlight", 2);
  const pool = given ?? createPseudonymizationPool(secret, poolOptions);
  const maxInFlight = maxInFlightOption ?? Math.max(2, pool.threads * 2);
  const inFlight: { start: number; outcomes: Promise<Out[]> }[] = [];
  try {
    let index = 0;
    let chunk: In[] = [];
    for await (const item of source) {
      chunk.push(item);
      index++;
      if (chunk.length === chunkSize) {
        inFlight.push({ start: index - chunk.length, outcomes: run(pool, chunk) });
        chunk = [];
        while (inFlight.length >= maxInFlight) yield* next();
      }
    }
    if (chunk.length > 0)
      inFlight.push({ start: index - chunk.length, outcomes: run(pool, chunk) });
    while (inFlight.length > 0) yield* next();
  } finally {
    // Chunks still in flight (the consumer stopped early) are rejected by close(); nobody awaits them.
    for (const f of inFlight) f.outcomes.catch(() => {});
    if (given === undefined) await pool.close();
  }

  async function* next(): AsyncGenerator<{ index: number; outcome: Out }> {
    const { start, outcomes } = inFlight[0]!;
    const results = await outcomes;
    inFlight.shift();
    for (let i = 0; i < results.length; i++) yield { index: start + i, outcome: results[i]! };
  }
}

/**
 * Pseudonymizes a stream of held records on worker threads and yields each outcome, in input order,
 * with its index. Memory stays bounded: at most `maxInFlight` chunks are out at once, and the
 * source is read only as fast as results are consumed.
 *
 * @param source - Held records (any iterable or async iterable, e.g. a parser over an export file).
 * @param secret - The agreement secret (as for `deriveFieldKeys`).
 * @param options - Threads, chunk size, in-flight chunks, pseudonymizer options.
 * @throws CorridorError for a bad secret or options (before any record is read); a record that
 *   cannot be pseudonymized is yielded with its error, never thrown.
 *
 * @example
 * ```ts
 * import { pseudonymizeRecordStream } from "@corridor/bulk";
 * for await (const out of pseudonymizeRecordStream(readHeld(file), secret, { threads: 4 })) {
 *   if (out.error) log(out.index, out.error.code);
 *   else write(out.record);
 * }
 * ```
 */
export async function* pseudonymizeRecordStream(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  secret: AgreementSecret,
  options: BulkOptions = {},
): AsyncGenerator<IndexedOutcome, void, undefined> {
  for await (const { index, outcome } of streamChunks(source, secret, options, (pool, chunk) =>
    pool.run(chunk),
  )) {
    yield outcome.error === undefined
      ? { index, record: outcome.record }
      : { index, error: outcome.error };
  }
}

/** One NDJSON line's outcome in a stream, with its position in the input. */
export type IndexedLineOutcome =
  | { readonly index: number; readonly line: string; readonly error?: undefined }
  | { readonly index: number; readonly error: CorridorError; readonly line?: undefined };

/**
 * Pseudonymizes NDJSON: each input line is one held record as JSON; each output is the shared
 * record as one line of JSON (no newline), in input order, with its index. Parsing, validation,
 * pseudonymization and serialization all happen on the worker threads and only strings cross the
 * thread boundary, so this is the form that scales with threads for bulk exports. A line that is
 * not JSON gives `ERR_RECORD_INVALID` (issue reason `invalid_json`).
 *
 * @param lines - Lines of NDJSON (without their newline), e.g. from `readline` over a file.
 * @param secret - The agreement secret.
 * @param options - As for {@link pseudonymizeRecordStream}.
 *
 * @example
 * ```ts
 * import { createReadStream, createWriteStream } from "node:fs";
 * import { createInterface } from "node:readline";
 * import { pseudonymizeNdjsonStream } from "@corridor/bulk";
 * const out = createWriteStream("shared.ndjson");
 * const lines = createInterface({ input: createReadStream("held.ndjson") });
 * for await (const r of pseudonymizeNdjsonStream(lines, secret, { threads: 4 })) {
 *   if (r.error) console.error(`line ${r.index + 1}: ${r.error.code}`);
 *   else out.write(`${r.line}\n`);
 * }
 * ```
 */
export async function* pseudonymizeNdjsonStream(
  lines: Iterable<string> | AsyncIterable<string>,
  secret: AgreementSecret,
  options: BulkOptions = {},
): AsyncGenerator<IndexedLineOutcome, void, undefined> {
  for await (const { index, outcome } of streamChunks(lines, secret, options, (pool, chunk) =>
    pool.runLines(chunk),
  )) {
    yield outcome.error === undefined
      ? { index, line: outcome.line }
      : { index, error: outcome.error };
  }
}

/**
 * Pseudonymizes an array of held records on worker threads. Like `validateBatch`, valid and
 * invalid records are kept apart, each with its index in the input: one bad record does not stop
 * the others, and none is lost.
 *
 * Tolerant-linkage encoders (functions) cannot cross threads, so `pseudonymizeRecord`'s
 * `options.linkage` has no equivalent here; records come out with exact pseudonyms and linkage
 * keys.
 *
 * @param records - Held records.
 * @param secret - The agreement secret (as for `deriveFieldKeys`).
 * @param options - `threads` (default: available cores; 0 = this thread), `chunkSize`, pseudonymizer options.
 * @returns Shared records by index, and the errors of those that could not be pseudonymized.
 * @throws CorridorError `ERR_PSEUDONYM_KEY_INVALID` and the other key and option errors, before
 *   any worker starts; `ERR_INTERNAL` if a worker thread dies.
 *
 * @example
 * ```ts
 * import { pseudonymizeRecordsParallel } from "@corridor/bulk";
 * const { valid, invalid } = await pseudonymizeRecordsParallel(held, { agreementId, epoch, secret }, { threads: 2 });
 * for (const { index, error } of invalid) console.error(index, error.code, error.path);
 * ```
 */
export async function pseudonymizeRecordsParallel(
  records: readonly unknown[],
  secret: AgreementSecret,
  options: BulkOptions = {},
): Promise<BatchResult<SharedRecord>> {
  if (!Array.isArray(records)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "records: expected an array of records", {
      path: ["records"],
    });
  }
  const valid: { index: number; record: SharedRecord }[] = [];
  const invalid: { index: number; error: CorridorError }[] = [];
  for await (const out of pseudonymizeRecordStream(records, secret, options)) {
    if (out.error === undefined) valid.push({ index: out.index, record: out.record });
    else invalid.push({ index: out.index, error: out.error });
  }
  return { valid, invalid };
}

/**
 * {@link pseudonymizeRecordsParallel} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safePseudonymizeRecordsParallel } from "@corridor/bulk";
 * const r = await safePseudonymizeRecordsParallel(held, secret, { threads: 2 });
 * if (!r.success) console.error(r.error.code); // e.g. ERR_PSEUDONYM_KEY_INVALID
 * ```
 */
export function safePseudonymizeRecordsParallel(
  records: readonly unknown[],
  secret: AgreementSecret,
  options?: BulkOptions,
): Promise<Result<BatchResult<SharedRecord>>> {
  return toResultAsync(() => pseudonymizeRecordsParallel(records, secret, options));
}
