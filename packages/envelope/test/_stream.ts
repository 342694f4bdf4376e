/**
 * Helpers of the stream tests: a stream's fields, sealing to bytes or to a list of chunks, and
 * opening with everything collected. The framing is taken apart with Buffer only (independent of
 * the code under test).
 */
import type { SharedRecord } from "@corridor/schema";
import {
  type OpenStreamOptions,
  openStream,
  type RecordsInput,
  type SealStreamOptions,
  type StreamHeaderInput,
  type StreamSource,
  type StreamSummary,
  seal,
  sealChunks,
  sealStream,
} from "../src/index.js";
import type { StreamPosition } from "../src/manifest.js";
import { input, NOW_MS, openOptions, record, signer } from "./_fixtures.js";

export const STREAM_ID = "stream-id-0000000001";

/** The fields of a test stream (no records, no jti). */
export function streamFields(extra: Partial<StreamHeaderInput> = {}): StreamHeaderInput {
  const { records: _r, jti: _j, ...fields } = input();
  return { ...fields, ...extra };
}

export function records(n: number, from = 0): SharedRecord[] {
  return Array.from({ length: n }, (_, i) => record(from + i));
}

export function sealOptions(extra: Partial<SealStreamOptions> = {}): SealStreamOptions {
  return { signer, now: NOW_MS, chunkSize: 3, ...extra };
}

/** Reads a ReadableStream of bytes to one array. */
export async function readAll(readable: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Seals records into stream bytes. */
export async function sealBytes(
  recs: readonly unknown[],
  options: Partial<SealStreamOptions> = {},
  fields: Partial<StreamHeaderInput> = {},
): Promise<{ bytes: Uint8Array; summary: StreamSummary }> {
  const sealed = sealStream({ ...streamFields(fields), records: recs }, sealOptions(options));
  const bytes = await readAll(sealed.readable);
  return { bytes, summary: await sealed.summary };
}

/** Seals records and returns each chunk's envelope bytes. */
export async function sealList(
  recs: readonly unknown[],
  options: Partial<SealStreamOptions> = {},
  fields: Partial<StreamHeaderInput> = {},
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const s of sealChunks(
    { ...streamFields(fields), records: recs },
    sealOptions(options),
  ))
    out.push(s.envelope);
  return out;
}

/** Frames chunks as a stream with Buffer (header "CRDS" 0x01, then u32 BE length + bytes). */
export function frameStream(chunks: readonly Uint8Array[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from([0x43, 0x52, 0x44, 0x53, 0x01])];
  for (const c of chunks) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(c.length);
    parts.push(len, Buffer.from(c));
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Seals one chunk by hand with `seal` (any stream position, any fields). */
export async function sealChunk(
  recs: readonly unknown[],
  stream: StreamPosition,
  extra: Partial<RecordsInput> = {},
  jti = `chunk-jti-${String(stream.seq).padStart(8, "0")}-${stream.id}`,
): Promise<{ envelope: Uint8Array; payloadDigest: string }> {
  return seal(input(recs, { jti, stream, ...extra }), { signer, now: NOW_MS });
}

/** Hand-sealed chunks of one stream: sizes per chunk, chained, the last final. */
export async function handChunks(
  sizes: readonly number[],
  id = STREAM_ID,
  extra: Partial<RecordsInput> = {},
): Promise<{ chunks: Uint8Array[]; digests: string[] }> {
  const chunks: Uint8Array[] = [];
  const digests: string[] = [];
  let prev: string | undefined;
  let offset = 0;
  for (const [seq, size] of sizes.entries()) {
    const final = seq === sizes.length - 1;
    const s = await sealChunk(
      records(size, offset),
      {
        id,
        seq,
        ...(prev === undefined ? {} : { prev }),
        final,
        ...(final ? { total: offset + size } : {}),
      },
      extra,
    );
    offset += size;
    prev = s.payloadDigest;
    chunks.push(s.envelope);
    digests.push(s.payloadDigest);
  }
  return { chunks, digests };
}

export interface Outcome {
  records: SharedRecord[];
  summary?: StreamSummary;
  error?: { code: string; path?: readonly (string | number)[] };
  /** How `complete` settled. */
  complete: "resolved" | "rejected";
}

/** Opens a stream, reading every record, and reports what was delivered and how it ended. */
export async function openAll(
  source: StreamSource,
  extra: Partial<OpenStreamOptions> = {},
): Promise<Outcome> {
  const opened = openStream(source, { ...openOptions(), ...extra } as OpenStreamOptions);
  const recs: SharedRecord[] = [];
  let error: Outcome["error"];
  try {
    for await (const r of opened.records) recs.push(r);
  } catch (e) {
    const err = e as { code: string; path?: readonly (string | number)[] };
    error = { code: err.code, ...(err.path === undefined ? {} : { path: err.path }) };
  }
  try {
    const summary = await opened.complete;
    return { records: recs, summary, complete: "resolved", ...(error ? { error } : {}) };
  } catch {
    return { records: recs, complete: "rejected", ...(error ? { error } : {}) };
  }
}

/** A re-readable source over bytes (a function returning a fresh copy). */
export const again = (bytes: Uint8Array) => () => bytes.slice();
