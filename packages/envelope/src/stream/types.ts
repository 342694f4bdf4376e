import type { Manifest } from "../manifest.js";

/** What a sender or a recipient knows of a whole stream once its final chunk is sealed or verified. */
export interface StreamSummary {
  /** The stream id every chunk carries (`stream.id`). */
  readonly id: string;
  /** Number of chunks. */
  readonly chunks: number;
  /** Number of records (items) in the whole stream: the final chunk's `stream.total`. */
  readonly total: number;
  /**
   * The stream digest: the payload digest of the final chunk. Each chunk's signed manifest holds
   * the payload digest of the chunk before it and the digest of its own body, so this one value
   * commits to every chunk and every record of the stream (spec/streams.md §4). Cite it in
   * receipts and audit logs.
   */
  readonly digest: string;
  /** The final chunk's signed manifest (iss, aud, agreement, purpose, ... are those of every chunk). */
  readonly manifest: Manifest;
  /** Whether the chunks are encrypted (JWE). */
  readonly encrypted: boolean;
}
