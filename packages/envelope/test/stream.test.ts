/**
 * Streams of envelopes (spec/streams.md): round trips, every receiver rule with its error code,
 * delivery (nothing of a stream that did not complete), replay, spools, sources and sinks.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  createSealTransform,
  encodeStream,
  encrypt,
  MemoryReplayStore,
  memorySpool,
  openStream,
  safeVerifyStream,
  seal,
  sealChunks,
  sealStream,
  verifyStream,
} from "../src/index.js";
import {
  deuKeys,
  KEYS,
  NOW,
  NOW_MS,
  OTHER,
  openOptions,
  publicOf,
  RECIPIENT,
  record,
} from "./_fixtures.js";
import {
  again,
  frameStream,
  handChunks,
  openAll,
  readAll,
  records,
  STREAM_ID,
  sealBytes,
  sealChunk,
  sealList,
  sealOptions,
  streamFields,
} from "./_stream.js";
import { splitFrame } from "./_tamper.js";

const sha256 = (bytes: Uint8Array) =>
  `sha256:${createHash("sha256").update(bytes).digest("base64url")}`;

/** The payload digest of a frame, computed with node:crypto from the JWS payload. */
const payloadDigest = (frame: Uint8Array) =>
  sha256(Buffer.from(JSON.parse(splitFrame(frame).jws).payload, "base64url"));

const manifestOf = (frame: Uint8Array) =>
  JSON.parse(
    Buffer.from(JSON.parse(splitFrame(frame).jws).payload, "base64url").toString("utf8"),
  ) as {
    count: number;
    jti: string;
    stream: { id: string; seq: number; prev?: string; final: boolean; total?: number };
  };

