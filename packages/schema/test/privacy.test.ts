import type { CorridorError } from "@corridor/errors";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  type HeldRecord,
  type MigrationRecord,
  type RecordForm,
  type SharedRecord,
  safeParseRecord,
  safeUpgradeRecord,
} from "../src/index.js";
import {
  arbHeldRecord,
  arbInvalidRecord,
  arbRecord,
  arbSharedRecord,
} from "../src/testing/index.js";
import { stringLeaves } from "./helpers.js";

// Thousands of property runs: allow for a loaded machine (the default is 60 s a test).
vi.setConfig({ testTimeout: 300_000 });

/*
 * Error messages, issues and toJSON() must never carry personal values: not the identifiers of
 * the record, not the values that made it invalid, not unknown keys (a key can itself be data).
 */

const SENTINEL = "Qzsentinel";
const SENTINEL_DATE = "1961-07-23";

/** Everything of an error a caller could log. */
const rendered = (error: CorridorError): string[] => [
  error.message,
  String(error),
  JSON.stringify(error.toJSON()),
  ...error.issues.map((i) => `${i.message} ${i.reason} ${i.path.join("/")}`),
];

/** Keys under which personal values live (code-list values such as a document type excepted). */
const PERSONAL_KEYS = new Set([
  "identifiers",
  "pseudonyms",
  "linkage",
  "given",
  "family",
  "number",
  "dateOfBirth",
  "placeOfBirth",
  "name",
]);

/** String values of `input` found under a personal key, at least 6 characters long. */
function personalValues(input: unknown): string[] {
  return stringLeaves(input)
    .filter(([path, value]) => {
      const keys = path.filter((p): p is string => typeof p === "string");
      const last = keys[keys.length - 1];
      if (last === "type" || last === "issuingCountry" || keys.includes("route")) return false;
      return value.length >= 6 && keys.some((k) => PERSONAL_KEYS.has(k));
    })
    .map(([, value]) => value);
}

const withSentinels = (record: HeldRecord): HeldRecord => ({
  ...record,
  person: {
    ...record.person,
    identifiers: {
      documents: [{ type: "passport", issuingCountry: "SOM", number: "QZSENTINEL123" }],
      name: { given: `${SENTINEL}given`, family: `${SENTINEL}family` },
      dateOfBirth: SENTINEL_DATE,
      placeOfBirth: `${SENTINEL}place`,
    },
  },
});

const SENTINEL_PSEUDONYM = "hmac-sha256:7:QzsentinelpseudonymAAAAAAAAAAAAAAAAAAAAAAAA";
const withSentinelPseudonyms = (record: SharedRecord): SharedRecord => ({
  ...record,
  person: {
    ...record.person,
    pseudonyms: {
      documents: [{ type: "passport", issuingCountry: "SOM", pseudonym: SENTINEL_PSEUDONYM }],
      name: SENTINEL_PSEUDONYM,
      dateOfBirth: SENTINEL_PSEUDONYM,
      linkageKeys: [SENTINEL_PSEUDONYM],
    },
  },
});

function assertNothingLeaks(error: CorridorError, input: unknown): void {
  const texts = rendered(error);
  const secrets = [SENTINEL, SENTINEL.toUpperCase(), SENTINEL_DATE, ...personalValues(input)];
  for (const text of texts) {
    for (const secret of secrets) {
      expect(text.includes(secret), `${JSON.stringify(secret)} leaked into ${text}`).toBe(false);
    }
  }
}

