/**
 * The WebAssembly Dice kernel (src/linkage/wasm/and-popcount.wat): the committed bytes are the
 * compilation of the committed source, and it gives exactly the counts of the plain-JS path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64Url } from "../src/_base64url.js";
import { andPopcountBlock, andPopcountList, diceBackend } from "../src/linkage/_dice-wasm.js";
import { popcount32 } from "../src/linkage/dice.js";
import { ClkSet } from "../src/linkage/encoding.js";
import { AND_POPCOUNT_WASM_BASE64URL } from "../src/linkage/wasm/and-popcount.wasm.js";
import { compileAndPopcountWat } from "./gen-wasm-dice.js";

const META = {
  scheme: "clk",
  epoch: 0,
  schemaDigest: `sha256:${"A".repeat(43)}`,
  encoderVersion: "1.0",
} as const;

/** |A ∧ B| bit by bit, independent of both implementations. */
function naiveAnd(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < a.length; w++) {
    for (let bit = 0; bit < 32; bit++) n += (a[w]! >>> bit) & (b[w]! >>> bit) & 1;
  }
  return n;
}

function set(filters: Uint32Array[]): ClkSet {
  return ClkSet.fromWords(META, filters);
}

/** Filters of `words` words: random, plus all-ones and all-zero ones to hit lane overflow. */
const filtersArb = (words: number) =>
  fc.array(
    fc.oneof(
      fc.uint32Array({ minLength: words, maxLength: words }),
      fc.constant(new Uint32Array(words).fill(0xffffffff)),
      fc.constant(new Uint32Array(words)),
    ),
    { minLength: 1, maxLength: 12 },
  );

describe("WebAssembly Dice kernel", () => {
  it("the committed bytes are the wabt compilation of and-popcount.wat", async () => {
    const fresh = await compileAndPopcountWat();
    expect(Buffer.from(fromBase64Url(AND_POPCOUNT_WASM_BASE64URL)!)).toEqual(Buffer.from(fresh));
  });

  it("is used on Node 20 (WebAssembly SIMD) for multiples of 128 bits, JS otherwise", () => {
    expect(diceBackend(32)).toBe("wasm-simd");
    expect(diceBackend(64)).toBe("wasm-simd");
    expect(diceBackend(2)).toBe("js");
    expect(diceBackend(32, "js")).toBe("js");
  });

  // 4 words = 128 bits … 256 words = 8192 bits (the 16-chunk widening of the 8-bit lanes and a
  // partial last group are both exercised from 68 words up).
  for (const words of [4, 8, 32, 64, 68, 256]) {
    it(`block and list counts equal the JS path and a bit-by-bit count (${words * 32} bits)`, () => {
      fc.assert(
        fc.property(filtersArb(words), filtersArb(words), (fa, fb) => {
          const a = set(fa);
          const b = set(fb);
          const wasm = new Int32Array(fb.length);
          const js = new Int32Array(fb.length);
          for (let i = 0; i < fa.length; i++) {
            andPopcountBlock(a, i, b, 0, fb.length, wasm, "wasm-simd");
            andPopcountBlock(a, i, b, 0, fb.length, js, "js");
            expect(wasm).toEqual(js);
            for (let j = 0; j < fb.length; j++) expect(wasm[j]).toBe(naiveAnd(fa[i]!, fb[j]!));
            const order = Array.from({ length: fb.length }, (_, j) => fb.length - 1 - j);
            andPopcountList(a, i, b, order, order.length, wasm, "wasm-simd");
            andPopcountList(a, i, b, order, order.length, js, "js");
            expect(wasm).toEqual(js);
            for (let n = 0; n < order.length; n++) {
              expect(wasm[n]).toBe(naiveAnd(fa[i]!, fb[order[n]!]!));
            }
          }
        }),
        { numRuns: 25 },
      );
    });
  }

  it("ClkSet.diceRow / diceList equal ClkSet.dice on both backends, also within one set", () => {
    fc.assert(
      fc.property(filtersArb(32), fc.nat(), (fa, seed) => {
        const a = set(fa);
        const out = new Float64Array(fa.length + 3);
        for (let i = 0; i < fa.length; i++) {
          for (const backend of ["wasm-simd", "js"] as const) {
            a.diceRow(i, a, 0, fa.length, out, backend);
            for (let j = 0; j < fa.length; j++) expect(out[j]).toBe(a.dice(i, a, j));
            const js = Array.from({ length: 3 }, (_, n) => (seed + n * 7) % fa.length);
            a.diceList(i, a, js, js.length, out, backend);
            for (let n = 0; n < js.length; n++) expect(out[n]).toBe(a.dice(i, a, js[n]!));
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it("scores rows longer than one WebAssembly call (4096 filters) and offset runs", () => {
    const n = 5000;
    const filters = Array.from({ length: n }, (_, i) =>
      Uint32Array.from({ length: 32 }, (_, w) => Math.imul(i * 32 + w + 1, 0x9e3779b1)),
    );
    const s = set(filters);
    const wasm = new Float64Array(n - 3);
    const js = new Float64Array(n - 3);
    s.diceRow(7, s, 3, n - 3, wasm, "wasm-simd");
    s.diceRow(7, s, 3, n - 3, js, "js");
    expect(wasm).toEqual(js);
    expect(wasm[4]).toBe(1); // filter 7 against itself
    expect(popcount32(filters[7]![0]!)).toBeGreaterThan(0);
  });
});
