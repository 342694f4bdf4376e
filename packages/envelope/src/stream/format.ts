import type { PathSegment } from "@corridor/errors";
import { fail, invalidArgument } from "../lib/fail.js";

/*
 * The byte framing of a stream of envelopes (spec/streams.md §3):
 *
 *   stream = header *item
 *   header = "CRDS" (0x43 0x52 0x44 0x53) version (0x01)
 *   item   = length (unsigned 32-bit big-endian, 1 ≤ length ≤ limit) chunk
 *   chunk  = an envelope frame ("CRDR"…) or the UTF-8 JSON text of a JWE around one
 *
 * The stream ends where the bytes end; which chunk is the last is said by the signed manifest of
 * that chunk (`stream.final`), never by the framing.
 */

/** The four magic bytes that open a stream of envelopes: ASCII "CRDS". */
export const STREAM_MAGIC = Uint8Array.of(0x43, 0x52, 0x44, 0x53);
/** The stream framing version. */
export const STREAM_FRAMING_VERSION = 1;
/** Bytes of the stream header (magic and version). */
export const STREAM_HEADER_LENGTH = 5;
/** The IANA-style media type under which Corridor sends a stream over HTTP. */
export const STREAM_MEDIA_TYPE = "application/corridor-stream";

/** The stream header bytes. */
export function streamHeader(): Uint8Array {
  const out = new Uint8Array(STREAM_HEADER_LENGTH);
  out.set(STREAM_MAGIC, 0);
  out[4] = STREAM_FRAMING_VERSION;
  return out;
}

/** The 4-byte length prefix of an item. */
export function lengthPrefix(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 1 || length > 0xffffffff) {
    throw fail("ERR_LIMIT_EXCEEDED", "stream: a chunk must be 1 to 2^32-1 bytes");
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, length);
  return out;
}

/**
 * Frames whole chunks as one stream (header, then each chunk with its length prefix). For tests,
 * vectors and small streams; large ones are framed piece by piece by `sealStream`.
 *
 * @param chunks the envelope bytes of each chunk, in order (as `sealChunks` yields them).
 * @example
 * ```ts
 * import { encodeStream, sealChunks } from "@corridor/envelope";
 * const chunks: Uint8Array[] = [];
 * for await (const c of sealChunks({ ...fields, records }, { signer })) chunks.push(c.envelope);
 * const bytes = encodeStream(chunks); // the same bytes sealStream would have written
 * ```
 */
export function encodeStream(chunks: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(chunks)) throw invalidArgument(["chunks"], "expected an array of chunks");
  let size = STREAM_HEADER_LENGTH;
  for (const c of chunks) size += 4 + c.length;
  const out = new Uint8Array(size);
  out.set(streamHeader(), 0);
  let o = STREAM_HEADER_LENGTH;
  for (const c of chunks) {
    out.set(lengthPrefix(c.length), o);
    out.set(c, o + 4);
    o += 4 + c.length;
  }
  return out;
}

/**
 * Bytes as they arrive: a web ReadableStream, any (async) iterable of byte pieces, or all of them
 * in memory (one Uint8Array or ArrayBuffer).
 */
export type ByteSource =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  | Uint8Array
  | ArrayBuffer;

/** Values as they arrive: a web ReadableStream, or any (async) iterable. */
export type ValueSource<T> = ReadableStream<T> | AsyncIterable<T> | Iterable<T>;

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { getReader?: unknown }).getReader === "function"
  );
}

/**
 * Reads any value source one value at a time, with backpressure: a web ReadableStream through its
 * reader (which works in every browser, async iteration of streams does not yet), an async
 * iterable (a Node.js Readable is one) or a plain iterable. Stopping early cancels the source.
 */
