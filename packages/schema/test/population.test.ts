import { CorridorError } from "@corridor/errors";
import { type HeldRecord, safeParseRecord } from "@corridor/schema";
import {
  DEFAULT_AGENCIES,
  DEFAULT_VARIATION_RATES,
  type GeneratedRecord,
  generatePopulation,
  generateRecords,
  type SyntheticPerson,
  type SyntheticPopulation,
  seededRandom,
  VARIATION_TYPES,
  type VariationRates,
  type VariationType,
} from "@corridor/schema/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// ─── helpers written from the definitions, not from the generator ────────────────────────────

/** The issues of every invalid record (empty when all are valid), with their index. */
function invalidRecords(records: readonly { record: HeldRecord }[]) {
  const out: { index: number; kind: string; issues: string[] }[] = [];
  records.forEach((r, index) => {
    const res = safeParseRecord(r.record, "held");
    if (!res.success) {
      out.push({
        index,
        kind: r.record.kind,
        issues: res.error.issues.map((i) => `${i.path.join(".")}:${i.reason}`),
      });
    }
  });
  return out;
}

/** Completed years between two YYYY-MM-DD dates. */
function completedYears(birth: string, on: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Eurostat age classes (Reg. 862/2007). */
function band(age: number): string {
  if (age < 14) return "Y_LT14";
  if (age < 18) return "Y14-17";
  if (age < 35) return "Y18-34";
  if (age < 65) return "Y35-64";
  return "Y_GE65";
}

const RATE_KEYS: readonly (keyof VariationRates)[] = [
  "typo",
  "transliteration",
  "script",
  "nameOrder",
  "droppedName",
  "accentsDropped",
  "upperCase",
  "birthMonthOnly",
  "birthYearOnly",
  "dayMonthSwap",
  "defaultBirthDate",
  "otherDocument",
  "documentFormat",
  "documentOmitted",
];

const NAME_VARIATIONS: readonly VariationType[] = [
  "typo",
  "transliteration",
  "script",
  "name-order",
  "dropped-name",
  "accents-dropped",
  "upper-case",
];
const DOB_VARIATIONS: readonly VariationType[] = [
  "birth-month-only",
  "birth-year-only",
  "day-month-swap",
  "default-birth-date",
];

const stripMarks = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
const stripSeparators = (s: string): string => s.replace(/[ ./-]/g, "");

function nameOf(r: HeldRecord): { given?: string; family?: string } {
  const n = r.person.identifiers.name;
  if (n === undefined) return {};
  const out: { given?: string; family?: string } = {};
  if ("given" in n && n.given !== undefined) out.given = n.given;
  if (n.family !== undefined) out.family = n.family;
  return out;
}

const truthName = (p: SyntheticPerson) =>
  p.name.family === undefined
    ? { given: p.name.given }
    : { given: p.name.given, family: p.name.family };

function byPerson(pop: SyntheticPopulation): Map<string, GeneratedRecord[]> {
  const map = new Map<string, GeneratedRecord[]>();
  for (const r of pop.records) {
    const list = map.get(r.personId) ?? [];
    list.push(r);
    map.set(r.personId, list);
  }
  return map;
}

const BIG = generatePopulation({ seed: 20240917, people: 3000 });
const PEOPLE = new Map(BIG.people.map((p) => [p.id, p]));

// ─── determinism ──────────────────────────────────────────────────────────────────────────────

describe("determinism", () => {
  it("gives identical output for the same seed, numeric or string", () => {
    for (const seed of [7, "seven", -3, 2 ** 40 + 5, 0.5]) {
      const a = generatePopulation({ seed, people: 250 });
      const b = generatePopulation({ seed, people: 250 });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  it("gives different output for different seeds", () => {
    const outputs = [1, 2, "1", "2", 2 ** 32 + 1].map((seed) =>
      JSON.stringify(generatePopulation({ seed, people: 100 })),
    );
    expect(new Set(outputs).size).toBe(outputs.length);
  });

  it("keeps the people and their events when only the variation rates change", () => {
    const plain = generatePopulation({ seed: 11, people: 400, variation: { typo: 0, script: 0 } });
    const noisy = generatePopulation({
      seed: 11,
      people: 400,
      variation: { typo: 0.5, script: 0.5 },
    });
    expect(noisy.people).toEqual(plain.people);
    const skeleton = (pop: SyntheticPopulation) =>
      pop.records.map((r) => [r.personId, r.record.recordId, r.record.kind, r.record.eventDate]);
    expect(skeleton(noisy)).toEqual(skeleton(plain));
    expect(noisy.records.filter((r) => r.variations.includes("typo")).length).toBeGreaterThan(
      plain.records.filter((r) => r.variations.includes("typo")).length,
    );
  });
});

// ─── validity ─────────────────────────────────────────────────────────────────────────────────

describe("validity", () => {
  it("writes only valid held records (several seeds and sizes)", () => {
    for (const [seed, people] of [
      [1, 1],
      [2, 2],
      ["small", 17],
      [3, 250],
      ["corridor", 1200],
    ] as const) {
      const pop = generatePopulation({ seed, people });
      expect(pop.people).toHaveLength(people);
      expect(invalidRecords(pop.records)).toEqual([]);
    }
    expect(invalidRecords(BIG.records)).toEqual([]);
  });

  it("writes only valid records for short periods, old periods, restricted agencies, every variation", () => {
    const everyVariation = Object.fromEntries(RATE_KEYS.map((k) => [k, 1]));
    const cases: Parameters<typeof generatePopulation>[0][] = [
      { seed: 5, people: 300, startYear: 2023, endYear: 2023 },
      { seed: 6, people: 300, startYear: 1990, endYear: 1995 },
      { seed: 7, people: 300, agencies: ["DEU.bamf", "GRC.border-police", "XKX.police"] },
      { seed: 8, people: 300, variation: everyVariation },
    ];
    for (const options of cases) {
      const pop = generatePopulation(options);
      expect(pop.people).toHaveLength(300);
      expect(invalidRecords(pop.records)).toEqual([]);
    }
  });

  it("fast-check: every record of a small population is valid, for any seed", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.string({ maxLength: 12 })),
        fc.integer({ min: 0, max: 30 }),
        (seed, people) => {
          const pop = generatePopulation({ seed, people });
          expect(pop.people).toHaveLength(people);
          expect(invalidRecords(pop.records)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ─── structure of the population ──────────────────────────────────────────────────────────────

describe("population", () => {
  const records = byPerson(BIG);

  it("gives every person several records from more than one agency", () => {
    const thin = BIG.people.filter((p) => {
      const list = records.get(p.id) ?? [];
      return list.length < 3 || new Set(list.map((r) => r.record.agency)).size < 2;
    });
    expect(thin.map((p) => p.id)).toEqual([]);
  });

  it("orders records by event date, with unique record ids", () => {
    const dates = BIG.records.map((r) => r.record.eventDate);
    expect(dates).toEqual([...dates].sort());
    const ids = BIG.records.map((r) => `${r.record.agency}|${r.record.recordId}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(BIG.records.map((r) => r.record.recordId)).size).toBe(ids.length);
  });

  it("links only to earlier records that exist, across agencies where the case crosses them", () => {
    const position = new Map(
      BIG.records.map((r, i) => [`${r.record.agency}|${r.record.recordId}`, i]),
    );
    const relations = new Set<string>();
    let crossAgency = 0;
    BIG.records.forEach((r, i) => {
      const refs = (r.record.links ?? []).map((l) => {
        relations.add(l.relation);
        if (l.record.agency !== undefined && l.record.agency !== r.record.agency) crossAgency++;
        return l.record;
      });
      if (r.record.kind === "family-reunification") refs.push(r.record.details.sponsor);
      for (const ref of refs) {
        const at = position.get(`${ref.agency ?? r.record.agency}|${ref.recordId}`);
        expect(at, `${r.record.recordId} -> ${ref.recordId}`).toBeDefined();
        expect(at).toBeLessThan(i);
      }
    });
    for (const rel of [
      "previous-application",
      "decision-on",
      "appeal-of",
      "sponsor",
      "family-member",
    ]) {
      expect(relations).toContain(rel);
    }
    expect(crossAgency).toBeGreaterThan(100);
  });

  it("covers every record kind and every migration path", () => {
    expect(new Set(BIG.records.map((r) => r.record.kind)).size).toBe(14);
    expect(new Set(BIG.people.map((p) => p.path)).size).toBe(7);
  });

  it("writes names in at least four scripts", () => {
    const scripts = new Set<string>();
    const tests: [string, RegExp][] = [
      ["Latin", /\p{Script=Latin}/u],
      ["Arabic", /\p{Script=Arabic}/u],
      ["Cyrillic", /\p{Script=Cyrillic}/u],
      ["Greek", /\p{Script=Greek}/u],
      ["Ethiopic", /\p{Script=Ethiopic}/u],
      ["Han", /\p{Script=Han}/u],
    ];
    for (const r of BIG.records) {
      const n = nameOf(r.record);
      const text = `${n.given ?? ""} ${n.family ?? ""}`;
      for (const [name, re] of tests) if (re.test(text)) scripts.add(name);
    }
    expect(scripts.size).toBeGreaterThanOrEqual(4);
    expect(scripts).toContain("Latin");
    expect(scripts).toContain("Arabic");
    expect(scripts).toContain("Cyrillic");
  });

  it("applies every variation type at the default rates", () => {
    const seen = new Map<VariationType, number>();
    for (const r of BIG.records) for (const v of r.variations) seen.set(v, (seen.get(v) ?? 0) + 1);
    for (const v of VARIATION_TYPES) expect(seen.get(v) ?? 0, v).toBeGreaterThan(20);
    // Variations are reported beside the record, never inside it.
    expect(JSON.stringify(BIG.records.map((r) => r.record))).not.toContain("variations");
  });

  it("writes no variation at all when every rate is 0", () => {
    const zero = Object.fromEntries(RATE_KEYS.map((k) => [k, 0]));
    const pop = generatePopulation({ seed: 99, people: 500, variation: zero });
    const people = new Map(pop.people.map((p) => [p.id, p]));
    for (const r of pop.records) {
      expect(r.variations).toEqual([]);
      const p = people.get(r.personId) as SyntheticPerson;
      expect(nameOf(r.record)).toEqual(truthName(p));
      expect(r.record.person.identifiers.dateOfBirth).toBe(p.dateOfBirth);
    }
  });

  it("keeps events in the period and temporary protection after 24 February 2022", () => {
    const pop = generatePopulation({ seed: 3, people: 800, startYear: 2019, endYear: 2023 });
    for (const r of pop.records) {
      expect(r.record.eventDate >= "2019-01-01" && r.record.eventDate <= "2023-12-31").toBe(true);
    }
    // The EU temporary protection of Ukrainians (Council Implementing Decision (EU) 2022/382).
    const people = new Map(pop.people.map((p) => [p.id, p]));
    const tp = pop.records.filter((r) => people.get(r.personId)?.path === "temporary-protection");
    expect(tp.length).toBeGreaterThan(0);
    for (const r of tp) expect(r.record.eventDate >= "2022-02-24").toBe(true);
  });

  it("uses only the agencies it is given, including unknown ones", () => {
    const agencies = ["DEU.bamf", "GRC.border-police", "XKX.police", "INT.example-org"] as const;
    const pop = generatePopulation({ seed: 4, people: 300, agencies: [...agencies] });
    const used = new Set(pop.records.map((r) => r.record.agency));
    for (const a of used) expect(agencies).toContain(a);
    expect(used).toContain("XKX.police");
    expect(new Set(BIG.records.map((r) => r.record.agency)).size).toBeGreaterThan(30);
    for (const r of BIG.records) expect(DEFAULT_AGENCIES).toContain(r.record.agency);
  });
});

// ─── ground truth ─────────────────────────────────────────────────────────────────────────────

describe("ground truth", () => {
  it("records of one person carry that person's identity, modulo the reported variations", () => {
    for (const r of BIG.records) {
      const p = PEOPLE.get(r.personId) as SyntheticPerson;
      const { identifiers, attributes } = r.record.person;
      const v = new Set(r.variations);
      const where = `${r.record.recordId} ${r.variations.join(",")}`;

      expect(attributes.citizenship, where).toEqual(p.citizenship);
      expect(attributes.sex, where).toBe(p.sex);
      if (attributes.countryOfBirth !== undefined)
        expect(attributes.countryOfBirth).toBe(p.countryOfBirth);

      // Date of birth.
      const [y, m, d] = p.dateOfBirth.split("-") as [string, string, string];
      const expectedDob = v.has("birth-month-only")
        ? `${y}-${m}`
        : v.has("birth-year-only")
          ? y
          : v.has("day-month-swap")
            ? `${y}-${d}-${m}`
            : v.has("default-birth-date")
              ? `${y}-01-01`
              : p.dateOfBirth;
      expect(identifiers.dateOfBirth, where).toBe(expectedDob);
      expect(DOB_VARIATIONS.filter((x) => v.has(x)).length).toBeLessThanOrEqual(1);

      // Name.
      const nameVariations = NAME_VARIATIONS.filter((x) => v.has(x));
      const truth = truthName(p);
      if (nameVariations.length === 0) expect(nameOf(r.record), where).toEqual(truth);
      if (nameVariations.length === 1 && v.has("script")) {
        expect(nameOf(r.record), where).toEqual(p.name.native);
      }
      if (nameVariations.length === 1 && v.has("upper-case")) {
        const up = { given: truth.given.toUpperCase(), family: truth.family?.toUpperCase() };
        expect(nameOf(r.record), where).toEqual(up.family === undefined ? { given: up.given } : up);
      }
      if (nameVariations.length === 1 && v.has("accents-dropped")) {
        const n = nameOf(r.record);
        expect(n.given, where).toBe(stripMarks(truth.given));
        expect(n.family, where).toBe(
          truth.family === undefined ? undefined : stripMarks(truth.family),
        );
      }
      if (nameVariations.length === 1 && v.has("name-order")) {
        expect(nameOf(r.record), where).toEqual(
          truth.family === undefined
            ? { family: truth.given }
            : { given: truth.family, family: truth.given },
        );
      }

      // Documents.
      const docs = identifiers.documents;
      if (p.documents.length === 0 || v.has("document-omitted")) {
        expect(docs, where).toBeUndefined();
      } else {
        expect(docs, where).toHaveLength(1);
        const doc = docs?.[0];
        const candidates = v.has("other-document") ? p.documents.slice(1) : p.documents.slice(0, 1);
        const match = candidates.find(
          (t) =>
            t.type === doc?.type &&
            t.issuingCountry === doc.issuingCountry &&
            (v.has("document-format")
              ? stripSeparators(t.number) === stripSeparators(doc.number) && t.number !== doc.number
              : t.number === doc.number),
        );
        expect(match, where).toBeDefined();
      }
    }
  });

  it("states ages and age bands that agree with the date of birth and the event date", () => {
    let ages = 0;
    for (const r of BIG.records) {
      const p = PEOPLE.get(r.personId) as SyntheticPerson;
      const { attributes, identifiers } = r.record.person;
      const recorded = identifiers.dateOfBirth ?? "";
      const birth = /^\d{4}-\d{2}-\d{2}$/.test(recorded) ? recorded : p.dateOfBirth;
      expect(r.record.eventDate >= p.dateOfBirth).toBe(true);
      const age = completedYears(birth, r.record.eventDate);
      if (attributes.age !== undefined) {
        ages++;
        expect(attributes.age, r.record.recordId).toBe(age);
      }
      if (attributes.ageBand !== undefined) expect(attributes.ageBand).toBe(band(age));
      const trueAge = completedYears(p.dateOfBirth, r.record.eventDate);
      const markers = attributes.vulnerabilities ?? [];
      if (markers.includes("unaccompanied-minor")) {
        expect(trueAge).toBeLessThan(18);
        expect(p.unaccompanied).toBe(true);
      }
      if (markers.length > 0) expect(markers.includes("minor")).toBe(trueAge < 18);
      if (
        r.record.kind === "asylum-application" &&
        r.record.details.applicantType === "unaccompanied-minor"
      ) {
        expect(trueAge).toBeLessThan(18);
      }
    }
    expect(ages).toBeGreaterThan(1000);
    expect(
      BIG.records.some((r) =>
        r.record.person.attributes.vulnerabilities?.includes("unaccompanied-minor"),
      ),
    ).toBe(true);
  });

  it("keeps households consistent: every principal has members, every member a principal", () => {
    const members = BIG.people.filter(
      (p) => p.household !== undefined && p.household.role !== "principal",
    );
    const principals = BIG.people.filter((p) => p.household?.role === "principal");
    expect(members.length).toBeGreaterThan(50);
    for (const m of members) {
      const principal = PEOPLE.get(m.household?.principalId ?? "");
      expect(principal?.household?.role, m.id).toBe("principal");
      expect(principal?.citizenship).toEqual(m.citizenship);
    }
    const withMembers = new Set(members.map((m) => m.household?.principalId));
    for (const p of principals) {
      expect(withMembers.has(p.id), p.id).toBe(true);
      expect(p.household?.principalId).toBe(p.id);
    }
    const reunited = members.filter((m) => m.household?.joined === "family-reunification");
    expect(reunited.length).toBeGreaterThan(20);
    for (const m of reunited) expect(m.path).toBe("family-reunification");
  });

  it("keeps a household's names related (children carry a parent's family name)", () => {
    const children = BIG.people.filter(
      (p) =>
        p.household?.role === "child" &&
        ["arabic-maghreb", "chinese", "vietnamese", "west-african"].includes(p.tradition),
    );
    expect(children.length).toBeGreaterThan(5);
    for (const child of children) {
      const principal = PEOPLE.get(child.household?.principalId ?? "") as SyntheticPerson;
      const spouse = BIG.people.find(
        (x) => x.household?.principalId === principal.id && x.household.role === "spouse",
      );
      const father = principal.sex === "M" ? principal : spouse;
      if (father !== undefined) expect(child.name.family).toBe(father.name.family);
    }
  });

  it("transliterates Cyrillic names by the national and ICAO 9303 tables", () => {
    // Ukrainian: Cabinet of Ministers resolution 55 (2010); Russian: ICAO Doc 9303 part 3 (2013+).
    const expected: Record<string, string> = {
      Олександр: "Oleksandr",
      Юлія: "Yuliia",
      Сергій: "Serhii",
      Андрій: "Andrii",
      Євген: "Yevhen",
      Наталія: "Nataliia",
      Ірина: "Iryna",
      Шевченко: "Shevchenko",
      Олійник: "Oliinyk",
      Александр: "Aleksandr",
      Юлия: "Iuliia",
      Сергей: "Sergei",
      Наталья: "Natalia",
      Фёдоров: "Fedorov",
      Алексеевна: "Alekseevna",
      Григорьев: "Grigorev",
    };
    const seen = new Map<string, string>();
    const pop = generatePopulation({ seed: "cyrillic", people: 4000 });
    for (const p of pop.people) {
      if (p.name.script !== "cyrillic" || p.name.native === undefined) continue;
      const nativeWords = `${p.name.native.given} ${p.name.native.family ?? ""}`.trim().split(" ");
      const latinWords = `${p.name.given} ${p.name.family ?? ""}`.trim().split(" ");
      expect(latinWords).toHaveLength(nativeWords.length);
      nativeWords.forEach((w, i) => {
        seen.set(w, latinWords[i] as string);
      });
      expect(`${p.name.given} ${p.name.family ?? ""}`).toMatch(/^[A-Za-z' -]+$/);
    }
    let checked = 0;
    for (const [native, latin] of Object.entries(expected)) {
      if (seen.has(native)) {
        checked++;
        expect(seen.get(native), native).toBe(latin);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it("issues Chinese resident ids that carry the date of birth and a valid ISO 7064 check digit", () => {
    const ids = BIG.people.flatMap((p) =>
      p.documents
        .filter((d) => d.issuingCountry === "CHN" && d.type === "national-id")
        .map((d) => [p, d.number] as const),
    );
    expect(ids.length).toBeGreaterThan(5);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const [p, id] of ids) {
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id.slice(6, 14)).toBe(p.dateOfBirth.replace(/-/g, ""));
      const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
      expect(id[17]).toBe("10X98765432"[sum % 11]);
      expect(Number(id[16]) % 2).toBe(p.sex === "M" ? 1 : 0);
    }
  });
});

// ─── generateRecords ──────────────────────────────────────────────────────────────────────────

describe("generateRecords", () => {
  it("yields exactly `count` valid records with unique ids and resolvable links", () => {
    for (const count of [0, 1, 7, 30_000]) {
      const records = [...generateRecords({ seed: 5, count })];
      expect(records).toHaveLength(count);
      expect(new Set(records.map((r) => r.recordId)).size).toBe(count);
      expect(invalidRecords(records.map((record) => ({ record })))).toEqual([]);
      const ids = new Set(records.map((r) => r.recordId));
      const dangling = records.flatMap((r) =>
        (r.links ?? []).map((l) => l.record.recordId).filter((id) => !ids.has(id)),
      );
      expect(dangling).toEqual([]);
    }
  });

  it("is deterministic and seed-dependent", () => {
    const a = JSON.stringify([...generateRecords({ seed: "x", count: 500 })]);
    expect(JSON.stringify([...generateRecords({ seed: "x", count: 500, form: "held" })])).toBe(a);
    expect(JSON.stringify([...generateRecords({ seed: "y", count: 500 })])).not.toBe(a);
  });
});

// ─── options ──────────────────────────────────────────────────────────────────────────────────

describe("options", () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof CorridorError ? e.code : "not a CorridorError";
    }
    return undefined;
  };

  it("rejects invalid options with ERR_INVALID_ARGUMENT", () => {
    const bad: unknown[] = [
      { seed: 1, people: -1 },
      { seed: 1, people: 1.5 },
      { seed: 1, people: 2_000_000 },
      { seed: Number.NaN, people: 1 },
      { seed: {}, people: 1 },
      { seed: 1, people: 1, startYear: 2020, endYear: 2019 },
      { seed: 1, people: 1, startYear: 1700 },
      { seed: 1, people: 1, variation: { typo: 2 } },
      { seed: 1, people: 1, variation: { typo: -0.1 } },
      { seed: 1, people: 1, variation: { sneeze: 0.1 } },
      { seed: 1, people: 1, agencies: [] },
      { seed: 1, people: 1, agencies: ["not an agency"] },
      null,
    ];
    for (const o of bad) {
      expect(
        code(() => generatePopulation(o as Parameters<typeof generatePopulation>[0])),
        JSON.stringify(o),
      ).toBe("ERR_INVALID_ARGUMENT");
    }
    for (const o of [
      { seed: 1, count: -1 },
      { seed: 1, count: 1, form: "shared" },
      { seed: Number.POSITIVE_INFINITY, count: 1 },
    ]) {
      expect(code(() => generateRecords(o as Parameters<typeof generateRecords>[0]))).toBe(
        "ERR_INVALID_ARGUMENT",
      );
    }
  });

  it("documents a default for every variation rate", () => {
    expect(Object.keys(DEFAULT_VARIATION_RATES).sort()).toEqual([...RATE_KEYS].sort());
    expect(RATE_KEYS).toHaveLength(VARIATION_TYPES.length);
    for (const k of RATE_KEYS) expect(DEFAULT_VARIATION_RATES[k]).toBeGreaterThan(0);
  });

  it("makes an empty population for zero people", () => {
    expect(generatePopulation({ seed: 1, people: 0 })).toEqual({ people: [], records: [] });
  });
});

describe("seededRandom", () => {
  it("is reproducible per seed, differs between seeds, and stays in [0, 1)", () => {
    const draw = (seed: number | string) => {
      const r = seededRandom(seed);
      return Array.from({ length: 1000 }, () => r());
    };
    expect(draw("bench")).toEqual(draw("bench"));
    expect(draw("bench")).not.toEqual(draw("bench2"));
    expect(draw(7)).not.toEqual(draw("7"));
    const xs = draw(42);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});
