import { PSEUDONYM_PATTERN } from "@corridor/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPseudonym, parsePseudonym, safeParsePseudonym } from "../src/index.js";

const schemeArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/);
const partsArb = fc.record({
  scheme: schemeArb,
  epoch: fc.integer({ min: 0, max: 999_999_999 }),
  value: fc.uint8Array({ minLength: 16, maxLength: 64 }),
});

describe("pseudonym text form", () => {
  it("round-trips and matches the record model's pattern", () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const text = formatPseudonym(parts);
        expect(text).toMatch(new RegExp(PSEUDONYM_PATTERN));
        const back = parsePseudonym(text);
        expect(back.scheme).toBe(parts.scheme);
        expect(back.epoch).toBe(parts.epoch);
        expect([...back.value]).toEqual([...parts.value]);
        expect(formatPseudonym(back)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("writes the value in base64url like node:crypto", () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const value = formatPseudonym(parts).split(":")[2];
        expect(value).toBe(Buffer.from(parts.value).toString("base64url"));
      }),
    );
  });

  it("rejects any change to a valid pseudonym that makes it non-canonical", () => {
    fc.assert(
      fc.property(partsArb, fc.nat(), fc.integer({ min: 0, max: 0xffff }), (parts, at, unit) => {
        const text = formatPseudonym(parts);
        const i = at % text.length;
        const changed = text.slice(0, i) + String.fromCharCode(unit) + text.slice(i + 1);
        const r = safeParsePseudonym(changed);
        if (r.success) {
          // a change that still parses must re-format to exactly the changed text (canonical)
          expect(formatPseudonym(r.data)).toBe(changed);
        } else {
          expect(r.error.code).toBe("ERR_PSEUDONYM_MALFORMED");
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects non-strings and arbitrary text with ERR_PSEUDONYM_MALFORMED", () => {
    for (const bad of [undefined, null, 42, {}, "hs256", "hs256:1:", "hs256:1:abc"]) {
      const r = safeParsePseudonym(bad as never);
      expect(!r.success && r.error.code).toBe("ERR_PSEUDONYM_MALFORMED");
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = safeParsePseudonym(s);
        if (!r.success) expect(r.error.code).toBe("ERR_PSEUDONYM_MALFORMED");
        expect(r.success).toBe(new RegExp(PSEUDONYM_PATTERN).test(s) && r.success);
      }),
    );
  });

  it("refuses to format parts out of range", () => {
    expect(() => formatPseudonym({ scheme: "A", epoch: 0, value: new Uint8Array(32) })).toThrow();
    expect(() =>
      formatPseudonym({ scheme: "hs256", epoch: -1, value: new Uint8Array(32) }),
    ).toThrow();
    expect(() =>
      formatPseudonym({ scheme: "hs256", epoch: 0, value: new Uint8Array(15) }),
    ).toThrow();
    expect(() =>
      formatPseudonym({ scheme: "hs256", epoch: 0, value: new Uint8Array(65) }),
    ).toThrow();
  });
});
