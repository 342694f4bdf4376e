import { CorridorError } from "@corridor/errors";
import { PARTIAL_DATE_PATTERN } from "@corridor/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareCodePoints,
  normalizeDocument,
  normalizeDocumentNumber,
  normalizeName,
  normalizeNameTokens,
  normalizePartialDate,
  normalizeText,
} from "../src/index.js";
import { normalizeTextFull } from "../src/pseudonymize/normalize.js";

const RUNS = { numRuns: 500 };

/** Any string of code points (including lone surrogates and astral characters). */
const anyString = fc.string({ unit: "binary", maxLength: 40 });
/** Strings drawn from the scripts that have tables, plus separators and marks. */
const charsOf = (s: string) => [...s];
const TABLED = charsOf(
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" +
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćČčĎďĐđĒēĘęĚěĞğĦħİıĲĳŁłŃńŇňŊŋŐőŒœŘřŚśŞşŠšŢţŤťŦŧŰűŸŹźŻżŽžǅǈǋ" +
    "АБВГҐДЂЕЁЄЖЗЅИІЇЙЈКЛЉМНЊОПРСТЋУЎФХЦЧЏШЩЪЫЬЭЮЯабвгґдђеёєжзѕиіїйјклљмнњопрстћуўфхцчџшщъыьэюяӘәҒғҚқҢңӨөҰұҮүҺһ" +
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ" +
    "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیٱـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩" +
    " -.,/'’\t_—·\u00a0\u200b\u0301\u0308",
);
const tabledString = fc.array(fc.constantFrom(...TABLED), { maxLength: 30 }).map((a) => a.join(""));
const asciiWord = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const printableAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

describe("normalizeText", () => {
  it("gives words of the documented shape: no leading, trailing or double space", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const n = normalizeText(s);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/ {2}/);
        expect(n).not.toMatch(/[A-Z\p{P}\p{S}\p{C}]/u);
      }),
      RUNS,
    );
  });

  it("maps every string of the tabled scripts to lower-case ASCII words", () => {
    fc.assert(
      fc.property(tabledString, (s) => {
        expect(normalizeText(s)).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }),
      RUNS,
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, tabledString), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it("takes the ASCII fast path only where it equals the full pipeline", () => {
    fc.assert(
      fc.property(printableAscii, (s) => {
        expect(normalizeText(s)).toBe(normalizeTextFull(s));
      }),
      RUNS,
    );
  });

  it("ignores case in every tabled script", () => {
    fc.assert(
      fc.property(tabledString, (s) => {
        expect(normalizeText(s.toUpperCase())).toBe(normalizeText(s.toLowerCase()));
      }),
      RUNS,
    );
  });

  it("ignores combining diacritics on Latin letters", () => {
    const marks = fc.array(fc.integer({ min: 0x300, max: 0x36f }), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...charsOf("abcdefghijklmnopqrstuvwxyz")), marks), {
          minLength: 1,
          maxLength: 12,
        }),
        (parts) => {
          const plain = parts.map(([c]) => c).join("");
          const marked = parts.map(([c, m]) => c + String.fromCodePoint(...m)).join("");
          expect(normalizeText(marked)).toBe(plain);
          expect(normalizeText(marked.normalize("NFC"))).toBe(plain);
        },
      ),
      RUNS,
    );
  });

  it("collapses any run of white space and punctuation to one space", () => {
    const sep = fc
      .array(
        fc.constantFrom(
          " ",
          "  ",
          "\t",
          "-",
          ".",
          ",",
          "/",
          "_",
          "—",
          "(",
          ")",
          "\u00a0",
          "\u3000",
          "\n",
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((a) => a.join(""));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(asciiWord, sep), { minLength: 1, maxLength: 6 }),
        sep,
        (parts, lead) => {
          const words = parts.map(([w]) => w);
          const written = lead + parts.map(([w, s]) => w + s).join("");
          expect(normalizeText(written)).toBe(words.join(" "));
        },
      ),
      RUNS,
    );
  });

  it("deletes an apostrophe that NFKC produces (GREEK VARIA becomes a grave accent)", () => {
    expect(normalizeText("\u1fef")).toBe("");
    expect(normalizeText("a\u1fefb")).toBe("ab");
    expect(normalizeText("\u0149")).toBe("n"); // ŉ → ʼn
  });

  it("deletes apostrophes rather than splitting words (ICAO Doc 9303-3 §4.6)", () => {
    for (const apostrophe of ["'", "’", "ʼ", "`", "´", "＇"]) {
      expect(normalizeText(`O${apostrophe}Brien`)).toBe("obrien");
    }
  });

  it("folds the Arabic-script variants the tables fold", () => {
    const variants: [string, string][] = [
      ["ا", "أ"],
      ["ا", "إ"],
      ["ا", "آ"],
      ["ا", "ٱ"],
      ["ه", "ة"],
      ["ي", "ى"],
      ["ي", "ی"],
      ["ك", "ک"],
    ];
    const letters = charsOf("ابتثجحخدذرزسشصضطظعغفقكلمنهوي");
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(
          fc.constantFrom("", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "ـ"),
          { maxLength: 8 },
        ),
        (base, swaps, harakat) => {
          const plain = base.join("");
          const written = base
            .map((c, i) => {
              const v = variants.find(([p]) => p === c && (swaps[i] ?? 0) % 2 === 1);
              return (v === undefined ? c : v[1]) + (harakat[i] ?? "");
            })
            .join("");
          expect(normalizeText(written)).toBe(normalizeText(plain));
        },
      ),
      RUNS,
    );
  });

  it("treats a non-string as a programming error", () => {
    expect(() => normalizeText(42 as unknown as string)).toThrow(CorridorError);
  });
});

