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
import { KeyedHmacSha256 } from "../src/pseudonymize/_hmac-sha256.js";

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
