/**
 * Properties of streams (spec/streams.md): any sequence of records, cut into any chunk size,
 * comes back unchanged; any removal, duplication or reordering of chunks is detected and nothing
 * is delivered; flipping any bit anywhere in a stream makes opening fail and nothing is delivered.
 */
import { arbSharedRecord } from "@corridor/schema/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deuKeys, KEYS, openOptions, publicOf } from "./_fixtures.js";
import { again, frameStream, openAll, records, sealBytes, sealList } from "./_stream.js";

describe("round trip", () => {
  it("any shared records, any chunk size: the same records, in order, in every delivery mode", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbSharedRecord(), { maxLength: 25 }),
        fc.integer({ min: 1, max: 9 }),
        async (recs, chunkSize) => {
          const { bytes, summary } = await sealBytes(recs, { chunkSize });
          expect(summary.total).toBe(recs.length);
          expect(summary.chunks).toBe(Math.max(1, Math.ceil(recs.length / chunkSize)));
          const after = await openAll(again(bytes));
          const asVerified = await openAll(bytes, { deliver: "as-verified" });
          expect(after.error).toBeUndefined();
          expect(asVerified.error).toBeUndefined();
          expect(after.records).toEqual(recs);
          // the second pass delivers decoded records; they equal what open() validated
          expect(after.records).toStrictEqual(asVerified.records);
          expect(after.summary?.digest).toBe(summary.digest);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("tampering with the order of chunks", () => {
  it("any removal, duplication or reordering of chunks is detected; nothing is delivered", async () => {
    const streams = await Promise.all(
      [2, 3, 5].map((n) => sealList(records(2 * n), { chunkSize: 2 })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: streams.length - 1 })
          .chain((s) =>
            fc.tuple(
              fc.constant(s),
              fc.array(fc.nat(streams[s]!.length - 1), { maxLength: streams[s]!.length + 2 }),
            ),
          )
          .filter(([s, order]) => order.join() !== streams[s]!.map((_, i) => i).join()),
        async ([s, order]) => {
          const chunks = streams[s]!;
          const bytes = frameStream(order.map((i) => chunks[i]!));
          const after = await openAll(again(bytes));
          expect(after.error).toBeDefined();
          expect(after.records).toEqual([]);
          expect(after.complete).toBe("rejected");
          const asVerified = await openAll(bytes, { deliver: "as-verified" });
          expect(asVerified.error).toBeDefined();
          expect(asVerified.complete).toBe("rejected");
          expect([
            "ERR_STREAM_SEQUENCE",
            "ERR_STREAM_TRUNCATED",
            "ERR_ENVELOPE_REPLAYED",
          ]).toContain(after.error?.code);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("flipping bits", () => {
  const flip = (bytes: Uint8Array, bit: number) => {
    const out = bytes.slice();
    out[bit >> 3]! ^= 1 << (bit & 7);
    return out;
  };

  it("flipping any bit of a signed stream makes it fail; nothing is delivered", async () => {
    const { bytes } = await sealBytes(records(5), { chunkSize: 2 });
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length * 8 - 1), async (bit) => {
        const out = await openAll(again(flip(bytes, bit)));
        expect(out.error).toBeDefined();
        expect(out.records).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it("flipping any bit of a stream encrypted to one recipient makes it fail", async () => {
    const { bytes } = await sealBytes(records(3), {
      chunkSize: 2,
      encryptTo: [{ kid: "deu-enc-1", publicKey: publicOf(KEYS.deuEnc) }],
    });
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length * 8 - 1), async (bit) => {
        const out = await openAll(again(flip(bytes, bit)), {
          ...openOptions(),
          decryptionKeys: deuKeys,
        });
        expect(out.error).toBeDefined();
        expect(out.records).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });
});