describe("names", () => {
  it("do not depend on the order of words or on the given/family split", () => {
    fc.assert(
      fc.property(
        fc.array(asciiWord, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        (words, shift, cut) => {
          const rotated = words.map((_, i) => words[(i + shift) % words.length]!);
          const at = cut % (rotated.length + 1);
          const given = rotated.slice(0, at).join(" ");
          const family = rotated.slice(at).join(" ");
          const name = given === "" ? { family } : family === "" ? { given } : { given, family };
          expect(normalizeName(name)).toBe(normalizeName({ family: words.join(" ") }));
          expect(normalizeNameTokens(name)).toEqual([...words].sort());
        },
      ),
      RUNS,
    );
  });

  it("are idempotent", () => {
    fc.assert(
      fc.property(anyString, anyString, (given, family) => {
        const once = normalizeName({ given, family });
        expect(normalizeName({ family: once })).toBe(once);
      }),
      RUNS,
    );
  });

  it("sort words by code point, as UTF-8 bytes compare", () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        const bytes = (s: string) => Buffer.from(s, "utf8");
        const wellFormed = (s: string) => !/\p{Cs}/u.test(s);
        fc.pre(wellFormed(a) && wellFormed(b));
        expect(Math.sign(compareCodePoints(a, b))).toBe(
          Math.sign(Buffer.compare(bytes(a), bytes(b))),
        );
      }),
      RUNS,
    );
  });

  it("refuse a name that is not an object of strings", () => {
    expect(() => normalizeName(null as never)).toThrow(CorridorError);
    expect(() => normalizeName({ given: 3 } as never)).toThrow(CorridorError);
  });
});