describe("sealing", () => {
  it("cuts records into chained chunks, the last one final with the total", async () => {
    const chunks = await sealList(records(8), {}, { streamId: STREAM_ID });
    expect(chunks).toHaveLength(3);
    const manifests = chunks.map(manifestOf);
    expect(manifests.map((m) => m.count)).toEqual([3, 3, 2]);
    expect(manifests.map((m) => m.stream)).toEqual([
      { id: STREAM_ID, seq: 0, final: false },
      { id: STREAM_ID, seq: 1, prev: payloadDigest(chunks[0]!), final: false },
      { id: STREAM_ID, seq: 2, prev: payloadDigest(chunks[1]!), final: true, total: 8 },
    ]);
    expect(new Set(manifests.map((m) => m.jti)).size).toBe(3);
  });

  it("seals no empty final chunk when the count is a multiple of the chunk size", async () => {
    const chunks = await sealList(records(6));
    expect(chunks.map((c) => manifestOf(c).count)).toEqual([3, 3]);
    expect(manifestOf(chunks[1]!).stream).toMatchObject({ final: true, total: 6 });
  });

  it("seals a stream of no records as one final chunk with total 0", async () => {
    const chunks = await sealList([]);
    expect(chunks).toHaveLength(1);
    expect(manifestOf(chunks[0]!).stream).toMatchObject({ seq: 0, final: true, total: 0 });
    const out = await openAll(again(frameStream(chunks)));
    expect(out.records).toEqual([]);
    expect(out.summary?.total).toBe(0);
  });

  it("frames the stream as spec/streams.md §3 says", async () => {
    const { bytes } = await sealBytes(records(4));
    const buf = Buffer.from(bytes);
    expect(buf.subarray(0, 5)).toEqual(Buffer.from([0x43, 0x52, 0x44, 0x53, 0x01]));
    const first = buf.readUInt32BE(5);
    expect(buf.subarray(9, 13).toString("latin1")).toBe("CRDR");
    const second = buf.readUInt32BE(9 + first);
    expect(9 + first + 4 + second).toBe(buf.length);
  });

  it("encodeStream frames whole chunks as sealStream does", async () => {
    const chunks = await sealList(records(5));
    expect(encodeStream(chunks)).toEqual(frameStream(chunks));
    expect(encodeStream([])).toEqual(frameStream([]));
  });

  it("reports the stream digest: the final chunk's payload digest", async () => {
    const sealed = sealStream(
      { ...streamFields(), records: records(5) },
      sealOptions({ chunkSize: 2 }),
    );
    const bytes = await readAll(sealed.readable);
    const summary = await sealed.summary;
    const buf = Buffer.from(bytes);
    const chunks: Uint8Array[] = [];
    for (let o = 5; o < buf.length; ) {
      const n = buf.readUInt32BE(o);
      chunks.push(new Uint8Array(buf.subarray(o + 4, o + 4 + n)));
      o += 4 + n;
    }
    expect(summary).toMatchObject({ chunks: 3, total: 5, encrypted: false });
    expect(summary.digest).toBe(payloadDigest(chunks[2]!));
  });

  it("reads records from an async generator, a Node.js Readable and a ReadableStream", async () => {
    const recs = records(7);
    async function* gen() {
      yield* recs;
    }
    const sources = [
      gen(),
      Readable.from(recs),
      new ReadableStream({
        start(c) {
          for (const r of recs) c.enqueue(r);
          c.close();
        },
      }),
    ];
    for (const source of sources) {
      const { readable, summary } = sealStream(
        { ...streamFields(), records: source },
        sealOptions(),
      );
      const out = await openAll(again(await readAll(readable)));
      expect(out.records).toEqual(recs);
      expect((await summary).total).toBe(7);
    }
  });

  it("refuses an invalid record, naming its index in the stream, and seals nothing after it", async () => {
    const recs: unknown[] = records(8);
    recs[5] = { ...record(5), person: { identifiers: { name: { given: "X" } } } };
    const sealed = sealStream({ ...streamFields(), records: recs }, sealOptions());
    const reader = sealed.readable.getReader();
    const got: Uint8Array[] = [];
    let error: { code?: string; path?: unknown } | undefined;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        got.push(value);
      }
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.code).toBe("ERR_RECORD_INVALID");
    expect((error?.path as unknown[] | undefined)?.slice(0, 2)).toEqual(["records", 5]);
    await expect(sealed.summary).rejects.toMatchObject({ code: "ERR_RECORD_INVALID" });
    // the header and chunk 0 (records 0-2) went out; a receiver sees a truncated stream
    const out = await openAll(again(new Uint8Array(Buffer.concat(got))));
    expect(out.error?.code).toBe("ERR_STREAM_TRUNCATED");
    expect(out.records).toEqual([]);
  });

  it("reports bad arguments through the stream, not by throwing", async () => {
    for (const [extra, fields] of [
      [{ chunkSize: 0 }, {}],
      [{}, { streamId: "short" }],
    ] as const) {
      const sealed = sealStream(
        { ...streamFields(fields), records: records(2) },
        sealOptions(extra),
      );
      await expect(readAll(sealed.readable)).rejects.toMatchObject({
        code: "ERR_INVALID_ARGUMENT",
      });
      await expect(sealed.summary).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
    }
  });

  it("works as a TransformStream in a pipeline", async () => {
    const recs = records(10);
    const transform = createSealTransform(streamFields(), sealOptions({ chunkSize: 4 }));
    const source = new ReadableStream({
      start(c) {
        for (const r of recs) c.enqueue(r);
        c.close();
      },
    });
    const bytes = await readAll(source.pipeThrough(transform));
    const summary = await transform.summary;
    expect(summary).toMatchObject({ chunks: 3, total: 10 });
    const out = await openAll(again(bytes));
    expect(out.records).toEqual(recs);
    expect(out.summary?.digest).toBe(summary.digest);
  });

  it("yields sealed chunks one at a time and returns the summary", async () => {
    const gen = sealChunks({ ...streamFields(), records: records(4) }, sealOptions());
    const first = await gen.next();
    expect(first.done).toBe(false);
    const second = await gen.next();
    const end = await gen.next();
    if (second.done || !end.done) throw new Error("expected two chunks, then the summary");
    expect(end.value).toMatchObject({ chunks: 2, total: 4, digest: second.value.payloadDigest });
  });
});

