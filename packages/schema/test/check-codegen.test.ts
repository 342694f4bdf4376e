import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkSource,
  recordCheckName,
  UnsupportedSchemaError,
} from "../../../scripts/check-codegen.js";
import { type RecordForm, recordJsonSchema, SCHEMA_VERSIONS } from "../src/index.js";

/*
 * The generator of the fast record checks (scripts/check-codegen.ts). The record schemas
 * themselves are held to zod and ajv in json-schema.test.ts; here, small schemas exercise each
 * keyword on its own, with ajv (an independent JSON Schema implementation) as the oracle, and
 * anything outside the subset must be refused rather than half-understood.
 */

const dir = mkdtempSync(join(tmpdir(), "corridor-check-codegen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Generates, writes and imports the check of `schema`. */
async function generated(schema: Record<string, unknown>): Promise<(v: unknown) => boolean> {
  const file = join(dir, `check${files++}.ts`);
  writeFileSync(file, checkSource(schema, { name: "check", source: "a test schema" }));
  const module = (await import(pathToFileURL(file).href)) as { check: (v: unknown) => boolean };
  return module.check;
}

const ajvOf = (schema: Record<string, unknown>) =>
  new Ajv2020.default({ strict: false }).compile(schema);

/** Values around the edges of the keywords below, beside fast-check's own. */
const EDGES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  9,
  10,
  11,
  "",
  "a",
  "ab",
  "abc",
  "A",
  "\u{1f600}",
  "\ud800",
  [],
  [1],
  [1, 2],
  [1, 2, 3],
  ["a", "b"],
  {},
  { a: "x" },
  { a: "x", b: 1 },
  { b: 1 },
  { a: "x", c: true },
  { t: "one", a: "x" },
  { t: "two", b: 1 },
  { t: "one", b: 1 },
  { t: "three" },
];

/**
 * Whole numbers beyond 2^53 are integers to JSON Schema and not to zod (nor to the generated
 * check, which follows zod; tested on its own below): the comparisons with ajv leave them out.
 */
const hasUnsafeInteger = (v: unknown): boolean =>
  typeof v === "number"
    ? Number.isInteger(v) && !Number.isSafeInteger(v)
    : typeof v === "object" && v !== null && Object.values(v).some(hasUnsafeInteger);

const SCHEMAS: Record<string, Record<string, unknown>> = {
  string: { type: "string" },
  "string with pattern (Unicode)": { type: "string", pattern: "^.{1,2}$" },
  "string enum": { type: "string", enum: ["a", "abc"] },
  const: { type: "string", const: "ab" },
  integer: { type: "integer", minimum: 0, maximum: 10 },
  number: { type: "number", minimum: -1 },
  boolean: { type: "boolean" },
  null: { type: "null" },
  "array with bounds": { type: "array", items: { type: "integer" }, minItems: 1, maxItems: 2 },
  "array without items": { type: "array", maxItems: 2 },
  "closed object": {
    type: "object",
    properties: { a: { type: "string" }, b: { type: "integer" } },
    required: ["a"],
    additionalProperties: false,
  },
  "open object": { type: "object", properties: { a: { type: "string" } } },
  "minProperties on a closed object": {
    type: "object",
    properties: { a: { type: "string" }, b: { type: "integer" } },
    additionalProperties: false,
    minProperties: 1,
  },
  "oneOf with a discriminator": {
    oneOf: [{ $ref: "#/$defs/One" }, { $ref: "#/$defs/Two" }],
    $defs: {
      One: {
        type: "object",
        properties: { t: { type: "string", const: "one" }, a: { type: "string" } },
        required: ["t", "a"],
        additionalProperties: false,
      },
      Two: {
        type: "object",
        properties: { t: { type: "string", const: "two" }, b: { type: "integer" } },
        required: ["t"],
        additionalProperties: false,
      },
    },
  },
  "oneOf without one (overlapping branches: exactly one must match)": {
    oneOf: [{ type: "integer" }, { type: "number", minimum: 5 }, { type: "string" }],
  },
};

describe("checkSource: each keyword agrees with ajv", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, async () => {
      const check = await generated(schema);
      const ajv = ajvOf(schema);
      for (const value of EDGES) expect(check(value), JSON.stringify(value)).toBe(ajv(value));
      fc.assert(
        fc.property(
          fc.jsonValue().filter((v) => !hasUnsafeInteger(v)),
          (value) => {
            expect(check(value)).toBe(ajv(value));
          },
        ),
        { numRuns: 300 },
      );
      // a mix: the edges cover both verdicts
      const verdicts = new Set(EDGES.map((v) => check(v)));
      expect(verdicts).toEqual(new Set([true, false]));
    });
  }

  it("treats a member whose value is undefined as absent, as zod does", async () => {
    const check = await generated(SCHEMAS["closed object"]!);
    expect(check({ a: "x", b: undefined })).toBe(true);
    expect(check({ a: undefined })).toBe(false);
  });

  it("refuses an unknown own member, but not an inherited enumerable one (as zod)", async () => {
    const check = await generated(SCHEMAS["closed object"]!);
    expect(check(Object.assign(Object.create(null), { a: "x" }))).toBe(true);
    expect(check(Object.assign(Object.create(null), { a: "x", z: 1 }))).toBe(false);
    expect(check(Object.assign(Object.create({ z: 1 }), { a: "x" }))).toBe(true);
  });

  it("takes integers to be safe integers and numbers to be finite (as zod)", async () => {
    const integer = await generated({ type: "integer" });
    const number = await generated({ type: "number" });
    expect([1, 2 ** 53 - 1, 2 ** 53, 1e300, 1.5].map(integer)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([1.5, Number.NaN, Number.POSITIVE_INFINITY].map(number)).toEqual([true, false, false]);
  });
});

