import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  isRecord,
  type MigrationRecord,
  parseRecord,
  RECORD_SCHEMAS,
  type RecordForm,
  recordJsonSchema,
  recordSchemaId,
  SCHEMA_VERSIONS,
  safeParseRecord,
} from "../src/index.js";
import { arbInvalidRecord, arbRecord } from "../src/testing/index.js";
import { heldExample, KINDS, sharedExample } from "./helpers.js";

// Thousands of property runs: allow for a loaded machine (the default is 60 s a test).
vi.setConfig({ testTimeout: 300_000 });

/*
 * Parity of the exported JSON Schema (draft 2020-12) with the zod schemas: an agency validating
 * with the JSON Schema in another language must accept and reject exactly what Corridor does.
 * Three validators take part: zod itself (not parseRecord, which tries the generated check
 * first), ajv on the exported JSON Schema (an independent implementation of it), and the check
 * generated from that JSON Schema (scripts/check-codegen.ts), which is parseRecord's fast path.
 * Where zod accepts, parseRecord's output must equal zod's.
 */

const FORMS: RecordForm[] = ["held", "shared"];

function compile(form: RecordForm) {
  const ajv = new Ajv2020.default({ strict: true, allErrors: true });
  return ajv.compile(recordJsonSchema("1.0", form));
}
const VALIDATORS = { held: compile("held"), shared: compile("shared") };

interface Verdicts {
  zod: boolean;
  ajv: boolean;
  check: boolean;
}
const all = (verdict: boolean): Verdicts => ({ zod: verdict, ajv: verdict, check: verdict });

/** The three validators' verdicts on `input`; where zod accepts, parseRecord must give zod's data. */
function verdicts(input: unknown, form: RecordForm): Verdicts {
  const zod = RECORD_SCHEMAS["1.0"][form].safeParse(input);
  if (zod.success) expect(parseRecord(input, form)).toEqual(zod.data);
  return { zod: zod.success, ajv: VALIDATORS[form](input), check: isRecord(input, form) };
}

function expectSameVerdict(input: unknown, form: RecordForm): void {
  const v = verdicts(input, form);
  expect(
    v,
    `zod ${v.zod ? "accepts" : "rejects"}: ${JSON.stringify(input)?.slice(0, 2000)}\najv: ${JSON.stringify(VALIDATORS[form].errors?.slice(0, 5))}`,
  ).toEqual(all(v.zod));
}

// ─── random structural mutations ─────────────────────────────────────────────────────────────

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  } else if (typeof value === "object" && value !== null) {
    for (const k of Object.keys(value))
      out.push(...paths((value as Record<string, unknown>)[k], [...at, k]));
  }
  return out;
}
function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], root);
}
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1] as string | number, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}
function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
  else delete (parent as Record<string | number, unknown>)[last];
  return root;
}

/** Characters that sit on the edges of the patterns: separators, case, controls, surrogates, astral. */
const EDGE_CHARS = [
  "-",
  ":",
  ".",
  "_",
  " ",
  "0",
  "9",
  "A",
  "Z",
  "a",
  "z",
  "é",
  "=",
  "+",
  "/",
  "\u0000",
  "\n",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "\u{1e922}",
  "\u{2000b}",
];

/** Edits of one string: insert, delete, replace a character, change case, repeat. */
const arbStringEdit = (s: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .tuple(fc.nat(s.length), fc.constantFrom(...EDGE_CHARS))
      .map(([i, c]) => s.slice(0, i) + c + s.slice(i)),
    fc.nat(Math.max(0, s.length - 1)).map((i) => s.slice(0, i) + s.slice(i + 1)),
    fc
      .tuple(fc.nat(Math.max(0, s.length - 1)), fc.constantFrom(...EDGE_CHARS))
      .map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
    fc.constantFrom(
      s.toLowerCase(),
      s.toUpperCase(),
      s + s,
      s.slice(0, -1),
      "",
      `${s}${"x".repeat(200)}`,
    ),
    // the last character repeated: lengths around the limits counted from a pattern's prefix
    // (a pseudonym's value of 43 base64url characters may grow to 86, a digest's may not)
    fc
      .constantFrom(1, 2, 21, 42, 43, 44, 45, 63, 64, 85, 86, 87, 128)
      .map((k) => s + (Array.from(s).pop() ?? "a").repeat(k)),
    // lengths around the limits of the patterns (22/86 base64url, 32, 40, 64, 128, 200, 1366)
    fc
      .constantFrom(
        1,
        2,
        21,
        22,
        23,
        32,
        33,
        40,
        41,
        43,
        64,
        65,
        86,
        87,
        128,
        129,
        199,
        200,
        201,
        1366,
        1367,
      )
      .map((n) =>
        Array.from(
          { length: n },
          (_, i) => Array.from(s)[i % Math.max(1, Array.from(s).length)] ?? "a",
        ).join(""),
      ),
  );

