/**
 * The keyed HMAC-SHA256 behind every pseudonym: RFC 4231 §4, Wycheproof hmac_sha256_test.json,
 * and agreement with node:crypto and @noble/hashes on random keys and messages.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyedHmacSha256 } from "../src/_hmac-sha256.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("RFC 4231 §4 (HMAC-SHA-256 results)", () => {
  const cases: [string, Uint8Array, Uint8Array, string][] = [
    [
      "4.2 test case 1",
      new Uint8Array(20).fill(0x0b),
      ascii("Hi There"),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      "4.3 test case 2 (short key)",
      ascii("Jefe"),
      ascii("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      "4.4 test case 3",
      new Uint8Array(20).fill(0xaa),
      new Uint8Array(50).fill(0xdd),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    ],
    [
      "4.5 test case 4",
      Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      new Uint8Array(50).fill(0xcd),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    ],
    [
      "4.6 test case 5 (truncated to 128 bits)",
      new Uint8Array(20).fill(0x0c),
      ascii("Test With Truncation"),
      "a3b6167473100ee06e0c796c2955552b",
    ],
    [
      "4.7 test case 6 (131-byte key)",
      new Uint8Array(131).fill(0xaa),
      ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      "4.8 test case 7 (131-byte key, 152-byte data)",
      new Uint8Array(131).fill(0xaa),
      ascii(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
      ),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ];
  it.each(cases)("%s", (_name, key, data, expected) => {
    const mac = new KeyedHmacSha256(key).mac(data);
    expect(toHex(mac).slice(0, expected.length)).toBe(expected);
  });
});

interface WycheproofMac {
  testGroups: {
    keySize: number;
    tagSize: number;
    tests: {
      tcId: number;
      comment: string;
      key: string;
      msg: string;
      tag: string;
      result: "valid" | "invalid";
    }[];
  }[];
}

describe("Wycheproof hmac_sha256_test.json", () => {
  const file = JSON.parse(
    readFileSync(
      join(import.meta.dirname, "vectors", "wycheproof", "hmac_sha256_test.json"),
      "utf8",
    ),
  ) as WycheproofMac;
  const tests = file.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, tagSize: g.tagSize })));
  it("has the expected number of cases", () => {
    expect(tests.length).toBe(174);
  });
  it.each(tests.map((t) => [t.tcId, t.comment, t] as const))("tcId %i %s", (_id, _c, t) => {
    const mac = toHex(new KeyedHmacSha256(hex(t.key)).mac(hex(t.msg))).slice(0, t.tagSize / 4);
    if (t.result === "valid") expect(mac).toBe(t.tag);
    else expect(mac).not.toBe(t.tag);
  });
});

describe("agreement with other implementations", () => {
  it("equals node:crypto and @noble/hashes for any key and message (block boundaries included)", () => {
    const lengths = fc.oneof(
      fc.integer({ min: 0, max: 300 }),
      fc.constantFrom(0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        lengths.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        (key, msg) => {
          const expected = createHmac("sha256", key).update(msg).digest("hex");
          expect(toHex(new KeyedHmacSha256(key).mac(msg))).toBe(expected);
          expect(toHex(hmac(sha256, key, msg))).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("reuses its state correctly across calls and writes at an offset", () => {
    const key = new Uint8Array(32).fill(7);
    const h = new KeyedHmacSha256(key);
    const out = new Uint8Array(40);
    for (const m of ["", "a", "x".repeat(64), "y".repeat(200), "b"]) {
      const bytes = ascii(m);
      h.macInto(bytes, bytes.length, out, 8);
      expect(toHex(out.subarray(8))).toBe(createHmac("sha256", key).update(bytes).digest("hex"));
    }
    // only the first `len` bytes of the buffer are read
    const buf = ascii("hello world, trailing garbage");
    h.macInto(buf, 5, out);
    expect(toHex(out.subarray(0, 32))).toBe(
      createHmac("sha256", key).update("hello").digest("hex"),
    );
  });
});

describe("the unrolled SHA-256 compression (_sha256-compress.ts)", () => {
  /** FIPS 180-4 §6.2.2 written as the loop of the standard, as an oracle. */
  function reference(state: Int32Array, block: Int32Array): void {
    const K = [
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2,
    ];
    const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
    const W = [...block];
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(W[t - 15]!, 7) ^ rotr(W[t - 15]!, 18) ^ (W[t - 15]! >>> 3);
      const s1 = rotr(W[t - 2]!, 17) ^ rotr(W[t - 2]!, 19) ^ (W[t - 2]! >>> 10);
      W[t] = (s1 + W[t - 7]! + s0 + W[t - 16]!) | 0;
    }
    let [a, b, c, d, e, f, g, h] = [...state] as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let t = 0; t < 64; t++) {
      const T1 =
        (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
      const T2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [h, g, f, e, d, c, b, a] = [g, f, e, (d + T1) | 0, c, b, a, (T1 + T2) | 0];
    }
    [a, b, c, d, e, f, g, h].forEach((v, i) => {
      state[i] = (state[i]! + v) | 0;
    });
  }

  it("equals the loop of FIPS 180-4 §6.2.2 for any state and block", async () => {
    const { compress } = await import("../src/_sha256-compress.js");
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 8, maxLength: 8 }),
        fc.array(fc.integer(), { minLength: 16, maxLength: 16 }),
        (s, w) => {
          const a = Int32Array.from(s);
          const b = Int32Array.from(s);
          const words = Int32Array.from(w);
          compress(a, words);
          reference(b, Int32Array.from(w));
          expect([...a]).toEqual([...b]);
          expect([...words]).toEqual(w.map((x) => x | 0)); // the block is not modified
        },
      ),
      { numRuns: 2000 },
    );
  });
});