describe("document numbers", () => {
  it("ignore separators and case", () => {
    const alnum = fc.array(fc.constantFrom(...charsOf("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")), {
      minLength: 1,
      maxLength: 12,
    });
    const sep = fc.constantFrom("", "", "", " ", "-", ".", "/", "<", "  ");
    fc.assert(
      fc.property(
        alnum,
        fc.array(sep, { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        (chars, seps, lower) => {
          const written = chars
            .map((c, i) => (lower[i] ? c.toLowerCase() : c) + (seps[i] ?? ""))
            .join("");
          expect(normalizeDocumentNumber(written)).toBe(chars.join(""));
        },
      ),
      RUNS,
    );
  });

  it("equal the text pipeline without spaces, a-z upper-cased (fast path included)", () => {
    fc.assert(
      fc.property(fc.oneof(printableAscii, anyString), (s) => {
        const viaText = normalizeTextFull(s)
          .replaceAll(" ", "")
          .replace(/[a-z]/g, (c) => c.toUpperCase());
        expect(normalizeDocumentNumber(s)).toBe(viaText);
      }),
      RUNS,
    );
  });

  it("are idempotent", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const once = normalizeDocumentNumber(s);
        expect(normalizeDocumentNumber(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it("bind the document class and issuing country", () => {
    const number = "AB123456";
    const forms = new Set([
      normalizeDocument({ type: "passport", issuingCountry: "GRC", number }),
      normalizeDocument({ type: "passport", issuingCountry: "ITA", number }),
      normalizeDocument({ type: "national-id", issuingCountry: "GRC", number }),
      normalizeDocument({ type: "residence-card", issuingCountry: "GRC", number }),
      normalizeDocument({ type: "visa", issuingCountry: "GRC", number }),
      normalizeDocument({ type: "birth-certificate", issuingCountry: "GRC", number }),
      normalizeDocument({ type: "other", issuingCountry: "GRC", number }),
    ]);
    expect(forms.size).toBe(7);
    expect(normalizeDocument({ type: "travel-document", issuingCountry: "GRC", number })).toBe(
      normalizeDocument({ type: "passport", issuingCountry: "GRC", number }),
    );
  });

  it("refuse an unknown type or a malformed country with ERR_INVALID_ARGUMENT", () => {
    for (const doc of [
      { type: "driving-licence", issuingCountry: "GRC", number: "1" },
      { type: "toString", issuingCountry: "GRC", number: "1" },
      { type: "passport", issuingCountry: "gr", number: "1" },
    ]) {
      expect(() => normalizeDocument(doc as never)).toThrow(
        expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }),
      );
    }
  });
});

describe("partial dates", () => {
  const PARTIAL_DATE = new RegExp(PARTIAL_DATE_PATTERN);
  const validDate = fc
    .tuple(
      fc.integer({ min: 1800, max: 2199 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 31 }),
    )
    .filter(([, m, d]) => m > 0 || d === 0)
    .map(([y, m, d]) => {
      const date = new Date(Date.UTC(y, Math.max(m, 1) - 1, Math.max(d, 1)));
      if (m > 0 && d > 0 && date.getUTCDate() !== d) return undefined;
      return { y, m, d };
    })
    .filter((x): x is { y: number; m: number; d: number } => x !== undefined);
  const canonical = ({ y, m, d }: { y: number; m: number; d: number }) =>
    m === 0
      ? `${y}`
      : d === 0
        ? `${y}-${String(m).padStart(2, "0")}`
        : `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

  it("keep every valid partial date of the record model as it is", () => {
    fc.assert(
      fc.property(validDate, (date) => {
        const text = canonical(date);
        expect(text).toMatch(PARTIAL_DATE);
        expect(normalizePartialDate(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it("accept the year-first variants agencies type", () => {
    fc.assert(
      fc.property(
        validDate,
        fc.constantFrom("-", "/", ".", " "),
        fc.boolean(),
        (date, sep, pad) => {
          const p2 = (n: number) => (pad ? String(n).padStart(2, "0") : String(n));
          const parts = [String(date.y)];
          if (date.m > 0) parts.push(p2(date.m));
          if (date.d > 0) parts.push(p2(date.d));
          expect(normalizePartialDate(parts.join(sep))).toBe(canonical(date));
        },
      ),
      RUNS,
    );
  });

  it("give the same result on the canonical fast path as with another separator", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/), (s) => {
        expect(normalizePartialDate(s)).toBe(normalizePartialDate(s.replaceAll("-", "/")));
      }),
      RUNS,
    );
  });

  it("are idempotent and never invent precision", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyString, fc.stringMatching(/^[0-9]{4}[-/.][0-9x?]{1,2}[-/.][0-9x?]{1,2}$/)),
        (s) => {
          const once = normalizePartialDate(s);
          expect(normalizePartialDate(once)).toBe(once);
          if (once !== "") expect(once).toMatch(/^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/);
        },
      ),
      RUNS,
    );
  });
});
