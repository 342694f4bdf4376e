import { CorridorError, type Result, toResultAsync } from "@corridor/errors";
import type { SharedRecord } from "@corridor/schema";
import { bytesEqual, decodeBody, digestString, sha256 } from "../codec/index.js";
import { decrypt } from "../decrypt.js";
import { type ParsedFrame, parseFrame } from "../lib/envelope.js";
import { fail, invalidArgument } from "../lib/fail.js";
import {
  bodyLimits,
  maxFrameBytes,
  maxJweBytes,
  type ResolvedEnvelopeLimits,
  resolveEnvelopeLimits,
} from "../limits.js";
import type { OpenOptions } from "../open.js";
import {
  type ByteSource,
  type FramedChunk,
  lengthPrefix,
  readChunks,
  readWholeChunks,
  streamHeader,
  type ValueSource,
} from "./format.js";
import type { StreamSpool } from "./spool.js";
import type { StreamSummary } from "./types.js";
import { StreamVerifier, type VerifiedChunk } from "./verifier.js";

/**
 * The bytes of a stream: a source read once (a web ReadableStream such as `response.body`, a
 * Node.js Readable, any async iterable or iterable of byte pieces), the whole stream in memory
 * (one Uint8Array or ArrayBuffer, or an array of pieces), or a function that returns a fresh
 * source each time it is called (a file, a Blob, a URL). Bytes in memory and functions are
 * re-readable: {@link openStream} reads them twice instead of spooling. With `framing: "chunks"`
 * the source yields one Uint8Array per chunk instead of byte pieces (an array of them is in
 * memory too).
 */
export type StreamSource = ByteSource | (() => ByteSource | Promise<ByteSource>);

/**
 * When {@link openStream} hands out records:
 * - `"after-verification"` (default): none until the final chunk verified. The stream is read
 *   twice — from a re-readable source, or from the caller's `spool` — and the second reading must
 *   give the very bytes that were verified. Nothing of a stream that fails is ever delivered.
 * - `"as-verified"`: each chunk's records as soon as that chunk verified (one pass, no spool).
 *   A later failure still reaches the reader — the iterator throws, `complete` rejects — and the
 *   caller must then discard what it received: such records come from a stream that did not
 *   complete.
 */
export type StreamDelivery = "after-verification" | "as-verified";

/** Options of {@link openStream} and {@link verifyStream}: those of `open`, and three more. */
export interface OpenStreamOptions<T = SharedRecord> extends OpenOptions<T> {
  /** When records are delivered (default `"after-verification"`). */
  readonly deliver?: StreamDelivery;
  /**
   * Where to keep the chunks between verification and delivery when the source can be read only
   * once (`"after-verification"` only). Without a spool the source must be re-readable: bytes in
   * memory (a Uint8Array, an ArrayBuffer, an array) or a function returning a fresh source.
   */
  readonly spool?: StreamSpool;
  /** Most chunks accepted in one stream (default 100,000). */
  readonly maxChunks?: number;
  /**
   * How the source holds the chunks: `"stream"` (default), bytes framed as spec/streams.md §3
   * says (what `sealStream` writes); `"chunks"`, one value per chunk, each the bytes of one
   * envelope (what `sealChunks` yields — for transports that send a chunk per message).
   */
  readonly framing?: "stream" | "chunks";
}

/** What {@link openStream} returns. Read `records`, `chunks` or `recordStream()` — one of them, once. */
export interface OpenedStream<T = SharedRecord> {
  /** The records of the stream, in order. */
  readonly records: AsyncIterable<T>;
  /** The verified chunks, in order, each with its records and signed manifest. */
  readonly chunks: AsyncIterable<VerifiedChunk<T>>;
  /** The records as a web ReadableStream (for `pipeTo` / `pipeThrough`). */
  recordStream(): ReadableStream<T>;
  /**
   * Settles when reading ends: resolves with the summary once the final chunk verified and every
   * record was delivered; rejects with the CorridorError the reader got (or
   * `ERR_STREAM_CANCELLED` when the reader stopped early). Never rejects unobserved.
   */
  readonly complete: Promise<StreamSummary>;
}

