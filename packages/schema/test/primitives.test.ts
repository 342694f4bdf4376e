import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AGENCY_PREFIXES,
  AgencyId,
  COUNTRY_CODES,
  Code,
  CountryCode,
  ISO_3166_ALPHA3,
  LinkageEncoding,
  PartialDate,
  Pseudonym,
  RecordId,
  Text,
} from "../src/index.js";
import { arbPartialDate, arbPseudonym } from "../src/testing/index.js";

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

/** Whether Y-M-D is a real day of the proleptic Gregorian calendar, by asking Date. */
function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

describe("PartialDate", () => {
  it("accepts exactly the real days of 1800-2199 (checked against Date for every Y-M-D)", () => {
    const wrong: string[] = [];
    for (let y = 1795; y <= 2205; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const want = y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && realDay(y, m, d);
          if (ok(PartialDate, s) !== want) wrong.push(s);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("accepts YYYY and YYYY-MM in range only", () => {
    const wrong: string[] = [];
    for (let y = 1000; y <= 2999; y++) {
      if (ok(PartialDate, String(y)) !== (y >= 1800 && y <= 2199)) wrong.push(String(y));
      for (let m = 0; m <= 13; m++) {
        const s = `${y}-${String(m).padStart(2, "0")}`;
        if (ok(PartialDate, s) !== (y >= 1800 && y <= 2199 && m >= 1 && m <= 12)) wrong.push(s);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("29 February: leap years only (2000 yes; 1800, 1900, 2100 no)", () => {
    for (const y of [1804, 1896, 1904, 2000, 2024, 2096, 2104, 2196]) {
      expect(ok(PartialDate, `${y}-02-29`), String(y)).toBe(true);
    }
    for (const y of [1800, 1900, 2023, 2100, 2199]) {
      expect(ok(PartialDate, `${y}-02-29`), String(y)).toBe(false);
    }
  });

  it("refuses other spellings", () => {
    for (const s of [
      "2024-6",
      "2024-6-1",
      "24-06-01",
      "02024",
      "2024-06-01T00:00:00Z",
      "2024/06/01",
      "20240601",
      "2024-06-01 ",
      " 2024",
      "2024\n",
      "",
      "１９９０",
      "2024-W01",
      "2024-001",
    ]) {
      expect(ok(PartialDate, s), JSON.stringify(s)).toBe(false);
    }
    expect(ok(PartialDate, 2024)).toBe(false);
  });

  it("the arbitrary produces only accepted dates, of all three precisions", () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(arbPartialDate(), (d) => {
        seen.add(d.split("-").length);
        expect(ok(PartialDate, d)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe("CountryCode", () => {
  it("accepts every ISO 3166-1 alpha-3 code and XKX, XXA, XXX", () => {
    expect(ISO_3166_ALPHA3).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    for (const c of [...ISO_3166_ALPHA3, "XKX", "XXA", "XXX"])
      expect(ok(CountryCode, c), c).toBe(true);
  });
  it("refuses alpha-2, lower case, padded, retired and made-up codes", () => {
    for (const c of [
      "GR",
      "grc",
      "Grc",
      " GRC",
      "GRC ",
      "GRCC",
      "YUG",
      "ANT",
      "SCG",
      "EUR",
      "XK",
      "INT",
      "300",
      "",
    ]) {
      expect(ok(CountryCode, c), c).toBe(false);
    }
  });
});

describe("AgencyId", () => {
  it("is a country code (or XKX, INT), a dot and a lower-case local name of 1-64", () => {
    for (const id of [
      "GRC.asylum-service",
      "INT.iom",
      "XKX.police",
      "DEU.x",
      "ITA.a1-b2",
      `FRA.${"a".repeat(64)}`,
    ]) {
      expect(ok(AgencyId, id), id).toBe(true);
    }
    for (const id of [
      "XXA.iom",
      "XXX.iom",
      "grc.asylum",
      "GRC.Asylum",
      "GRC.-x",
      "GRC.x-",
      "GRC.",
      "GRC",
      "GRC..x",
      "GRC.x_y",
      "GRC.x.y",
      "GR.iom",
      `FRA.${"a".repeat(65)}`,
    ]) {
      expect(ok(AgencyId, id), id).toBe(false);
    }
  });
  it("every agency prefix is a country code or INT", () => {
    for (const p of AGENCY_PREFIXES) {
      expect(p === "INT" || (COUNTRY_CODES as readonly string[]).includes(p), p).toBe(true);
    }
  });
});

describe("RecordId and Code", () => {
  it("record ids: 1-128 of A-Z a-z 0-9 . _ : -, first alphanumeric", () => {
    for (const id of ["1", "a", "GRC-2024-000001", "urn:x:1", "a_b.c", `A${"-".repeat(127)}`]) {
      expect(ok(RecordId, id), id).toBe(true);
    }
    for (const id of ["", "-a", "_a", ".a", "a b", "a/b", "é", `A${"a".repeat(128)}`]) {
      expect(ok(RecordId, id), id).toBe(false);
    }
  });
  it("codes: 1-32 of A-Z 0-9 and inner hyphens", () => {
    for (const c of ["A", "0", "BCP-7", `A${"-".repeat(30)}Z`]) expect(ok(Code, c), c).toBe(true);
    for (const c of ["", "a", "A-", "-A", "A B", `A${"B".repeat(32)}`])
      expect(ok(Code, c), c).toBe(false);
  });
});

describe("Text", () => {
  const astral = String.fromCodePoint(0x1e922);
  it("counts code points: 200 astral characters (400 UTF-16 units) pass, 201 do not", () => {
    expect(ok(Text, astral.repeat(200))).toBe(true);
    expect(astral.repeat(200).length).toBe(400);
    expect(ok(Text, astral.repeat(201))).toBe(false);
    expect(ok(Text, "a".repeat(200))).toBe(true);
    expect(ok(Text, "a".repeat(201))).toBe(false);
    expect(ok(Text, "")).toBe(false);
  });
  it("refuses C0 and C1 control characters and DEL", () => {
    const refused: number[] = [];
    for (let c = 0; c <= 0xff; c++) {
      const isControl = c <= 0x1f || (c >= 0x7f && c <= 0x9f);
      if (ok(Text, `a${String.fromCharCode(c)}b`) === isControl) refused.push(c);
    }
    expect(refused).toEqual([]);
  });
  it("refuses unpaired surrogates, accepts pairs", () => {
    for (const s of ["\ud83d", "a\ude00", "\ude00\ud83d", "a\udbffb"])
      expect(ok(Text, s), JSON.stringify(s)).toBe(false);
    expect(ok(Text, "\ud83d\ude00")).toBe(true);
  });
  it("accepts combining marks, joiners and non-Latin scripts", () => {
    for (const s of ["Jose\u0301", "क्\u200dष", "محمد", "ሰላም", " ", "O'Brien-Smith"])
      expect(ok(Text, s), s).toBe(true);
  });
});

describe("Pseudonym", () => {
  const v = (n: number) => "A".repeat(n);
  it("scheme 2-32, epoch 0-999999999 without leading zeros, value 22-86 base64url", () => {
    for (const p of [
      `ab:0:${v(22)}`,
      `${"a".repeat(32)}:999999999:${v(86)}`,
      `h-1:12:${v(43)}`,
      `a0:1:-_${v(40)}`,
    ]) {
      expect(ok(Pseudonym, p), p).toBe(true);
    }
    for (const p of [
      `a:0:${v(22)}`,
      `${"a".repeat(33)}:0:${v(22)}`,
      `Ab:0:${v(22)}`,
      `ab-:0:${v(22)}`,
      `-ab:0:${v(22)}`,
      `ab:00:${v(22)}`,
      `ab:01:${v(22)}`,
      `ab:1000000000:${v(22)}`,
      `ab:-1:${v(22)}`,
      `ab:0:${v(21)}`,
      `ab:0:${v(87)}`,
      `ab:0:${v(42)}=`,
      `ab:0:${v(21)}+`,
      `ab:0:${v(21)}/`,
      `ab:${v(22)}`,
      `ab:0:0:${v(22)}`,
      `ab:0:${v(22)}\n`,
    ]) {
      expect(ok(Pseudonym, p), p).toBe(false);
    }
  });
  it("the arbitrary produces only accepted pseudonyms", () => {
    fc.assert(
      fc.property(arbPseudonym(), (p) => {
        expect(ok(Pseudonym, p)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("LinkageEncoding", () => {
  const good = {
    scheme: "clk-bf1",
    epoch: 0,
    schemaDigest: `sha256:${"A".repeat(43)}`,
    encoderVersion: "1.0",
    data: "AA",
  };
  it("accepts a well-formed encoding and the bounds", () => {
    expect(ok(LinkageEncoding, good)).toBe(true);
    expect(ok(LinkageEncoding, { ...good, data: "A".repeat(1366), epoch: 999_999_999 })).toBe(true);
    expect(ok(LinkageEncoding, { ...good, encoderVersion: "999999.999999" })).toBe(true);
  });
  it("refuses each malformed part", () => {
    for (const bad of [
      { data: "A" },
      { data: "A".repeat(1367) },
      { data: "AA==" },
      { epoch: -1 },
      { epoch: 1e9 },
      { epoch: 1.5 },
      { schemaDigest: `sha256:${"A".repeat(42)}` },
      { schemaDigest: `sha1:${"A".repeat(43)}` },
      { encoderVersion: "01.0" },
      { encoderVersion: "1" },
      { encoderVersion: "1.0.0" },
      { scheme: "A" },
      { extra: 1 },
    ]) {
      expect(ok(LinkageEncoding, { ...good, ...bad }), JSON.stringify(bad)).toBe(false);
    }
  });
});
