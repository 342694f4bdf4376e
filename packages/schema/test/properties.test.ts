import { CorridorError, formatPath } from "@corridor/errors";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  isRecord,
  type MigrationRecord,
  parseRecord,
  RECORD_KINDS,
  type RecordForm,
  safeParseRecord,
  safeUpgradeRecord,
  upgradeRecord,
  validateBatch,
} from "../src/index.js";
import { arbInvalidRecord, arbRecord } from "../src/testing/index.js";

// Thousands of property runs: allow for a loaded machine (the default is 60 s a test).
vi.setConfig({ testTimeout: 300_000 });

const FORMS: RecordForm[] = ["held", "shared"];
const RUNS = 500;

describe.each(FORMS)("%s records: properties", (form) => {
  it("every arbitrary valid record parses, to a deep-equal copy (nothing lost or added)", () => {
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        const snapshot = structuredClone(record);
        const parsed = parseRecord(record, form);
        expect(parsed).toStrictEqual(snapshot);
        expect(parsed).not.toBe(record);
        // the input is left as it was
        expect(record).toStrictEqual(snapshot);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("the copy shares no object or array with the input", () => {
    const containers = (value: unknown, into = new Set<object>()): Set<object> => {
      if (typeof value === "object" && value !== null) {
        into.add(value);
        for (const member of Object.values(value)) containers(member, into);
      }
      return into;
    };
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        const inputs = containers(record);
        for (const c of containers(parseRecord(record, form))) expect(inputs.has(c)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it("inPlace: returns the input itself once validated; invalid input still throws", () => {
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        expect(parseRecord(record, form, { inPlace: true })).toBe(record);
        expect(isRecord(record, form)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(arbInvalidRecord(form), ({ record }) => {
        expect(isRecord(record, form)).toBe(false);
        const result = safeParseRecord(record, form, { inPlace: true });
        expect(result.success ? undefined : result.error.code).toBe("ERR_RECORD_INVALID");
      }),
      { numRuns: RUNS },
    );
  });

  it("copies records made of other than plain objects as zod reads them", () => {
    class Holder {}
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        // the person as a class instance; the kind inherited from a prototype
        const person = Object.assign(new Holder(), record.person);
        const { kind, ...rest } = record;
        const input = Object.assign(Object.create({ kind }), { ...rest, person });
        const parsed = parseRecord(input, form);
        expect(parsed).toStrictEqual(structuredClone(record));
      }),
      { numRuns: 100 },
    );
  });

  it("survives a JSON round trip", () => {
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        expect(parseRecord(JSON.parse(JSON.stringify(record)), form)).toStrictEqual(record);
      }),
      { numRuns: RUNS },
    );
  });

  it("parse is idempotent", () => {
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        const once = parseRecord(record, form);
        expect(parseRecord(once, form)).toStrictEqual(once);
      }),
      { numRuns: RUNS },
    );
  });

  it("records of every kind are generated", () => {
    for (const kind of RECORD_KINDS) {
      fc.assert(
        fc.property(arbRecord(form, { kind }), (record) => {
          expect(record.kind).toBe(kind);
          expect(safeParseRecord(record, form).success).toBe(true);
        }),
        { numRuns: 50 },
      );
    }
  });

  it("every arbitrary invalid record is rejected with ERR_RECORD_INVALID at the expected path", () => {
    fc.assert(
      fc.property(arbInvalidRecord(form), ({ record, expected, mutation }) => {
        const result = safeParseRecord(record, form);
        expect(result.success, mutation).toBe(false);
        if (result.success) return;
        expect(result.error).toBeInstanceOf(CorridorError);
        expect(result.error.code).toBe("ERR_RECORD_INVALID");
        expect(result.error.issues.length).toBeGreaterThan(0);
        const want = formatPath(expected.path);
        const match = result.error.issues.find(
          (i) =>
            formatPath(i.path) === want &&
            (expected.reason === undefined || i.reason === expected.reason),
        );
        expect(
          match,
          `${mutation}: expected ${want} ${expected.reason ?? ""}, got ${JSON.stringify(result.error.toJSON().issues)}`,
        ).toBeDefined();
      }),
      { numRuns: RUNS * 6 },
    );
  });

  it("the other form rejects every valid record", () => {
    const other: RecordForm = form === "held" ? "shared" : "held";
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        expect(safeParseRecord(record, other).success).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it("upgradeRecord returns a valid 1.0 record unchanged", () => {
    fc.assert(
      fc.property(arbRecord(form), (record) => {
        expect(upgradeRecord(record, form)).toStrictEqual(record);
      }),
      { numRuns: RUNS },
    );
  });

  it("upgradeRecord rejects every invalid 1.0 record", () => {
    fc.assert(
      fc.property(arbInvalidRecord(form), ({ record }) => {
        const result = safeUpgradeRecord(record, form);
        expect(result.success).toBe(false);
        if (!result.success) {
          expect(["ERR_RECORD_INVALID", "ERR_SCHEMA_VERSION_UNSUPPORTED"]).toContain(
            result.error.code,
          );
          // only a bad schemaVersion can make the version unsupported
          if (result.error.code === "ERR_SCHEMA_VERSION_UNSUPPORTED") {
            expect(record["schemaVersion"]).not.toBe("1.0");
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("validateBatch keeps every valid record with its index and reports every invalid one", () => {
    const item = fc.oneof(
      arbRecord(form).map((record) => ({ valid: true as const, input: record as unknown })),
      arbInvalidRecord(form).map(({ record }) => ({
        valid: false as const,
        input: record as unknown,
      })),
      fc
        .constantFrom<unknown>(null, "record", 7, [], {})
        .map((input) => ({ valid: false as const, input })),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const { valid, invalid } = validateBatch(
          items.map((i) => i.input),
          form,
        );
        const wantValid = items.flatMap((it, index) => (it.valid ? [index] : []));
        const wantInvalid = items.flatMap((it, index) => (it.valid ? [] : [index]));
        expect(valid.map((v) => v.index)).toEqual(wantValid);
        expect(invalid.map((v) => v.index)).toEqual(wantInvalid);
        for (const v of valid)
          expect(v.record).toStrictEqual(items[v.index]?.input as MigrationRecord);
        for (const i of invalid) expect(i.error.code).toBe("ERR_RECORD_INVALID");
      }),
      { numRuns: 200 },
    );
  });
});

describe("safe* twins never throw", () => {
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  });
  const form = fc.oneof(fc.constantFrom<unknown>("held", "shared"), fc.anything());

  it("safeParseRecord, on any value and any form", () => {
    fc.assert(
      fc.property(anything, form, (input, f) => {
        const result = safeParseRecord(input, f as RecordForm);
        if (!result.success) expect(result.error).toBeInstanceOf(CorridorError);
      }),
      { numRuns: 3000 },
    );
  });

  it("safeParseRecord, on records with one field replaced by anything", () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom<RecordForm>("held", "shared")
          .chain((f) => fc.tuple(fc.constant(f), arbRecord(f), fc.nat(), anything)),
        ([f, record, n, value]) => {
          const keys = Object.keys(record);
          const copy: Record<string, unknown> = {
            ...record,
            [keys[n % keys.length] as string]: value,
          };
          const result = safeParseRecord(copy, f);
          if (!result.success) expect(result.error.code).toBe("ERR_RECORD_INVALID");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("safeUpgradeRecord, on any value", () => {
    fc.assert(
      fc.property(anything, fc.constantFrom<RecordForm>("held", "shared"), (input, f) => {
        const result = safeUpgradeRecord(input, f);
        if (!result.success) expect(result.error).toBeInstanceOf(CorridorError);
      }),
      { numRuns: 2000 },
    );
  });

  it("validateBatch, on any array", () => {
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 10 }), (inputs) => {
        const { valid, invalid } = validateBatch(inputs, "shared");
        expect(valid.length + invalid.length).toBe(inputs.length);
      }),
      { numRuns: 500 },
    );
  });
});