describe.each<[RecordForm, fc.Arbitrary<MigrationRecord>]>([
  ["held", arbHeldRecord().map(withSentinels)],
  ["shared", arbSharedRecord().map(withSentinelPseudonyms)],
])("%s records: no personal value in errors", (form, sentinelRecords) => {
  it("the sentinel records are valid (so the mutation is what fails)", () => {
    fc.assert(
      fc.property(sentinelRecords, (record) => {
        expect(safeParseRecord(record, form).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("invalid records: message, issues and toJSON() repeat no identifier or injected value", () => {
    fc.assert(
      fc.property(arbInvalidRecord(form, { from: sentinelRecords }), ({ record }) => {
        for (const result of [safeParseRecord(record, form), safeUpgradeRecord(record, form)]) {
          expect(result.success).toBe(false);
          if (!result.success) assertNothingLeaks(result.error, record);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("invalid identifier values are not repeated", () => {
    // Values every identifier slot refuses: control characters, unpaired surrogates, 200+
    // characters; and, per slot, values only that slot refuses.
    const bad = fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }).map((s) => `${SENTINEL}${s}\u0000`),
      fc.constantFrom(`${SENTINEL}${"x".repeat(200)}`, `${SENTINEL}\ud800`, `${SENTINEL}\n`),
    );
    const slots: [(string | number)[], fc.Arbitrary<string>][] =
      form === "held"
        ? [
            [["person", "identifiers", "name", "given"], bad],
            [
              ["person", "identifiers", "dateOfBirth"],
              fc.oneof(bad, fc.constantFrom("1961-02-29", "1961-07-32", "1961-7-23")),
            ],
            [["person", "identifiers", "placeOfBirth"], bad],
            [
              ["person", "identifiers", "documents", 0, "number"],
              fc.oneof(bad, fc.constantFrom("QZSENTINEL#1", "QZSENTINEL-")),
            ],
          ]
        : [
            [
              ["person", "pseudonyms", "name"],
              fc.oneof(bad, fc.constantFrom(`${SENTINEL} Yusuf`, `HMAC:1:${SENTINEL}`)),
            ],
            [["person", "pseudonyms", "dateOfBirth"], fc.oneof(bad, fc.constant(SENTINEL_DATE))],
            [
              ["person", "pseudonyms", "documents", 0, "pseudonym"],
              fc.oneof(bad, fc.constant("QZSENTINEL123")),
            ],
            [["person", "pseudonyms", "linkageKeys", 0], bad],
          ];
    const slotAndValue = fc
      .constantFrom(...slots)
      .chain(([slot, values]) => values.map((value) => [slot, value] as const));
    fc.assert(
      fc.property(sentinelRecords, slotAndValue, (record, [slot, value]) => {
        const copy = structuredClone(record) as unknown as Record<string, unknown>;
        const parent = slot
          .slice(0, -1)
          .reduce<Record<string | number, unknown>>(
            (o, k) => o[k] as Record<string, unknown>,
            copy,
          );
        parent[slot[slot.length - 1] as string | number] = value;
        const result = safeParseRecord(copy, form);
        expect(result.success).toBe(false);
        if (!result.success) {
          for (const text of rendered(result.error)) {
            expect(text).not.toContain(value);
            expect(text).not.toContain(SENTINEL);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("unknown keys are never echoed, at any depth", () => {
    const key = fc.string({ maxLength: 20 }).map((s) => `Qzkey${s}`);
    fc.assert(
      fc.property(arbRecord(form), key, fc.nat(), (record, k, n) => {
        const copy = structuredClone(record) as unknown as Record<string, unknown>;
        const objects: Record<string, unknown>[] = [];
        const walk = (v: unknown) => {
          if (Array.isArray(v)) for (const x of v) walk(x);
          else if (typeof v === "object" && v !== null) {
            objects.push(v as Record<string, unknown>);
            for (const x of Object.values(v)) walk(x);
          }
        };
        walk(copy);
        const target = objects[n % objects.length] as Record<string, unknown>;
        Object.defineProperty(target, k, {
          value: "v",
          enumerable: true,
          configurable: true,
          writable: true,
        });
        const result = safeParseRecord(copy, form);
        expect(result.success).toBe(false);
        if (!result.success) {
          for (const text of rendered(result.error)) expect(text).not.toContain("Qzkey");
        }
      }),
      { numRuns: 1000 },
    );
  });
});
