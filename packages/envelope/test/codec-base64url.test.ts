import { CorridorError } from "@corridor/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeBase64urlJs,
  decodeBase64urlNative,
  encodeBase64urlJs,
} from "../src/codec/base64url.js";
import { decodeBase64url, encodeBase64url, safeDecodeBase64url } from "../src/codec/index.js";

/** Reference: RFC 4648 §5 via node's Buffer (test-only), padding stripped. */
const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CorridorError) return err.code;
    throw err;
  }
  return undefined;
}

describe("base64url (RFC 4648 §5, unpadded, canonical)", () => {
  it("matches the RFC 4648 §10 test vectors (padding removed, base64url alphabet)", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "Zg"],
      ["fo", "Zm8"],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg"],
      ["fooba", "Zm9vYmE"],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(encodeBase64url(bytes)).toBe(encoded);
      expect(decodeBase64url(encoded)).toEqual(bytes);
    }
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
    expect(decodeBase64url("-_8")).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it("round-trips and agrees with Buffer for every length (both table paths)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64urlJs(bytes);
        expect(text).toBe(reference(bytes));
        expect(encodeBase64url(bytes)).toBe(text);
        expect(decodeBase64urlJs(text)).toEqual(bytes);
        expect(decodeBase64url(text)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it("encodes subarrays with an offset correctly", () => {
    const big = new Uint8Array(200).map((_, i) => i);
    const sub = big.subarray(7, 150);
    expect(encodeBase64url(sub)).toBe(reference(sub));
  });

  const rejects: [string, string][] = [
    ["Zg==", "padding"],
    ["Zm8=", "padding"],
    ["Zm9v\n", "line feed"],
    ["Zm 9v", "space inside"],
    [" Zm9v", "leading space"],
    ["Zm9v\t", "tab"],
    ["Zm9v\r\nYg", "CRLF"],
    ["+/8", "standard alphabet + and /"],
    ["ab+c", "plus"],
    ["ab/c", "slash"],
    ["Z", "length mod 4 = 1"],
    ["Zm9vY", "length mod 4 = 1 after a quad"],
    ["Zh", "non-zero trailing bits (2 chars)"],
    ["Zm9", "non-zero trailing bits (3 chars)"],
    ["-_9", "non-zero trailing bits after -_"],
    ["Zm9vé", "non-ASCII"],
    ["Zm9v\u0000", "NUL"],
    ["Zm9v\uD83D\uDE00", "astral character"],
    ["Zm.v", "dot"],
    ["Zm9v=", "single pad after quad"],
  ];
  for (const [text, what] of rejects) {
    it(`rejects ${what}`, () => {
      expect(codeOf(() => decodeBase64url(text))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
      expect(codeOf(() => decodeBase64urlJs(text))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
    });
  }

  it("stays strict over a lenient native fromBase64 (engines that have it)", () => {
    // A stand-in with the proposal's "loose" semantics: skips whitespace, ignores trailing bits.
    const loose = (text: string) => new Uint8Array(Buffer.from(text, "base64url"));
    for (const [text] of rejects) {
      expect(codeOf(() => decodeBase64urlNative(text, undefined, loose))).toBe(
        "ERR_ENVELOPE_BASE64URL_INVALID",
      );
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: "binary" }), (text) => {
        const a = safeDecodeBase64url(text);
        let b: Uint8Array | string;
        try {
          b = decodeBase64urlNative(text, undefined, loose);
        } catch (err) {
          b = (err as CorridorError).code;
        }
        expect(a.success ? a.data : a.error.code).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it("names the path it was given", () => {
    const result = safeDecodeBase64url("Zg==", "signatures[0].protected");
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.path).toEqual(["signatures[0].protected"]);
    const nested = safeDecodeBase64url("Zg==", ["signatures", 0, "protected"]);
    expect(nested.success).toBe(false);
    if (!nested.success) expect(nested.error.path).toEqual(["signatures", 0, "protected"]);
  });

  it("accepts exactly one text per byte string (trailing-bit variants rejected)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => b.length % 3 !== 0),
        fc.integer({ min: 1, max: 15 }),
        (bytes, delta) => {
          const text = encodeBase64url(bytes);
          const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
          const last = alphabet.indexOf(text.at(-1)!);
          const unused = bytes.length % 3 === 1 ? 15 : 3;
          fc.pre((delta & unused) !== 0);
          const tampered = text.slice(0, -1) + alphabet[last ^ (delta & unused)]!;
          expect(codeOf(() => decodeBase64url(tampered))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
        },
      ),
    );
  });

  it("never throws anything but CorridorError on arbitrary strings, and agrees with the JS path", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: "binary" }), (text) => {
        let a: Uint8Array | string;
        let b: Uint8Array | string;
        try {
          a = decodeBase64url(text);
        } catch (err) {
          expect(err).toBeInstanceOf(CorridorError);
          a = (err as CorridorError).code;
        }
        try {
          b = decodeBase64urlJs(text);
        } catch (err) {
          expect(err).toBeInstanceOf(CorridorError);
          b = (err as CorridorError).code;
        }
        expect(a).toEqual(b);
        if (a instanceof Uint8Array) expect(encodeBase64url(a)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects a bad character anywhere in a long text (the two-characters-per-lookup path)", () => {
    const bad = [
      "=",
      "+",
      "/",
      " ",
      "\n",
      "é",
      "\u0000",
      "\u00ff",
      "\u0100",
      "\uD83D",
      ".",
      "\u007f",
    ];
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 200, maxLength: 700 }),
        fc.nat(),
        fc.constantFrom(...bad),
        (bytes, where, ch) => {
          const text = encodeBase64url(bytes);
          expect(decodeBase64urlJs(text)).toEqual(bytes);
          const at = where % text.length;
          const tampered = text.slice(0, at) + ch + text.slice(at + 1);
          expect(codeOf(() => decodeBase64urlJs(tampered))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
          expect(codeOf(() => decodeBase64url(tampered))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("long texts (Node's Buffer on Node.js): the same bytes and text as the JS path", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6_100, maxLength: 7_000 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(text).toBe(encodeBase64urlJs(bytes));
        const decoded = decodeBase64url(text);
        expect(decoded).toEqual(bytes);
        // memory of its own, not a view into a shared pool
        expect(decoded.byteOffset).toBe(0);
        expect(decoded.buffer.byteLength).toBe(decoded.length);
      }),
      { numRuns: 50 },
    );
  });

  it("long texts: every non-canonical variant is refused, as the JS path refuses it", () => {
    const variants = (text: string, at: number): string[] => [
      `${text.slice(0, at)}=${text.slice(at + 1)}`,
      `${text.slice(0, at)}+${text.slice(at + 1)}`,
      `${text.slice(0, at)}/${text.slice(at + 1)}`,
      `${text.slice(0, at)} ${text.slice(at)}`,
      `${text.slice(0, at)}\n${text.slice(at)}`,
      `${text.slice(0, at)}é${text.slice(at + 1)}`,
      // characters above U+00FF whose low byte is in the alphabet (Q, A, -): Node's decoder
      // reads only the low byte of a two-byte string's characters
      `${text.slice(0, at)}\u0151${text.slice(at + 1)}`,
      `${text.slice(0, at)}\u0141${text.slice(at + 1)}`,
      `${text.slice(0, at)}\u012d${text.slice(at + 1)}`,
      `${text}=`,
      `${text}==`,
      // the last character with its unused low bit set (length mod 4 = 2 or 3 here)
      text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + 1),
    ];
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 6_200, maxLength: 6_300 }).filter((b) => b.length % 3 !== 0),
        fc.nat(),
        (bytes, where) => {
          const text = encodeBase64url(bytes);
          for (const variant of variants(text, where % text.length)) {
            expect(codeOf(() => decodeBase64url(variant))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
            expect(codeOf(() => decodeBase64urlJs(variant))).toBe("ERR_ENVELOPE_BASE64URL_INVALID");
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("accepts every canonical text from random alphabet strings, rejects the rest", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("");
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const text = chars.join("");
        const ref = Buffer.from(text, "base64url");
        const canonical = reference(ref) === text;
        const result = safeDecodeBase64url(text);
        expect(result.success).toBe(canonical);
        if (result.success) expect(result.data).toEqual(new Uint8Array(ref));
      }),
      { numRuns: 3000 },
    );
  });
});