describe("checkSource: anything outside the subset is refused", () => {
  const refused: Record<string, Record<string, unknown>> = {
    "an unknown keyword": { type: "string", format: "date" },
    anyOf: { anyOf: [{ type: "string" }] },
    allOf: { allOf: [{ type: "string" }] },
    not: { not: { type: "string" } },
    // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a thenable
    "if/then": { if: { type: "string" }, then: { type: "string" } },
    "a type list": { type: ["string", "null"] },
    "no type": { enum: ["a"] },
    "minLength (zod counts UTF-16 units, JSON Schema code points)": {
      type: "string",
      minLength: 1,
    },
    "an additionalProperties schema": {
      type: "object",
      additionalProperties: { type: "string" },
    },
    patternProperties: { type: "object", patternProperties: { "^a": { type: "string" } } },
    prefixItems: { type: "array", prefixItems: [{ type: "string" }] },
    "an enum of objects": { type: "object", enum: [{}] },
    "a const object": { type: "object", const: {} },
    "a $ref outside $defs": { $ref: "https://example.org/schema.json" },
    "a $ref to a missing definition": { $ref: "#/$defs/Missing", $defs: {} },
    "a $ref beside other keywords": {
      $ref: "#/$defs/A",
      type: "string",
      $defs: { A: { type: "string" } },
    },
    "a required member that is not defined": {
      type: "object",
      properties: {},
      required: ["a"],
    },
    "minProperties on an open object": { type: "object", minProperties: 1 },
    "a pattern on a number": { type: "integer", pattern: "^1$" },
    "a bound on a string": { type: "string", minimum: 1 },
    "a negative count": { type: "array", maxItems: -1 },
    "an empty oneOf": { oneOf: [] },
    "a pattern that is not a regular expression": { type: "string", pattern: "(" },
  };
  for (const [name, schema] of Object.entries(refused)) {
    it(name, () => {
      expect(() => checkSource(schema, { name: "check", source: "test" })).toThrow(
        name === "a pattern that is not a regular expression"
          ? SyntaxError
          : UnsupportedSchemaError,
      );
    });
  }
});

describe("the generated record checks", () => {
  it("are the committed files (run pnpm spec:generate)", () => {
    const forms: RecordForm[] = ["held", "shared"];
    for (const version of SCHEMA_VERSIONS) {
      for (const form of forms) {
        const file = join(
          import.meta.dirname,
          "..",
          "src",
          "generated",
          `record-${version}.${form}.check.ts`,
        );
        expect(readFileSync(file, "utf8")).toBe(
          checkSource(recordJsonSchema(version, form), {
            name: recordCheckName(version, form),
            source: `spec/schemas/record-${version}.${form}.schema.json`,
          }),
        );
      }
    }
  });
});
