import { CorridorError } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import {
  assertSelfCheck,
  createClkEncoder,
  DEFAULT_LINKAGE_SCHEMA,
  type LinkageInput,
  type LinkageSchemaDocument,
  runSelfCheck,
  safeAssertSelfCheck,
} from "../src/linkage/index.js";

const GIVEN = [
  "mohammed",
  "ahmad",
  "fatima",
  "olena",
  "ali",
  "maria",
  "hassan",
  "amina",
  "ivan",
  "sara",
  "omar",
  "yusuf",
  "layla",
  "nour",
  "karim",
];
const FAMILY = [
  "haddad",
  "kovalenko",
  "rahimi",
  "garcia",
  "hussein",
  "ali",
  "khan",
  "popov",
  "nasser",
  "mensah",
  "diallo",
  "nguyen",
];

/** A deterministic batch with Zipf-like name frequencies (the shape real name lists have). */
function batch(n: number): LinkageInput[] {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const zipf = (len: number) => Math.min(len - 1, Math.floor(len * rnd() ** 2.5));
  return Array.from({ length: n }, () => ({
    identifiers: {
      name: { given: GIVEN[zipf(GIVEN.length)]!, family: FAMILY[zipf(FAMILY.length)]! },
      dateOfBirth: `${1960 + Math.floor(rnd() * 45)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}`,
    },
    attributes: { sex: rnd() < 0.5 ? ("F" as const) : ("M" as const) },
  }));
}

const unsalted = (hardening: LinkageSchemaDocument["hardening"]): LinkageSchemaDocument => ({
  ...DEFAULT_LINKAGE_SCHEMA,
  name: "self-check-unsalted",
  fields: DEFAULT_LINKAGE_SCHEMA.fields.map(({ salt: _salt, ...f }) => f),
  hardening,
});

const keyN = (k: number) => ({ agreementId: "X", epoch: 0, secret: new Uint8Array(32).fill(k) });
const schemaFor = (
  k: number,
  label: string,
  doc: LinkageSchemaDocument,
): LinkageSchemaDocument => ({
  ...doc,
  name: `k${k}-${label}`,
});
const KEYS = [1, 2, 3, 4, 5, 6];

describe("frequency-attack self-check", () => {
  const people = batch(1500);
  const rate = (k: number, label: string, doc: LinkageSchemaDocument) =>
    runSelfCheck(createClkEncoder({ schema: schemaFor(k, label, doc), key: keyN(k) }), people).rate;

  it("refuses balanced but unsalted encodings (balancing alone does not stop the attack)", () => {
    for (const k of [1, 2, 4]) {
      const encoder = createClkEncoder({
        schema: schemaFor(k, "balanced", unsalted([{ step: "balance" }])),
        key: keyN(k),
      });
      const report = runSelfCheck(encoder, people);
      expect(report.records).toBe(1500);
      expect(report.unbalanced).toBe(true);
      expect(report.rate).toBeGreaterThan(0.01);
      expect(report.acceptable).toBe(false);
      const r = safeAssertSelfCheck(encoder, people);
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.code).toBe("ERR_LINKAGE_REIDENTIFICATION_RISK");
    }
  });

  it("passes the default (salted, balanced) schema under every key tried", () => {
    for (const k of KEYS) {
      const encoder = createClkEncoder({
        schema: schemaFor(k, "default", DEFAULT_LINKAGE_SCHEMA),
        key: keyN(k),
      });
      const report = assertSelfCheck(encoder, people);
      expect(report.rate).toBeLessThanOrEqual(0.01);
    }
  });

  it("re-identifies more unhardened than salted encodings over several keys", () => {
    const sum = (label: string, doc: LinkageSchemaDocument) =>
      KEYS.reduce((acc, k) => acc + rate(k, label, doc), 0);
    expect(sum("unhardened", unsalted([]))).toBeGreaterThan(
      2 * sum("default", DEFAULT_LINKAGE_SCHEMA),
    );
  });

  it("honours a stricter acceptable rate", () => {
    const encoder = createClkEncoder({
      schema: schemaFor(1, "balanced", unsalted([{ step: "balance" }])),
      key: keyN(1),
    });
    let caught: unknown;
    try {
      assertSelfCheck(encoder, people.slice(0, 500), { acceptableRate: 0 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CorridorError);
    expect((caught as CorridorError).code).toBe("ERR_LINKAGE_REIDENTIFICATION_RISK");
  });
});