describe("opening", () => {
  it("round-trips through every delivery: re-read source, spool, as verified", async () => {
    const recs = records(10);
    const { bytes, summary } = await sealBytes(recs);
    const outcomes = [
      await openAll(again(bytes)),
      await openAll(bytes, { spool: memorySpool() }),
      await openAll(bytes, { deliver: "as-verified" }),
    ];
    for (const out of outcomes) {
      expect(out.error).toBeUndefined();
      expect(out.records).toEqual(recs);
      expect(out.summary).toMatchObject({ id: summary.id, chunks: 4, total: 10 });
      expect(out.summary?.digest).toBe(summary.digest);
      expect(out.complete).toBe("resolved");
    }
  });

  it("reads bytes in any piece sizes: one byte at a time, a Node.js Readable, a ReadableStream", async () => {
    const recs = records(5);
    const { bytes } = await sealBytes(recs);
    const ones = () => Array.from(bytes, (b) => Uint8Array.of(b));
    const sources = [
      () => ones(),
      () =>
        Readable.from(
          Buffer.from(bytes)
            .toString("latin1")
            .match(/[\s\S]{1,777}/g)!
            .map((s) => Buffer.from(s, "latin1")),
        ),
      () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            for (let o = 0; o < bytes.length; o += 4096) c.enqueue(bytes.slice(o, o + 4096));
            c.close();
          },
        }),
    ];
    for (const source of sources) {
      const out = await openAll(source);
      expect(out.error).toBeUndefined();
      expect(out.records).toEqual(recs);
    }
  });

  it("round-trips a stream encrypted to two recipients (X25519 and P-256 keys)", async () => {
    const recs = records(7);
    const { bytes, summary } = await sealBytes(
      recs,
      {
        encryptTo: [
          { agency: RECIPIENT, kid: "deu-enc-1", publicKey: publicJwk(deuKeys[0]!.privateKey) },
          { agency: OTHER, kid: "ita-enc-1", publicKey: itaPublic() },
        ],
      },
      { aud: [RECIPIENT, OTHER] },
    );
    expect(summary.encrypted).toBe(true);
    expect(bytes[9]).toBe(0x7b); // chunk 0 is JWE JSON text
    for (const deliver of ["after-verification", "as-verified"] as const) {
      const out = await openAll(again(bytes), { deliver, requireEncryption: true });
      expect(out.records).toEqual(recs);
      expect(out.summary).toMatchObject({ encrypted: true, total: 7 });
    }
  });

  it("hands out verified chunks with their manifests, and a ReadableStream of records", async () => {
    const recs = records(7);
    const { bytes } = await sealBytes(recs);
    const opened = openStream(again(bytes), openOptions());
    const seqs: number[] = [];
    for await (const chunk of opened.chunks) {
      seqs.push(chunk.seq);
      expect(chunk.manifest.stream?.seq).toBe(chunk.seq);
      expect(chunk.records).toHaveLength(chunk.manifest.count);
    }
    expect(seqs).toEqual([0, 1, 2]);
    await expect(opened.complete).resolves.toMatchObject({ total: 7 });

    const second = openStream(bytes, { ...openOptions(), deliver: "as-verified" });
    const got: unknown[] = [];
    const reader = second.recordStream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      got.push(value);
    }
    expect(got).toEqual(recs);
  });

  it("opens chunks that travel one per message (framing: chunks), in every delivery", async () => {
    const recs = records(8);
    const chunks = await sealList(recs);
    for (const extra of [{}, { deliver: "as-verified" as const }, { spool: memorySpool() }]) {
      const source =
        "spool" in extra || "deliver" in extra ? chunks : () => chunks.map((c) => c.slice());
      const out = await openAll(source, { framing: "chunks", ...extra });
      expect(out.error).toBeUndefined();
      expect(out.records).toEqual(recs);
    }
    const dropped = await openAll(() => [chunks[0]!, chunks[2]!], { framing: "chunks" });
    expect(dropped.error).toEqual({
      code: "ERR_STREAM_SEQUENCE",
      path: ["chunks", 1, "manifest", "stream", "seq"],
    });
    const empty = await openAll(() => [chunks[0]!, new Uint8Array(0)], { framing: "chunks" });
    expect(empty.error).toEqual({ code: "ERR_STREAM_MALFORMED", path: ["chunks", 1] });
    const truncated = await openAll(() => chunks.slice(0, 2), { framing: "chunks" });
    expect(truncated.error).toEqual({ code: "ERR_STREAM_TRUNCATED", path: ["chunks", 2] });
  });

  it("can be read only once", async () => {
    const { bytes } = await sealBytes(records(2));
    const opened = openStream(again(bytes), openOptions());
    for await (const _ of opened.records) {
      // drain
    }
    const again2: unknown[] = [];
    await expect(async () => {
      for await (const r of opened.chunks) again2.push(r);
    }).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
    expect(again2).toEqual([]);
  });

  it("reads bytes in memory twice without a spool: a Uint8Array, an ArrayBuffer, an array of pieces", async () => {
    const recs = records(7);
    const { bytes, summary } = await sealBytes(recs);
    // an ArrayBuffer of exactly the stream, and a Uint8Array that is a view into a larger buffer
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const view = padded.subarray(8, 8 + bytes.length);
    const pieces = [bytes.subarray(0, 3), bytes.subarray(3, 100), bytes.subarray(100)];
    for (const source of [bytes, view, bytes.slice().buffer, pieces]) {
      const out = await openAll(source);
      expect(out.error).toBeUndefined();
      expect(out.records).toEqual(recs);
      expect(out.summary?.digest).toBe(summary.digest);
      expect(out.complete).toBe("resolved");
    }
    await expect(verifyStream(bytes.slice().buffer, openOptions())).resolves.toMatchObject({
      total: 7,
      digest: summary.digest,
    });
  });

  it("bytes in memory changed between verification and delivery: ERR_STREAM_CHANGED", async () => {
    const { bytes } = await sealBytes(records(9));
    const inner = new MemoryReplayStore({ now: NOW_MS });
    let changed = false;
    // the replay store is written once the stream verified, before the second reading
    const replay = {
      has: (iss: string, jti: string) => inner.has(iss, jti),
      put: (iss: string, jti: string, exp: number) => {
        if (!changed) {
          changed = true;
          bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
        }
        return inner.put(iss, jti, exp);
      },
    };
    const out = await openAll(bytes, { replay });
    expect(changed).toBe(true);
    expect(out.error?.code).toBe("ERR_STREAM_CHANGED");
    expect(out.error?.path?.[0]).toBe("chunks");
    expect(out.complete).toBe("rejected");
  });

  it("needs a spool to deliver a source read once after verification", async () => {
    const { bytes } = await sealBytes(records(2));
    const once = [
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      Readable.from([bytes]),
      (async function* () {
        yield bytes;
      })(),
    ];
    for (const source of once) {
      const out = await openAll(source);
      expect(out.error).toEqual({ code: "ERR_INVALID_ARGUMENT", path: ["options", "spool"] });
      expect(out.records).toEqual([]);
      expect(out.complete).toBe("rejected");
    }
  });

  it("reports bad options of open through the iterator (no throw)", async () => {
    const { bytes } = await sealBytes(records(2));
    const out = await openAll(again(bytes), { recipient: "not an agency" });
    expect(out.error?.code).toBe("ERR_INVALID_ARGUMENT");
    expect(out.records).toEqual([]);
  });

  it("rejects ERR_STREAM_CANCELLED on complete when the reader stops early", async () => {
    const { bytes } = await sealBytes(records(9));
    const opened = openStream(bytes, { ...openOptions(), deliver: "as-verified" });
    for await (const _ of opened.records) break;
    await expect(opened.complete).rejects.toMatchObject({ code: "ERR_STREAM_CANCELLED" });
  });
});

