import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIMITS,
  decodeBody,
  encodeBody,
  MAX_DEPTH_CEILING,
  resolveLimits,
  safeDecodeBody,
} from "../src/codec/index.js";
import { errorOf, failure, fromHex, recordLike } from "./codec-helpers.js";

describe("bodies (arrays of records)", () => {
  it("round-trip in both encodings", () => {
    fc.assert(
      fc.property(fc.array(recordLike, { maxLength: 20 }), (records) => {
        for (const encoding of ["msgpack", "json"] as const) {
          expect(decodeBody(encodeBody(records, encoding), encoding)).toEqual(records);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("check the record count from the MessagePack header before reading any record", () => {
    // array16 of 5 elements, each the reserved byte: the limit is hit before 0xc1 is seen.
    const body = fromHex(`dc0005${"c1".repeat(5)}`);
    expect(failure(() => decodeBody(body, "msgpack", { maxRecords: 4 })).code).toBe(
      "ERR_LIMIT_EXCEEDED",
    );
    expect(failure(() => decodeBody(body, "msgpack", { maxRecords: 5 }))).toEqual({
      code: "ERR_ENVELOPE_MSGPACK_INVALID",
      reason: "reserved_byte",
    });
    // A declared count beyond the input is truncation, whatever the limit.
    expect(failure(() => decodeBody(fromHex("ddffffffff"), "msgpack")).reason).toBe("truncated");
  });

  it("use maxRecords, not maxContainerLength, for the record array", () => {
    const records = [{ a: 1 }, { a: 2 }, { a: 3 }];
    for (const encoding of ["msgpack", "json"] as const) {
      const bytes = encodeBody(records, encoding);
      expect(decodeBody(bytes, encoding, { maxContainerLength: 2 })).toEqual(records);
      expect(failure(() => decodeBody(bytes, encoding, { maxRecords: 2 })).code).toBe(
        "ERR_LIMIT_EXCEEDED",
      );
      expect(failure(() => encodeBody(records, encoding, { maxRecords: 2 })).code).toBe(
        "ERR_LIMIT_EXCEEDED",
      );
      expect(
        failure(() =>
          decodeBody(encodeBody([{ a: [1, 2, 3] }], encoding), encoding, { maxContainerLength: 2 }),
        ).code,
      ).toBe("ERR_LIMIT_EXCEEDED");
    }
  });

  it("reject a body that is not an array", () => {
    expect(failure(() => decodeBody(fromHex("81a16101"), "msgpack"))).toEqual({
      code: "ERR_ENVELOPE_MSGPACK_INVALID",
      reason: "body_not_array",
    });
    expect(failure(() => decodeBody(new TextEncoder().encode('{"a":1}'), "json"))).toEqual({
      code: "ERR_ENVELOPE_JSON_INVALID",
      reason: "body_not_array",
    });
    expect(failure(() => decodeBody(new Uint8Array(0), "msgpack")).reason).toBe("truncated");
  });

  it("name the record in errors, and only the member names the caller knows", () => {
    const json = new TextEncoder().encode('[{"a":1},{"a":1,"a":2}]');
    const mp = fromHex("9281a1610182a16101a16102");
    for (const [bytes, encoding] of [
      [json, "json"],
      [mp, "msgpack"],
    ] as const) {
      // By default every member name from the input is redacted (it may be personal data).
      const err = errorOf(() => decodeBody(bytes, encoding));
      expect(err.code).toBe("ERR_ENVELOPE_DUPLICATE_KEY");
      expect(err.path).toEqual([1, "<unknown key>"]);
      expect(err.issues[0]?.path).toEqual([1, "<unknown key>"]);
      expect(
        errorOf(() => decodeBody(bytes, encoding, {}, { knownNames: new Set(["a"]) })).path,
      ).toEqual([1, "a"]);
      expect(
        errorOf(() => decodeBody(bytes, encoding, {}, { knownNames: (n) => n === "b" })).path,
      ).toEqual([1, "<unknown key>"]);
    }
    // Forbidden keys are names the specification defines: always written.
    const proto = new TextEncoder().encode('[{"x":{"__proto__":1}}]');
    expect(errorOf(() => decodeBody(proto, "json")).path).toEqual([
      0,
      "<unknown key>",
      "__proto__",
    ]);
    expect(JSON.stringify(errorOf(() => decodeBody(proto, "json")).toJSON())).not.toContain('"x"');
  });

  it("reject an unknown encoding and non-array records as argument errors", () => {
    expect(failure(() => decodeBody(new Uint8Array([0x90]), "cbor" as "json")).code).toBe(
      "ERR_INVALID_ARGUMENT",
    );
    expect(failure(() => encodeBody({} as unknown[], "json")).code).toBe("ERR_INVALID_ARGUMENT");
    expect(safeDecodeBody(new Uint8Array([0x90]), "msgpack")).toEqual({ success: true, data: [] });
  });
});

describe("limits", () => {
  it("defaults are the documented values", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 67_108_864,
      maxDepth: 32,
      maxStringLength: 65_536,
      maxContainerLength: 1_000_000,
      maxRecords: 1_000_000,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
    expect(resolveLimits()).toBe(DEFAULT_LIMITS);
  });

  it("complete partial overrides", () => {
    const l = resolveLimits({ maxBytes: 1024, maxRecords: 5 });
    expect(l).toEqual({ ...DEFAULT_LIMITS, maxBytes: 1024, maxRecords: 5 });
    expect(resolveLimits(l)).toBe(l);
    expect(resolveLimits({ maxDepth: MAX_DEPTH_CEILING }).maxDepth).toBe(1000);
  });

  it("refuse nonsense with ERR_INVALID_ARGUMENT and the path of the limit", () => {
    const bad: unknown[] = [
      { maxBytes: 0 },
      { maxBytes: -1 },
      { maxBytes: 1.5 },
      { maxBytes: Number.NaN },
      { maxBytes: Number.POSITIVE_INFINITY },
      { maxBytes: 2 ** 60 },
      { maxBytes: "1024" },
      { maxDepth: MAX_DEPTH_CEILING + 1 },
      { maxStringLength: null },
      { maxRecord: 5 },
      null,
      [],
      "limits",
    ];
    for (const b of bad) {
      expect(failure(() => resolveLimits(b as Partial<typeof DEFAULT_LIMITS>)).code).toBe(
        "ERR_INVALID_ARGUMENT",
      );
    }
    expect(errorOf(() => resolveLimits({ maxDepth: 0 })).path).toEqual(["limits", "maxDepth"]);
  });
});
