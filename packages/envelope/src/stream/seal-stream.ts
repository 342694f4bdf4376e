import { CorridorError, type PathSegment } from "@corridor/errors";
import { encodeBase64url } from "../codec/index.js";
import { invalidArgument } from "../lib/fail.js";
import { JTI } from "../lib/patterns.js";
import type { StreamPosition } from "../manifest.js";
import { type RecordsInput, type Sealed, type SealOptions, seal } from "../seal.js";
import { iterateSource, lengthPrefix, streamHeader, type ValueSource } from "./format.js";
import type { StreamSummary } from "./types.js";

/** What a stream is about: the fields of a `records` envelope, without the records themselves. */
export type StreamHeaderInput = Omit<RecordsInput, "records" | "jti" | "stream"> & {
  /** The stream id every chunk carries; default 16 random bytes in base64url. Never reuse one. */
  readonly streamId?: string;
};

/** The input of {@link sealStream}: the stream's fields and its records, from any source. */
export type SealStreamInput = StreamHeaderInput & {
  /**
   * The records in shared form: an array, any iterable or async iterable (a generator, a Node.js
   * object-mode Readable), or a web ReadableStream. Read once, with backpressure.
   */
  readonly records: ValueSource<unknown>;
};

/** Options of {@link sealStream}: those of `seal`, and the chunk size. */
export interface SealStreamOptions extends SealOptions {
  /**
   * Records per chunk (default 1,000). Memory holds one chunk of records and its encoding; the
   * recipient's `limits.maxBytes` (64 MiB by default) bounds the encoded chunk. Larger chunks
   * save little (a signature and a few hundred bytes per chunk) and cost memory and garbage
   * collection: the stream benchmark measured the same speed and half the peak memory at 1,000
   * records per chunk than at 10,000.
   */
  readonly chunkSize?: number;
}

/** What {@link sealStream} returns. */
export interface SealedStream {
  /** The stream's bytes (spec/streams.md §3): write them to a file or an HTTP request body. */
  readonly readable: ReadableStream<Uint8Array>;
  /**
   * Resolves once the final chunk is sealed, with the stream id, counts and stream digest (for
   * the sender's audit log); rejects with the error the readable errored with. Never rejects
   * unobserved.
   */
  readonly summary: Promise<StreamSummary>;
}

/** Default number of records per chunk (see {@link SealStreamOptions.chunkSize}). */
export const DEFAULT_CHUNK_SIZE = 1_000;

/** Moves the record index of a seal error from the chunk to the stream. */
function shiftRecordIndex(error: unknown, offset: number): unknown {
  if (!(error instanceof CorridorError) || offset === 0) return error;
  const shift = (path: readonly PathSegment[] | undefined) =>
    path !== undefined && path[0] === "records" && typeof path[1] === "number"
      ? ["records", path[1] + offset, ...path.slice(2)]
      : path;
  return new CorridorError(error.code, error.message, {
    path: shift(error.path),
    issues: error.issues.map((i) => ({ ...i, path: shift(i.path) ?? i.path })),
    cause: error,
  });
}

/**
 * Cuts records into chunks and seals each one, chained to the one before. Holds one chunk of
 * records: a chunk is sealed when the next record arrives (so it is known not to be the last),
 * and the last one is sealed final at `finish`.
 */
class ChunkSealer {
  readonly #input: StreamHeaderInput;
  readonly #options: SealStreamOptions;
  readonly #chunkSize: number;
  readonly id: string;
  #buffer: unknown[] = [];
  #seq = 0;
  #offset = 0;
  #prev: string | undefined;