describe("receiver rules (spec/streams.md §5), one failure each", () => {
  it("ERR_STREAM_SEQUENCE: a dropped chunk", async () => {
    const chunks = await sealList(records(9));
    const out = await openAll(again(frameStream([chunks[0]!, chunks[2]!])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_SEQUENCE",
      path: ["chunks", 1, "manifest", "stream", "seq"],
    });
  });

  it("ERR_STREAM_SEQUENCE: a duplicated chunk", async () => {
    const chunks = await sealList(records(9));
    const out = await openAll(again(frameStream([chunks[0]!, chunks[1]!, chunks[1]!, chunks[2]!])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_SEQUENCE",
      path: ["chunks", 2, "manifest", "stream", "seq"],
    });
  });

  it("ERR_STREAM_SEQUENCE: reordered chunks", async () => {
    const chunks = await sealList(records(9));
    const out = await openAll(again(frameStream([chunks[1]!, chunks[0]!, chunks[2]!])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_SEQUENCE",
      path: ["chunks", 0, "manifest", "stream", "seq"],
    });
  });

  it("ERR_STREAM_SEQUENCE: a chunk after the final one", async () => {
    const chunks = await sealList(records(9));
    const out = await openAll(again(frameStream([...chunks, chunks[2]!])));
    expect(out.error).toEqual({ code: "ERR_STREAM_SEQUENCE", path: ["chunks", 3] });
  });

  it("ERR_STREAM_SEQUENCE: any bytes after the final chunk", async () => {
    const { bytes } = await sealBytes(records(9));
    for (const tail of [[0x00], [0x00, 0x00, 0x00, 0x05, 0x01], [0xff, 0xff, 0xff, 0xff]]) {
      const out = await openAll(again(new Uint8Array([...bytes, ...tail])));
      expect(out.error, tail.join()).toEqual({ code: "ERR_STREAM_SEQUENCE", path: ["chunks", 3] });
      expect(out.records).toEqual([]);
    }
  });

  it("ERR_STREAM_CHAIN_BROKEN: a chunk of another stream that reused the id (same signer)", async () => {
    const a = await handChunks([2, 2, 2]);
    // another stream of the same sender with the same id: its chunk 0 differs from a's
    const b0 = await sealChunk(
      records(2, 100),
      { id: STREAM_ID, seq: 0, final: false },
      {},
      "other-jti-000000000000",
    );
    const b1 = await sealChunk(
      records(2, 102),
      { id: STREAM_ID, seq: 1, prev: b0.payloadDigest, final: false },
      {},
      "other-jti-000000000001",
    );
    const out = await openAll(again(frameStream([a.chunks[0]!, b1.envelope, a.chunks[2]!])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_CHAIN_BROKEN",
      path: ["chunks", 1, "manifest", "stream", "prev"],
    });
    expect(out.records).toEqual([]);
  });

  it("ERR_STREAM_TRUNCATED: the final chunk is missing", async () => {
    const chunks = await sealList(records(9));
    const out = await openAll(again(frameStream(chunks.slice(0, 2))));
    expect(out.error).toEqual({ code: "ERR_STREAM_TRUNCATED", path: ["chunks", 2] });
  });

  it("ERR_STREAM_TRUNCATED: the bytes end inside a chunk, inside the header, or are empty", async () => {
    const { bytes } = await sealBytes(records(9));
    for (const [cut, path] of [
      [bytes.length - 1, ["chunks", 2]],
      [bytes.length - 200, ["chunks", 2]],
      [7, ["chunks", 0]],
      [3, ["stream"]],
      [0, ["stream"]],
    ] as const) {
      const out = await openAll(again(bytes.slice(0, cut)));
      expect(out.error, String(cut)).toEqual({ code: "ERR_STREAM_TRUNCATED", path });
    }
  });

  it("ERR_STREAM_COUNT_MISMATCH: the final total is not the sum of the counts", async () => {
    const c0 = await sealChunk(records(2), { id: STREAM_ID, seq: 0, final: false });
    const c1 = await sealChunk(records(2, 2), {
      id: STREAM_ID,
      seq: 1,
      prev: c0.payloadDigest,
      final: true,
      total: 5,
    });
    const out = await openAll(again(frameStream([c0.envelope, c1.envelope])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_COUNT_MISMATCH",
      path: ["chunks", 1, "manifest", "stream", "total"],
    });
  });

  it("ERR_STREAM_MIXED: a chunk of another stream of the same signer substituted", async () => {
    const a = await sealList(records(9));
    const b = await sealList(records(9, 100));
    const out = await openAll(again(frameStream([a[0]!, b[1]!, a[2]!])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_MIXED",
      path: ["chunks", 1, "manifest", "stream", "id"],
    });
  });

  it("ERR_STREAM_MIXED: an envelope that is not a chunk", async () => {
    const single = await seal(
      { ...streamFields(), records: records(1), jti: "single-jti-0000000001" },
      { signer: sealOptions().signer, now: NOW_MS },
    );
    const out = await openAll(again(frameStream([single.envelope])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_MIXED",
      path: ["chunks", 0, "manifest", "stream"],
    });
  });

  it("ERR_STREAM_MIXED: a fixed member changes between chunks", async () => {
    const c0 = await sealChunk(records(2), { id: STREAM_ID, seq: 0, final: false });
    const c1 = await sealChunk(
      records(2, 2),
      { id: STREAM_ID, seq: 1, prev: c0.payloadDigest, final: true, total: 4 },
      { purpose: "statistics" },
    );
    const out = await openAll(again(frameStream([c0.envelope, c1.envelope])));
    expect(out.error).toEqual({
      code: "ERR_STREAM_MIXED",
      path: ["chunks", 1, "manifest", "purpose"],
    });
  });

  it("ERR_STREAM_MIXED: encrypted and unencrypted chunks in one stream", async () => {
    const { chunks } = await handChunks([2, 2]);
    const enc = await encrypt(chunks[1]!, {
      recipients: [{ kid: "deu-enc-1", publicKey: publicJwk(deuKeys[0]!.privateKey) }],
    });
    const out = await openAll(again(frameStream([chunks[0]!, enc])));
    expect(out.error).toEqual({ code: "ERR_STREAM_MIXED", path: ["chunks", 1] });
  });

  it("ERR_ENVELOPE_REPLAYED: two chunks with the same jti", async () => {
    const c0 = await sealChunk(
      records(2),
      { id: STREAM_ID, seq: 0, final: false },
      {},
      "same-jti-000000000001",
    );
    const c1 = await sealChunk(
      records(2, 2),
      { id: STREAM_ID, seq: 1, prev: c0.payloadDigest, final: true, total: 4 },
      {},
      "same-jti-000000000001",
    );
    const out = await openAll(again(frameStream([c0.envelope, c1.envelope])));
    expect(out.error).toEqual({
      code: "ERR_ENVELOPE_REPLAYED",
      path: ["chunks", 1, "manifest", "jti"],
    });
  });

  it("ERR_STREAM_MALFORMED: bad magic bytes, a zero length", async () => {
    const { bytes } = await sealBytes(records(2));
    const badMagic = bytes.slice();
    badMagic[0] = 0x58;
    expect((await openAll(again(badMagic))).error).toEqual({
      code: "ERR_STREAM_MALFORMED",
      path: ["stream"],
    });
    const zero = new Uint8Array([...bytes.slice(0, 5), 0, 0, 0, 0]);
    expect((await openAll(again(zero))).error).toEqual({
      code: "ERR_STREAM_MALFORMED",
      path: ["chunks", 0],
    });
  });

  it("ERR_ENVELOPE_VERSION_UNSUPPORTED: an unknown framing version", async () => {
    const { bytes } = await sealBytes(records(2));
    const v2 = bytes.slice();
    v2[4] = 2;
    expect((await openAll(again(v2))).error).toEqual({
      code: "ERR_ENVELOPE_VERSION_UNSUPPORTED",
      path: ["stream", "version"],
    });
  });

  it("ERR_LIMIT_EXCEEDED: a length over the limit (before reading it), too many chunks", async () => {
    const huge = new Uint8Array([0x43, 0x52, 0x44, 0x53, 0x01, 0xff, 0xff, 0xff, 0xff]);
    expect((await openAll(again(huge))).error).toEqual({
      code: "ERR_LIMIT_EXCEEDED",
      path: ["chunks", 0],
    });
    const { bytes } = await sealBytes(records(9));
    expect((await openAll(again(bytes), { maxChunks: 2 })).error).toEqual({
      code: "ERR_LIMIT_EXCEEDED",
      path: ["chunks", 2],
    });
  });

  it("an envelope failure inside a chunk keeps its code, with the chunk in the path", async () => {
    const chunks = await sealList(records(9));
    const bad = chunks[1]!.slice();
    bad[bad.length - 1]! ^= 0x01; // a body byte: the digest no longer matches
    const out = await openAll(again(frameStream([chunks[0]!, bad, chunks[2]!])));
    expect(out.error).toEqual({
      code: "ERR_ENVELOPE_DIGEST_MISMATCH",
      path: ["chunks", 1, "body"],
    });
    const late = await openAll(again(frameStream(chunks)), { now: (NOW + 3 * 86_400) * 1000 });
    expect(late.error?.code).toBe("ERR_ENVELOPE_EXPIRED");
    expect(late.error?.path?.slice(0, 2)).toEqual(["chunks", 0]);
  });

  it("ERR_STREAM_CHANGED: the second reading differs from what was verified", async () => {
    const chunks = await sealList(records(9));
    const other = await sealList(records(9, 50));
    let calls = 0;
    const changing = () =>
      frameStream(calls++ === 0 ? chunks : [chunks[0]!, other[1]!, chunks[2]!]);
    const out = await openAll(changing);
    expect(out.error).toEqual({ code: "ERR_STREAM_CHANGED", path: ["chunks", 1] });
    // only chunk 0, verified and unchanged, was delivered
    expect(out.records).toEqual(records(3));
    let n = 0;
    const shorter = () => frameStream(n++ === 0 ? chunks : chunks.slice(0, 2));
    expect((await openAll(shorter)).error).toEqual({
      code: "ERR_STREAM_CHANGED",
      path: ["chunks", 2],
    });
    let m = 0;
    const cut = () => {
      const whole = frameStream(chunks);
      return m++ === 0 ? whole : whole.slice(0, whole.length - 5);
    };
    expect((await openAll(cut)).error).toEqual({ code: "ERR_STREAM_CHANGED", path: ["chunks", 2] });
  });
});

