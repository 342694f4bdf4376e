import { fail, invalidArgument } from "../lib/fail.js";
import type { ByteSource } from "./format.js";

/**
 * Where {@link openStream} keeps the chunks of a stream while it verifies them, so that it can
 * deliver the records only once the whole stream verified, without holding the stream in memory
 * (spec/streams.md §6). `openStream` writes each verified chunk's bytes exactly as they arrived
 * (still encrypted when the stream was), reads them all back once, checks they are the bytes it
 * verified, and calls `clear` when it is done or the stream failed.
 *
 * A temporary file is the usual spool on a server; {@link memorySpool} suits small streams,
 * tests and browsers.
 *
 * @example
 * ```ts
 * // A file spool for Node.js (the library itself has no Node.js dependency).
 * import { createReadStream } from "node:fs";
 * import { open as openFile, rm } from "node:fs/promises";
 * function fileSpool(path: string): StreamSpool {
 *   let file: import("node:fs/promises").FileHandle | undefined;
 *   return {
 *     async write(bytes) {
 *       file ??= await openFile(path, "w");
 *       await file.write(bytes);
 *     },
 *     async read() {
 *       await file?.close();
 *       file = undefined;
 *       return createReadStream(path, { highWaterMark: 1 << 20 });
 *     },
 *     async clear() {
 *       await file?.close();
 *       await rm(path, { force: true });
 *     },
 *   };
 * }
 * ```
 */
export interface StreamSpool {
  /** Appends bytes (the stream is written in order, piece by piece). */
  write(bytes: Uint8Array): void | Promise<void>;
  /** Everything written, in order. Called once, after the last write. */
  read(): ByteSource | Promise<ByteSource>;
  /** Drops what was written. Called after the spool was read, or when the stream failed. */
  clear?(): void | Promise<void>;
}

/** Options of {@link memorySpool}. */
export interface MemorySpoolOptions {
  /** Most bytes held (default 256 MiB); one more is `ERR_LIMIT_EXCEEDED`. */
  readonly maxBytes?: number;
}

/**
 * A {@link StreamSpool} in memory: the stream is held whole until it verified, so memory grows
 * with the stream (bounded by `maxBytes`). For tests, browsers and streams known to be small; use
 * a file spool for bulk exports.
 *
 * @example
 * ```ts
 * import { memorySpool, openStream } from "@corridor/envelope";
 * const opened = openStream(response.body!, { ...openOptions, spool: memorySpool() });
 * for await (const record of opened.records) save(record);
 * ```
 */
export function memorySpool(options: MemorySpoolOptions = {}): StreamSpool {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    throw invalidArgument(["maxBytes"], "expected a positive integer");
  let pieces: Uint8Array[] = [];
  let size = 0;
  return {
    write(bytes) {
      if (size + bytes.length > maxBytes)
        throw fail("ERR_LIMIT_EXCEEDED", "spool: the stream is larger than maxBytes", ["spool"]);
      pieces.push(bytes.slice());
      size += bytes.length;
    },
    read() {
      return pieces;
    },
    clear() {
      pieces = [];
      size = 0;
    },
  };
}
