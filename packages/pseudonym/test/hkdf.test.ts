/**
 * HKDF-SHA256 (RFC 5869), which derives every field key: the RFC's Appendix A vectors and
 * Wycheproof hkdf_sha256_test.json against @noble/hashes/hkdf (the implementation deriveFieldKeys
 * uses), and deriveFieldKeys against node:crypto's hkdfSync computed here from the spec's salt and
 * info layout.
 */
import { hkdfSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveFieldKeys, PSEUDONYM_FIELDS } from "../src/index.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const range = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => from + i);

describe("RFC 5869 Appendix A (SHA-256 cases)", () => {
  const cases: [string, Uint8Array, Uint8Array, Uint8Array, number, string][] = [
    [
      "A.1 basic",
      new Uint8Array(22).fill(0x0b),
      range(0x00, 13),
      range(0xf0, 10),
      42,
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    ],
    [
      "A.2 longer inputs and outputs",
      range(0x00, 80),
      range(0x60, 80),
      range(0xb0, 80),
      82,
      "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
    ],
    [
      "A.3 zero-length salt and info",
      new Uint8Array(22).fill(0x0b),
      new Uint8Array(0),
      new Uint8Array(0),
      42,
      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    ],
  ];
  it.each(cases)("%s", (_n, ikm, salt, info, length, okm) => {
    expect(toHex(hkdf(sha256, ikm, salt, info, length))).toBe(okm);
  });
});

interface WycheproofHkdf {
  testGroups: {
    tests: {
      tcId: number;
      comment: string;
      ikm: string;
      salt: string;
      info: string;
      size: number;
      okm: string;
      result: "valid" | "invalid";
    }[];
  }[];
}

describe("Wycheproof hkdf_sha256_test.json", () => {
  const file = JSON.parse(
    readFileSync(
      join(import.meta.dirname, "vectors", "wycheproof", "hkdf_sha256_test.json"),
      "utf8",
    ),
  ) as WycheproofHkdf;
  const tests = file.testGroups.flatMap((g) => g.tests);
  it("has the expected number of cases", () => {
    expect(tests.length).toBe(86);
  });
  it.each(tests.map((t) => [t.tcId, t.comment, t] as const))("tcId %i %s", (_id, _c, t) => {
    const run = () => toHex(hkdf(sha256, hex(t.ikm), hex(t.salt), hex(t.info), t.size));
    if (t.result === "valid") expect(run()).toBe(t.okm);
    else expect(run).toThrow();
  });
});

describe("deriveFieldKeys (spec/pseudonym.md §3)", () => {
  it("equals HKDF-SHA256 with the specified salt and info, computed by node:crypto", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.stringMatching(/^[\x21-\x7e]{1,128}$/),
        fc.integer({ min: 0, max: 999_999_999 }),
        (secret, agreementId, epoch) => {
          const keys = deriveFieldKeys({ agreementId, epoch, secret });
          for (const field of PSEUDONYM_FIELDS) {
            const info = Buffer.concat([
              Buffer.from(field),
              Buffer.from([0]),
              Buffer.from(String(epoch)),
              Buffer.from([0]),
              Buffer.from(agreementId),
            ]);
            const expected = Buffer.from(
              hkdfSync("sha256", secret, "corridor/pseudonym/hs256/1", info, 32),
            ).toString("hex");
            expect(toHex(keys.keys[field])).toBe(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
