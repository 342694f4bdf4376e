import {
  CorridorError,
  type CorridorErrorCode,
  type CorridorIssue,
  type PathSegment,
} from "@corridor/errors";
import type { SharedRecord } from "@corridor/schema";
import { sha256 } from "../codec/index.js";
import { fail } from "../lib/fail.js";
import type { ResolvedEnvelopeLimits } from "../limits.js";
import type { Manifest } from "../manifest.js";
import { type OpenOptions, safeOpen } from "../open.js";
import type { ReplayStore } from "../replay.js";
import {
  type ByteSource,
  type FramedChunk,
  readChunks,
  readWholeChunks,
  type ValueSource,
} from "./format.js";
import type { StreamSummary } from "./types.js";

/** A chunk that passed every check of `open` and every stream rule up to it. */
export interface VerifiedChunk<T = SharedRecord> {
  /** The chunk's sequence number (its position in the stream, from 0). */
  readonly seq: number;
  /** The chunk's signed manifest; `manifest.stream` says where it sits. */
  readonly manifest: Manifest;
  /** `sha256:` digest of the chunk's signed payload: the next chunk's `stream.prev`. */
  readonly payloadDigest: string;
  /** The chunk's records (or document items), validated. */
  readonly records: readonly T[];
}

/**
 * Manifest members that every chunk of a stream must state identically (spec/streams.md §5.3):
 * a stream is one export, from one sender, to the same recipients, under one agreement.
 */
export const STREAM_FIXED_MEMBERS = [
  "ver",
  "doc",
  "iss",
  "aud",
  "agreement",
  "purpose",
  "legalBasis",
  "schemaVersion",
  "pseudonymization",
  "encoding",
] as const;

/**
 * A replay store that checks against the real one but defers recording: a stream is accepted as
 * a whole, so the (iss, jti) of its chunks are recorded only once its final chunk verified
 * (spec/streams.md §5.5). A stream that fails records nothing and can be sent again.
 */
class DeferredReplay implements ReplayStore {
  readonly store: ReplayStore;
  /** The (iss, jti, expiresAt) of each chunk opened, in order (iss is the same for all). */
  readonly iss: string[] = [];
  readonly jtis: string[] = [];
  readonly expires: number[] = [];
  constructor(store: ReplayStore) {
    this.store = store;
  }
  has(iss: string, jti: string): boolean | Promise<boolean> {
    return this.store.has(iss, jti);
  }
  put(iss: string, jti: string, expiresAt: number): boolean {
    this.iss.push(iss === this.iss[0] ? this.iss[0] : own(iss));
    this.jtis.push(own(jti));
    this.expires.push(expiresAt);
    return true;
  }
}

/**
 * A copy of a short string that does not keep the text it was cut from alive (V8 represents a
 * substring as a slice of its parent: a jti would retain the whole manifest text).
 */
const own = (text: string): string => ` ${text}`.slice(1);

/** Prefixes a chunk's position to the path of an error of `open` (and of every issue). */
function inChunk(index: number, error: CorridorError): CorridorError {
  const at = (path: readonly PathSegment[] | undefined) => ["chunks", index, ...(path ?? [])];
  return new CorridorError(error.code, `chunk ${index}: ${error.message}`, {
    path: at(error.path),
    issues: error.issues.map((i) => ({ ...i, path: at(i.path) })),
    cause: error,
  });
}

function streamError(
  code: CorridorErrorCode,
  index: number,
  path: readonly PathSegment[],
  reason: string,
  message: string,
): CorridorError {
  const full = ["chunks", index, ...path];
  const issue: CorridorIssue = { path: full, reason, message };
  return new CorridorError(code, `chunk ${index}: ${message}`, { path: full, issues: [issue] });
}

const FRAMING_CODES: readonly CorridorErrorCode[] = [
  "ERR_STREAM_TRUNCATED",
  "ERR_STREAM_MALFORMED",
  "ERR_LIMIT_EXCEEDED",
];

/**
 * The receiver's rules of spec/streams.md §5, applied chunk by chunk in arrival order. Holds,
 * besides the current chunk, only O(1) state per chunk (its jti and, when asked, the SHA-256 of
 * its bytes): memory does not grow with the number of records.
 */
