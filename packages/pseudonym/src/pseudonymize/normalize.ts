/**
 * Normalization of identifiers before they are pseudonymized or encoded for linkage. The rules are
 * normative: spec/normalization.md states every step and table, and spec/test-vectors/pseudonym/
 * normalize.json holds vectors, so that an implementation in another language produces the same
 * bytes. This file must stay in step with that spec.
 *
 * Pure functions over strings; no `node:` imports (runs in browsers).
 */
import { CorridorError } from "@corridor/errors";
import type { PersonName } from "@corridor/schema";
import { GREEK_CONTEXT, TABLES } from "./tables.js";

// ---------------------------------------------------------------------------------------------
// Tables compiled for lookup
// ---------------------------------------------------------------------------------------------

const TRANSLIT = new Map<number, string>();
for (const table of Object.values(TABLES)) {
  for (const row of table) TRANSLIT.set(row.from.codePointAt(0)!, row.to);
}

/** Step 1: characters deleted before NFKC (spec §3, table "Deleted characters"). */
const DELETED_RE = new RegExp(
  `[${TABLES.deleted.map((row) => `\\u{${row.from.codePointAt(0)!.toString(16)}}`).join("")}]`,
  "gu",
);

const cpSet = (chars: string): Set<number> => new Set(Array.from(chars, (c) => c.codePointAt(0)!));
const GREEK_VF_FIRST = cpSet(GREEK_CONTEXT.vfDigraphFirst);
const GREEK_VOICED_OR_VOWEL = cpSet(GREEK_CONTEXT.voicedOrVowel);
const GREEK_NASAL_BEFORE = cpSet(GREEK_CONTEXT.nasalGammaBefore);
const GREEK_UPSILON = 0x03c5;
const GREEK_OMICRON = 0x03bf;
const GREEK_GAMMA = 0x03b3;
const COMBINING_DIAERESIS = 0x0308;

const MARK_RE = /^\p{M}$/u;
const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{Nd}$/u;
const FORMAT_RE = /^\p{Cf}$/u;

/** What step 5 does with a code point (its General_Category and whether a table has it). */
const Kind = {
  Unknown: 0,
  /** M*: removed after a tabled base, kept after a kept letter. */
  Mark: 1,
  /** Has a table row (or is an ASCII letter or digit). */
  Tabled: 2,
  /** L* without a table row: kept as it is. */
  Letter: 3,
  /** Nd outside ASCII: becomes an ASCII digit. */
  Digit: 4,
  /** Cf: deleted, and transparent. */
  Format: 5,
  /** Anything else: a word break. */
  Other: 6,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function classify(cp: number): Kind {
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || TRANSLIT.has(cp))
    return Kind.Tabled;
  const ch = String.fromCodePoint(cp);
  if (MARK_RE.test(ch)) return Kind.Mark;
  if (LETTER_RE.test(ch)) return Kind.Letter;
  if (DIGIT_RE.test(ch)) return Kind.Digit;
  if (FORMAT_RE.test(ch)) return Kind.Format;
  return Kind.Other;
}

/** Kinds of the code points seen so far, filled lazily (no start-up cost, no regex per character after the first). */
const BMP_KINDS = new Uint8Array(0x10000);
const ASTRAL_KINDS = new Map<number, Kind>();

function kindOf(cp: number): Kind {
  if (cp < 0x10000) {
    let k = BMP_KINDS[cp]! as Kind;
    if (k === Kind.Unknown) BMP_KINDS[cp] = k = classify(cp);
    return k;
  }
  let k = ASTRAL_KINDS.get(cp);
  if (k === undefined) {
    k = classify(cp);
    ASTRAL_KINDS.set(cp, k);
  }
  return k;
}

const isDecimalDigit = (cp: number): boolean =>
  (cp >= 0x30 && cp <= 0x39) || (cp >= 0 && kindOf(cp) === Kind.Digit);

/**
 * The value 0–9 of a decimal digit (General_Category Nd). Unicode assigns Nd characters only in
 * contiguous ascending runs 0..9 (Unicode stability policy), so the value is the distance to the
 * start of the run, modulo 10 (a few runs are several sets of ten in a row).
 */
