import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isWellFormedString,
  safeUtf8DecodeStrict,
  utf8DecodeStrict,
  utf8Encode,
} from "../src/codec/index.js";
import { failure, hex, wellFormedString } from "./codec-helpers.js";

describe("UTF-8 helpers", () => {
  it("round-trip well-formed strings", () => {
    fc.assert(
      fc.property(wellFormedString(100), (s) => {
        expect(utf8DecodeStrict(utf8Encode(s))).toBe(s);
      }),
    );
  });

  it("refuse to encode lone surrogates instead of writing U+FFFD", () => {
    for (const s of ["\uD800", "a\uDC00", "\uDBFF\uDBFF", `${"x".repeat(100)}\uD83D`]) {
      expect(isWellFormedString(s)).toBe(false);
      expect(failure(() => utf8Encode(s))).toEqual({
        code: "ERR_INVALID_ARGUMENT",
        reason: "lone_surrogate",
      });
    }
    expect(hex(utf8Encode("😀"))).toBe("f09f9880");
  });

  it("refuse invalid UTF-8 and keep a BOM", () => {
    for (const b of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0xff],
    ]) {
      expect(failure(() => utf8DecodeStrict(new Uint8Array(b)))).toEqual({
        code: "ERR_ENVELOPE_UTF8_INVALID",
        reason: "invalid_utf8",
      });
    }
    expect(utf8DecodeStrict(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("\uFEFFA");
    const r = safeUtf8DecodeStrict(new Uint8Array([0x80]), "names[0]");
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.path).toEqual(["names[0]"]);
  });
});