const arbNumberEdit = (n: number): fc.Arbitrary<number> =>
  fc.constantFrom(
    n + 1,
    n - 1,
    -n,
    n + 0.5,
    n * 10,
    0,
    -0,
    1e12,
    1e12 + 1,
    999_999_999,
    1e9,
    130,
    131,
    365,
    366,
    10_000,
    10_001,
    2 ** 53,
    Number.MAX_VALUE,
  );

/** A valid record with one random structural change: a value replaced, edited, removed, added, moved. */
function arbStructuralMutation(form: RecordForm): fc.Arbitrary<unknown> {
  return arbRecord(form).chain((record) => {
    const all = paths(record);
    return fc.constantFrom(...all).chain((path) => {
      const value = getAt(record, path);
      const leaves = all
        .map((p) => getAt(record, p))
        .filter((v) => typeof v !== "object" || v === null);
      const edits: fc.Arbitrary<unknown>[] = [
        fc.jsonValue({ maxDepth: 2 }).map((v) => setAt(structuredClone(record), path, v)),
        fc.constantFrom(...leaves).map((v) => setAt(structuredClone(record), path, v)),
        fc.constant(deleteAt(structuredClone(record), path)),
        fc.constant(setAt(structuredClone(record), path, [value])),
      ];
      if (typeof value === "string")
        edits.push(arbStringEdit(value).map((v) => setAt(structuredClone(record), path, v)));
      if (typeof value === "number")
        edits.push(arbNumberEdit(value).map((v) => setAt(structuredClone(record), path, v)));
      if (Array.isArray(value)) {
        edits.push(
          fc.constant(
            setAt(structuredClone(record), path, [
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
              ...value,
            ]),
          ),
        );
        edits.push(fc.constant(setAt(structuredClone(record), path, [])));
      }
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        edits.push(
          fc
            .tuple(
              fc.oneof(
                fc.string(),
                fc.constantFrom("given", "number", "identifiers", "__proto__", "outcome", "stage"),
              ),
              fc.jsonValue({ maxDepth: 1 }),
            )
            .map(([k, v]) => setAt(structuredClone(record), [...path, k], v)),
        );
        edits.push(fc.constant(setAt(structuredClone(record), path, {})));
      }
      return fc.oneof(...edits);
    });
  });
}

// ─── the tests ───────────────────────────────────────────────────────────────────────────────

describe("recordJsonSchema", () => {
  it("exists for every published version and form, with its $id, and compiles in strict mode", () => {
    for (const version of SCHEMA_VERSIONS) {
      for (const form of FORMS) {
        const schema = recordJsonSchema(version, form);
        expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
        expect(schema["$id"]).toBe(recordSchemaId(version, form));
        expect(() => new Ajv2020.default({ strict: true }).compile(schema)).not.toThrow();
      }
    }
  });

  it("the committed spec/schemas files are the generated ones (run pnpm spec:generate)", () => {
    const root = join(import.meta.dirname, "..", "..", "..");
    for (const version of SCHEMA_VERSIONS) {
      for (const form of FORMS) {
        const file = join(root, "spec", "schemas", `record-${version}.${form}.schema.json`);
        const text = readFileSync(file, "utf8");
        expect(text).toBe(`${JSON.stringify(recordJsonSchema(version, form), null, 2)}\n`);
      }
    }
  });

  it("the examples of every kind are valid for both", () => {
    for (const kind of KINDS) {
      expect(verdicts(heldExample(kind), "held")).toEqual(all(true));
      expect(verdicts(sharedExample(kind), "shared")).toEqual(all(true));
      expect(verdicts(heldExample(kind), "shared")).toEqual(all(false));
    }
  });
});

describe.each(FORMS)("%s: zod, ajv (JSON Schema) and the generated check agree", (form) => {
  it("on valid arbitrary records: both accept", () => {
    fc.assert(
      fc.property(arbRecord(form), (record: MigrationRecord) => {
        expect(verdicts(record, form)).toEqual(all(true));
      }),
      { numRuns: 2000 },
    );
  });

  it("on invalid arbitrary records: both reject", () => {
    fc.assert(
      fc.property(arbInvalidRecord(form), ({ record, mutation }) => {
        expect(verdicts(record, form), mutation).toEqual(all(false));
      }),
      { numRuns: 2500 },
    );
  });

  it("on random structural mutations of valid records", () => {
    fc.assert(
      fc.property(arbStructuralMutation(form), (input) => expectSameVerdict(input, form)),
      { numRuns: 3000 },
    );
  });

  it("the structural mutations are a real mix of valid and invalid inputs", () => {
    const sample = fc.sample(arbStructuralMutation(form), { numRuns: 1000, seed: 7 });
    const accepted = sample.filter((input) => safeParseRecord(input, form).success).length;
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(900);
  });

  it("on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => expectSameVerdict(input, form)),
      { numRuns: 2000 },
    );
  });

  it("on anything fast-check makes (JSON-compatible or not)", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withUnicodeString: true }), (input) =>
        expectSameVerdict(input, form),
      ),
      { numRuns: 2000 },
    );
  });
});