export async function* iterateSource<T>(
  source: ValueSource<T>,
  path: readonly PathSegment[],
): AsyncGenerator<T, void, undefined> {
  if (isReadableStream(source)) {
    const reader = (source as ReadableStream<T>).getReader();
    let done = false;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  if (typeof source === "object" && source !== null) {
    if (Symbol.asyncIterator in source) {
      yield* source as AsyncIterable<T>;
      return;
    }
    if (Symbol.iterator in source) {
      yield* source as Iterable<T>;
      return;
    }
  }
  throw invalidArgument(path, "expected a ReadableStream, an async iterable or an iterable");
}

async function* bytePieces(source: ByteSource, path: readonly PathSegment[]) {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (source instanceof ArrayBuffer) {
    yield new Uint8Array(source);
    return;
  }
  let i = 0;
  for await (const piece of iterateSource<unknown>(source as ValueSource<unknown>, path)) {
    if (!(piece instanceof Uint8Array))
      throw invalidArgument([...path, i], "expected byte pieces (Uint8Array)");
    i++;
    if (piece.length > 0) yield piece;
  }
}

/** One item read off a stream: the chunk's bytes and where it started. */
export interface FramedChunk {
  /** Position of the chunk in the stream, from 0. */
  readonly index: number;
  /** The chunk bytes (an envelope frame or a JWE), exactly as they arrived. */
  readonly bytes: Uint8Array;
}

/**
 * Splits a byte stream into its chunks, holding at most one chunk (plus one arriving piece) in
 * memory. Checks the header, and each length against `maxChunkBytes` before reading the chunk.
 *
 * @throws CorridorError `ERR_STREAM_MALFORMED` (bad magic, zero length),
 *   `ERR_ENVELOPE_VERSION_UNSUPPORTED` (unknown framing version), `ERR_LIMIT_EXCEEDED` (a length
 *   over the limit), `ERR_STREAM_TRUNCATED` (the bytes end inside the header, a length or a chunk;
 *   no bytes at all).
 */
export async function* readChunks(
  source: ByteSource,
  maxChunkBytes: number,
  path: readonly PathSegment[] = ["source"],
): AsyncGenerator<FramedChunk, void, undefined> {
  const pieces: Uint8Array[] = [];
  let buffered = 0;
  /** Takes exactly `n` bytes from the buffered pieces (copying only when they span pieces). */
  const take = (n: number): Uint8Array => {
    const first = pieces[0]!;
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) pieces.shift();
      else pieces[0] = first.subarray(n);
      buffered -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const p = pieces[0]!;
      const k = Math.min(p.length, n - o);
      out.set(p.subarray(0, k), o);
      o += k;
      if (k === p.length) pieces.shift();
      else pieces[0] = p.subarray(k);
    }
    buffered -= n;
    return out;
  };

  let state: "header" | "length" | "chunk" = "header";
  let need = STREAM_HEADER_LENGTH;
  let index = 0;
  let sawBytes = false;
  const chunkPath = () => ["chunks", index];
  for await (const piece of bytePieces(source, path)) {
    sawBytes = true;
    pieces.push(piece);
    buffered += piece.length;
    while (buffered >= need) {
      const bytes = take(need);
      if (state === "header") {
        for (let i = 0; i < 4; i++) {
          if (bytes[i] !== STREAM_MAGIC[i])
            throw fail("ERR_STREAM_MALFORMED", "stream: not a Corridor stream (bad magic bytes)", [
              "stream",
            ]);
        }
        if (bytes[4] !== STREAM_FRAMING_VERSION)
          throw fail("ERR_ENVELOPE_VERSION_UNSUPPORTED", "stream: unknown framing version", [
            "stream",
            "version",
          ]);
        state = "length";
        need = 4;
      } else if (state === "length") {
        const length = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
        if (length === 0)
          throw fail("ERR_STREAM_MALFORMED", "stream: a chunk of length 0", chunkPath());
        if (length > maxChunkBytes)
          throw fail(
            "ERR_LIMIT_EXCEEDED",
            "stream: a chunk is larger than the limits allow",
            chunkPath(),
          );
        state = "chunk";
        need = length;
      } else {
        yield { index, bytes };
        index++;
        state = "length";
        need = 4;
      }
    }
  }
  if (!sawBytes) throw fail("ERR_STREAM_TRUNCATED", "stream: no bytes arrived", ["stream"]);
  if (state !== "length" || buffered > 0) {
    throw fail(
      "ERR_STREAM_TRUNCATED",
      state === "header"
        ? "stream: the bytes end inside the stream header"
        : "stream: the bytes end inside a chunk",
      state === "header" ? ["stream"] : chunkPath(),
    );
  }
}

/**
 * The chunks of a stream whose chunks travel as separate messages (no framing): each value of
 * the source is one chunk's envelope bytes. Each is checked against `maxChunkBytes`.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` (a value that is not bytes), `ERR_STREAM_MALFORMED`
 *   (an empty chunk), `ERR_LIMIT_EXCEEDED`.
 */
export async function* readWholeChunks(
  source: ValueSource<Uint8Array>,
  maxChunkBytes: number,
  path: readonly PathSegment[] = ["source"],
): AsyncGenerator<FramedChunk, void, undefined> {
  let index = 0;
  for await (const bytes of iterateSource<unknown>(source as ValueSource<unknown>, path)) {
    if (!(bytes instanceof Uint8Array))
      throw invalidArgument([...path, index], "expected the bytes of one chunk (Uint8Array)");
    if (bytes.length === 0)
      throw fail("ERR_STREAM_MALFORMED", "stream: an empty chunk", ["chunks", index]);
    if (bytes.length > maxChunkBytes)
      throw fail("ERR_LIMIT_EXCEEDED", "stream: a chunk is larger than the limits allow", [
        "chunks",
        index,
      ]);
    yield { index, bytes };
    index++;
  }
}