export class StreamVerifier<T = SharedRecord> {
  readonly #options: OpenOptions<T>;
  readonly #replay: DeferredReplay;
  readonly #maxChunks: number;
  readonly #keepDigests: boolean;
  /** SHA-256 of each chunk's bytes, 32 bytes a chunk, for a second pass (when asked). */
  #wire = new Uint8Array(32 * 64);
  #index = 0;
  #first: Manifest | undefined;
  #fixed: string[] = [];
  #encrypted: boolean | undefined;
  #prev: string | undefined;
  #total = 0;
  #final: { manifest: Manifest; payloadDigest: string } | undefined;
  readonly #jtis = new Set<string>();

  /** The SHA-256 of chunk k's bytes, as kept by `accept` (when asked to keep them). */
  wireDigest(k: number): Uint8Array | undefined {
    return k < this.#index && this.#keepDigests
      ? this.#wire.subarray(32 * k, 32 * k + 32)
      : undefined;
  }

  constructor(
    options: OpenOptions<T>,
    limits: ResolvedEnvelopeLimits,
    maxChunks: number,
    keepDigests: boolean,
  ) {
    this.#replay = new DeferredReplay(options.replay);
    this.#options = { ...options, replay: this.#replay, limits };
    this.#maxChunks = maxChunks;
    this.#keepDigests = keepDigests;
  }

  /** Number of chunks accepted so far. */
  get chunks(): number {
    return this.#index;
  }

  /** Whether the first chunk arrived encrypted (undefined before it). */
  get encrypted(): boolean | undefined {
    return this.#encrypted;
  }

  /**
   * The chunks of a byte stream (spec/streams.md §3), or of a source of whole chunks (one value
   * per chunk, `framing: "chunks"`). Once the final chunk was accepted, any
   * further byte is a violation of step 7 (`ERR_STREAM_SEQUENCE`, reason `after_final`), whether
   * or not it frames as a chunk.
   */
  async *read(
    source: ByteSource,
    framing: "stream" | "chunks",
    maxChunkBytes: number,
    path: readonly PathSegment[] = ["source"],
  ): AsyncGenerator<FramedChunk, void, undefined> {
    try {
      yield* framing === "stream"
        ? readChunks(source, maxChunkBytes, path)
        : readWholeChunks(source as ValueSource<Uint8Array>, maxChunkBytes, path);
    } catch (error) {
      if (
        this.#final !== undefined &&
        error instanceof CorridorError &&
        FRAMING_CODES.includes(error.code)
      ) {
        throw streamError(
          "ERR_STREAM_SEQUENCE",
          this.#index,
          [],
          "after_final",
          "bytes follow the final chunk",
        );
      }
      throw error;
    }
  }