  constructor(input: StreamHeaderInput, options: SealStreamOptions) {
    if (typeof input !== "object" || input === null)
      throw invalidArgument(["input"], "expected an object");
    if (typeof options !== "object" || options === null)
      throw invalidArgument(["options"], "expected an object");
    const size = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isSafeInteger(size) || size < 1)
      throw invalidArgument(["chunkSize"], "expected a positive integer");
    const id = input.streamId ?? encodeBase64url(crypto.getRandomValues(new Uint8Array(16)));
    if (typeof id !== "string" || !JTI.test(id))
      throw invalidArgument(["streamId"], "expected 16-128 base64url characters");
    this.#input = input;
    this.#options = options;
    this.#chunkSize = size;
    this.id = id;
  }

  /** Adds a record; returns the previous chunk, sealed, when this record starts a new one. */
  async add(record: unknown): Promise<Sealed | undefined> {
    if (this.#buffer.length < this.#chunkSize) {
      this.#buffer.push(record);
      return undefined;
    }
    const sealed = await this.#seal(false);
    this.#buffer = [record];
    return sealed;
  }

  /** Seals the last chunk, final, with the total; returns it and the stream's summary. */
  async finish(): Promise<{ sealed: Sealed; summary: StreamSummary }> {
    const sealed = await this.#seal(true);
    this.#buffer = [];
    return {
      sealed,
      summary: {
        id: this.id,
        chunks: this.#seq,
        total: this.#offset,
        digest: sealed.payloadDigest,
        manifest: sealed.manifest,
        encrypted: sealed.encrypted,
      },
    };
  }

  async #seal(final: boolean): Promise<Sealed> {
    const records = this.#buffer;
    const total = this.#offset + records.length;
    const stream: StreamPosition = {
      id: this.id,
      seq: this.#seq,
      ...(this.#prev === undefined ? {} : { prev: this.#prev }),
      final,
      ...(final ? { total } : {}),
    };
    const { streamId: _streamId, ...fields } = this.#input;
    let sealed: Sealed;
    try {
      sealed = await seal({ ...fields, records, stream }, this.#options);
    } catch (error) {
      throw shiftRecordIndex(error, this.#offset);
    }
    this.#offset = total;
    this.#prev = sealed.payloadDigest;
    this.#seq++;
    return sealed;
  }
}

/**
 * Seals records as a stream of chunks and yields each sealed chunk (an envelope of its own, with
 * its manifest and payload digest); returns the stream's summary. For senders that transmit
 * chunks as separate messages; {@link sealStream} writes them as one byte stream.
 *
 * @throws CorridorError from the iteration: `ERR_RECORD_INVALID` (path `["records", n, ...]`, n
 *   counted from the start of the stream; nothing of that chunk or after it is sealed),
 *   `ERR_INVALID_ARGUMENT`, or any error of `seal`.
 * @example
 * ```ts
 * import { sealChunks } from "@corridor/envelope";
 * for await (const chunk of sealChunks({ ...fields, records }, { signer, chunkSize: 5_000 })) {
 *   await post("/exports", chunk.envelope);
 * }
 * ```
 */
export async function* sealChunks(
  input: SealStreamInput,
  options: SealStreamOptions,
): AsyncGenerator<Sealed, StreamSummary, undefined> {
  const sealer = new ChunkSealer(input, options);
  for await (const record of iterateSource(input.records, ["records"])) {
    const sealed = await sealer.add(record);
    if (sealed !== undefined) yield sealed;
  }
  const { sealed, summary } = await sealer.finish();
  yield sealed;
  return summary;
}

/**
 * Seals records into a stream of signed (and, with `encryptTo`, encrypted) envelopes and returns
 * its bytes as a web ReadableStream (spec/streams.md): a stream header, then each chunk with a
 * length prefix. Each chunk carries the stream id, its sequence number and the payload digest of
 * the chunk before; the last is marked final with the total record count. Records are pulled
 * from the source only as the readable is read, one chunk at a time: memory stays constant
 * whatever the number of records.
 *
 * Never throws: a bad argument or an invalid record errors the readable and rejects `summary`
 * with the CorridorError (nothing after the failing chunk is written; a recipient sees a
 * truncated stream and accepts none of it).
 *
 * @example
 * ```ts
 * import { sealStream } from "@corridor/envelope";
 * const { readable, summary } = sealStream(
 *   {
 *     iss: "GRC.asylum-service",
 *     aud: ["DEU.bamf"],
 *     agreement: { id: "GRC-DEU-2025-01", version: 1, digest: agreementDigest },
 *     purpose: "asylum-procedure",
 *     legalBasis: "eu-2024-1351-art-45",
 *     pseudonymization: { scheme: "hmac-sha256", epoch: 3 },
 *     records: sharedRecords, // an array, a generator, a Node.js Readable, a ReadableStream
 *   },
 *   { signer, encryptTo: trust.recipientKeys(["DEU.bamf"], now), chunkSize: 1_000 },
 * );
 * await fetch(url, { method: "POST", body: readable, duplex: "half" });
 * console.log((await summary).digest);
 * ```
 */
export function sealStream(input: SealStreamInput, options: SealStreamOptions): SealedStream {
  let resolveSummary!: (summary: StreamSummary) => void;
  let rejectSummary!: (error: unknown) => void;
  const summary = new Promise<StreamSummary>((resolve, reject) => {
    resolveSummary = resolve;
    rejectSummary = reject;
  });
  summary.catch(() => undefined);
  let chunks: AsyncGenerator<Sealed, StreamSummary, undefined> | undefined;
  const readable = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(streamHeader());
      },
      async pull(controller) {
        try {
          chunks ??= sealChunks(input, options);
          const next = await chunks.next();
          if (next.done) {
            resolveSummary(next.value);
            controller.close();
            return;
          }
          controller.enqueue(lengthPrefix(next.value.envelope.length));
          controller.enqueue(next.value.envelope);
        } catch (error) {
          rejectSummary(error);
          controller.error(error);
        }
      },
      async cancel(reason) {
        rejectSummary(
          new CorridorError("ERR_STREAM_CANCELLED", "stream: the reader cancelled the stream", {
            path: ["stream"],
            cause: reason,
          }),
        );
        await chunks?.return(undefined as never);
      },
    },
    { highWaterMark: 0 },
  );
  return { readable, summary };
}