function digitValue(cp: number): number {
  let start = cp;
  while (isDecimalDigit(start - 1)) start--;
  return (cp - start) % 10;
}

// ---------------------------------------------------------------------------------------------
// normalizeText
// ---------------------------------------------------------------------------------------------

/** Printable ASCII only: the fast path below gives the same result as the full pipeline. */
const ASCII_WORDS_RE = /^[a-z0-9 ]*$/;
const PRINTABLE_ASCII_RE = /^[\x20-\x7e]*$/;

function asciiFast(s: string): string {
  // Runs of ASCII letters and digits are copied as slices; apostrophe and grave accent are deleted
  // (step 1); any other character separates words. Lower-casing ASCII once at the end is step 3.
  let out = "";
  let start = -1;
  let pendingSep = false;
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)) {
      if (c <= 0x5a && c >= 0x41) upper = true;
      if (start < 0) {
        if (pendingSep && out.length > 0) out += " ";
        pendingSep = false;
        start = i;
      }
      continue;
    }
    if (start >= 0) {
      out += s.slice(start, i);
      start = -1;
    }
    if (c !== 0x27 && c !== 0x60) pendingSep = true;
  }
  if (start >= 0) out += start === 0 ? s : s.slice(start);
  return upper ? out.toLowerCase() : out;
}

/**
 * The common normalization pipeline of every text identifier (names, places). Returns words of
 * lower-case ASCII letters and digits separated by single spaces, or "" when nothing is left.
 *
 * Steps (spec/normalization.md §3): (1) delete apostrophes; (2) Unicode NFKC; (3) lower case;
 * (4) NFD, and remove the combining marks of every letter that has a table row or is ASCII — that
 * is, remove diacritics; (5) transliterate with the tables (Latin, Cyrillic, Greek, Arabic script),
 * turn decimal digits of any script into ASCII digits, delete format characters, keep letters of
 * other scripts as they are, and turn everything else (spaces, punctuation, symbols) into a word
 * break; (6) collapse word breaks to one space and trim; (7) NFC.
 *
 * Letters of scripts without a table (e.g. Han, Hangul, Devanagari, Ethiopic, Hebrew, Georgian,
 * Armenian) are kept as they are, with their marks, so they compare equal only with the same
 * script.
 *
 * @param s - Any string.
 * @returns The normalized form; "" when `s` has no letter or digit.
 * @throws CorridorError `ERR_INVALID_ARGUMENT` when `s` is not a string.
 *
 * @example
 * ```ts
 * import { normalizeText } from "@corridor/pseudonym";
 * normalizeText("  José-María  O'Neill ");  // "jose maria oneill"
 * normalizeText("Дмитрий Щукин");          // "dmitrii shchukin"
 * normalizeText("Παπαδόπουλος");           // "papadopoulos"
 * normalizeText("--");                     // ""
 * ```
 */
export function normalizeText(s: string): string {
  if (typeof s !== "string") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "text to normalize must be a string");
  }
  if (PRINTABLE_ASCII_RE.test(s)) return asciiFast(s);
  return normalizeTextFull(s);
}

/** The next base code point after the character at `i` (skipping marks and format characters), or -1. */
function nextBase(t: string, i: number): number {
  for (let j = i + (t.codePointAt(i)! > 0xffff ? 2 : 1); j < t.length; ) {
    const cp = t.codePointAt(j)!;
    const k = kindOf(cp);
    if (k !== Kind.Mark && k !== Kind.Format) return cp;
    j += cp > 0xffff ? 2 : 1;
  }
  return -1;
}

/** True when the base at `i` carries a combining diaeresis among the marks that follow it. */
function hasDiaeresis(t: string, i: number): boolean {
  for (let j = i + 1; j < t.length; ) {
    const cp = t.codePointAt(j)!;
    if (cp === COMBINING_DIAERESIS) return true;
    if (kindOf(cp) !== Kind.Mark) return false;
    j += cp > 0xffff ? 2 : 1;
  }
  return false;
}

