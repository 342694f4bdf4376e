import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encodeJson,
  parseJsonStrict,
  safeParseJsonStrict,
  stringifyJson,
} from "../src/codec/index.js";
import { parseJsonTextBuilding, parseJsonTextScanning } from "../src/codec/json.js";
import { DEFAULT_LIMITS } from "../src/codec/limits.js";
import { errorOf, failure, modelValue, onlyCorridorErrors } from "./codec-helpers.js";

const INVALID = "ERR_ENVELOPE_JSON_INVALID";
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("JSON: round trips", () => {
  it("parseJsonStrict(encodeJson(v)) deep-equals v, from text and from bytes", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        const bytes = encodeJson(v);
        expect(parseJsonStrict(bytes)).toEqual(v);
        expect(parseJsonStrict(stringifyJson(v))).toEqual(v);
      }),
      { numRuns: 1000 },
    );
  });

  it("round-trips long documents (scanner + JSON.parse path) like short ones", () => {
    fc.assert(
      fc.property(fc.array(modelValue, { minLength: 40, maxLength: 80 }), (v) => {
        const text = stringifyJson(v);
        fc.pre(text.length >= 1024);
        expect(parseJsonStrict(text)).toEqual(v);
        expect(parseJsonStrict(encodeJson(v))).toEqual(v);
        expect(parseJsonStrict(`[${text},-0]`)).toEqual([v, 0]);
      }),
      { numRuns: 100 },
    );
  });

  it("agrees with JSON.parse on every text it accepts (differential)", () => {
    fc.assert(
      fc.property(fc.json({ depthSize: "small" }), (text) => {
        const result = safeParseJsonStrict(text);
        if (result.success) expect(result.data).toEqual(normalize(JSON.parse(text)));
        else {
          // fast-check's JSON may hold duplicate keys, unsafe integers or forbidden keys.
          expect(["ERR_ENVELOPE_DUPLICATE_KEY", "ERR_ENVELOPE_FORBIDDEN_KEY", INVALID]).toContain(
            result.error.code,
          );
          if (result.error.code === INVALID) {
            expect(["unsafe_integer", "lone_surrogate"]).toContain(result.error.issues[0]?.reason);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("parses whitespace-formatted text like JSON.parse", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        const text = JSON.stringify(v, null, "\t").replaceAll("\n", "\r\n");
        const unsafe = /(?:^|[^\w.])\d{16,}(?![.\deE])/.test(text);
        fc.pre(!unsafe);
        expect(parseJsonStrict(` \n${text}\r\n `)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it("reads the number grammar exactly (RFC 8259 §6)", () => {
    const ok: [string, number][] = [
      ["0", 0],
      ["-0", 0],
      ["-0.0", 0],
      ["-0e5", 0],
      ["1", 1],
      ["-1", -1],
      ["1.5", 1.5],
      ["1e2", 100],
      ["1E+2", 100],
      ["1e-2", 0.01],
      ["0.1", 0.1],
      ["123456789012345", 123456789012345],
      ["9007199254740991", 9007199254740991],
      ["-9007199254740991", -9007199254740991],
      ["9007199254740993.0", 9007199254740992], // not an integer token: a double
      ["1e300", 1e300],
      ["1e-400", 0],
      ["2.2250738585072014e-308", 2.2250738585072014e-308],
    ];
    for (const [text, value] of ok) expect(Object.is(parseJsonStrict(text), value)).toBe(true);
    const bad = [
      "01",
      "-01",
      "+1",
      ".5",
      "1.",
      "1.e5",
      "1e",
      "1e+",
      "-",
      "0x10",
      "NaN",
      "Infinity",
      "-Infinity",
      "1_000",
      "٣",
    ];
    for (const text of bad) expect(failure(() => parseJsonStrict(text)).code).toBe(INVALID);
    for (const text of [
      "9007199254740992",
      "-9007199254740992",
      "12345678901234567890",
      "1".repeat(400),
    ]) {
      expect(failure(() => parseJsonStrict(text))).toEqual({
        code: INVALID,
        reason: "unsafe_integer",
      });
    }
    for (const text of ["1e309", "-1e400", "1.8e308"]) {
      expect(failure(() => parseJsonStrict(text))).toEqual({
        code: INVALID,
        reason: "number_out_of_range",
      });
    }
  });

  it("writes integral doubles beyond ±(2^53−1) in exponent form, so they read back", () => {
    for (const v of [2 ** 53, -(2 ** 60), 1e20, 1e300, [{ a: 2 ** 70 }]]) {
      expect(parseJsonStrict(encodeJson(v))).toEqual(v);
    }
    expect(stringifyJson(2 ** 60)).toBe("1.152921504606847e+18");
  });
});

describe("JSON: strings", () => {
  it("reads escapes and raw non-ASCII", () => {
    expect(parseJsonStrict('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\ud83d\\ude00z"')).toBe(
      'a"\\/\b\f\n\r\tAé😀z',
    );
    expect(parseJsonStrict(utf8('"Αθήνα 😀"'))).toBe("Αθήνα 😀");
    expect(parseJsonStrict('"\u2028\u2029"')).toBe("\u2028\u2029");
  });

  const lone = [
    '"\\ud800"',
    '"\\udc00"',
    '"\\ud800x"',
    '"\\ud800\\u0041"',
    '"\\udc00\\ud800"',
    '"\\ud83d\\ud83d"',
    '"a\\uDBFF"',
    '["ok", {"k": "\\uDFFF"}]',
  ];
  for (const text of lone) {
    it(`rejects the lone surrogate escape in ${text}`, () => {
      expect(failure(() => parseJsonStrict(text))).toEqual({
        code: INVALID,
        reason: "lone_surrogate",
      });
    });
  }

  it("rejects raw lone surrogates in a JS string input, and mixed raw/escaped pairs", () => {
    for (const text of [
      '"\uD800"',
      '"\uDC00"',
      '"a\uD800b"',
      '{"\uD800":1}',
      '"\\ud83d\uDE00"',
      '"\uD83D\\ude00"',
    ]) {
      expect(failure(() => parseJsonStrict(text)).code).toBe(INVALID);
    }
  });

  it("rejects raw control characters and bad escapes", () => {
    for (const c of [0, 1, 9, 10, 13, 31]) {
      expect(failure(() => parseJsonStrict(`"a${String.fromCharCode(c)}b"`))).toEqual({
        code: INVALID,
        reason: "control_character",
      });
    }
    for (const text of [
      '"\\x41"',
      '"\\u00G1"',
      '"\\u12"',
      '"\\a"',
      '"\\\'"',
      '"\\U0041"',
      '"\\0"',
    ]) {
      expect(failure(() => parseJsonStrict(text)).code).toBe(INVALID);
    }
  });

  it("rejects unterminated strings", () => {
    for (const text of ['"abc', '"abc\\', '"abc\\"', '"\\u00', '{"a', '["a\\u']) {
      expect(failure(() => parseJsonStrict(text))).toEqual({
        code: INVALID,
        reason: "unexpected_end",
      });
    }
  });
});

describe("JSON: the strict parser rejects", () => {
  it("duplicate keys at any depth, also when spelt with escapes, naming the path", () => {
    const cases: [string, (string | number)[]][] = [
      ['{"a":1,"a":2}', ["a"]],
      ['{"a":1,"b":2,"a":1}', ["a"]],
      ['{"a":1,"\\u0061":2}', ["a"]],
      ['[{"x":{"y":[0,{"k":1,"k":1}]}}]', [0, "x", "y", 1, "k"]],
      ['{"toString":1,"toString":2}', ["toString"]],
      ['{"hasOwnProperty":null,"hasOwnProperty":null}', ["hasOwnProperty"]],
      ['{"":1,"":2}', [""]],
      ['{"a":{},"a":{}}', ["a"]],
    ];
    for (const [text, path] of cases) {
      const err = errorOf(() => parseJsonStrict(text));
      expect(err.code).toBe("ERR_ENVELOPE_DUPLICATE_KEY");
      expect(err.path).toEqual(path);
    }
    expect(parseJsonStrict('{"a":1,"A":2,"a ":3}')).toEqual({ a: 1, A: 2, "a ": 3 });
  });

  it("duplicate keys anywhere in random objects (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (keys, pick) => {
          const dup = keys[pick % keys.length]!;
          fc.pre(!["__proto__", "constructor", "prototype"].includes(dup));
          const members = [...keys, dup].map((k, i) => `${JSON.stringify(k)}:${i}`);
          const text = `{"outer":[{${members.join(",")}}]}`;
          expect(errorOf(() => parseJsonStrict(text)).code).toMatch(
            /^ERR_ENVELOPE_(DUPLICATE|FORBIDDEN)_KEY$/,
          );
        },
      ),
    );
  });

  it("redacts member names outside knownNames from error paths", () => {
    const text = '{"person":{"Ahmed Example":1,"Ahmed Example":2}}';
    expect(errorOf(() => parseJsonStrict(text)).path).toEqual(["person", "Ahmed Example"]);
    const err = errorOf(() => parseJsonStrict(text, {}, { knownNames: new Set(["person"]) }));
    expect(err.path).toEqual(["person", "<unknown key>"]);
    expect(JSON.stringify(err.toJSON())).not.toContain("Ahmed");
    expect(
      errorOf(() => parseJsonStrict('[{"a":"\\ud800"}]', {}, { knownNames: new Set() })).path,
    ).toEqual([0, "<unknown key>"]);
  });

  it("__proto__, constructor and prototype keys (also escaped), and never pollutes", () => {
    for (const key of ["__proto__", "constructor", "prototype", "\\u005f_proto__"]) {
      const err = errorOf(() => parseJsonStrict(`{"ok":{"${key}":{"polluted":true}}}`));
      expect(err.code).toBe("ERR_ENVELOPE_FORBIDDEN_KEY");
      expect(err.path?.[0]).toBe("ok");
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(parseJsonStrict('{"__proto":1,"constructors":2}')).toEqual({
      __proto: 1,
      constructors: 2,
    });
  });

  it("depth 10 000 with a clean limit error and no stack overflow", () => {
    for (const [open, close] of [
      ["[", "]"],
      ['{"a":', "}"],
    ] as const) {
      const text = open.repeat(10_000) + "0" + close.repeat(10_000);
      const err = errorOf(() => parseJsonStrict(text));
      expect(err.code).toBe("ERR_LIMIT_EXCEEDED");
      expect(err.path).toHaveLength(32);
      expect(errorOf(() => parseJsonStrict(text, { maxDepth: 1000 })).code).toBe(
        "ERR_LIMIT_EXCEEDED",
      );
    }
    expect(parseJsonStrict("[".repeat(32) + "]".repeat(32))).toBeDefined();
    expect(failure(() => parseJsonStrict("[".repeat(33) + "]".repeat(33))).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
  });

  it("input, strings and containers beyond the limits", () => {
    expect(failure(() => parseJsonStrict("[1,2,3]", { maxBytes: 6 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => parseJsonStrict(utf8("[1,2,3]"), { maxBytes: 6 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    // The byte limit counts UTF-8 bytes of a string input: "é" is 2 bytes.
    expect(failure(() => parseJsonStrict('"éé"', { maxBytes: 5 })).code).toBe("ERR_LIMIT_EXCEEDED");
    expect(parseJsonStrict('"éé"', { maxBytes: 6 })).toBe("éé");
    expect(failure(() => parseJsonStrict('"abcdef"', { maxStringLength: 5 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => parseJsonStrict('"ééé"', { maxStringLength: 5 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(parseJsonStrict('"éé"', { maxStringLength: 4 })).toBe("éé");
    expect(
      failure(() => parseJsonStrict('"\\u00e9\\u00e9\\u00e9"', { maxStringLength: 5 })).code,
    ).toBe("ERR_LIMIT_EXCEEDED");
    expect(failure(() => parseJsonStrict('{"abcdef":1}', { maxStringLength: 5 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => parseJsonStrict("[1,2,3]", { maxContainerLength: 2 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(
      failure(() => parseJsonStrict('{"a":1,"b":2,"c":3}', { maxContainerLength: 2 })).code,
    ).toBe("ERR_LIMIT_EXCEEDED");
    expect(parseJsonStrict("[1,2]", { maxContainerLength: 2 })).toEqual([1, 2]);
  });

  it("invalid UTF-8 in byte input, and a byte-order mark", () => {
    for (const seq of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0xff],
      [0x80],
    ]) {
      const input = new Uint8Array([0x22, ...seq, 0x22]);
      expect(failure(() => parseJsonStrict(input))).toEqual({
        code: INVALID,
        reason: "invalid_utf8",
      });
    }
    expect(failure(() => parseJsonStrict(new Uint8Array([0xef, 0xbb, 0xbf, 0x31])))).toEqual({
      code: INVALID,
      reason: "bom",
    });
    expect(failure(() => parseJsonStrict("\uFEFF1"))).toEqual({ code: INVALID, reason: "bom" });
  });

  it("syntax errors of every kind", () => {
    const bad = [
      "",
      " ",
      "{",
      "}",
      "[",
      "[1,]",
      "[,1]",
      "[1 2]",
      '{"a"}',
      '{"a":}',
      '{"a":1,}',
      '{,"a":1}',
      "{a:1}",
      "{'a':1}",
      "['a']",
      "tru",
      "nul",
      "True",
      "null null",
      "1 2",
      "[1]]",
      "/* c */ 1",
      "1 // c",
      "\u00a01",
      "\v1",
      "\f1",
      "[1]\u0000",
      "undefined",
    ];
    for (const text of bad) {
      const result = safeParseJsonStrict(text);
      expect(result.success, text).toBe(false);
      if (!result.success) expect(result.error.code).toBe(INVALID);
    }
  });

  it("every strict prefix of a valid document that is not itself a document", () => {
    fc.assert(
      fc.property(modelValue, (v) => {
        const text = stringifyJson(v);
        for (let cut = 0; cut < text.length; cut++) {
          const prefix = text.slice(0, cut);
          const result = safeParseJsonStrict(prefix);
          if (result.success) {
            // A prefix of a number is a number ("12" of "123"): the only accepted prefixes.
            expect(typeof v).toBe("number");
            expect(typeof result.data).toBe("number");
          } else {
            expect(result.error.code).toBe(INVALID);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("random text and random bytes: only CorridorError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: "binary" }), (text) => {
        onlyCorridorErrors(() => parseJsonStrict(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'{}[],:"\\0123456789.-+eEtrufalsn u\uD800\uDC00é'.split("")), {
          maxLength: 30,
        }),
        (chars) => {
          const text = chars.join("");
          const r1 = onlyCorridorErrors(() => parseJsonStrict(text));
          // Whatever it accepts, JSON.parse accepts too, with the same value.
          if (!(r1 instanceof Error)) expect(r1).toEqual(normalize(JSON.parse(text)));
        },
      ),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (data) => {
        onlyCorridorErrors(() => parseJsonStrict(data));
      }),
      { numRuns: 2000 },
    );
  });

  it("a wrong argument type as an argument error", () => {
    expect(failure(() => parseJsonStrict(42 as unknown as string)).code).toBe(
      "ERR_INVALID_ARGUMENT",
    );
  });
});

describe("JSON: the validating scanner (+ JSON.parse) and the building parser agree", () => {
  /** Outcome of a parse: the value, or the error's code, reason and path. */
  function outcome(fn: () => unknown): unknown {
    const r = onlyCorridorErrors(fn);
    if (r instanceof Error) {
      const e = errorOf(() => {
        throw r;
      });
      return { code: e.code, reason: e.issues[0]?.reason, path: e.path };
    }
    return { value: r };
  }
  const both = (text: string, limits = DEFAULT_LIMITS, root?: number) => {
    const a = outcome(() => parseJsonTextScanning(text, limits, root));
    const b = outcome(() => parseJsonTextBuilding(text, limits, root));
    expect(a).toEqual(b);
    // Negative zero never comes out of either.
    if (typeof (a as { value?: unknown }).value === "number") {
      expect(Object.is((a as { value: number }).value, -0)).toBe(false);
    }
  };

  it("on random character soup", () => {
    const soup = fc.array(
      fc.constantFrom(
        ...'{}[],:"\\0123456789.-+eEtrufalsn ukp_o\uD800\uDC00é'.split(""),
        '"a"',
        '"__proto__"',
        "-0",
        "1e-400",
        '"\\u0061"',
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(soup, (chars) => both(chars.join(""))),
      { numRuns: 10_000 },
    );
  });

  it("on generated documents with duplicated, escaped and forbidden keys, small limits", () => {
    const doc = fc.tuple(
      modelValue,
      fc.nat(),
      fc.constantFrom("dup", "esc", "proto", "none", "negzero"),
    );
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 6 }), ([v, n, mutation], small) => {
        let text = stringifyJson(v);
        const keys = [...text.matchAll(/"((?:[^"\\]|\\.)*)":/g)];
        if (keys.length > 0) {
          const m = keys[n % keys.length]!;
          const at = m.index + m[0].length;
          if (mutation === "dup") text = `${text.slice(0, at)}1,${m[0]}${text.slice(at)}`;
          if (mutation === "esc") text = `${text.slice(0, at)}1,"\\u0061":0,"a":${text.slice(at)}`;
          if (mutation === "proto")
            text = `${text.slice(0, at)}{"__proto__":1},"x":${text.slice(at)}`;
        }
        if (mutation === "negzero") text = `[${text},-0,-0.0e3]`;
        both(text);
        both(text, {
          ...DEFAULT_LIMITS,
          maxDepth: small,
          maxContainerLength: small,
          maxStringLength: small * 3,
        });
        if (text.startsWith("[")) both(text, DEFAULT_LIMITS, small);
      }),
      { numRuns: 2000 },
    );
  });

  it("on objects with many keys (the Set path) and keys with escapes", () => {
    for (const n of [15, 16, 17, 40]) {
      const keys = Array.from({ length: n }, (_, i) => `"k${i}":${i}`);
      both(`{${keys.join(",")}}`);
      both(`{${keys.join(",")},"k3":0}`);
      both(`{${keys.join(",")},"\\u006b${n - 1}":0}`);
      both(`{"\\u006b0":0,${keys.join(",")}}`);
    }
  });
});

describe("JSON: the encoder refuses what the parser would", () => {
  it("refuses non-data values and lone surrogates, naming the path", () => {
    const cases: [unknown, string, string][] = [
      [{ a: undefined }, "ERR_INVALID_ARGUMENT", "undefined_value"],
      [[Number.NaN], "ERR_INVALID_ARGUMENT", "non_finite_number"],
      [{ d: new Date(0) }, "ERR_INVALID_ARGUMENT", "unsupported_type"],
      [{ f: () => 1 }, "ERR_INVALID_ARGUMENT", "unsupported_type"],
      [{ s: "\uD800" }, "ERR_INVALID_ARGUMENT", "lone_surrogate"],
      [{ "\uDC00": 1 }, "ERR_INVALID_ARGUMENT", "lone_surrogate"],
      [JSON.parse('{"__proto__":1}'), "ERR_ENVELOPE_FORBIDDEN_KEY", "forbidden_key"],
    ];
    for (const [value, code, reason] of cases) {
      expect(failure(() => encodeJson(value))).toEqual({ code, reason });
    }
    expect(errorOf(() => encodeJson({ a: [0, { b: 1n }] })).path).toEqual(["a", 1, "b"]);
    expect(encodeJson({ s: "\\ud800 is text" })).toBeInstanceOf(Uint8Array);
  });

  it("refuses cycles as nesting depth", () => {
    const a: unknown[] = [];
    a.push(a);
    expect(failure(() => encodeJson(a)).code).toBe("ERR_LIMIT_EXCEEDED");
  });
});

/** JSON.parse keeps -0 and `__proto__` members; the strict profile reads -0 as 0. */
function normalize(v: unknown): unknown {
  if (typeof v === "number") return v === 0 ? 0 : v;
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = normalize(x);
    return out;
  }
  return v;
}