describe("delivery: nothing of a stream that does not complete", () => {
  const failing = async () => {
    const chunks = await sealList(records(12));
    return frameStream(chunks.slice(0, 3)); // the final chunk is missing
  };

  it("after verification (re-read source or spool): no record at all", async () => {
    const bytes = await failing();
    let reads = 0;
    const out = await openAll(() => {
      reads++;
      return bytes;
    });
    expect(out).toMatchObject({ records: [], complete: "rejected" });
    expect(out.error?.code).toBe("ERR_STREAM_TRUNCATED");
    expect(reads).toBe(1);
    let cleared = 0;
    const spool = memorySpool();
    const spied = { ...spool, clear: () => void cleared++ };
    const viaSpool = await openAll(bytes, { spool: spied });
    expect(viaSpool).toMatchObject({ records: [], complete: "rejected" });
    expect(cleared).toBe(1);
  });

  it("as verified: records of verified chunks, then the failure, and complete rejects", async () => {
    const bytes = await failing();
    const opened = openStream(bytes, { ...openOptions(), deliver: "as-verified" });
    let settled = false;
    opened.complete.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    const got: unknown[] = [];
    let error: { code?: string } | undefined;
    try {
      for await (const r of opened.records) {
        got.push(r);
        await new Promise((r) => setTimeout(r, 0));
        expect(settled).toBe(false); // complete waits for the final chunk
      }
    } catch (e) {
      error = e as { code?: string };
    }
    expect(got).toEqual(records(9));
    expect(error?.code).toBe("ERR_STREAM_TRUNCATED");
    await expect(opened.complete).rejects.toMatchObject({ code: "ERR_STREAM_TRUNCATED" });
  });
});