/** What {@link createSealTransform} returns: a transform of records into stream bytes. */
export interface SealTransform {
  /** Write shared records here. */
  readonly writable: WritableStream<unknown>;
  /** Read the stream's bytes here. */
  readonly readable: ReadableStream<Uint8Array>;
  /** As in {@link SealedStream}. */
  readonly summary: Promise<StreamSummary>;
}

/**
 * {@link sealStream} as a web TransformStream: records in, stream bytes out, for pipelines such
 * as `records.pipeThrough(createSealTransform(fields, options)).pipeTo(destination)`.
 *
 * @example
 * ```ts
 * import { createSealTransform } from "@corridor/envelope";
 * const seal = createSealTransform(fields, { signer });
 * await recordStream.pipeThrough(seal).pipeTo(Writable.toWeb(createWriteStream("export.crds")));
 * ```
 */
export function createSealTransform(
  input: StreamHeaderInput,
  options: SealStreamOptions,
): SealTransform {
  let resolveSummary!: (summary: StreamSummary) => void;
  let rejectSummary!: (error: unknown) => void;
  const summary = new Promise<StreamSummary>((resolve, reject) => {
    resolveSummary = resolve;
    rejectSummary = reject;
  });
  summary.catch(() => undefined);
  let sealer: ChunkSealer | undefined;
  const emit = (controller: TransformStreamDefaultController<Uint8Array>, sealed: Sealed) => {
    controller.enqueue(lengthPrefix(sealed.envelope.length));
    controller.enqueue(sealed.envelope);
  };
  const guard = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      rejectSummary(error);
      throw error;
    }
  };
  const transform = new TransformStream<unknown, Uint8Array>({
    start(controller) {
      return guard(async () => {
        sealer = new ChunkSealer(input, options);
        controller.enqueue(streamHeader());
      });
    },
    transform(record, controller) {
      return guard(async () => {
        const sealed = await sealer!.add(record);
        if (sealed !== undefined) emit(controller, sealed);
      });
    },
    flush(controller) {
      return guard(async () => {
        const done = await sealer!.finish();
        emit(controller, done.sealed);
        resolveSummary(done.summary);
      });
    },
  });
  return { writable: transform.writable, readable: transform.readable, summary };
}