const DEFAULT_MAX_CHUNKS = 100_000;

interface Checked<T> {
  readonly options: OpenStreamOptions<T>;
  readonly framing: "stream" | "chunks";
  readonly limits: ResolvedEnvelopeLimits;
  readonly deliver: StreamDelivery;
  readonly maxChunks: number;
  readonly maxChunkBytes: number;
}

function checkStreamOptions<T>(source: unknown, options: OpenStreamOptions<T>): Checked<T> {
  if (typeof options !== "object" || options === null)
    throw invalidArgument(["options"], "expected an object");
  if (source === undefined || source === null)
    throw invalidArgument(["source"], "expected the bytes of a stream");
  const deliver = options.deliver ?? "after-verification";
  if (deliver !== "after-verification" && deliver !== "as-verified")
    throw invalidArgument(["options", "deliver"], 'expected "after-verification" or "as-verified"');
  const spool = options.spool as Partial<StreamSpool> | undefined;
  if (
    spool !== undefined &&
    (typeof spool?.write !== "function" || typeof spool?.read !== "function")
  )
    throw invalidArgument(["options", "spool"], "expected a StreamSpool");
  if (deliver === "after-verification" && spool === undefined && !isRereadable(source)) {
    throw invalidArgument(
      ["options", "spool"],
      'a source read once needs a spool to deliver after verification: pass the bytes in memory, a function that re-reads the source, a spool, or deliver: "as-verified"',
    );
  }
  const framing = options.framing ?? "stream";
  if (framing !== "stream" && framing !== "chunks")
    throw invalidArgument(["options", "framing"], 'expected "stream" or "chunks"');
  const maxChunks = options.maxChunks ?? DEFAULT_MAX_CHUNKS;
  if (!Number.isSafeInteger(maxChunks) || maxChunks < 1)
    throw invalidArgument(["options", "maxChunks"], "expected a positive integer");
  const limits = resolveEnvelopeLimits(options.limits);
  const maxChunkBytes = Math.min(0xffffffff, Math.max(maxFrameBytes(limits), maxJweBytes(limits)));
  return { options, framing, limits, deliver, maxChunks, maxChunkBytes };
}

/**
 * Whether {@link openStream} can read the source twice: a function returning a fresh source, or
 * bytes already in memory (reading them again reads the same memory; the second pass still checks
 * every chunk against the digest kept in the first, so a change in between is caught).
 */
function isRereadable(source: unknown): boolean {
  return (
    typeof source === "function" ||
    source instanceof Uint8Array ||
    source instanceof ArrayBuffer ||
    Array.isArray(source)
  );
}

async function resolveSource(source: StreamSource): Promise<ByteSource> {
  return typeof source === "function" ? await source() : source;
}

/** Decodes a chunk already verified byte for byte in the first pass. */
async function decodeVerified<T>(
  bytes: Uint8Array,
  encrypted: boolean,
  c: Checked<T>,
): Promise<{ items: unknown[]; frame: ParsedFrame }> {
  let frameBytes = bytes;
  if (encrypted) {
    frameBytes = (await decrypt(bytes, { keys: c.options.decryptionKeys ?? [], limits: c.limits }))
      .envelope;
  }
  const { frame } = parseFrame(frameBytes, c.limits);
  if (frame?.manifest === undefined)
    throw fail("ERR_INTERNAL", "stream: a verified chunk no longer parses");
  return { items: decodeBody(frame.body, frame.manifest.encoding, bodyLimits(c.limits)), frame };
}

/**
 * The second reading of a verified stream: a framing failure there (bytes missing or different)
 * means the bytes changed since they were verified.
 */
async function* rereading(
  chunks: AsyncGenerator<FramedChunk, void, undefined>,
  at: () => number,
): AsyncGenerator<FramedChunk, void, undefined> {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof CorridorError && error.code !== "ERR_INVALID_ARGUMENT") {
      throw new CorridorError(
        "ERR_STREAM_CHANGED",
        "stream: the second reading does not frame as the verified stream",
        { path: ["chunks", at()], cause: error },
      );
    }
    throw error;
  }
}

