import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { PSEUDONYM_PATTERN, RECORD_KINDS, type RecordForm } from "../src/index.js";
import {
  arbHeldRecord,
  arbInvalidRecord,
  arbPersonName,
  arbRecord,
  arbSharedRecord,
} from "../src/testing/index.js";
import { stringLeaves } from "./helpers.js";

// Thousands of property runs: allow for a loaded machine (the default is 60 s a test).
vi.setConfig({ testTimeout: 300_000 });

/*
 * The arbitraries are only as good as what they cover: these tests check that a sample of them
 * reaches every kind, every date precision, leap days, several scripts, astral characters, every
 * optional field, and every family of mutations.
 */

const SAMPLE = { numRuns: 3000, seed: 20240229 };

const scriptOf = (s: string): string[] => {
  const scripts: [string, RegExp][] = [
    ["Latin", /\p{Script=Latin}/u],
    ["Greek", /\p{Script=Greek}/u],
    ["Cyrillic", /\p{Script=Cyrillic}/u],
    ["Arabic", /\p{Script=Arabic}/u],
    ["Hebrew", /\p{Script=Hebrew}/u],
    ["Ethiopic", /\p{Script=Ethiopic}/u],
    ["Devanagari", /\p{Script=Devanagari}/u],
    ["Georgian", /\p{Script=Georgian}/u],
    ["Armenian", /\p{Script=Armenian}/u],
    ["Han", /\p{Script=Han}/u],
    ["Adlam", /\p{Script=Adlam}/u],
  ];
  return scripts.filter(([, re]) => re.test(s)).map(([name]) => name);
};

describe("arbHeldRecord / arbSharedRecord", () => {
  it("reach every kind and every staged variant", () => {
    for (const form of ["held", "shared"] as RecordForm[]) {
      const seen = new Set<string>();
      for (const r of fc.sample(arbRecord(form), SAMPLE)) {
        const d = r.details as Record<string, unknown>;
        const variant = d["stage"] ?? (r.kind === "entry" ? d["outcome"] : "");
        seen.add(`${r.kind}/${String(variant)}`);
      }
      expect(new Set([...seen].map((k) => k.split("/")[0]))).toEqual(new Set(RECORD_KINDS));
      for (const v of [
        "entry/admitted",
        "entry/refused",
        "appeal/lodged",
        "appeal/decided",
        "family-reunification/application",
        "family-reunification/decision",
        "return/order-to-leave",
        "return/effective-return",
      ]) {
        expect(seen, v).toContain(v);
      }
    }
  });

  it("make dates of all three precisions, and 29 February of leap years", () => {
    const precisions = new Set<number>();
    let leapDays = 0;
    for (const r of fc.sample(arbHeldRecord(), SAMPLE)) {
      for (const d of [r.eventDate, r.person.identifiers.dateOfBirth]) {
        if (d === undefined) continue;
        precisions.add(d.split("-").length);
        if (d.endsWith("-02-29")) leapDays++;
      }
    }
    expect([...precisions].sort()).toEqual([1, 2, 3]);
    expect(leapDays).toBeGreaterThan(30);
  });

  it("write names in many scripts, sometimes outside the BMP, sometimes at 200 code points", () => {
    const scripts = new Set<string>();
    let astral = 0;
    let atLimit = 0;
    const shapes = new Set<string>();
    for (const name of fc.sample(arbPersonName(), SAMPLE)) {
      shapes.add(Object.keys(name).sort().join("+"));
      for (const part of Object.values(name) as string[]) {
        for (const s of scriptOf(part)) scripts.add(s);
        if (/[\u{10000}-\u{10FFFF}]/u.test(part)) astral++;
        if (Array.from(part).length === 200) atLimit++;
      }
    }
    expect(scripts.size).toBeGreaterThanOrEqual(10);
    expect(astral).toBeGreaterThan(20);
    expect(atLimit).toBeGreaterThan(5);
    expect(shapes).toEqual(new Set(["family+given", "given", "family"]));
  });

  it("leave out optional fields sometimes, never always", () => {
    const present = new Map<string, number>();
    const records = fc.sample(arbHeldRecord({ kind: "entry" }), SAMPLE);
    for (const r of records) {
      const keys = [
        ...Object.keys(r.person.identifiers).map((k) => `identifiers.${k}`),
        ...Object.keys(r.person.attributes).map((k) => `attributes.${k}`),
        ...(r.links ? ["links"] : []),
      ];
      for (const k of keys) present.set(k, (present.get(k) ?? 0) + 1);
    }
    for (const key of [
      "identifiers.documents",
      "identifiers.name",
      "identifiers.dateOfBirth",
      "identifiers.placeOfBirth",
      "attributes.citizenship",
      "attributes.countryOfBirth",
      "attributes.sex",
      "attributes.age",
      "attributes.ageBand",
      "attributes.vulnerabilities",
      "links",
    ]) {
      const n = present.get(key) ?? 0;
      expect(n, key).toBeGreaterThan(0);
      expect(n, key).toBeLessThan(records.length);
    }
  });

  it("shared records carry pseudonyms only, all of the pseudonym grammar", () => {
    const pattern = new RegExp(PSEUDONYM_PATTERN);
    for (const r of fc.sample(arbSharedRecord(), { numRuns: 500, seed: 1 })) {
      const p = r.person.pseudonyms;
      const all = [
        p.name,
        p.dateOfBirth,
        p.placeOfBirth,
        ...(p.linkageKeys ?? []),
        ...(p.documents ?? []).map((d) => d.pseudonym),
      ].filter((x): x is string => x !== undefined);
      for (const x of all) expect(x).toMatch(pattern);
      expect(JSON.stringify(r)).not.toContain('"identifiers"');
      expect(stringLeaves(r.person).length).toBeGreaterThan(0);
    }
  });
});

describe("arbInvalidRecord", () => {
  it("reaches every family of mutations, in both forms", () => {
    const families = [
      "impossible date",
      "unknown country",
      "code typo",
      "lower-case code",
      "unknown key",
      "misplaced field",
      "missing",
      "wrong type",
      "malformed string",
      "over-long text",
      "control character or lone surrogate",
      "array",
      "integer",
      "wrong schemaVersion",
    ];
    for (const form of ["held", "shared"] as RecordForm[]) {
      const seen = fc.sample(arbInvalidRecord(form), SAMPLE).map((i) => i.mutation);
      for (const family of families) {
        if (form === "shared" && family === "over-long text") continue; // no free text in shared records
        expect(
          seen.some((m) => m.includes(family)),
          `${form}: ${family}`,
        ).toBe(true);
      }
      const extra =
        form === "held"
          ? ["empty name", "refused entry", "decided appeal without outcome"]
          : ["clear ", "not a pseudonym", "document number instead of pseudonym"];
      for (const family of extra) {
        expect(
          seen.some((m) => m.includes(family)),
          `${form}: ${family}`,
        ).toBe(true);
      }
    }
  });

  it("targets one kind when asked", () => {
    for (const inv of fc.sample(arbInvalidRecord("held", { kind: "appeal" }), 200)) {
      const kind = inv.record["kind"];
      // a mutation may change or remove `kind` itself; any other record stays an appeal
      if (!inv.expected.path.includes("kind") && inv.expected.path.length > 0) {
        expect(kind).toBe("appeal");
      }
    }
  });
});