describe("replay (spec/streams.md §5 steps 2 and 9)", () => {
  it("records the chunks once the stream verified: the same stream is refused the second time", async () => {
    const { bytes } = await sealBytes(records(7));
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const first = await openAll(again(bytes), { replay });
    expect(first.complete).toBe("resolved");
    expect(replay.size).toBe(3);
    const second = await openAll(again(bytes), { replay });
    expect(second.error).toEqual({
      code: "ERR_ENVELOPE_REPLAYED",
      path: ["chunks", 0, "manifest", "jti"],
    });
    expect(second.records).toEqual([]);
  });

  it("a chunk replayed from an accepted stream into a new one is refused", async () => {
    const a = await sealList(records(6));
    const replay = new MemoryReplayStore({ now: NOW_MS });
    expect((await openAll(again(frameStream(a)), { replay })).complete).toBe("resolved");
    const b = await sealList(records(6, 10));
    const out = await openAll(again(frameStream([b[0]!, a[1]!])), { replay });
    expect(out.error).toEqual({
      code: "ERR_ENVELOPE_REPLAYED",
      path: ["chunks", 1, "manifest", "jti"],
    });
  });

  it("records nothing for a stream that failed: the sender can send it again", async () => {
    const chunks = await sealList(records(9));
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const truncated = await openAll(again(frameStream(chunks.slice(0, 2))), { replay });
    expect(truncated.error?.code).toBe("ERR_STREAM_TRUNCATED");
    expect(replay.size).toBe(0);
    const retry = await openAll(again(frameStream(chunks)), { replay });
    expect(retry.records).toEqual(records(9));
  });

  it("of two concurrent openings of one stream, one fails", async () => {
    const { bytes } = await sealBytes(records(7));
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const outs = await Promise.all([
      openAll(again(bytes), { replay }),
      openAll(again(bytes), { replay }),
    ]);
    const failed = outs.filter((o) => o.error !== undefined);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error?.code).toBe("ERR_ENVELOPE_REPLAYED");
    expect(failed[0]!.records).toEqual([]);
  });

  it("verifyStream checks everything and records nothing", async () => {
    const { bytes, summary } = await sealBytes(records(7));
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const checked = await verifyStream(bytes, { ...openOptions(), replay });
    expect(checked).toMatchObject({ total: 7, chunks: 3, digest: summary.digest });
    expect(replay.size).toBe(0);
    const bad = await safeVerifyStream(bytes.slice(0, -1), { ...openOptions(), replay });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.code).toBe("ERR_STREAM_TRUNCATED");
  });
});

function publicJwk(jwk: CryptoKey | JsonWebKey): JsonWebKey {
  return publicOf(jwk as JsonWebKey);
}
function itaPublic(): JsonWebKey {
  return publicOf(KEYS.itaEnc);
}
