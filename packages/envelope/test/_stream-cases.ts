/**
 * The stream cases published as spec/test-vectors/envelope/stream.json: every receiver rule of
 * spec/streams.md with the code (and path) it must produce, and valid streams with their
 * outcome. Chunks are sealed with `seal` (fixed clock, jti and stream id: Ed25519 chunks are
 * reproducible byte for byte) and framed with Buffer. The expected codes and paths are written
 * here by hand from the spec — never taken from running `openStream`.
 */
import { createHash } from "node:crypto";
import { encrypt, seal, type TrustedAgencies } from "../src/index.js";
import {
  agencies,
  deuKeys,
  input,
  KEYS,
  NOW,
  NOW_MS,
  publicOf,
  RECIPIENT,
  SENDER,
  signer,
} from "./_fixtures.js";
import { frameStream, handChunks, records, STREAM_ID, sealChunk } from "./_stream.js";
import { b64u, splitFrame } from "./_tamper.js";

export interface StreamVectorInput {
  /** The stream's bytes (spec/streams.md §3), base64url. */
  stream: string;
  recipient: string;
  /** Verification time, seconds since the epoch. */
  now: number;
  trust: TrustedAgencies;
  decryptionKeys?: { kid: string; privateKey: JsonWebKey }[];
  /** (iss, jti, expiresAt) entries already in the replay store. */
  replay?: [string, string, number][];
}

export interface StreamVector {
  description: string;
  input: StreamVectorInput;
  output?: { id: string; chunks: number; total: number; digest: string; recordIds: string[] };
  errors?: { code: string; path?: string }[];
}

const sha256 = (bytes: Uint8Array) =>
  `sha256:${createHash("sha256").update(bytes).digest("base64url")}`;
const payloadDigest = (frame: Uint8Array) =>
  sha256(Buffer.from(JSON.parse(splitFrame(frame).jws).payload, "base64url"));

const base = (stream: Uint8Array, extra: Partial<StreamVectorInput> = {}): StreamVectorInput => ({
  stream: b64u(stream),
  recipient: RECIPIENT,
  now: NOW,
  trust: agencies(),
  ...extra,
});

const error = (code: string, path?: string) => [{ code, ...(path === undefined ? {} : { path }) }];