/** The full pipeline, without the ASCII fast path. Exported for tests that compare the two. */
export function normalizeTextFull(s: string): string {
  const t = s.replace(DELETED_RE, "").normalize("NFKC").toLowerCase().normalize("NFD");
  let out = "";
  let pendingSep = false;
  let keptBase = false; // the current base is a letter of a script without a table: keep its marks
  let keptAny = false;
  let prevBase = -1;
  for (let i = 0; i < t.length; ) {
    const cp = t.codePointAt(i)!;
    const at = i;
    i += cp > 0xffff ? 2 : 1;
    let piece: string;
    switch (kindOf(cp)) {
      case Kind.Mark:
        if (!keptBase) continue;
        piece = String.fromCodePoint(cp);
        break;
      case Kind.Tabled:
        keptBase = false;
        if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) {
          piece = t[at]!;
        } else {
          piece = TRANSLIT.get(cp)!;
          if (cp === GREEK_GAMMA && GREEK_NASAL_BEFORE.has(nextBase(t, at))) {
            piece = "n";
          } else if (cp === GREEK_UPSILON && !hasDiaeresis(t, at)) {
            if (GREEK_VF_FIRST.has(prevBase)) {
              piece = GREEK_VOICED_OR_VOWEL.has(nextBase(t, at)) ? "v" : "f";
            } else if (prevBase === GREEK_OMICRON) piece = "u";
          }
        }
        break;
      case Kind.Letter:
        piece = String.fromCodePoint(cp);
        keptBase = true;
        keptAny = true;
        break;
      case Kind.Digit:
        piece = String.fromCharCode(0x30 + digitValue(cp));
        keptBase = false;
        break;
      case Kind.Format:
        // deleted, and transparent: marks after it still belong to the base before it
        continue;
      default:
        pendingSep = true;
        keptBase = false;
        prevBase = cp;
        continue;
    }
    prevBase = cp;
    if (piece === "") continue;
    if (pendingSep) {
      if (out.length > 0) out += " ";
      pendingSep = false;
    }
    out += piece;
  }
  return keptAny ? out.normalize("NFC") : out;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * Compares two strings by code point (the order of their UTF-8 bytes), not by UTF-16 code unit as
 * `<` does: the two differ when a character above U+FFFF meets one in U+E000–U+FFFF.
 *
 * @example
 * ```ts
 * import { compareCodePoints } from "@corridor/pseudonym";
 * ["\u{20000}", "\uFA0E"].sort(compareCodePoints); // ["\uFA0E", "\u{20000}"]
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

function pushWords(out: string[], text: string | undefined): void {
  if (text === undefined) return;
  const normalized = normalizeText(text);
  if (normalized === "") return;
  for (const word of normalized.split(" ")) out.push(word);
}

/**
 * The words of a name, normalized and sorted by code point, so that the order of names and the
 * split between given and family names do not matter: `{ given: "Ali", family: "Hassan" }`,
 * `{ given: "Hassan", family: "Ali" }` and `{ family: "Hassan Ali" }` give the same words.
 * Repeated words are kept.
 *
 * @param name - A name as in the record model (`given` and/or `family`).
 * @returns The sorted words; empty when no part of the name has a letter or digit.
 * @throws CorridorError `ERR_INVALID_ARGUMENT` when `name` is not an object of strings.
 *
 * @example
 * ```ts
 * import { normalizeNameTokens } from "@corridor/pseudonym";
 * normalizeNameTokens({ given: "María José", family: "García-Pérez" });
 * // ["garcia", "jose", "maria", "perez"]
 * ```
 */
export function normalizeNameTokens(name: PersonName): string[] {
  assertName(name);
  const words: string[] = [];
  pushWords(words, "given" in name ? name.given : undefined);
  pushWords(words, name.family);
  return words.sort(compareCodePoints);
}

/**
 * The canonical form of a name: {@link normalizeNameTokens} joined by single spaces. This string,
 * in UTF-8, is what the name pseudonym is computed over.
 *
 * @example
 * ```ts
 * import { normalizeName } from "@corridor/pseudonym";
 * normalizeName({ given: "Hassan", family: "ALI" }) === normalizeName({ given: "Ali", family: "Hassan" });
 * // both "ali hassan"
 * ```
 */
export function normalizeName(name: PersonName): string {
  assertName(name);
  const given = "given" in name && name.given !== undefined ? normalizeText(name.given) : "";
  const family = name.family !== undefined ? normalizeText(name.family) : "";
  // Fast path: each part one word (or none), the common case; same result as the general one.
  if (!given.includes(" ") && !family.includes(" ")) {
    if (given === "") return family;
    if (family === "") return given;
    return compareCodePoints(given, family) <= 0 ? `${given} ${family}` : `${family} ${given}`;
  }
  const words: string[] = [];
  if (given !== "") for (const w of given.split(" ")) words.push(w);
  if (family !== "") for (const w of family.split(" ")) words.push(w);
  return words.sort(compareCodePoints).join(" ");
}

function assertName(name: unknown): asserts name is PersonName {
  if (typeof name !== "object" || name === null) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "name must be an object", { path: ["name"] });
  }
  const { given, family } = name as { given?: unknown; family?: unknown };
  for (const [key, value] of [
    ["given", given],
    ["family", family],
  ] as const) {
    if (value !== undefined && typeof value !== "string") {
      throw new CorridorError("ERR_INVALID_ARGUMENT", `name.${key} must be a string`, {
        path: ["name", key],
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Document numbers
// ---------------------------------------------------------------------------------------------

/**
 * The canonical form of a document number: the text pipeline, then every space removed and a–z
 * upper-cased. Separators agencies type (spaces, hyphens, slashes, dots, MRZ fillers `<`) vanish.
 *
 * @param s - A document number as written.
 * @returns Upper-case letters and digits; "" when nothing is left.
 * @throws CorridorError `ERR_INVALID_ARGUMENT` when `s` is not a string.
 *
 * @example
 * ```ts
 * import { normalizeDocumentNumber } from "@corridor/pseudonym";
 * normalizeDocumentNumber("ab 12-34.567"); // "AB1234567"
 * normalizeDocumentNumber("X<<1234<");     // "X1234"
 * ```
 */
export function normalizeDocumentNumber(s: string): string {
  if (typeof s === "string" && PRINTABLE_ASCII_RE.test(s)) {
    // printable ASCII: what the pipeline leaves of it is its letters and digits
    let out = "";
    let start = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        out += s.slice(start, i);
        start = -1;
      }
    }
    if (start >= 0) out += start === 0 ? s : s.slice(start);
    return out.toUpperCase();
  }
  const text = normalizeText(s);
  if (ASCII_WORDS_RE.test(text)) return text.replaceAll(" ", "").toUpperCase();
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) continue;
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 0x20) : text[i];
  }
  return out;
}

/**
 * Document classes bound into a document pseudonym. Passports and other travel documents share
 * class `P` (ICAO Doc 9303 document code P covers both), so a record that calls a document a
 * "travel-document" still links with one that calls it a "passport".
 */
export const DOCUMENT_CLASSES = {
  passport: "P",
  "travel-document": "P",
  "national-id": "I",
  "residence-card": "R",
  visa: "V",
  "birth-certificate": "B",
  other: "X",
} as const;

/** Three letters A–Z (the record model's country codes, e.g. `GRC`, `XXA`). */
function isCountryCode(v: unknown): v is string {
  if (typeof v !== "string" || v.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

/** A document type of the record model. */
export type DocumentType = keyof typeof DOCUMENT_CLASSES;

/**
 * The string a document pseudonym is computed over: `<class>|<issuing country>|<number>`, e.g.
 * `P|GRC|AB1234567`. Returns "" when the number normalizes to nothing.
 *
 * @example
 * ```ts
 * import { normalizeDocument } from "@corridor/pseudonym";
 * normalizeDocument({ type: "passport", issuingCountry: "GRC", number: "ab 123-4567" });
 * // "P|GRC|AB1234567"
 * ```
 */
export function normalizeDocument(doc: {
  readonly type: DocumentType;
  readonly issuingCountry: string;
  readonly number: string;
}): string {
  const cls = DOCUMENT_CLASSES[doc.type];
  if (cls === undefined || !Object.hasOwn(DOCUMENT_CLASSES, doc.type)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "document type is not a known type", {
      path: ["type"],
    });
  }
  if (!isCountryCode(doc.issuingCountry)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "issuing country must be three letters A-Z", {
      path: ["issuingCountry"],
    });
  }
  const number = normalizeDocumentNumber(doc.number);
  return number === "" ? "" : `${cls}|${doc.issuingCountry}|${number}`;
}

// ---------------------------------------------------------------------------------------------
// Partial dates
// ---------------------------------------------------------------------------------------------

const DATE_RE = /^([0-9]{4})(?:([-./ ])([0-9]{1,2}|xx|--|\?\?)(?:\2([0-9]{1,2}|xx|--|\?\?))?)?$/;
const CANONICAL_DATE_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const COMPACT_DATE_RE = /^([0-9]{4})(?:([0-9]{2})([0-9]{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const unknownPart = (p: string | undefined): boolean =>
  p === undefined || p === "xx" || p === "--" || p === "??" || /^0{1,2}$/.test(p);

/**
 * The canonical form of a (partial) date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 *
 * Accepts year-first dates only (never day-first, which is ambiguous): `YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD` with `-`, `.`, `/` or a space as separator and one- or two-digit month and day, and
 * the compact `YYYYMM` and `YYYYMMDD`. Digits of any script count (NFKC, then Nd → ASCII). A month
 * or day of `0`, `00`, `XX`, `--` or `??` is unknown: the date stops at the last known part
 * (`1990-00-15` → `1990`, `1990-05-XX` → `1990-05`). A date that does not exist (`1990-02-30`,
 * year `0000`) gives "".
 *
 * @param s - A date as written.
 * @returns The canonical partial date, or "" when `s` is not a date of that form.
 * @throws CorridorError `ERR_INVALID_ARGUMENT` when `s` is not a string.
 *
 * @example
 * ```ts
 * import { normalizePartialDate } from "@corridor/pseudonym";
 * normalizePartialDate("1990-5-7");   // "1990-05-07"
 * normalizePartialDate("1990/05/XX"); // "1990-05"
 * normalizePartialDate("19900507");   // "1990-05-07"
 * normalizePartialDate("07.05.1990"); // "" (day-first is refused)
 * ```
 */
export function normalizePartialDate(s: string): string {
  if (typeof s !== "string") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "date to normalize must be a string");
  }
  if (CANONICAL_DATE_RE.test(s)) {
    // already YYYY-MM-DD: only the calendar check is left
    const year = Number(s.slice(0, 4));
    const month = Number(s.slice(5, 7));
    const day = Number(s.slice(8, 10));
    if (month !== 0 && day !== 0) {
      return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
        ? s
        : "";
    }
  }
  const ascii = PRINTABLE_ASCII_RE.test(s);
  let t = (ascii ? s : s.normalize("NFKC")).trim().toLowerCase();
  if (!ascii && !PRINTABLE_ASCII_RE.test(t)) {
    t = Array.from(t, (ch) => {
      const cp = ch.codePointAt(0)!;
      return cp > 0x7f && isDecimalDigit(cp) ? String.fromCharCode(0x30 + digitValue(cp)) : ch;
    }).join("");
  }
  const m = DATE_RE.exec(t) ?? COMPACT_DATE_RE.exec(t);
  if (m === null) return "";
  const yearText = m[1]!;
  const [monthText, dayText] = m.length === 5 ? [m[3], m[4]] : [m[2], m[3]];
  const year = Number(yearText);
  if (year === 0) return "";
  if (unknownPart(monthText)) return yearText;
  const month = Number(monthText);
  if (month < 1 || month > 12) return "";
  const mm = String(month).padStart(2, "0");
  if (unknownPart(dayText)) return `${yearText}-${mm}`;
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return "";
  return `${yearText}-${mm}-${String(day).padStart(2, "0")}`;
}
