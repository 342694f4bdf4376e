/**
 * Streams of envelopes (spec/streams.md): bulk exports sealed as chunks, each a signed (and
 * optionally encrypted) envelope chained to the one before, verified in constant memory.
 */
export {
  type ByteSource,
  encodeStream,
  STREAM_MEDIA_TYPE,
  type ValueSource,
} from "./format.js";
export {
  type OpenedStream,
  type OpenStreamOptions,
  openStream,
  type StreamDelivery,
  type StreamSource,
  safeVerifyStream,
  verifyStream,
} from "./open-stream.js";
export {
  createSealTransform,
  DEFAULT_CHUNK_SIZE,
  type SealedStream,
  type SealStreamInput,
  type SealStreamOptions,
  type SealTransform,
  type StreamHeaderInput,
  sealChunks,
  sealStream,
} from "./seal-stream.js";
export { type MemorySpoolOptions, memorySpool, type StreamSpool } from "./spool.js";
export type { StreamSummary } from "./types.js";
export { STREAM_FIXED_MEMBERS, type VerifiedChunk } from "./verifier.js";