  /**
   * Opens one chunk with `open` (every envelope check), then applies the stream rules: a chunk,
   * of this stream, with the same fixed members, the next sequence number, chained to the chunk
   * before, no chunk after the final one, and on the final chunk the total count.
   *
   * @throws CorridorError the code of the first failed check; the path starts `["chunks", k]`.
   */
  async accept(framed: FramedChunk): Promise<VerifiedChunk<T>> {
    const k = this.#index;
    if (this.#final !== undefined) {
      throw streamError(
        "ERR_STREAM_SEQUENCE",
        k,
        [],
        "after_final",
        "a chunk follows the final chunk",
      );
    }
    if (k >= this.#maxChunks) {
      throw streamError(
        "ERR_LIMIT_EXCEEDED",
        k,
        [],
        "limit_exceeded",
        "more chunks than maxChunks",
      );
    }
    const [result, wire] = await Promise.all([
      safeOpen(framed.bytes, this.#options),
      this.#keepDigests ? sha256(framed.bytes) : undefined,
    ]);
    if (!result.success) {
      if (result.failures[0]?.check === "options") throw result.error;
      throw inChunk(k, result.error);
    }
    const { manifest, payloadDigest, records, encrypted } = result.data;
    const s = manifest.stream;
    if (s === undefined) {
      throw streamError(
        "ERR_STREAM_MIXED",
        k,
        ["manifest", "stream"],
        "not_a_chunk",
        "an envelope that is not a stream chunk",
      );
    }
    if (this.#first === undefined) {
      this.#first = manifest;
      this.#fixed = STREAM_FIXED_MEMBERS.map((m) => JSON.stringify(manifest[m]));
      this.#encrypted = encrypted;
    } else {
      if (s.id !== this.#first.stream!.id) {
        throw streamError(
          "ERR_STREAM_MIXED",
          k,
          ["manifest", "stream", "id"],
          "other_stream",
          "a chunk of another stream",
        );
      }
      STREAM_FIXED_MEMBERS.forEach((m, i) => {
        if (JSON.stringify(manifest[m]) !== this.#fixed[i]) {
          throw streamError(
            "ERR_STREAM_MIXED",
            k,
            ["manifest", m],
            "member_changed",
            `${m} differs from the first chunk's`,
          );
        }
      });
      if (encrypted !== this.#encrypted) {
        throw streamError(
          "ERR_STREAM_MIXED",
          k,
          [],
          "encryption_changed",
          "some chunks are encrypted and others are not",
        );
      }
    }
    if (s.seq !== k) {
      throw streamError(
        "ERR_STREAM_SEQUENCE",
        k,
        ["manifest", "stream", "seq"],
        s.seq < k ? "repeated" : "gap",
        s.seq < k
          ? `sequence number ${s.seq} again where ${k} was expected (duplicated, replayed or reordered chunk)`
          : `sequence number ${s.seq} where ${k} was expected (dropped or reordered chunk)`,
      );
    }
    if (k > 0 && s.prev !== this.#prev) {
      throw streamError(
        "ERR_STREAM_CHAIN_BROKEN",
        k,
        ["manifest", "stream", "prev"],
        "chain_broken",
        "prev is not the payload digest of the chunk before",
      );
    }
    if (this.#jtis.has(manifest.jti)) {
      throw streamError(
        "ERR_ENVELOPE_REPLAYED",
        k,
        ["manifest", "jti"],
        "jti_reused",
        "two chunks of the stream have the same jti",
      );
    }
    this.#jtis.add(this.#replay.jtis[k] ?? own(manifest.jti));
    this.#total += manifest.count;
    if (s.final) {
      if (s.total !== this.#total) {
        throw streamError(
          "ERR_STREAM_COUNT_MISMATCH",
          k,
          ["manifest", "stream", "total"],
          "count_mismatch",
          "total differs from the sum of the chunks' counts",
        );
      }
      this.#final = { manifest, payloadDigest };
    }
    if (wire !== undefined) {
      if (this.#wire.length < 32 * (k + 1)) {
        const grown = new Uint8Array(this.#wire.length * 2);
        grown.set(this.#wire);
        this.#wire = grown;
      }
      this.#wire.set(wire, 32 * k);
    }
    this.#prev = payloadDigest;
    this.#index++;
    return { seq: k, manifest, payloadDigest, records };
  }

  /**
   * Ends the stream: the final chunk must have arrived. With `commit`, records the (iss, jti) of
   * every chunk in the replay store (the stream is accepted); a concurrent acceptance of the
   * same chunks makes this fail with ERR_ENVELOPE_REPLAYED.
   *
   * @throws CorridorError `ERR_STREAM_TRUNCATED`, `ERR_ENVELOPE_REPLAYED`, `ERR_REPLAY_STORE_FULL`.
   */
  async finish(commit: boolean): Promise<StreamSummary> {
    if (this.#final === undefined || this.#first === undefined) {
      throw fail(
        "ERR_STREAM_TRUNCATED",
        "stream: the bytes end before the final chunk",
        this.#index === 0 ? ["stream"] : ["chunks", this.#index],
      );
    }
    if (commit) {
      const r = this.#replay;
      for (let i = 0; i < r.jtis.length; i++) {
        if (!(await r.store.put(r.iss[i]!, r.jtis[i]!, r.expires[i]!))) {
          throw streamError(
            "ERR_ENVELOPE_REPLAYED",
            i,
            ["manifest", "jti"],
            "accepted_concurrently",
            "a chunk of this stream was accepted concurrently",
          );
        }
      }
    }
    const { manifest, payloadDigest } = this.#final;
    return {
      id: manifest.stream!.id,
      chunks: this.#index,
      total: this.#total,
      digest: payloadDigest,
      manifest,
      encrypted: this.#encrypted === true,
    };
  }
}
