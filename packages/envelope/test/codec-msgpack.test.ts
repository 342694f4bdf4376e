import fc from "fast-check";
import { Packr, pack } from "msgpackr";
import { describe, expect, it } from "vitest";
import {
  decodeMsgpackStrict,
  encodeMsgpack,
  safeDecodeMsgpackStrict,
  safeEncodeMsgpack,
} from "../src/codec/index.js";
import {
  errorOf,
  failure,
  fromHex,
  hex,
  modelValue,
  onlyCorridorErrors,
  recordLike,
  wellFormedString,
} from "./codec-helpers.js";

const INVALID = "ERR_ENVELOPE_MSGPACK_INVALID";
const bytes = (...b: number[]) => new Uint8Array(b);

describe("MessagePack: round trips", () => {
  it("decode(encode(v)) deep-equals v for the data model", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        expect(decodeMsgpackStrict(encodeMsgpack(v))).toEqual(v);
      }),
      { numRuns: 1000 },
    );
  });

  it("the encoder writes only the canonical form (accepted with requireCanonical)", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        const encoded = encodeMsgpack(v);
        expect(decodeMsgpackStrict(encoded, {}, { requireCanonical: true })).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });

  it("reads what msgpackr writes for the subset (differential, non-canonical headers accepted)", () => {
    const packr = new Packr({ useRecords: false });
    fc.assert(
      fc.property(fc.array(recordLike, { maxLength: 5 }), (v) => {
        // msgpackr writes safe integers above 2^32 as float64 and maps as map16: both accepted.
        expect(decodeMsgpackStrict(packr.pack(v))).toEqual(v);
        expect(decodeMsgpackStrict(pack(v))).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with msgpackr on what our encoder writes", () => {
    const unpackr = new Packr({ useRecords: false, int64AsType: "number" });
    fc.assert(
      fc.property(modelValue, (v) => {
        expect(unpackr.unpack(encodeMsgpack(v))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });

  it("writes the shortest forms (spot checks from the MessagePack spec)", () => {
    expect(hex(encodeMsgpack(0))).toBe("00");
    expect(hex(encodeMsgpack(127))).toBe("7f");
    expect(hex(encodeMsgpack(128))).toBe("cc80");
    expect(hex(encodeMsgpack(256))).toBe("cd0100");
    expect(hex(encodeMsgpack(65536))).toBe("ce00010000");
    expect(hex(encodeMsgpack(2 ** 32))).toBe("cf0000000100000000");
    expect(hex(encodeMsgpack(-1))).toBe("ff");
    expect(hex(encodeMsgpack(-32))).toBe("e0");
    expect(hex(encodeMsgpack(-33))).toBe("d0df");
    expect(hex(encodeMsgpack(-129))).toBe("d1ff7f");
    expect(hex(encodeMsgpack(-32769))).toBe("d2ffff7fff");
    expect(hex(encodeMsgpack(-(2 ** 31) - 1))).toBe("d3ffffffff7fffffff");
    expect(hex(encodeMsgpack(-0))).toBe("00");
    expect(hex(encodeMsgpack(0.5))).toBe("cb3fe0000000000000");
    expect(hex(encodeMsgpack(2 ** 53))).toBe("cb4340000000000000");
    expect(hex(encodeMsgpack("a".repeat(31)))).toBe(`bf${"61".repeat(31)}`);
    expect(hex(encodeMsgpack("a".repeat(32)))).toBe(`d920${"61".repeat(32)}`);
    expect(hex(encodeMsgpack("é".repeat(16)))).toBe(`d920${"c3a9".repeat(16)}`);
    expect(hex(encodeMsgpack("é".repeat(100)))).toBe(`d9c8${"c3a9".repeat(100)}`);
    expect(hex(encodeMsgpack("é".repeat(200)))).toBe(`da0190${"c3a9".repeat(200)}`);
    expect(hex(encodeMsgpack("😀"))).toBe("a4f09f9880");
    expect(hex(encodeMsgpack([]))).toBe("90");
    expect(hex(encodeMsgpack(new Array(16).fill(null)))).toBe(`dc0010${"c0".repeat(16)}`);
    expect(hex(encodeMsgpack({ a: true, b: false }))).toBe("82a161c3a162c2");
  });

  it("encodes long strings (TextEncoder path) with the right header", () => {
    fc.assert(
      fc.property(wellFormedString(400), (s) => {
        const encoded = encodeMsgpack(s);
        expect(decodeMsgpackStrict(encoded, {}, { requireCanonical: true })).toBe(s);
      }),
    );
    const long = "ü".repeat(40_000); // 80 000 bytes: str32
    const encoded = encodeMsgpack(long, { maxStringLength: 100_000 });
    expect(hex(encoded.subarray(0, 5))).toBe("db00013880");
    expect(decodeMsgpackStrict(encoded, { maxStringLength: 100_000 })).toBe(long);
  });
});

describe("MessagePack: the strict decoder rejects", () => {
  it("the reserved byte 0xc1, alone and inside containers", () => {
    expect(failure(() => decodeMsgpackStrict(bytes(0xc1)))).toEqual({
      code: INVALID,
      reason: "reserved_byte",
    });
    const err = errorOf(() => decodeMsgpackStrict(fromHex("81a161 92 01 c1".replaceAll(" ", ""))));
    expect(err.code).toBe(INVALID);
    expect(err.path).toEqual(["a", 1]);
  });

  it("every extension type: fixext 1/2/4/8/16, ext 8/16/32, and timestamps", () => {
    const cases = [
      "d40100", // fixext1
      "d5010000", // fixext2
      "d601" + "00".repeat(4), // fixext4
      "d701" + "00".repeat(8), // fixext8
      "d801" + "00".repeat(16), // fixext16
      "c70101" + "00", // ext8
      "c8000101" + "00", // ext16
      "c90000000101" + "00", // ext32
      "d6ff" + "5f5e1000", // timestamp 32
      "d7ff" + "0000000000000001", // timestamp 64
      "c70cff" + "00".repeat(12), // timestamp 96
      "d4ff00", // -1 type (timestamp) in fixext1
      "d40000", // msgpackr's encoding of undefined
    ];
    for (const c of cases) {
      expect(failure(() => decodeMsgpackStrict(fromHex(c)))).toEqual({
        code: INVALID,
        reason: "ext_not_allowed",
      });
    }
    // What msgpackr writes for live objects (Date, RegExp, Set, Error, typed arrays) is refused.
    const live = new Packr({ moreTypes: true, structuredClone: true, useRecords: false });
    for (const v of [new Date(0), /x/g, new Set([1]), new Error("e"), new Float64Array(2)]) {
      expect(failure(() => decodeMsgpackStrict(live.pack(v)))).toEqual({
        code: INVALID,
        reason: "ext_not_allowed",
      });
    }
  });

  it("bin 8/16/32", () => {
    for (const c of ["c40101", "c5000101", "c600000001" + "01"]) {
      expect(failure(() => decodeMsgpackStrict(fromHex(c)))).toEqual({
        code: INVALID,
        reason: "bin_not_allowed",
      });
    }
  });

  it("integers outside ±(2^53−1), in every 64-bit form", () => {
    const cases = [
      "cf0020000000000000", // uint64 2^53
      "cfffffffffffffffff", // uint64 max
      "d3ffe0000000000000", // int64 -2^53
      "d38000000000000000", // int64 min
      "d30020000000000000", // int64 +2^53
    ];
    for (const c of cases) {
      expect(failure(() => decodeMsgpackStrict(fromHex(c)))).toEqual({
        code: INVALID,
        reason: "unsafe_integer",
      });
    }
    expect(decodeMsgpackStrict(fromHex("cf001fffffffffffff"))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeMsgpackStrict(fromHex("d3ffe0000000000001"))).toBe(Number.MIN_SAFE_INTEGER);
  });

  it("NaN and infinities as float32 or float64; accepts and normalizes -0.0", () => {
    for (const c of [
      "ca7fc00000",
      "ca7f800000",
      "caff800000",
      "cb7ff8000000000000",
      "cbfff0000000000000",
    ]) {
      expect(failure(() => decodeMsgpackStrict(fromHex(c)))).toEqual({
        code: INVALID,
        reason: "non_finite_float",
      });
    }
    expect(Object.is(decodeMsgpackStrict(fromHex("cb8000000000000000")), 0)).toBe(true);
    expect(Object.is(decodeMsgpackStrict(fromHex("ca80000000")), 0)).toBe(true);
    expect(decodeMsgpackStrict(fromHex("ca3fc00000"))).toBe(1.5);
  });

  it("invalid UTF-8 in short (JS-decoded) and long (TextDecoder) strings", () => {
    const bad = [
      "c0", // C0 lead byte (overlong)
      "c1bf", // C1 lead (overlong)
      "c080", // overlong NUL
      "e080bf", // overlong 3-byte
      "f08f8080", // overlong 4-byte
      "eda080", // encoded surrogate U+D800
      "edbfbf", // encoded surrogate U+DFFF
      "f4908080", // above U+10FFFF
      "f5808080", // F5 lead
      "ff", // FF
      "80", // lone continuation
      "c3", // truncated 2-byte
      "e282", // truncated 3-byte
      "f09f98", // truncated 4-byte
      "c328", // bad continuation
      "e228a1", // bad continuation
    ];
    for (const seq of bad) {
      for (const pad of [0, 100]) {
        const body = "61".repeat(pad) + seq;
        const n = body.length / 2;
        const header = n < 32 ? (0xa0 | n).toString(16) : `d9${n.toString(16).padStart(2, "0")}`;
        expect(failure(() => decodeMsgpackStrict(fromHex(header + body)))).toEqual({
          code: INVALID,
          reason: "invalid_utf8",
        });
      }
    }
  });

  it("decodes strings exactly as a fatal TextDecoder does (differential on random bytes)", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const interesting = fc.constantFrom(
      0x00,
      0x41,
      0x7f,
      0x80,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
      0x9f,
      0xa0,
      0x8f,
      0x90,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.oneof(interesting, fc.integer({ min: 0, max: 255 })), { maxLength: 90 }),
          // mostly ASCII, up to and past the lengths where the decoder changes path (32, 256),
          // a few bytes drawn from the interesting ones
          fc.array(
            fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 0, max: 0x7f }) }, interesting),
            {
              maxLength: 300,
            },
          ),
        ),
        (raw) => {
          const data = new Uint8Array(raw);
          const header =
            data.length < 32
              ? [0xa0 | data.length]
              : data.length < 256
                ? [0xd9, data.length]
                : [0xda, data.length >> 8, data.length & 0xff];
          const encoded = new Uint8Array([...header, ...data]);
          let expected: string | undefined;
          try {
            expected = fatal.decode(data);
          } catch {
            expected = undefined;
          }
          const result = safeDecodeMsgpackStrict(encoded);
          if (expected === undefined) {
            expect(result.success).toBe(false);
            if (!result.success) expect(result.error.issues[0]?.reason).toBe("invalid_utf8");
          } else {
            expect(result).toEqual({ success: true, data: expected });
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("non-string map keys", () => {
    for (const c of ["810101", "81c001", "8190c0", "8180c0", "81c3c0", "81cb3ff000000000000001"]) {
      expect(failure(() => decodeMsgpackStrict(fromHex(c)))).toEqual({
        code: INVALID,
        reason: "non_string_key",
      });
    }
  });

  it("duplicate keys at any depth, including inherited names and long keys", () => {
    const twice = (k: string) => ({ [k]: 1, x: 2 });
    for (const key of ["a", "toString", "hasOwnProperty", "valueOf", "k".repeat(40), "é"]) {
      const once = encodeMsgpack(twice(key));
      // Rewrite "x" as the key itself: same length needed, so build by hand.
      const keyBytes = encodeMsgpack(key);
      const doubled = new Uint8Array([0x82, ...keyBytes, 0x01, ...keyBytes, 0x02]);
      expect(decodeMsgpackStrict(once)).toEqual(twice(key));
      const err = errorOf(() => decodeMsgpackStrict(doubled));
      expect(err.code).toBe("ERR_ENVELOPE_DUPLICATE_KEY");
      expect(err.path).toEqual([key]);
      const nested = new Uint8Array([0x91, 0x81, 0xa1, 0x61, ...doubled]);
      expect(errorOf(() => decodeMsgpackStrict(nested)).path).toEqual([0, "a", key]);
    }
  });

  it("finds a duplicate key in maps of any size, and none across nesting levels", () => {
    // Maps up to 16 entries scan their own keys, larger ones look the key up: both, around 16.
    const key = fc
      .oneof(fc.constantFrom("a", "b", "kind", "toString", "k".repeat(40)), fc.string())
      .filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (keys, from, at, duplicate) => {
          // an inner map with the outer map's keys: equal keys at other levels are no duplicates
          const inner = Object.fromEntries(keys.map((k) => [k, 1]));
          const entries: [string, unknown][] = keys.map((k) => [k, inner]);
          if (duplicate)
            entries.splice(at % (entries.length + 1), 0, [keys[from % keys.length]!, 2]);
          const parts: number[] = [];
          const n = entries.length;
          parts.push(...(n < 16 ? [0x80 | n] : [0xde, 0, n]));
          for (const [k, v] of entries) parts.push(...encodeMsgpack(k), ...encodeMsgpack(v));
          const result = safeDecodeMsgpackStrict(new Uint8Array(parts));
          if (duplicate) {
            expect(result.success ? "decoded" : result.error.code).toBe(
              "ERR_ENVELOPE_DUPLICATE_KEY",
            );
          } else {
            expect(result).toEqual({ success: true, data: Object.fromEntries(entries) });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("redacts member names outside knownNames from error paths", () => {
    const bytes = fromHex("81a17881a16101a16102".replace("81a16101a16102", "82a16101a16102"));
    expect(errorOf(() => decodeMsgpackStrict(bytes)).path).toEqual(["x", "a"]);
    const err = errorOf(() => decodeMsgpackStrict(bytes, {}, { knownNames: new Set(["x"]) }));
    expect(err.code).toBe("ERR_ENVELOPE_DUPLICATE_KEY");
    expect(err.path).toEqual(["x", "<unknown key>"]);
  });

  it("duplicate keys written with different header widths", () => {
    // "a" as fixstr and as str8: the same key.
    const err = errorOf(() => decodeMsgpackStrict(fromHex("82a16101d9016102")));
    expect(err.code).toBe("ERR_ENVELOPE_DUPLICATE_KEY");
  });

  it("__proto__, constructor and prototype keys, and never pollutes", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const encoded = new Uint8Array([0x81, ...encodeMsgpack(key), 0x81, 0xa1, 0x78, 0x01]);
      const err = errorOf(() => decodeMsgpackStrict(encoded));
      expect(err.code).toBe("ERR_ENVELOPE_FORBIDDEN_KEY");
      expect(err.path).toEqual([key]);
      expect(errorOf(() => encodeMsgpack(JSON.parse(`{"${key}":{"x":1}}`))).code).toBe(
        "ERR_ENVELOPE_FORBIDDEN_KEY",
      );
    }
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });

  it("depth 10 000 with a clean error and no stack overflow", () => {
    for (const open of [0x91, 0x81]) {
      const parts: number[] = [];
      for (let i = 0; i < 10_000; i++) {
        if (open === 0x91) parts.push(0x91);
        else parts.push(0x81, 0xa1, 0x61);
      }
      parts.push(0xc0);
      const err = errorOf(() => decodeMsgpackStrict(new Uint8Array(parts)));
      expect(err.code).toBe("ERR_LIMIT_EXCEEDED");
      expect(err.path).toHaveLength(32);
      const high = errorOf(() => decodeMsgpackStrict(new Uint8Array(parts), { maxDepth: 1000 }));
      expect(high.code).toBe("ERR_LIMIT_EXCEEDED");
    }
    const ok = new Uint8Array([...new Array(32).fill(0x91), 0xc0]);
    expect(() => decodeMsgpackStrict(ok)).not.toThrow();
    expect(errorOf(() => decodeMsgpackStrict(ok, { maxDepth: 31 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
  });

  it("declared lengths larger than the input, before allocating", () => {
    for (const c of [
      "ddffffffff",
      "dfffffffff",
      "dbffffffff",
      "dcffff",
      "deffff",
      "daffff",
      "d9ff",
      "9f",
      "8f",
      "bf",
    ]) {
      expect(failure(() => decodeMsgpackStrict(fromHex(c)))).toEqual({
        code: INVALID,
        reason: "truncated",
      });
    }
    // A map of n entries needs 2n bytes: 3 entries in 5 bytes is truncated, not a limit issue.
    expect(failure(() => decodeMsgpackStrict(fromHex("83c0c0c0c0c0"))).reason).toBe("truncated");
  });

  it("containers and strings beyond the limits, checked before reading their content", () => {
    const arr = fromHex(`dc0010${"c1".repeat(16)}`); // 16 elements, each 0xc1
    expect(failure(() => decodeMsgpackStrict(arr, { maxContainerLength: 15 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    const str = encodeMsgpack("abcdef");
    expect(failure(() => decodeMsgpackStrict(str, { maxStringLength: 5 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    const key = encodeMsgpack({ abcdef: 1 });
    expect(failure(() => decodeMsgpackStrict(key, { maxStringLength: 5 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => decodeMsgpackStrict(encodeMsgpack([1, 2, 3]), { maxBytes: 3 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
  });

  it("every strict prefix of a valid encoding (truncation at every offset)", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        const encoded = encodeMsgpack(v);
        for (let cut = 0; cut < encoded.length; cut++) {
          const result = safeDecodeMsgpackStrict(encoded.subarray(0, cut));
          expect(result.success).toBe(false);
          if (!result.success) expect(result.error.code).toBe(INVALID);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("trailing bytes after the value", () => {
    fc.assert(
      fc.property(modelValue, fc.uint8Array({ minLength: 1, maxLength: 4 }), (v, extra) => {
        const encoded = encodeMsgpack(v);
        const longer = new Uint8Array([...encoded, ...extra]);
        expect(failure(() => decodeMsgpackStrict(longer))).toEqual({
          code: INVALID,
          reason: "trailing_bytes",
        });
      }),
      { numRuns: 300 },
    );
  });

  it("random bytes: only CorridorError, never another exception", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        onlyCorridorErrors(() => decodeMsgpackStrict(data));
        onlyCorridorErrors(() => decodeMsgpackStrict(data, {}, { requireCanonical: true }));
      }),
      { numRuns: 5000 },
    );
  });

  it("mutated valid encodings: only CorridorError, or a value that re-encodes", () => {
    fc.assert(
      fc.property(modelValue, fc.nat(), fc.integer({ min: 0, max: 255 }), (v, where, byte) => {
        const encoded = encodeMsgpack(v).slice();
        if (encoded.length === 0) return;
        encoded[where % encoded.length] = byte;
        const out = onlyCorridorErrors(() => decodeMsgpackStrict(encoded));
        if (!(out instanceof Error)) expect(() => encodeMsgpack(out)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it("empty input", () => {
    expect(failure(() => decodeMsgpackStrict(new Uint8Array(0)))).toEqual({
      code: INVALID,
      reason: "truncated",
    });
  });

  it("non-Uint8Array input as an argument error", () => {
    expect(errorOf(() => decodeMsgpackStrict("81" as unknown as Uint8Array)).code).toBe(
      "ERR_INVALID_ARGUMENT",
    );
  });
});

describe("MessagePack: canonical mode (requireCanonical)", () => {
  const nonCanonical = [
    "cc05", // uint8 for a fixint value
    "cd00ff", // uint16 for a uint8 value
    "ce0000ffff", // uint32 for a uint16 value
    "cf00000000ffffffff", // uint64 for a uint32 value
    "d0ff", // int8 -1 (fixint)
    "d005", // int8 for a positive value
    "d1ff80", // int16 -128 (int8)
    "d2ffff8000", // int32 -32768 (int16)
    "d3ffffffff80000000", // int64 -2^31 (int32)
    "ca3fc00000", // float32
    "cb3ff0000000000000", // float64 1.0 (int)
    "cb8000000000000000", // float64 -0.0
    "d90161", // str8 for a fixstr
    "da000161", // str16
    "db0000000161", // str32
    "dc0001c0", // array16 for 1 element
    "dd00000001c0", // array32
    "de0001a161c0", // map16 for 1 entry
    "df00000001a161c0", // map32
    "81d90161c0", // str8 key
  ];
  for (const c of nonCanonical) {
    it(`rejects ${c}, which the default mode accepts`, () => {
      expect(
        failure(() => decodeMsgpackStrict(fromHex(c), {}, { requireCanonical: true })),
      ).toEqual({
        code: INVALID,
        reason: "non_canonical",
      });
      expect(safeDecodeMsgpackStrict(fromHex(c)).success).toBe(true);
    });
  }

  it("accepts exactly the encoder's output among all encodings of a value", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        const canonical = encodeMsgpack(v);
        const other = new Packr({ useRecords: false }).pack(v);
        const accepted = safeDecodeMsgpackStrict(other, {}, { requireCanonical: true }).success;
        expect(accepted).toBe(hex(other) === hex(canonical));
      }),
      { numRuns: 500 },
    );
  });
});

describe("MessagePack: the encoder refuses what the decoder would", () => {
  const cases: [string, unknown, string, string][] = [
    ["undefined", undefined, "ERR_INVALID_ARGUMENT", "undefined_value"],
    ["undefined member", { a: undefined }, "ERR_INVALID_ARGUMENT", "undefined_value"],
    ["sparse array", sparse(), "ERR_INVALID_ARGUMENT", "undefined_value"],
    ["NaN", Number.NaN, "ERR_INVALID_ARGUMENT", "non_finite_number"],
    ["Infinity", Number.POSITIVE_INFINITY, "ERR_INVALID_ARGUMENT", "non_finite_number"],
    ["bigint", 1n, "ERR_INVALID_ARGUMENT", "unsupported_type"],
    ["Date", new Date(0), "ERR_INVALID_ARGUMENT", "unsupported_type"],
    ["Map", new Map(), "ERR_INVALID_ARGUMENT", "unsupported_type"],
    ["Uint8Array", new Uint8Array(1), "ERR_INVALID_ARGUMENT", "unsupported_type"],
    ["function", () => 1, "ERR_INVALID_ARGUMENT", "unsupported_type"],
    ["symbol", Symbol("s"), "ERR_INVALID_ARGUMENT", "unsupported_type"],
    ["lone high surrogate", "a\uD800b", "ERR_INVALID_ARGUMENT", "lone_surrogate"],
    ["lone low surrogate", "\uDC00", "ERR_INVALID_ARGUMENT", "lone_surrogate"],
    [
      "lone surrogate, long string",
      `${"x".repeat(100)}\uD800`,
      "ERR_INVALID_ARGUMENT",
      "lone_surrogate",
    ],
    ["lone surrogate in a key", { "\uD800": 1 }, "ERR_INVALID_ARGUMENT", "lone_surrogate"],
  ];
  for (const [what, value, code, reason] of cases) {
    it(`refuses ${what}`, () => {
      expect(failure(() => encodeMsgpack(value))).toEqual({ code, reason });
    });
  }

  it("refuses cycles (as nesting depth) and names the path", () => {
    const a: Record<string, unknown> = { b: [1] };
    (a["b"] as unknown[]).push(a);
    const err = errorOf(() => encodeMsgpack(a));
    expect(err.code).toBe("ERR_LIMIT_EXCEEDED");
    expect(err.path?.slice(0, 4)).toEqual(["b", 1, "b", 1]);
    const deep = errorOf(() => encodeMsgpack({ x: [{ y: Number.NaN }] }));
    expect(deep.path).toEqual(["x", 0, "y"]);
  });

  it("accepts null-prototype objects and refuses class instances", () => {
    const o = Object.create(null) as Record<string, unknown>;
    o["a"] = 1;
    expect(decodeMsgpackStrict(encodeMsgpack(o))).toEqual({ a: 1 });
    class C {
      a = 1;
    }
    expect(safeEncodeMsgpack(new C()).success).toBe(false);
  });

  it("applies the limits it is given", () => {
    expect(failure(() => encodeMsgpack("abcdef", { maxStringLength: 5 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => encodeMsgpack([1, 2, 3], { maxContainerLength: 2 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => encodeMsgpack("x".repeat(100), { maxBytes: 50 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
  });

  it("returns independent buffers across calls", () => {
    const a = encodeMsgpack({ a: 1 });
    const b = encodeMsgpack({ b: 2 });
    expect(hex(a)).toBe("81a16101");
    expect(hex(b)).toBe("81a16202");
    const big = encodeMsgpack("x".repeat(100_000), { maxStringLength: 200_000 });
    const after = encodeMsgpack([1]);
    expect(big.length).toBe(100_005);
    expect(big[5]).toBe(0x78);
    expect(hex(after)).toBe("9101");
  });
});

describe("MessagePack: returned objects are safe to use", () => {
  it("are ordinary objects with own, enumerable data members", () => {
    const v = decodeMsgpackStrict(encodeMsgpack({ toString: "x", valueOf: 1, a: { b: [] } }));
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v as object)).toEqual(["toString", "valueOf", "a"]);
  });
});

/** An array with a hole at index 1. */
function sparse(): unknown[] {
  const a: unknown[] = [1];
  a[2] = 3;
  return a;
}
