import { arbSharedRecord } from "@corridor/schema/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { open, safeOpen, seal } from "../src/index.js";
import { input, NOW, NOW_MS, openOptions, signer, trust } from "./_fixtures.js";

describe("properties", () => {
  it("seal then open returns every valid shared record unchanged (MessagePack and JSON)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbSharedRecord(), { maxLength: 6 }),
        fc.constantFrom("msgpack" as const, "json" as const),
        fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/),
        async (records, encoding, jti) => {
          const sealed = await seal(input(records, { encoding, jti }), { signer, now: NOW_MS });
          const opened = await open(sealed.envelope, openOptions());
          expect(opened.records).toEqual(records);
          expect(opened.manifest.count).toBe(records.length);
          expect(opened.payloadDigest).toBe(sealed.payloadDigest);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("flipping any bit of any part of an envelope makes open fail", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const bytes = sealed.envelope;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = new Uint8Array(bytes);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        const result = await safeOpen(flipped, openOptions());
        expect(result.success).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("flipping any bit of an envelope encrypted to one recipient makes open fail", async () => {
    const [key] = trust.recipientKeys(["DEU.bamf"], NOW);
    const sealed = await seal(input(), { signer, now: NOW_MS, encryptTo: [key!] });
    const bytes = sealed.envelope;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = new Uint8Array(bytes);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        expect((await safeOpen(flipped, openOptions())).success).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("with several recipients, each detects any flip in the shared parts and in its own entry", async () => {
    // Another recipient's entry is not authenticated for me (RFC 7516 §7.2.1): a change there can
    // only make that recipient's decryption fail, which that recipient detects.
    const sealed = await seal(input(), {
      signer,
      now: NOW_MS,
      encryptTo: trust.recipientKeys(["DEU.bamf"], NOW),
    });
    const bytes = sealed.envelope;
    const text = Buffer.from(bytes).toString("latin1");
    const second = text.indexOf('{"header":{"alg":"ECDH-ES+A256KW","kid":"deu-enc-2"');
    const secondEnd = text.indexOf("}]", second) + 1;
    expect(second).toBeGreaterThan(0);
    const [first, other] = openOptions().decryptionKeys!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = new Uint8Array(bytes);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        const inSecond = bit >> 3 >= second && bit >> 3 < secondEnd;
        const keys = inSecond ? [other!] : [first!];
        expect((await safeOpen(flipped, openOptions({ decryptionKeys: keys }))).success).toBe(
          false,
        );
      }),
      { numRuns: 150 },
    );
  });

  it("every truncation of an envelope fails", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.envelope.length - 1 }), async (length) => {
        const result = await safeOpen(sealed.envelope.subarray(0, length), openOptions());
        expect(result.success).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("arbitrary bytes are rejected without throwing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .uint8Array({ maxLength: 300 })
            .map((b) => new Uint8Array([0x43, 0x52, 0x44, 0x52, 1, ...b])),
          fc.json().map((j) => new TextEncoder().encode(j)),
        ),
        async (bytes) => {
          const result = await safeOpen(bytes, openOptions());
          expect(result.success).toBe(false);
          if (!result.success) expect(result.failures.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