/** The chunk generator behind {@link openStream}; resolves `done` with the summary. */
async function* verifiedChunks<T>(
  source: StreamSource,
  c: Checked<T>,
  done: (summary: StreamSummary) => void,
): AsyncGenerator<VerifiedChunk<T>, void, undefined> {
  const { options, deliver } = c;
  const twoPass = deliver === "after-verification";
  const spool = twoPass ? options.spool : undefined;
  const verifier = new StreamVerifier<T>(options, c.limits, c.maxChunks, twoPass);
  let spoolUsed = false;
  try {
    // pass 1: verify every chunk (and spool it)
    const first = await resolveSource(source);
    for await (const framed of verifier.read(first, c.framing, c.maxChunkBytes)) {
      const chunk = await verifier.accept(framed);
      if (!twoPass) {
        yield chunk;
        continue;
      }
      if (spool !== undefined) {
        if (!spoolUsed) {
          spoolUsed = true;
          await spool.write(streamHeader());
        }
        await spool.write(lengthPrefix(framed.bytes.length));
        await spool.write(framed.bytes);
      }
    }
    const summary = await verifier.finish(true);
    if (!twoPass) {
      done(summary);
      return;
    }
    // pass 2: read the verified bytes again, check them, deliver
    const again =
      spool !== undefined
        ? readChunks(await spool.read(), c.maxChunkBytes, ["spool"])
        : c.framing === "stream"
          ? readChunks(await resolveSource(source), c.maxChunkBytes)
          : readWholeChunks(
              (await resolveSource(source)) as ValueSource<Uint8Array>,
              c.maxChunkBytes,
            );
    const verified = verifier.chunks;
    const encrypted = summary.encrypted;
    let k = 0;
    const changed = (message: string) =>
      fail("ERR_STREAM_CHANGED", `stream: ${message}`, ["chunks", k]);
    for await (const framed of rereading(again, () => k)) {
      const expected = verifier.wireDigest(k);
      if (expected === undefined) throw changed("more chunks on the second reading");
      if (!bytesEqual(await sha256(framed.bytes), expected))
        throw changed("a chunk differs from the one verified");
      const { items, frame } = await decodeVerified(framed.bytes, encrypted, c);
      const manifest = frame.manifest!;
      const records =
        manifest.doc === "records"
          ? (items as T[])
          : items.map((item, i) => options.validateItem!(item, i));
      yield {
        seq: k,
        manifest,
        payloadDigest: await digestString(frame.payload),
        records,
      };
      k++;
    }
    if (k !== verified) throw changed("fewer chunks on the second reading");
    done(summary);
  } finally {
    if (spoolUsed) await spool?.clear?.();
  }
}

/**
 * Opens a stream of envelopes (spec/streams.md) in constant memory: reads the chunks off the
 * bytes as they arrive, opens each with every check of `open`, and applies the stream rules —
 * one stream id, the fixed manifest members unchanged, sequence numbers 0, 1, 2, … with none
 * dropped, repeated or reordered, each chunk chained to the one before by `prev`, a final chunk,
 * nothing after it, and its `total` equal to the records received. Each failure has its own
 * code: `ERR_STREAM_SEQUENCE`, `ERR_STREAM_CHAIN_BROKEN`, `ERR_STREAM_TRUNCATED`,
 * `ERR_STREAM_COUNT_MISMATCH`, `ERR_STREAM_MIXED`, `ERR_STREAM_MALFORMED`, `ERR_STREAM_CHANGED`,
 * or the code of the envelope check that failed (path `["chunks", k, ...]`).
 *
 * By default no record is delivered before the whole stream verified (see
 * {@link StreamDelivery}): give a re-readable source — the bytes in memory (a Uint8Array, an
 * ArrayBuffer) or a function returning a fresh source — or a `spool`. The chunks' (iss, jti) are recorded in the replay store once the stream verified, so
 * a stream that failed can be sent again.
 *
 * Never throws: every failure, bad options included, reaches the reader (the iterator throws)
 * and `complete` (it rejects).
 *
 * @example
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { MemoryReplayStore, openStream } from "@corridor/envelope";
 * const opened = openStream(() => createReadStream("export.crds"), {
 *   trust,
 *   replay: new MemoryReplayStore(),
 *   recipient: "DEU.bamf",
 *   decryptionKeys,
 * });
 * for await (const record of opened.records) await save(record); // only after all verified
 * const { total, digest } = await opened.complete;
 *
 * // bytes already in memory are read twice from memory
 * const fromMemory = openStream(bytes, { trust, replay, recipient: "DEU.bamf", decryptionKeys });
 * ```
 */