export async function buildStreamVectors(): Promise<StreamVector[]> {
  const v: StreamVector[] = [];
  const { chunks } = await handChunks([2, 2, 1]);
  const [c0, c1, c2] = chunks as [Uint8Array, Uint8Array, Uint8Array];
  const ids = (n: number) => records(n).map((r) => r.recordId);

  // --- valid streams
  v.push({
    description: "valid: three chunks (2, 2, 1 records), Ed25519, MessagePack",
    input: base(frameStream(chunks)),
    output: { id: STREAM_ID, chunks: 3, total: 5, digest: payloadDigest(c2), recordIds: ids(5) },
  });
  const single = await handChunks([3], "single-chunk-stream-01");
  v.push({
    description: "valid: a stream of one chunk (seq 0, final, no prev)",
    input: base(frameStream(single.chunks)),
    output: {
      id: "single-chunk-stream-01",
      chunks: 1,
      total: 3,
      digest: payloadDigest(single.chunks[0]!),
      recordIds: ids(3),
    },
  });
  const empty = await handChunks([0], "empty-stream-00000001");
  v.push({
    description: "valid: a stream of no records is one final chunk with count 0 and total 0",
    input: base(frameStream(empty.chunks)),
    output: {
      id: "empty-stream-00000001",
      chunks: 1,
      total: 0,
      digest: payloadDigest(empty.chunks[0]!),
      recordIds: [],
    },
  });
  const encrypted = await Promise.all(
    chunks.map((c) =>
      encrypt(c, { recipients: [{ kid: "deu-enc-1", publicKey: publicOf(KEYS.deuEnc) }] }),
    ),
  );
  v.push({
    description:
      "valid: the same three chunks, each encrypted to the recipient (JWE, X25519); the stream digest is the same",
    input: base(frameStream(encrypted), {
      decryptionKeys: [{ kid: "deu-enc-1", privateKey: deuKeys[0]!.privateKey as JsonWebKey }],
    }),
    output: { id: STREAM_ID, chunks: 3, total: 5, digest: payloadDigest(c2), recordIds: ids(5) },
  });

  // --- order of chunks (§5 step 4)
  v.push({
    description: "chunk 1 dropped: chunk 2 arrives where 1 is expected",
    input: base(frameStream([c0, c2])),
    errors: error("ERR_STREAM_SEQUENCE", "chunks[1].manifest.stream.seq"),
  });
  v.push({
    description: "chunk 1 duplicated",
    input: base(frameStream([c0, c1, c1, c2])),
    errors: error("ERR_STREAM_SEQUENCE", "chunks[2].manifest.stream.seq"),
  });
  v.push({
    description: "chunks 0 and 1 swapped",
    input: base(frameStream([c1, c0, c2])),
    errors: error("ERR_STREAM_SEQUENCE", "chunks[0].manifest.stream.seq"),
  });
  v.push({
    description: "chunk 0 arrives again after the final chunk",
    input: base(frameStream([c0, c1, c2, c0])),
    errors: error("ERR_STREAM_SEQUENCE", "chunks[3]"),
  });
  v.push({
    description: "a byte after the final chunk",
    input: base(new Uint8Array([...frameStream(chunks), 0x00])),
    errors: error("ERR_STREAM_SEQUENCE", "chunks[3]"),
  });

  // --- truncation (§3, §5 step 8)
  v.push({
    description: "the final chunk is missing (the bytes end cleanly after chunk 1)",
    input: base(frameStream([c0, c1])),
    errors: error("ERR_STREAM_TRUNCATED", "chunks[2]"),
  });
  const whole = frameStream(chunks);
  v.push({
    description: "the bytes end inside the final chunk",
    input: base(whole.slice(0, whole.length - 10)),
    errors: error("ERR_STREAM_TRUNCATED", "chunks[2]"),
  });
  v.push({
    description: "the bytes end inside a length prefix",
    input: base(whole.slice(0, 5 + 4 + c0.length + 2)),
    errors: error("ERR_STREAM_TRUNCATED", "chunks[1]"),
  });
  v.push({
    description: "only the stream header",
    input: base(frameStream([])),
    errors: error("ERR_STREAM_TRUNCATED", "stream"),
  });
  v.push({
    description: "no bytes at all",
    input: base(new Uint8Array(0)),
    errors: error("ERR_STREAM_TRUNCATED", "stream"),
  });

  // --- count, chain, mixing (§5 steps 3, 5, 7)
  const k0 = await sealChunk(records(2), { id: STREAM_ID, seq: 0, final: false });
  const wrongTotal = await sealChunk(records(2, 2), {
    id: STREAM_ID,
    seq: 1,
    prev: k0.payloadDigest,
    final: true,
    total: 5,
  });
  v.push({
    description: "the final chunk states total 5 where the chunks hold 4 records",
    input: base(frameStream([k0.envelope, wrongTotal.envelope])),
    errors: error("ERR_STREAM_COUNT_MISMATCH", "chunks[1].manifest.stream.total"),
  });
  const other0 = await sealChunk(
    records(2, 100),
    { id: STREAM_ID, seq: 0, final: false },
    {},
    "other-jti-000000000000",
  );
  const spliced = await sealChunk(
    records(2, 102),
    { id: STREAM_ID, seq: 1, prev: other0.payloadDigest, final: false },
    {},
    "other-jti-000000000001",
  );
  v.push({
    description:
      "chunk 1 of another stream of the same sender that reused the stream id: prev does not match",
    input: base(frameStream([c0, spliced.envelope, c2])),
    errors: error("ERR_STREAM_CHAIN_BROKEN", "chunks[1].manifest.stream.prev"),
  });
  const otherStream = await handChunks([2, 2, 1], "another-stream-000001");
  v.push({
    description: "chunk 1 of another stream of the same sender substituted",
    input: base(frameStream([c0, otherStream.chunks[1]!, c2])),
    errors: error("ERR_STREAM_MIXED", "chunks[1].manifest.stream.id"),
  });
  const plain = await seal(input(records(1), { jti: "plain-envelope-000001" }), {
    signer,
    now: NOW_MS,
  });
  v.push({
    description: "a single envelope (no stream member) sent as a stream",
    input: base(frameStream([plain.envelope])),
    errors: error("ERR_STREAM_MIXED", "chunks[0].manifest.stream"),
  });
  const changed = await sealChunk(
    records(2, 2),
    { id: STREAM_ID, seq: 1, prev: k0.payloadDigest, final: true, total: 4 },
    { purpose: "statistics" },
  );
  v.push({
    description: "chunk 1 states another purpose than chunk 0",
    input: base(frameStream([k0.envelope, changed.envelope])),
    errors: error("ERR_STREAM_MIXED", "chunks[1].manifest.purpose"),
  });
  v.push({
    description: "chunk 0 unencrypted, chunks 1 and 2 encrypted",
    input: base(frameStream([c0, encrypted[1]!, encrypted[2]!]), {
      decryptionKeys: [{ kid: "deu-enc-1", privateKey: deuKeys[0]!.privateKey as JsonWebKey }],
    }),
    errors: error("ERR_STREAM_MIXED", "chunks[1]"),
  });

  // --- replay (§5 steps 2 and 6)
  const same0 = await sealChunk(
    records(2),
    { id: STREAM_ID, seq: 0, final: false },
    {},
    "same-jti-000000000001",
  );
  const same1 = await sealChunk(
    records(2, 2),
    { id: STREAM_ID, seq: 1, prev: same0.payloadDigest, final: true, total: 4 },
    {},
    "same-jti-000000000001",
  );
  v.push({
    description: "two chunks of the stream have the same jti",
    input: base(frameStream([same0.envelope, same1.envelope])),
    errors: error("ERR_ENVELOPE_REPLAYED", "chunks[1].manifest.jti"),
  });
  const jti0 = `chunk-jti-00000000-${STREAM_ID}`;
  v.push({
    description: "chunk 0 was accepted before (its iss and jti are in the replay store)",
    input: base(whole, { replay: [[SENDER, jti0, NOW + 86_400 + 300]] }),
    errors: error("ERR_ENVELOPE_REPLAYED", "chunks[0].manifest.jti"),
  });

  // --- envelope checks inside a chunk (§5 step 2)
  const badBody = c1.slice();
  badBody[badBody.length - 1]! ^= 0x01;
  v.push({
    description: "a body byte of chunk 1 changed: the envelope's digest check fails",
    input: base(frameStream([c0, badBody, c2])),
    errors: error("ERR_ENVELOPE_DIGEST_MISMATCH", "chunks[1].body"),
  });
  v.push({
    description: "the chunks have expired (verified three days later)",
    input: base(whole, { now: NOW + 3 * 86_400 }),
    errors: error("ERR_ENVELOPE_EXPIRED", "chunks[0].manifest.exp"),
  });

  // --- framing (§3)
  const badMagic = whole.slice();
  badMagic[3] = 0x52; // "CRDR": an envelope frame, not a stream
  v.push({
    description: "magic bytes CRDR instead of CRDS",
    input: base(badMagic),
    errors: error("ERR_STREAM_MALFORMED", "stream"),
  });
  const v2 = whole.slice();
  v2[4] = 0x02;
  v.push({
    description: "framing version 2",
    input: base(v2),
    errors: error("ERR_ENVELOPE_VERSION_UNSUPPORTED", "stream.version"),
  });
  v.push({
    description: "a chunk length of 0",
    input: base(new Uint8Array([0x43, 0x52, 0x44, 0x53, 0x01, 0, 0, 0, 0])),
    errors: error("ERR_STREAM_MALFORMED", "chunks[0]"),
  });
  v.push({
    description:
      "a chunk length of 2^32-1, above the default limit: rejected before the chunk is read",
    input: base(new Uint8Array([0x43, 0x52, 0x44, 0x53, 0x01, 0xff, 0xff, 0xff, 0xff])),
    errors: error("ERR_LIMIT_EXCEEDED", "chunks[0]"),
  });
  return v;
}
