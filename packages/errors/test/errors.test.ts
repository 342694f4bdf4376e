import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CorridorError,
  ERROR_CODES,
  formatPath,
  isCorridorError,
  toResult,
  toResultAsync,
} from "../src/index.js";

describe("CorridorError", () => {
  it("carries code, path, issues and cause", () => {
    const cause = new Error("inner");
    const err = new CorridorError("ERR_RECORD_INVALID", "bad", {
      path: ["person", "documents", 0],
      issues: [{ path: ["a"], reason: "invalid_type", message: "a: expected string" }],
      cause,
    });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("CorridorError");
    expect(err.code).toBe("ERR_RECORD_INVALID");
    expect(err.path).toEqual(["person", "documents", 0]);
    expect(err.issues).toHaveLength(1);
    expect(err.cause).toBe(cause);
    expect(Object.isFrozen(err.issues)).toBe(true);
    expect(err.toJSON()).toMatchObject({ code: "ERR_RECORD_INVALID", path: "person.documents[0]" });
  });

  it("narrows on code", () => {
    const err: CorridorError = new CorridorError("ERR_LIMIT_EXCEEDED", "too big");
    expect(isCorridorError(err, "ERR_LIMIT_EXCEEDED")).toBe(true);
    expect(isCorridorError(err, "ERR_RECORD_INVALID")).toBe(false);
    expect(isCorridorError(new Error("x"))).toBe(false);
  });

  it("has unique, well-formed codes", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^ERR_[A-Z0-9_]+$/);
  });
});

describe("formatPath", () => {
  it("renders keys, indices and odd keys", () => {
    expect(formatPath([])).toBe("$");
    expect(formatPath(["person", "documents", 2, "number"])).toBe("person.documents[2].number");
    expect(formatPath(["a b", 1])).toBe('["a b"][1]');
  });

  it("never throws and is injective on simple paths", () => {
    const seg = fc.oneof(fc.string(), fc.nat());
    fc.assert(
      fc.property(fc.array(seg), fc.array(seg), (a, b) => {
        const same = a.length === b.length && a.every((x, i) => x === b[i]);
        if (
          !same &&
          a.every((s) => typeof s === "number" || /^[a-z]+$/.test(s)) &&
          b.every((s) => typeof s === "number" || /^[a-z]+$/.test(s))
        ) {
          expect(formatPath(a)).not.toBe(formatPath(b));
        }
        expect(typeof formatPath(a)).toBe("string");
      }),
    );
  });
});

describe("toResult", () => {
  it("wraps CorridorError and rethrows other errors", async () => {
    expect(toResult(() => 1)).toEqual({ success: true, data: 1 });
    const r = toResult(() => {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "x");
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.code).toBe("ERR_INVALID_ARGUMENT");
    expect(() =>
      toResult(() => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
    const a = await toResultAsync(async () => {
      throw new CorridorError("ERR_INTERNAL", "x");
    });
    expect(a.success).toBe(false);
  });
});