export function openStream<T = SharedRecord>(
  source: StreamSource,
  options: OpenStreamOptions<T>,
): OpenedStream<T> {
  let resolveComplete!: (summary: StreamSummary) => void;
  let rejectComplete!: (error: unknown) => void;
  const complete = new Promise<StreamSummary>((resolve, reject) => {
    resolveComplete = resolve;
    rejectComplete = reject;
  });
  complete.catch(() => undefined);
  let started = false;

  async function* run(): AsyncGenerator<VerifiedChunk<T>, void, undefined> {
    if (started) {
      throw invalidArgument(["stream"], "the stream is already being read (read it once)");
    }
    started = true;
    let settled = false;
    try {
      const checked = checkStreamOptions(source, options);
      yield* verifiedChunks(source, checked, (summary) => {
        settled = true;
        resolveComplete(summary);
      });
    } catch (error) {
      settled = true;
      rejectComplete(error);
      throw error;
    } finally {
      if (!settled) {
        rejectComplete(
          fail("ERR_STREAM_CANCELLED", "stream: the reader stopped before the end", ["stream"]),
        );
      }
    }
  }

  async function* records(): AsyncGenerator<T, void, undefined> {
    for await (const chunk of run()) yield* chunk.records;
  }

  return {
    records: { [Symbol.asyncIterator]: () => records() },
    chunks: { [Symbol.asyncIterator]: () => run() },
    recordStream() {
      const chunks = run();
      return new ReadableStream<T>({
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) controller.close();
            else for (const r of next.value.records) controller.enqueue(r);
          } catch (error) {
            controller.error(error);
          }
        },
        async cancel() {
          await chunks.return();
        },
      });
    },
    complete,
  };
}

/**
 * Verifies a whole stream without delivering anything: every check of {@link openStream}, in one
 * pass, in constant memory. Nothing is recorded in the replay store (nothing is accepted), so a
 * stream that verifies can still be opened.
 *
 * @throws CorridorError the code of the first failed check.
 * @example
 * ```ts
 * import { verifyStream } from "@corridor/envelope";
 * const { total, chunks, digest } = await verifyStream(file.stream(), { trust, replay, recipient });
 * ```
 */
export async function verifyStream<T = SharedRecord>(
  source: StreamSource,
  options: OpenStreamOptions<T>,
): Promise<StreamSummary> {
  const c = checkStreamOptions(source, { ...options, deliver: "as-verified" });
  const verifier = new StreamVerifier<T>(c.options, c.limits, c.maxChunks, false);
  for await (const framed of verifier.read(await resolveSource(source), c.framing, c.maxChunkBytes))
    await verifier.accept(framed);
  return verifier.finish(false);
}

/**
 * {@link verifyStream} returning a {@link Result} instead of throwing.
 *
 * @example
 * ```ts
 * import { safeVerifyStream } from "@corridor/envelope";
 * const checked = await safeVerifyStream(bytes, { trust, replay, recipient: "DEU.bamf" });
 * if (!checked.success) log(checked.error.code, checked.error.path);
 * ```
 */
export function safeVerifyStream<T = SharedRecord>(
  source: StreamSource,
  options: OpenStreamOptions<T>,
): Promise<Result<StreamSummary>> {
  return toResultAsync(() => verifyStream(source, options));
}
