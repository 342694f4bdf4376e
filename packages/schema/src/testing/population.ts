/**
 * Seeded synthetic populations of migrants and the records agencies hold about them: ground truth
 * for record-linkage evaluation, realistic load for benchmarks.
 *
 * Every person has a true identity (names in their own script and naming tradition, date and
 * place of birth, sex, citizenship, documents) and a migration path of events over several years,
 * each event a valid held record (schema 1.0) written by a different agency, with the data-entry
 * variation real agencies produce (typos, transliteration variants, script changes, swapped name
 * order, dropped names, partial or swapped dates of birth, other documents, ...). The variation
 * applied to each record is reported beside it, never inside it.
 *
 * Deterministic: the same options give the same output on every run and platform. Only integer
 * arithmetic and exact float divisions drive the generator (sfc32 seeded through splitmix32), no
 * `Math.random`, no `Date`, no locale-dependent string functions. People and their paths come
 * from one random stream, the variation of each record from another, so changing the variation
 * rates changes how records are written, not who the people are or what happened to them.
 *
 * No fast-check and no Node.js API here: this module runs in browsers as well.
 */
import { CorridorError } from "@corridor/errors";
import type { ISO_4217 } from "../codelists/currencies.js";
import {
  type AGE_BANDS,
  type APPEAL_OUTCOMES,
  type DECISION_OUTCOMES,
  type FAMILY_RELATIONSHIPS,
  type GRIEVANCE_CATEGORIES,
  type GRIEVANCE_CHANNELS,
  type GRIEVANCE_OUTCOMES,
  type LEGAL_STATUSES,
  type MIGRATORY_ROUTES,
  type REFERRALS,
  VULNERABILITIES,
} from "../codelists/enums.js";
import type { IsicSection } from "../codelists/isic.js";
import type { RecordKind } from "../details.js";
import type { ClearIdentifiers, PersonAttributes, PersonName } from "../person.js";
import { AGENCY_ID_PATTERN, type AgencyId, type CountryCode } from "../primitives.js";
import type { RecordLink } from "../record.js";
import type { HeldRecord } from "../versions.js";

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Public types
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** The kinds of data-entry variation the generator applies to records. */
export const VARIATION_TYPES = [
  "typo",
  "transliteration",
  "script",
  "name-order",
  "dropped-name",
  "accents-dropped",
  "upper-case",
  "birth-month-only",
  "birth-year-only",
  "day-month-swap",
  "default-birth-date",
  "other-document",
  "document-format",
  "document-omitted",
] as const;
/** One kind of data-entry variation; see {@link VariationRates} for what each one does. */
export type VariationType = (typeof VARIATION_TYPES)[number];

/**
 * Per-record probabilities of each data-entry variation, each in [0, 1]. A variation applies only
 * where it can change something (a transliteration variant needs a name with variants, a script
 * change a name with a non-Latin original, a day/month swap a day of at most 12, ...), so its
 * observed frequency is lower than its rate. Some agencies are more prone to some variations (a
 * Ukrainian border guard writes Cyrillic, a Malaysian immigration office writes upper case): they
 * multiply the rate, capped at 1; a rate of 0 always disables the variation. The four
 * date-of-birth variations exclude each other, as do `document-omitted` and the other two
 * document variations.
 */
export interface VariationRates {
  /** One letter of a name swapped with its neighbour, deleted, replaced or inserted. Default 0.04. */
  readonly typo: number;
  /** A name written in another accepted transliteration (Mohammed / Muhammad, Yuliia / Yulia, Zhang / Chang, al-Hassan / Alhassan). Default 0.2. */
  readonly transliteration: number;
  /** A name (and place of birth) written in its original script (Arabic, Cyrillic, Greek, Ge'ez, Han) instead of Latin. Default 0.06. */
  readonly script: number;
  /** Given and family name entered in each other's field; a mononym entered as a family name. Default 0.04. */
  readonly nameOrder: number;
  /** A middle name, patronymic, father's or second family name left out. Default 0.1. */
  readonly droppedName: number;
  /** Diacritics removed (García → Garcia, Nguyễn → Nguyen, Γεώργιος → Γεωργιος). Default 0.3. */
  readonly accentsDropped: number;
  /** Names and place of birth entered in upper case. Default 0.1. */
  readonly upperCase: number;
  /** Date of birth recorded as YYYY-MM only. Default 0.02. */
  readonly birthMonthOnly: number;
  /** Date of birth recorded as YYYY only. Default 0.02. */
  readonly birthYearOnly: number;
  /** Day and month of birth swapped, where the swap is another valid date. Default 0.03. */
  readonly dayMonthSwap: number;
  /** Date of birth recorded as 1 January of the year, the usual convention when the day is unknown. Default 0.02. */
  readonly defaultBirthDate: number;
  /** Another of the person's documents recorded (a national id instead of the passport). Default 0.12. */
  readonly otherDocument: number;
  /** Document number typed with spaces, hyphens or dots, or without the separators it has. Default 0.08. */
  readonly documentFormat: number;
  /** No document recorded although the person has one. Default 0.05. */
  readonly documentOmitted: number;
}

/** The default {@link VariationRates}. */
export const DEFAULT_VARIATION_RATES: VariationRates = Object.freeze({
  typo: 0.04,
  transliteration: 0.2,
  script: 0.06,
  nameOrder: 0.04,
  droppedName: 0.1,
  accentsDropped: 0.3,
  upperCase: 0.1,
  birthMonthOnly: 0.02,
  birthYearOnly: 0.02,
  dayMonthSwap: 0.03,
  defaultBirthDate: 0.02,
  otherDocument: 0.12,
  documentFormat: 0.08,
  documentOmitted: 0.05,
});

const RATE_OF: Readonly<Record<VariationType, keyof VariationRates>> = {
  typo: "typo",
  transliteration: "transliteration",
  script: "script",
  "name-order": "nameOrder",
  "dropped-name": "droppedName",
  "accents-dropped": "accentsDropped",
  "upper-case": "upperCase",
  "birth-month-only": "birthMonthOnly",
  "birth-year-only": "birthYearOnly",
  "day-month-swap": "dayMonthSwap",
  "default-birth-date": "defaultBirthDate",
  "other-document": "otherDocument",
  "document-format": "documentFormat",
  "document-omitted": "documentOmitted",
};

/** The writing system of a person's name in their own documents. */
export type NameScript = "latin" | "arabic" | "cyrillic" | "greek" | "ethiopic" | "han";

/** The naming traditions the generator draws people from. */
export const NAME_TRADITIONS = [
  "arabic-levant",
  "arabic-maghreb",
  "arabic-nasab",
  "afghan",
  "eritrean-ethiopian",
  "russian",
  "ukrainian",
  "greek",
  "chinese",
  "hispanic",
  "indonesian",
  "nigerian",
  "west-african",
  "bangladeshi",
  "vietnamese",
] as const;
/**
 * A naming tradition: `arabic-levant` (Syria, Iraq, Lebanon, Palestinians), `arabic-maghreb`
 * (French-style transliteration), `arabic-nasab` (Sudan, Yemen: father's and grandfather's names,
 * `bin`), `afghan` (Dari and Pashto, often no family name), `eritrean-ethiopian` (given, father's,
 * grandfather's name, Ge'ez script), `russian` and `ukrainian` (Cyrillic, patronymics), `greek`
 * (Pontic and minority Greeks, Greek script), `chinese` (family name first, Han), `hispanic`
 * (two family names), `indonesian` (mononyms, old and new spelling), `nigerian`, `west-african`
 * (francophone and Gambian spellings), `bangladeshi` (`Md.`, `Mst.`), `vietnamese` (family name
 * first, diacritics).
 */
export type NameTradition = (typeof NAME_TRADITIONS)[number];

/** The migration stories the generator tells. */
export const MIGRATION_PATHS = [
  "asylum",
  "labour",
  "family-reunification",
  "smuggling-return",
  "temporary-protection",
  "overstay",
  "co-ethnic-residence",
] as const;
/**
 * A migration story: `asylum` (arrival → application → decision → appeal → protection and permit,
 * or return; secondary movement with a new application), `labour` (recruitment → entry → work
 * permit → grievance → change of employer or renewal → exit), `family-reunification` (application
 * with a sponsor link → decision → entry → permit), `smuggling-return` (interception →
 * irregular stay → order to leave → return), `temporary-protection` (exit from Ukraine → entry →
 * temporary protection, onward movement), `overstay` (entry → irregular stay → regularisation or
 * return), `co-ethnic-residence` (entry → residence permits → naturalisation).
 */
export type MigrationPath = (typeof MIGRATION_PATHS)[number];

/** An identity document as the person truly holds it. */
export type SyntheticDocument = NonNullable<ClearIdentifiers["documents"]>[number];
/** A vulnerability marker. */
export type Vulnerability = (typeof VULNERABILITIES)[number];

/** A person's true name. */
export interface SyntheticName {
  /** The script of the person's own documents; `native` is written in it unless it is `latin`. */
  readonly script: NameScript;
  /** Given names (with middle names, patronymic, father's name in `bin` form) in the canonical Latin form. */
  readonly given: string;
  /** Family names in the canonical Latin form; absent for people without one (mononyms, many Afghans). */
  readonly family?: string;
  /** The same name in the original script, for non-Latin scripts. */
  readonly native?: { readonly given: string; readonly family?: string };
  /** True where the tradition writes the family name first (Chinese, Vietnamese). */
  readonly familyFirst: boolean;
}

/** A synthetic person: the ground truth behind their records. */
export interface SyntheticPerson {
  /** Ground-truth id, `P` and a number; never appears in a record. */
  readonly id: string;
  readonly tradition: NameTradition;
  readonly name: SyntheticName;
  readonly sex: "F" | "M";
  /** Full date of birth, YYYY-MM-DD. */
  readonly dateOfBirth: string;
  /** Place of birth in the canonical Latin form. */
  readonly placeOfBirth: string;
  /** Place of birth in the original script, for non-Latin scripts. */
  readonly placeOfBirthNative?: string;
  readonly countryOfBirth: CountryCode;
  readonly citizenship: readonly CountryCode[];
  /** Documents, the primary one first (passport where there is one); empty for undocumented people. */
  readonly documents: readonly SyntheticDocument[];
  readonly path: MigrationPath;
  /** Lasting vulnerability markers; age-based markers (minor, unaccompanied minor, elderly) are added per record. */
  readonly vulnerabilities: readonly Vulnerability[];
  /** A minor travelling without an adult responsible for them. */
  readonly unaccompanied: boolean;
  /** Membership of a family travelling together or reunited with a sponsor. */
  readonly household?: {
    /** The id of the principal applicant or sponsor. */
    readonly principalId: string;
    readonly role: "principal" | "spouse" | "child";
    readonly joined: "travelling-together" | "family-reunification";
  };
}

/** A generated record, the person it belongs to, and the variation applied when it was written. */
export interface GeneratedRecord {
  /** The {@link SyntheticPerson.id} of the person the record is about. */
  readonly personId: string;
  readonly record: HeldRecord;
  /** The data-entry variations applied to this record, in the order applied; empty when it was written as the truth. */
  readonly variations: readonly VariationType[];
}

/** The output of {@link generatePopulation}. */
export interface SyntheticPopulation {
  readonly people: SyntheticPerson[];
  /** Every record, ordered by event date. */
  readonly records: GeneratedRecord[];
}

/** Options of {@link generatePopulation}. */
export interface PopulationOptions {
  /** Any number or string; the same seed gives the same population. */
  readonly seed: number | string;
  /** How many people to make (0 to 1,000,000); family members count. */
  readonly people: number;
  /**
   * The agencies that may write records. Default: a built-in set of border, coast-guard, asylum,
   * appeal, immigration, labour and recruitment agencies of GRC, ITA, DEU, ESP, POL, GBR, SWE,
   * TUR, UKR, MYS, IDN, BGD, VNM and INT.iom / INT.unhcr (see {@link DEFAULT_AGENCIES}). Each
   * event goes to the listed agency that best matches its kind and country; an id not in the
   * built-in set is taken as an agency of its country that records every kind. With fewer
   * agencies, a person's records may all come from one agency.
   */
  readonly agencies?: readonly AgencyId[];
  /** First year of events (default 2015; 1900 to 2190). */
  readonly startYear?: number;
  /** Last year of events (default 2024; startYear to 2190). A path longer than the period is compressed to fit. */
  readonly endYear?: number;
  /** Overrides of {@link DEFAULT_VARIATION_RATES}. */
  readonly variation?: Partial<VariationRates>;
}

/** Options of {@link generateRecords}. */
export interface RecordStreamOptions {
  readonly seed: number | string;
  /** How many records to make (0 to 2^32). */
  readonly count: number;
  /** The form of the records; only `"held"` is supported. */
  readonly form?: "held";
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit variant),
// state seeded from splitmix32. Integer arithmetic only, so identical on every JS engine.
// ─────────────────────────────────────────────────────────────────────────────────────────────

const GOLDEN = 0x9e3779b9;

/** Murmur3's 32-bit finalizer: a bijective avalanche mix. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The words a seed stands for: a type tag, then the number's two 32-bit halves or the string's UTF-16 units. */
function seedWords(seed: number | string): number[] {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "seed: expected a finite number or a string");
    }
    if (Number.isSafeInteger(seed)) {
      const hi = Math.floor(seed / 4294967296);
      return [0x6e756d00, seed >>> 0, hi >>> 0];
    }
    return seedWords(String(seed));
  }
  if (typeof seed !== "string") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "seed: expected a finite number or a string");
  }
  const words = [0x73747200, seed.length];
  for (let i = 0; i < seed.length; i++) words.push(seed.charCodeAt(i));
  return words;
}

/** Folds words into one 32-bit key (order-sensitive). */
function foldKey(words: readonly number[]): number {
  let h = 0x243f6a88;
  for (const w of words) h = fmix32((h ^ fmix32(w >>> 0)) + GOLDEN);
  return h;
}

/**
 * A seeded source of uniform numbers in [0, 1): the generator's own sfc32 stream, for benchmarks
 * and examples that need reproducible data of their own. Same seed, same numbers, on every engine.
 *
 * @example
 * ```ts
 * import { seededRandom } from "@corridor/schema/testing";
 * const rand = seededRandom("bench");
 * const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
 * ```
 */
export function seededRandom(seed: number | string): () => number {
  const rng = new Rng(foldKey(seedWords(seed)));
  return () => rng.float();
}

/** A deterministic random stream. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for `key`, with independent sub-streams for each `parts` (e.g. a person's index). */
  constructor(key: number, ...parts: number[]) {
    // splitmix32 expands the 32-bit key into the four state words of sfc32.
    let s = foldKey([key, ...parts]);
    const next = (): number => {
      s = (s + GOLDEN) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(items.length));
  }

  /** One item, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.float() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return at(items, items.length - 1)[0];
  }

  /** A string of digits (first digit non-zero when `leadingNonZero`). */
  digits(n: number, leadingNonZero = false): string {
    let out = "";
    for (let i = 0; i < n; i++)
      out += String(i === 0 && leadingNonZero ? 1 + this.int(9) : this.int(10));
    return out;
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) {
    throw new CorridorError("ERR_INTERNAL", "population generator: index out of range");
  }
  return item;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Calendar (proleptic Gregorian, days since 1970-01-01; H. Hinnant's civil-date algorithms)
// ─────────────────────────────────────────────────────────────────────────────────────────────

type Ymd = readonly [number, number, number];

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function isoDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The same calendar day `months` later (clamped to the month's end). */
function addMonths(days: number, months: number): number {
  const [y, m, d] = civilFromDays(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Completed years at `days` of someone born on `dob`. */
function ageAt(dob: Ymd, days: number): number {
  const [y, m, d] = civilFromDays(days);
  let age = y - dob[0];
  if (m < dob[1] || (m === dob[1] && d < dob[2])) age--;
  return age;
}

function ageBand(age: number): (typeof AGE_BANDS)[number] {
  if (age < 14) return "Y_LT14";
  if (age < 18) return "Y14-17";
  if (age < 35) return "Y18-34";
  if (age < 65) return "Y35-64";
  return "Y_GE65";
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Name tables. One name a line: `original=Latin/variant/variant` for non-Latin scripts (the first
// Latin form is the canonical one, as a passport would print it), `Latin/variant` for Latin
// script. `al:` marks Arabic family names that take the article (al-/Al-/El-/Al .../Al...).
// Cyrillic lines give the original only (plus conventional spellings after `=`); their Latin
// forms come from ICAO 9303 / national and BGN/PCGN transliteration. Cyrillic male names carry
// `;patronymic(m);patronymic(f)`. Han given names mark syllables with `|`.
// ─────────────────────────────────────────────────────────────────────────────────────────────

const LEVANT_MALE = `
محمد=Mohammed/Muhammad/Mohamed/Mohamad/Mohammad
أحمد=Ahmad/Ahmed
محمود=Mahmoud/Mahmud/Mahmood
مصطفى=Mustafa/Moustafa/Mostafa
عمر=Omar/Umar/Omer
علي=Ali/Aly
حسن=Hassan/Hasan
حسين=Hussein/Hussain/Husain/Hussien
خالد=Khaled/Khalid
يوسف=Youssef/Yusuf/Yousef/Yousif
إبراهيم=Ibrahim/Ebrahim/Ibraheem
عبد الله=Abdullah/Abdallah/Abdulla/Abd Allah
عبد الرحمن=Abdul Rahman/Abdulrahman/Abdelrahman/Abd al-Rahman/Abdurrahman
عبد الكريم=Abdul Karim/Abdulkarim/Abdelkarim/Abd al-Karim
سامر=Samer/Samir
سمير=Samir/Sameer
فادي=Fadi/Fady
رامي=Rami/Ramy
باسل=Basel/Bassel/Basil
وليد=Walid/Waleed
طارق=Tarek/Tariq/Tarik
زياد=Ziad/Ziyad/Zyad
ماهر=Maher/Mahir
نبيل=Nabil/Nabeel
جمال=Jamal/Gamal
كريم=Karim/Kareem
أيمن=Ayman/Aiman
عماد=Imad/Emad
هيثم=Haitham/Haytham/Heitham
غسان=Ghassan/Ghasan
مازن=Mazen/Mazin
بشار=Bashar/Bachar
رياض=Riad/Riyad/Riyadh
صالح=Saleh/Salih
ياسر=Yasser/Yasir/Yaser
أنس=Anas/Enes
حمزة=Hamza/Hamzah
عثمان=Othman/Osman/Uthman
قاسم=Qasim/Kassem/Qassem
جعفر=Jaafar/Jafar/Ja'far
ديار=Diyar/Diar
آزاد=Azad/Asad
شيار=Shiyar/Shyar
`;

const LEVANT_FEMALE = `
فاطمة=Fatima/Fatma/Fatimah
عائشة=Aisha/Aysha/Aicha/Ayesha
مريم=Maryam/Mariam/Meryem
زينب=Zainab/Zeinab/Zaynab
نور=Nour/Noor/Nur
هدى=Huda/Houda/Hoda
رنا=Rana
رانيا=Rania/Ranya
ليلى=Layla/Leila/Laila
أمل=Amal
سميرة=Samira/Sameera
ياسمين=Yasmin/Yasmine/Jasmin
هبة=Hiba/Heba
رشا=Rasha/Racha
ديما=Dima
لينا=Lina/Leena
ريم=Reem/Rim
آلاء=Alaa/Ala'a
أسماء=Asmaa/Asma/Esma
خديجة=Khadija/Khadijah/Khadidja
سلمى=Salma/Selma
نادية=Nadia/Nadiya
سعاد=Souad/Suad/Soad
وفاء=Wafaa/Wafa
إيمان=Iman/Eman/Imane
جيهان=Jihan/Gihan
روجدا=Rojda
بيريفان=Berivan/Birivan
`;

const LEVANT_FAMILY = `
al:حسن=Hassan/Hasan
al:أحمد=Ahmad/Ahmed
al:علي=Ali
al:خطيب=Khatib/Khateeb
al:حلبي=Halabi
al:شامي=Shami
al:مصري=Masri/Masry
al:حمصي=Homsi/Himsi
al:عمر=Omar
al:جبوري=Jubouri/Jabouri/Juburi
al:تميمي=Tamimi/Temimi
al:دليمي=Dulaimi/Dulaymi/Dleimi
al:عبيدي=Obaidi/Ubaidi/Obeidi
al:شمري=Shammari/Shamari
al:زعبي=Zoubi/Zu'bi/Zoabi
al:حريري=Hariri
al:ساعدي=Saadi/Sa'adi
al:كردي=Kurdi
al:موسوي=Musawi/Moussawi/Mousawi
al:حسيني=Husseini/Hosseini
حداد=Haddad
خليل=Khalil/Khaleel
إبراهيم=Ibrahim/Ebrahim
درويش=Darwish/Darwich/Derwish
نجار=Najjar/Najar
سليمان=Suleiman/Sulaiman/Soliman/Sleiman
عثمان=Othman/Osman
يوسف=Youssef/Yousef/Yusuf
شيخو=Sheikho/Shekho
حمو=Hamo/Hammo
قدور=Kaddour/Qaddour
مراد=Murad/Mourad
عيسى=Issa/Eissa/Isa
`;

const MAGHREB_MALE = `
محمد=Mohamed/Mohammed/Mohamad/Mhamed
أحمد=Ahmed/Ahmad/Hmed
يوسف=Youssef/Youcef/Yousef/Youssouf
عبد القادر=Abdelkader/Abdel Kader/Abdulkader/Abd El Kader
عبد الرحيم=Abderrahim/Abdelrahim/Abderahim
عبد الله=Abdellah/Abdallah/Abdullah
سعيد=Saïd/Said/Saeed
رشيد=Rachid/Rashid
كريم=Karim/Kareem
خالد=Khalid/Khaled
هشام=Hicham/Hisham/Hichem
ياسين=Yassine/Yacine/Yasin
أيوب=Ayoub/Ayub
إلياس=Ilyas/Ilias/Elias
عمر=Omar/Amor
نبيل=Nabil
مراد=Mourad/Murad
سفيان=Soufiane/Sofiane/Sufyan
إسماعيل=Ismail/Smail/Ismaïl
حمزة=Hamza
مهدي=Mehdi/Mahdi
زكرياء=Zakaria/Zakariya/Zakariae
أنور=Anouar/Anwar
بلال=Bilal/Belal
وليد=Walid/Oualid
إدريس=Driss/Idriss/Idris
عادل=Adil/Adel
نور الدين=Noureddine/Nour Eddine/Nureddin
جمال=Jamal/Djamel/Jamel
مصطفى=Mustapha/Moustapha/Mostafa
عثمان=Othmane/Otmane/Osman
`;

const MAGHREB_FEMALE = `
فاطمة=Fatima/Fatma/Fatema
فتيحة=Fatiha/Fatiha
خديجة=Khadija/Khadidja/Khedidja
مريم=Meryem/Maryam/Mariem
سلمى=Salma/Selma
سكينة=Soukaina/Sakina/Soukayna
حنان=Hanane/Hanan
إيمان=Imane/Iman/Imen
نادية=Nadia
سعاد=Souad/Soad
أمينة=Amina/Emina
هند=Hind/Hend
غزلان=Ghizlane/Ghizlan
نعيمة=Naima/Naïma/Nayma
لبنى=Loubna/Lubna
كوثر=Kaoutar/Kawthar/Kaouthar
أسماء=Asmae/Asmaa/Asma
سارة=Sara/Sarah
ياسمينة=Yasmina/Yasmine
وئام=Wiam/Ouiam
`;

const MAGHREB_FAMILY = `
بن علي=Benali/Ben Ali/Ben-Ali
بن عيسى=Benaissa/Ben Aissa
بن موسى=Benmoussa/Ben Moussa
بلقاسم=Belkacem/Belkassem/Belqasim
بوزيد=Bouzid/Bouzide
بوعزيزي=Bouazizi
الإدريسي=El Idrissi/Idrissi/El-Idrissi/Elidrissi
العمراني=El Amrani/Amrani/El-Amrani
المنصوري=El Mansouri/Mansouri/Elmansouri
العلوي=El Alaoui/Alaoui/Elalaoui
الحداد=El Haddad/Haddad
التازي=Tazi/Ettazi
الفاسي=El Fassi/Fassi/Elfassi
بنجلون=Benjelloun/Bendjelloun/Ben Jelloun
الشريف=Chérif/Cherif/Sharif/El Cherif
زروال=Zeroual/Zerouale
مزيان=Meziane/Mezian
حجي=Hadji/Hajji/Haji
السعيدي=Saidi/Saïdi/Essaidi
قاسمي=Kacemi/Kasmi/Qasmi
الطرابلسي=Trabelsi/Trabulsi
بن سالم=Ben Salem/Bensalem
العياري=Ayari/Ayyari
`;

const NASAB_MALE = `
محمد=Mohamed/Mohammed/Muhammad/Mohamad
أحمد=Ahmed/Ahmad
عثمان=Osman/Othman/Uthman
عبد الرحمن=Abdelrahman/Abdalrahman/Abdulrahman/Abd Elrahman
الفاتح=Elfatih/Al-Fatih/Alfatih/El Fatih
عمر=Omer/Omar
آدم=Adam/Adem
إبراهيم=Ibrahim/Ebrahim
إسماعيل=Ismail/Esmail
يحيى=Yahya/Yehia/Yahia
علي=Ali
حسن=Hassan/Hasan
صالح=Saleh/Salih
عبد الله=Abdalla/Abdallah/Abdullah
موسى=Musa/Mousa/Moussa
هارون=Haroun/Harun
بكري=Bakri/Bakry
الطيب=Eltayeb/Al-Tayeb/Altayeb/El Tayeb
مجاهد=Mujahid/Mogahid/Mugahid
جمال=Gamal/Jamal
جعفر=Gaafar/Jaafar/Jafar
نصر الدين=Nasreldin/Nasr Eldin/Nasreddin
عبد العزيز=Abdelaziz/Abdulaziz/Abd Elaziz
خالد=Khalid/Khaled
منصور=Mansour/Mansur
ناصر=Nasser/Nasir
فيصل=Faisal/Faysal
سليمان=Suleiman/Sulaiman/Soliman
`;

const NASAB_FEMALE = `
فاطمة=Fatima/Fatma
آمنة=Amna/Amina/Aamna
مريم=Mariam/Maryam
حواء=Hawa/Hawaa
زينب=Zeinab/Zainab
عائشة=Aisha/Aysha/Ayesha
سارة=Sara/Sarah
إسراء=Israa/Esraa/Isra
آلاء=Alaa/Ala
هبة=Hiba/Heba
ملاذ=Malaz/Malath
رؤى=Roaa/Ruaa/Ruwa
سلمى=Salma
نسرين=Nisreen/Nesreen/Nasrin
أروى=Arwa/Arwaa
بلقيس=Bilqis/Belqees/Balqis
`;

const YEMEN_FAMILY = `
al:عمودي=Amoudi/Amudi
al:حضرمي=Hadrami/Hadhrami
al:يافعي=Yafai/Yafei
al:عولقي=Awlaki/Aulaqi/Awlaqi
al:أهدل=Ahdal
al:عبسي=Absi
al:صنعاني=Sanaani/Sanani
al:زبيري=Zubairi/Zubayri
al:شرعبي=Sharabi/Shar'abi
al:مقطري=Maqtari/Makhtari
`;

const AFGHAN_MALE = `
محمد=Mohammad/Mohammed/Muhammad/Mohamad
احمد=Ahmad/Ahmed
علی=Ali
حسین=Hussain/Hussein/Hossein/Husain
رضا=Reza/Raza
مهدی=Mahdi/Mehdi
عباس=Abbas/Abas
ذبیح الله=Zabihullah/Zabiullah/Zabihollah
رحمت الله=Rahmatullah/Rahmatulla/Rahmatollah
حمید الله=Hamidullah/Hamidulla/Hamedullah
نجیب الله=Najibullah/Najibulla/Najeebullah
عبدالواحد=Abdul Wahid/Abdulwahid/Abdul Wahed
عبدالرحیم=Abdul Rahim/Abdulrahim/Abdurrahim
عبدالله=Abdullah/Abdulla
گل احمد=Gul Ahmad/Gulahmad/Gul Ahmed
گل محمد=Gul Mohammad/Gulmohammad/Gul Muhammad
شاه محمود=Shah Mahmood/Shah Mahmud/Shahmahmood
سید احمد=Sayed Ahmad/Said Ahmad/Syed Ahmad
نور محمد=Noor Mohammad/Nur Mohammad/Noormohammad
جاوید=Jawid/Javid/Javed/Jawed
فرید=Farid/Fareed
ولی=Wali/Vali
مسعود=Masoud/Massoud/Masood/Masud
ادریس=Idris/Edris/Idrees
شفیق=Shafiq/Shafik/Shafeeq
نصیر=Nasir/Naseer/Naser
ظاهر=Zahir/Zaher/Zaheer
قدیر=Qadir/Qader/Kadir
امید=Omid/Umid/Omeed
بصیر=Basir/Baseer
جمشید=Jamshid/Jamsheed/Jamshed
سهراب=Sohrab/Suhrab
یما=Yama
اجمل=Ajmal/Ajmel
`;

const AFGHAN_FEMALE = `
فاطمه=Fatima/Fatema/Fatemeh
زهرا=Zahra/Zahraa/Zohra
مریم=Maryam/Mariam
شبنم=Shabnam/Shabnum
پروانه=Parwana/Parvaneh/Parvana
نرگس=Nargis/Narges
مرضیه=Marzia/Marziyeh/Marziya
سکینه=Sakina/Sakineh/Sakena
محبوبه=Mahbooba/Mahboba/Mahbubeh
فرشته=Freshta/Fereshta/Fereshteh
گلالۍ=Gulalai/Gulalay/Gulali
نازنین=Nazanin/Nazaneen
حسینه=Hasina/Haseena
ملالی=Malalai/Malalay
لیلا=Laila/Leila/Layla
زرغونه=Zarghona/Zarghuna/Zarghoona
نیلوفر=Nilofar/Nilufar/Niloofar
ثریا=Soraya/Suraya/Thuraya
رویا=Roya/Roia
فرزانه=Farzana/Farzaneh
ستاره=Setara/Sitara/Setareh
خدیجه=Khadija/Khadijah
بی بی گل=Bibi Gul/Bibigul
`;

const AFGHAN_FAMILY = `
احمدزی=Ahmadzai/Ahmadzay/Ahmadzei
پوپلزی=Popalzai/Popalzay
صافی=Safi/Saafi
ستانکزی=Stanekzai/Stanikzai/Stanakzai
کریمی=Karimi/Karimy/Kareemi
حسینی=Hussaini/Hosseini/Husaini
رحیمی=Rahimi/Rahimy/Raheemi
سلطانی=Sultani/Soltani
محمدی=Mohammadi/Muhammadi/Mohammady
نوری=Noori/Nouri/Nuri
هاشمی=Hashimi/Hashemi
امیری=Amiri/Amiry
عزیزی=Azizi/Azizy
یوسفزی=Yousafzai/Yusufzai/Yousufzai
مهمند=Mohmand/Momand
اکبری=Akbari/Akbary
جعفری=Jafari/Jafary/Jaafari
رضایی=Rezaei/Rezaie/Rezai/Rezaee
حیدری=Haidari/Heydari/Hayderi
نظری=Nazari/Nazary
قادری=Qaderi/Ghaderi/Qadiri
صدیقی=Siddiqi/Sediqi/Seddiqi/Siddiqui
عثمانی=Usmani/Osmani/Othmani
وردک=Wardak/Wardag
کاکړ=Kakar/Kakkar
شینواری=Shinwari/Shinwary
نیازی=Niazi/Niyazi
سادات=Sadat/Saadat
`;

const ETHIOPIC_MALE = `
ዮናስ=Yonas/Jonas/Yonass
ተስፋይ=Tesfay/Tesfai/Tesfaye
ሰሎሞን=Solomon/Selomon
ዳዊት=Dawit/Dawitt/Davit
ሚካኤል=Michael/Mikael/Mikiel
ገብረመድህን=Gebremedhin/Ghebremedhin/Gebremedihn/Gebre Medhin
ተኽለ=Tekle/Teklay/Teckle
ብርሃነ=Berhane/Birhane/Berhan
ኪዳነ=Kidane/Kidan
ሃይለ=Haile/Hayle
ዮሃንስ=Yohannes/Yohanes/Johannes
መሓሪ=Mehari/Mihari/Meharie
ገብረሂወት=Gebrehiwet/Ghebrehiwet/Gebrehiwot
ፍስሃ=Fisseha/Fsaha/Fiseha
ክብሮም=Kibrom/Kbrom/Kebrom
ኣማኑኤል=Amanuel/Emanuel
ሙሴ=Musie/Muse/Mussie
ሰመረ=Semere/Semre
ኤርምያስ=Ermias/Ermiyas
ዓወት=Awet/Awat
ተወልደ=Tewolde/Tewelde
ገብረኣብ=Gebreab/Ghebreab/Gebre Ab
ነጋሽ=Negash/Negasi
ዘርኣይ=Zerai/Zeray
ሃብቶም=Habtom/Habtoum
ጎይቶም=Goitom/Goytom
ተመስገን=Temesgen/Temesghen
ቢንያም=Biniam/Biniyam/Binyam
ኣብርሃም=Abraham/Abrham/Abreham
ኣሰፋው=Asefaw/Assefaw/Asefa
ሓጎስ=Hagos/Hagoss
ወልደማርያም=Woldemariam/Weldemariam/Wolde Mariam
ግርማይ=Girmay/Germay/Girmai
ጸጋይ=Tsegay/Tsegaye/Tsegai
በረከት=Bereket/Berekhet
`;

const ETHIOPIC_FEMALE = `
ሄለን=Helen/Hellen
ሳባ=Saba
ሉዋም=Luwam/Luam/Lwam
ሰላም=Selam/Salam
ፍዮሪ=Fiori/Fyori/Fiyori
ኣኽበረት=Akberet/Akbret
ሩት=Ruth/Rut
ሰናይት=Senait/Senayt
ዮርዳኖስ=Yordanos/Yordanus
ትርሓስ=Tirhas/Trhas/Terhas
ኤልሳ=Elsa/Elza
ሃና=Hana/Hanna
ጸጋ=Tsega/Tsegga
ብርኽቲ=Birikti/Brikti
ለምለም=Lemlem
ጽጌ=Tsige/Tsighe
ሜሮን=Meron
ቤተልሔም=Betelhem/Bethlehem
ኣዜብ=Azeb/Aseb
ኤደን=Eden
ሜላት=Melat/Mellat
ራሄል=Rahel/Rachel
ኣስመረት=Asmeret/Asmerit
ኣልማዝ=Almaz/Almas
`;

const RUSSIAN_MALE = `
Александр;Александрович;Александровна=Alexander/Alexandre
Алексей;Алексеевич;Алексеевна=Alexei/Alexey
Андрей;Андреевич;Андреевна=Andrey
Антон;Антонович;Антоновна
Артём;Артёмович;Артёмовна
Борис;Борисович;Борисовна
Вадим;Вадимович;Вадимовна
Валерий;Валерьевич;Валерьевна=Valery
Василий;Васильевич;Васильевна=Vasily
Виктор;Викторович;Викторовна
Владимир;Владимирович;Владимировна
Дмитрий;Дмитриевич;Дмитриевна=Dmitry/Dimitri
Евгений;Евгеньевич;Евгеньевна=Evgeny/Eugene
Иван;Иванович;Ивановна
Игорь;Игоревич;Игоревна
Кирилл;Кириллович;Кирилловна=Kiril
Константин;Константинович;Константиновна=Constantin
Максим;Максимович;Максимовна
Михаил;Михайлович;Михайловна=Mikhael/Michail
Никита;Никитич;Никитична
Николай;Николаевич;Николаевна=Nikolai/Nicolai
Олег;Олегович;Олеговна
Павел;Павлович;Павловна
Роман;Романович;Романовна
Руслан;Русланович;Руслановна
Сергей;Сергеевич;Сергеевна=Sergei/Sergey
Станислав;Станиславович;Станиславовна
Тимур;Тимурович;Тимуровна
Юрий;Юрьевич;Юрьевна=Yuri/Yury
Ярослав;Ярославович;Ярославовна
Магомед;Магомедович;Магомедовна
Ахмед;Ахмедович;Ахмедовна=Akhmed/Ahmed
Рамзан;Рамзанович;Рамзановна
`;

const RUSSIAN_FEMALE = `
Анна
Анастасия=Anastasia
Екатерина=Ekaterina/Katerina
Елена=Elena/Helena
Ирина
Мария=Maria
Наталья=Natalia/Natalya
Ольга
Светлана
Татьяна=Tatiana/Tatyana
Юлия=Julia/Yulia
Дарья=Daria
Ксения=Ksenia/Xenia
Марина
Людмила=Ludmila
Галина
Виктория=Victoria/Viktoria
Алина
Полина
Софья=Sofia/Sophia
Вера
Надежда
Оксана=Oxana
Зарема
Патимат
`;

const RUSSIAN_FAMILY = `
Иванов
Смирнов
Кузнецов
Попов
Васильев
Петров
Соколов
Михайлов
Новиков
Фёдоров=Fyodorov/Fedorov
Морозов
Волков
Алексеев
Лебедев
Семёнов=Semyonov/Semenov
Егоров
Павлов
Козлов
Степанов
Николаев
Орлов
Андреев
Макаров
Никитин
Захаров
Зайцев
Соловьёв=Solovyov/Soloviev
Борисов
Яковлев
Григорьев
Романов
Воробьёв=Vorobyov/Vorobiev
Сергеев
Кузьмин
Белов
Медведев
Ковалёв=Kovalyov/Kovalev
Ильин
Гусев
Титов
Вишневский=Vishnevsky/Wiszniewski
Алиев
Магомедов
Умаров
`;

const UKRAINIAN_MALE = `
Олександр;Олександрович;Олександрівна=Alexander/Aleksandr
Андрій;Андрійович;Андріївна=Andrey/Andrei
Богдан;Богданович;Богданівна
Василь;Васильович;Василівна=Vasily
Віктор;Вікторович;Вікторівна
Володимир;Володимирович;Володимирівна=Vladimir
Дмитро;Дмитрович;Дмитрівна=Dmitry/Dmitriy
Євген;Євгенович;Євгенівна=Evgeny/Yevgeniy
Іван;Іванович;Іванівна
Ігор;Ігорович;Ігорівна=Igor
Максим;Максимович;Максимівна
Микола;Миколайович;Миколаївна=Nikolai/Nikolay
Михайло;Михайлович;Михайлівна=Mikhail
Назар;Назарович;Назарівна
Олег;Олегович;Олегівна=Oleg
Остап;Остапович;Остапівна
Павло;Павлович;Павлівна=Pavel
Петро;Петрович;Петрівна=Petr
Роман;Романович;Романівна
Сергій;Сергійович;Сергіївна=Sergey/Sergii
Тарас;Тарасович;Тарасівна
Юрій;Юрійович;Юріївна=Yuri/Yuriy
Ярослав;Ярославович;Ярославівна=Iaroslav
Артем;Артемович;Артемівна=Artyom
Віталій;Віталійович;Віталіївна=Vitaly/Vitaliy
Денис;Денисович;Денисівна
Костянтин;Костянтинович;Костянтинівна=Konstantin
`;

const UKRAINIAN_FEMALE = `
Анна
Олена=Elena
Юлія=Yulia/Julia
Наталія=Natalia/Nataliya
Оксана=Oxana
Ірина=Irina
Тетяна=Tatiana/Tetyana
Світлана=Svetlana
Марія=Maria
Катерина=Ekaterina/Katerina
Ольга=Olga
Людмила=Ludmila/Lyudmila
Вікторія=Victoria/Viktoria
Анастасія=Anastasia
Дарина=Darina
Софія=Sofia/Sofiya
Ганна=Hanna/Anna
Галина=Galina
Валентина=Valentina
Яна=Iana
Христина=Kristina/Christina
Олександра=Alexandra/Aleksandra
Віра=Vera
Надія=Nadia/Nadiya
`;

const UKRAINIAN_FAMILY = `
Шевченко=Schewtschenko/Chevtchenko
Коваленко=Kowalenko
Бондаренко
Ткаченко=Tkatschenko
Кравченко=Krawtschenko
Олійник=Oliinyk/Oleynik
Шевчук
Коваль=Kowal
Поліщук=Polishchuk
Бондар
Ткачук
Мельник
Марченко
Руденко
Савченко
Лисенко=Lysenko/Lissenko
Петренко
Кравчук
Клименко
Мороз
Павленко
Левченко
Харченко
Іваненко
Гончаренко
Ковальчук=Kowalczuk
Кушнір
Романенко
Сидоренко
Вишневський=Vishnevsky
Ковальський=Kowalski
Гриценко
Мазур
Литвиненко
Білик
Данилюк
Захарченко
Кузьменко
Остапчук
Іванов=Ivanov
`;

const GREEK_MALE = `
Γεώργιος=Georgios/Giorgos/Yiorgos/George
Ιωάννης=Ioannis/Giannis/Yannis
Κωνσταντίνος=Konstantinos/Constantinos/Kostas
Δημήτριος=Dimitrios/Demetrios/Dimitris
Νικόλαος=Nikolaos/Nicolaos/Nikos
Παναγιώτης=Panagiotis/Panayiotis
Βασίλειος=Vasileios/Vasilios/Vassilis
Χρήστος=Christos/Hristos
Αθανάσιος=Athanasios/Athanassios/Thanasis
Μιχαήλ=Michail/Michael/Mihail
Ευάγγελος=Evangelos/Evaggelos/Vangelis
Σπυρίδων=Spyridon/Spiridon/Spyros
Αντώνιος=Antonios/Antonis
Ηλίας=Ilias/Elias
Αναστάσιος=Anastasios/Anastassios
Θεόδωρος=Theodoros/Thodoris
Σάββας=Savvas/Savas
Λάζαρος=Lazaros
Ιορδάνης=Iordanis/Jordanis
Προκόπιος=Prokopios/Procopios
Σταύρος=Stavros
Παύλος=Pavlos/Paulos
`;

const GREEK_FEMALE = `
Μαρία=Maria
Ελένη=Eleni/Elena
Αικατερίνη=Aikaterini/Ekaterini/Katerina
Βασιλική=Vasiliki/Vassiliki
Σοφία=Sofia/Sophia
Αναστασία=Anastasia/Anastassia
Γεωργία=Georgia/Yeorgia
Δήμητρα=Dimitra/Demetra
Ευαγγελία=Evangelia/Evaggelia
Ιωάννα=Ioanna/Joanna
Παρασκευή=Paraskevi
Χριστίνα=Christina/Hristina
Ειρήνη=Eirini/Irini/Irene
Αθηνά=Athina/Athena
Ζωή=Zoi/Zoe
Ελπίδα=Elpida
Θεοδώρα=Theodora
Κυριακή=Kyriaki/Kiriaki
`;

const GREEK_FAMILY = `
Παπαδόπουλος=Papadopoulos/Papadopulos
Σαββίδης=Savvidis/Savvides/Savidis
Ιωαννίδης=Ioannidis/Ioannides
Γεωργιάδης=Georgiadis/Georgiades
Κωνσταντινίδης=Konstantinidis/Constantinides
Αναστασιάδης=Anastasiadis/Anastassiades
Θεοδωρίδης=Theodoridis/Theodorides
Χαραλαμπίδης=Charalampidis/Haralambidis/Charalambides
Ιορδανίδης=Iordanidis/Jordanidis
Πετρίδης=Petridis/Petrides
Σιδηρόπουλος=Sidiropoulos/Sideropoulos
Παυλίδης=Pavlidis/Pavlides
Λαζαρίδης=Lazaridis/Lazarides
Μαυρίδης=Mavridis/Mavrides
Κυριακίδης=Kyriakidis/Kiriakidis/Kyriakides
Πολυχρονίδης=Polychronidis/Polihronidis
Τσακαλίδης=Tsakalidis
Σαχινίδης=Sachinidis/Sahinidis
Ευθυμιάδης=Efthymiadis/Efthimiadis
Αβραμίδης=Avramidis/Abramidis
Νικολαΐδης=Nikolaidis/Nicolaides
Αλεξανδρίδης=Alexandridis/Aleksandridis
Καλαϊτζίδης=Kalaitzidis/Kalaidzidis
Μουρατίδης=Mouratidis/Muratidis
Οικονόμου=Oikonomou/Ikonomou/Economou
Παππάς=Pappas/Papas
`;

const CHINESE_FAMILY = `
王=Wang/Wong
李=Li/Lee
张=Zhang/Chang/Cheung
刘=Liu/Lau
陈=Chen/Chan/Tan
杨=Yang/Yeung
黄=Huang/Wong/Hwang
赵=Zhao/Chao/Chiu
吴=Wu/Ng/Woo
周=Zhou/Chou/Chow
徐=Xu/Hsu/Tsui
孙=Sun/Suen
马=Ma/Mah
朱=Zhu/Chu
胡=Hu/Wu
郭=Guo/Kuo/Kwok
何=He/Ho
高=Gao/Kao
林=Lin/Lam/Lim
罗=Luo/Lo/Law
郑=Zheng/Cheng
梁=Liang/Leung
谢=Xie/Hsieh/Tse
宋=Song/Sung
唐=Tang/Tong
叶=Ye/Yeh/Yip
潘=Pan/Poon
蔡=Cai/Tsai/Choi
曾=Zeng/Tseng/Tsang
彭=Peng/Pang
`;

const CHINESE_MALE = `
伟=Wei
强=Qiang
磊=Lei
军=Jun
洋=Yang
勇=Yong
杰=Jie
涛=Tao
明=Ming
超=Chao
刚=Gang
建华=Jian|hua
建国=Jian|guo
志强=Zhi|qiang
晓明=Xiao|ming
文杰=Wen|jie
俊杰=Jun|jie
国强=Guo|qiang
志明=Zhi|ming
永强=Yong|qiang
德华=De|hua
海涛=Hai|tao
建平=Jian|ping
浩然=Hao|ran
子轩=Zi|xuan
宇航=Yu|hang
`;

const CHINESE_FEMALE = `
芳=Fang
娜=Na
秀英=Xiu|ying
敏=Min
静=Jing
丽=Li
艳=Yan
娟=Juan
霞=Xia
秀兰=Xiu|lan
桂英=Gui|ying
海燕=Hai|yan
小红=Xiao|hong
丽娟=Li|juan
春梅=Chun|mei
玉兰=Yu|lan
红梅=Hong|mei
晓燕=Xiao|yan
金凤=Jin|feng
美玲=Mei|ling
欣怡=Xin|yi
雨涵=Yu|han
婷婷=Ting|ting
`;

const HISPANIC_MALE = `
José
Luis
Carlos
Juan
Jesús
Miguel
Ángel
Pedro
Jorge
Andrés
Alejandro
Daniel
Diego
Fernando
Francisco
Javier/Xavier
Manuel
Ricardo
Roberto
Santiago
Sebastián
Óscar
Rafael
Eduardo
Víctor
Wilmer/Wilmar
Yeferson/Jeferson/Jefferson
Brayan/Bryan
Anderson
Édgar
Héctor
Raúl
`;

const HISPANIC_FEMALE = `
María
Ana
Carmen
Luisa
Fernanda
Gabriela
Andrea
Daniela
Valentina
Camila
Sofía
Isabel
Paola
Patricia
Rosa
Yuliana/Juliana
Yésica/Jessica/Yessica
Leidy/Leydi/Lady
Karla/Carla
Mariana
Verónica
Lucía
Adriana
Marisol
Milagros
Yolanda
Guadalupe
Beatriz
`;

const HISPANIC_FAMILY = `
García
Rodríguez
González/Gonzales
Hernández
López
Martínez
Pérez
Sánchez
Ramírez
Torres
Flores
Rivera
Gómez
Díaz
Morales
Reyes
Cruz
Ortiz
Gutiérrez
Chávez/Chaves
Ramos
Vargas
Castillo
Jiménez/Giménez
Moreno
Romero
Herrera
Medina
Aguilar
Mendoza
Rojas
Vásquez/Vázquez
Castro
Suárez
Guzmán
Salazar
Quintero
Contreras
Zambrano
Velásquez/Velázquez
`;

const INDONESIAN_MALE = `
Agus
Budi
Slamet
Sutrisno/Soetrisno
Supriyadi/Soeprijadi/Supriadi
Joko/Djoko
Bambang
Wahyu/Wahju
Yanto/Janto
Eko
Hendra
Dedi/Dedy
Rudi/Rudy
Suparman/Soeparman
Sugiarto/Soegiarto
Cahyono/Tjahjono
Purnomo/Poernomo
Hadi
Heru
Iwan
Teguh
Andi/Andy
Rizky/Rizki
Fajar
Ahmad/Achmad
Muhammad/Mohammad
Yusuf/Jusuf
Nur/Noor
Arif/Arief
Dwi
Imam
Suryadi/Soerjadi
`;

const INDONESIAN_FEMALE = `
Siti
Sri
Dewi
Wati
Nur/Noor
Yuliani/Juliani
Suharti/Soeharti
Sumiati/Soemiati
Lestari
Rina
Ani
Wulan
Kartini
Ratna
Indah
Fitri
Yanti/Janti
Tuti
Susilawati/Soesilawati
Endang
Nurhayati/Noerhajati
Rahayu
Sulastri/Soelastri
Puji/Poedji
Aminah
Khotimah/Chotimah
Mulyani/Moeljani
Kasmini
`;

const NIGERIAN_MALE = `
Chukwuemeka
Emeka
Chinedu
Obinna
Ikechukwu
Nnamdi
Uchenna
Oluwaseun/Oluwasheun
Adewale/Adéwálé
Babatunde/Babátúndé
Olumide
Segun/Shegun
Tunde
Abubakar/Aboubakar/Abubakr
Musa
Ibrahim
Usman/Othman
Sani
Aliyu/Aliu
Yusuf/Yussuf
Godwin
Emmanuel
Samuel
Kingsley
Osagie
Osaro
Efosa
Friday
Sunday
`;

const NIGERIAN_FEMALE = `
Chioma
Ngozi
Adaeze
Chiamaka
Nneka
Ifeoma
Blessing
Joy
Precious
Faith
Gift
Mercy
Esther
Grace
Funmilayo/Funmiláyọ̀
Folake
Yetunde
Aishat/Aisha
Hauwa/Hawa
Zainab/Zainabu
Aminat/Amina
Fatimah/Fatima
Osasu
Efe
Ivie
Omoye
`;

const NIGERIAN_FAMILY = `
Okafor
Okonkwo
Eze
Nwosu
Okeke
Obi
Nwachukwu
Adeyemi
Ogunleye
Adebayo
Oladipo
Balogun
Bello
Abubakar
Mohammed/Muhammad
Ibrahim
Usman
Yusuf
Osagie
Igbinedion
Omoregie
Ehigiator
Okoro
Olawale
Akinyemi
Danjuma
Garba
Idowu
Edobor
`;

const WEST_AFRICAN_MALE = `
Mamadou/Mamadu
Amadou/Ahmadou/Amadu
Ousmane/Usman/Ousman
Ibrahima/Ebrima/Ibrahim
Abdoulaye/Abdoulai/Abdullahi
Moussa/Musa
Boubacar/Bubacarr/Aboubakar
Cheikh/Sheikh
Modou/Modu
Lamine/Lamin
Alassane/Alasan
Souleymane/Sulayman/Suleiman
Seydou/Saidou
Aliou/Alieu/Aliu
Oumar/Omar
Momodou/Mamoudou
Babacar/Babucarr
Ismaila/Ismael
Sékou/Sekou
Fodé/Fode
Karamba/Karamo
Bakary/Bakari
Issa/Issah
Idrissa/Idrisa
Adama
Mahamadou/Mahamadu
Djibril/Jibril/Gibril
`;

const WEST_AFRICAN_FEMALE = `
Fatou/Fatu
Fatoumata/Fatumata/Fatimata
Aminata/Aminatta/Aminatou
Mariama/Mariame
Awa
Kadiatou/Kadijatou/Khadijatou
Aïssatou/Aissatou/Isatou
Ndèye/Ndeye/Ndey
Binta/Bintou
Hawa
Rokhaya/Rokia/Rokiatou
Mame
Coumba/Kumba
Sokhna/Sokna
Astou
Oumou/Umu
Salimata
Djeneba/Jeneba
Nafissatou/Nafisatou
`;

const WEST_AFRICAN_FAMILY = `
Diallo/Jallow/Djalo
Bah/Ba
Barry/Bari
Sow/Sowe
Diop/Jobe
Ndiaye/Njie/N'Diaye
Sy/Sey
Cissé/Ceesay/Cisse/Sisay
Touré/Touray/Toure
Camara/Kamara
Traoré/Traore/Trawally
Keïta/Keita
Koné/Kone
Coulibaly/Kulibaly
Diarra/Jarra
Sanogo
Fofana/Fofanah
Konaté/Konate/Konteh
Sidibé/Sidibeh/Sidibe
Sané/Sanneh/Sane
Jammeh/Diamé
Faye/Fye
Gueye/Gaye
Fall/Fal
Mbaye/M'Baye
Dramé/Drammeh/Drame
Doumbia/Dumbuya/Doumbouya
Sissoko/Cissoko
Kanté/Kante/Kanteh
`;

const BANGLADESHI_MALE = `
Rafiqul/Rafikul
Shafiqul/Shafikul
Aminul
Nazrul
Saiful
Mizanur
Mahbubur
Habibur
Mostafizur/Mustafizur
Ashraful
Jahangir
Alamgir
Kamal
Jamal
Sohel/Sohail
Rubel
Shakil/Shakeel
Sumon/Suman
Rakib/Raqib
Arif
Abul
Belal/Bilal
Shahin/Shaheen
Milon
Liton/Litan
Faruk/Faruque/Farooq
Anwar/Anowar
Monir/Munir
Masud/Masood
Rasel/Russel
`;

const BANGLADESHI_FEMALE = `
Nasrin/Nasreen
Shirin/Sherin
Rahima
Fatema/Fatima
Ayesha/Aysha
Nusrat
Sharmin
Taslima/Tasleema
Rokeya/Rukaiya
Jesmin/Jasmine
Shahnaz
Parvin/Parveen
Khadija
Roksana/Roxana
Sumaiya/Sumaya
Farzana
Moriom/Mariam
Salma
Kulsum/Kulsoom
`;

const BANGLADESHI_FAMILY = `
Islam
Hossain/Hussain/Hossen
Rahman/Rahaman
Uddin/Uddeen
Ahmed/Ahmad
Alam
Chowdhury/Choudhury/Chowdhuri
Sarker/Sarkar
Mia/Miah
Sheikh/Shaikh
Khan
Molla/Mollah
Mondal/Mandal
Talukder/Talukdar
Bhuiyan/Bhuiya
Haque/Hoque/Huq
Kabir
Karim
Sikder/Sikdar
Howlader/Hawlader
`;

const BANGLADESHI_FAMILY_FEMALE = `
Akter/Akhter/Akhtar
Begum
Khatun/Khaton
`;

const VIETNAMESE_FAMILY = `
Nguyễn
Trần
Lê
Phạm
Hoàng
Huỳnh
Vũ
Võ
Phan
Đặng
Bùi
Đỗ
Hồ
Ngô
Dương
Lý
Đinh
Trịnh
Đoàn
Lâm
Mai
Cao
Lương
Tạ
Hà
`;

const VIETNAMESE_MIDDLE_MALE = `
Văn
Đức
Minh
Quang
Hữu
Công
Thanh
Xuân
`;

const VIETNAMESE_MIDDLE_FEMALE = `
Thị
Ngọc
Thu
Thanh
Kim
Hồng
Phương
Thùy
`;

const VIETNAMESE_MALE = `
An
Anh
Bình
Cường
Dũng
Duy
Hải
Hiếu
Hoàng
Hùng
Huy
Khánh
Long
Minh
Nam
Nghĩa
Phong
Phúc
Quân
Sơn
Tài
Thắng
Thành
Tiến
Trung
Tuấn
Tùng
Việt
Vinh
Đạt
`;

const VIETNAMESE_FEMALE = `
Anh
Châu
Dung
Giang
Hà
Hằng
Hạnh
Hoa
Hương
Huyền
Lan
Liên
Linh
Loan
Mai
My
Nga
Ngân
Nhung
Oanh
Phương
Quyên
Thảo
Thủy
Trang
Trinh
Uyên
Vân
Yến
Xuân
`;

/** Places of birth by country: `original=Latin/variant` or `Latin/variant`. */
const PLACES: Readonly<Record<string, string>> = {
  SYR: `حلب=Aleppo/Halab
دمشق=Damascus/Dimashq
حمص=Homs/Hims
إدلب=Idlib/Idleb
دير الزور=Deir ez-Zor/Deir al-Zour/Deir Ezzor
الرقة=Raqqa/Al-Raqqah/Rakka
حماة=Hama/Hamah
اللاذقية=Latakia/Lattakia/Al-Ladhiqiyah
درعا=Daraa/Deraa/Dar'a
القامشلي=Qamishli/Al-Qamishli/Kamishli
الحسكة=Hasakah/Al-Hasakah/Hassakeh`,
  IRQ: `بغداد=Baghdad
الموصل=Mosul/Al-Mawsil
البصرة=Basra/Basrah
أربيل=Erbil/Arbil/Irbil
كركوك=Kirkuk/Karkuk
النجف=Najaf/An-Najaf
السليمانية=Sulaymaniyah/Sulaimani/Suleimaniya
دهوك=Duhok/Dohuk/Dahuk`,
  LBN: `بيروت=Beirut/Bayrut
طرابلس=Tripoli/Trablous
صيدا=Sidon/Saida
صور=Tyre/Sour`,
  JOR: `عمان=Amman
الزرقاء=Zarqa/Az-Zarqa
إربد=Irbid`,
  MAR: `الدار البيضاء=Casablanca/Dar el Beida
طنجة=Tanger/Tangier/Tangiers
الناظور=Nador
فاس=Fès/Fez/Fes
مراكش=Marrakech/Marrakesh
بني ملال=Béni Mellal/Beni Mellal`,
  DZA: `الجزائر=Alger/Algiers/El Djazair
وهران=Oran/Wahran
عنابة=Annaba
قسنطينة=Constantine/Qacentina`,
  TUN: `تونس=Tunis
صفاقس=Sfax/Safaqis
سوسة=Sousse/Susa
قابس=Gabès/Gabes`,
  LBY: `طرابلس=Tripoli/Tarabulus
بنغازي=Benghazi/Bengasi
مصراتة=Misrata/Misurata`,
  SDN: `الخرطوم=Khartoum/Al-Khartum
أم درمان=Omdurman/Umm Durman
نيالا=Nyala
الفاشر=El Fasher/Al-Fashir
كسلا=Kassala`,
  YEM: `صنعاء=Sanaa/Sana'a
عدن=Aden/Adan
تعز=Taiz/Ta'izz
الحديدة=Hodeidah/Al-Hudaydah
المكلا=Mukalla/Al-Mukalla`,
  AFG: `کابل=Kabul/Kabol
هرات=Herat/Harat
کندهار=Kandahar/Qandahar
مزار شریف=Mazar-i-Sharif/Mazar-e Sharif/Mazar
جلال آباد=Jalalabad/Jalal Abad
کندز=Kunduz/Qunduz
غزنی=Ghazni/Ghazny
بامیان=Bamyan/Bamiyan`,
  IRN: `تهران=Tehran/Teheran
مشهد=Mashhad/Meshed
اصفهان=Isfahan/Esfahan
شیراز=Shiraz
قم=Qom/Ghom`,
  PAK: `پشاور=Peshawar
کویته=Quetta/Kwatah`,
  ERI: `ኣስመራ=Asmara/Asmera
ከረን=Keren
ምጽዋዕ=Massawa/Mitsiwa
መንደፈራ=Mendefera
ደቀምሓረ=Dekemhare/Dekamere
ባረንቱ=Barentu`,
  ETH: `አዲስ አበባ=Addis Ababa/Addis Abeba
ጎንደር=Gondar/Gonder
መቐለ=Mekelle/Mek'ele/Makale
ድሬዳዋ=Dire Dawa
ባሕር ዳር=Bahir Dar/Bahar Dar
ዓዲግራት=Adigrat`,
  RUS: `Москва=Moscow
Санкт-Петербург=Saint Petersburg/St Petersburg
Казань
Грозный
Махачкала
Новосибирск
Екатеринбург
Краснодар`,
  UKR: `Київ=Kiev
Харків=Kharkov
Одеса=Odessa
Львів=Lvov/Lwow
Дніпро=Dnepr
Маріуполь=Mariupol
Запоріжжя=Zaporozhye
Херсон=Kherson
Миколаїв=Nikolaev`,
  GEO: `Τσάλκα=Tsalka
Τιφλίδα=Tbilisi/Tiflis
Βατούμ=Batumi/Batum`,
  ALB: `Αργυρόκαστρο=Gjirokastër/Gjirokaster/Argyrokastro
Άγιοι Σαράντα=Sarandë/Saranda/Agioi Saranta
Δέλβινο=Delvinë/Delvina/Delvino`,
  ARM: `Γκιουμρί=Gyumri/Giumri
Ερεβάν=Yerevan/Erevan`,
  KAZ: `Τσιμκέντ=Shymkent/Chimkent
Αλμάτι=Almaty/Alma-Ata`,
  CHN: `福州=Fuzhou/Foochow
温州=Wenzhou/Wenchow
青田=Qingtian/Tsingtien
长乐=Changle
福清=Fuqing/Fuching
北京=Beijing/Peking
上海=Shanghai
广州=Guangzhou/Canton
哈尔滨=Harbin/Haerbin`,
  VEN: `Caracas
Maracaibo
Valencia
Barquisimeto
San Cristóbal/San Cristobal`,
  COL: `Bogotá/Bogota/Santafé de Bogotá
Medellín/Medellin
Cali/Santiago de Cali
Barranquilla
Cúcuta/Cucuta`,
  HND: `Tegucigalpa
San Pedro Sula
La Ceiba`,
  SLV: `San Salvador
Santa Ana
San Miguel`,
  PER: `Lima
Arequipa
Trujillo
Chiclayo`,
  CUB: `La Habana/Habana/Havana
Santiago de Cuba
Camagüey/Camaguey`,
  IDN: `Indramayu
Cilacap/Tjilatjap
Malang
Blitar
Ponorogo
Lombok Timur/East Lombok
Jakarta/Djakarta
Surabaya/Soerabaja`,
  NGA: `Lagos
Benin City/Benin
Kano
Ibadan
Enugu
Port Harcourt/Port-Harcourt`,
  GHA: `Accra
Kumasi
Tamale`,
  SEN: `Dakar
Thiès/Thies
Kaolack
Ziguinchor
Saint-Louis/Saint Louis
Touba`,
  GIN: `Conakry/Konakry
Labé/Labe
Kankan
Kindia`,
  MLI: `Bamako
Kayes
Ségou/Segou
Sikasso`,
  CIV: `Abidjan
Bouaké/Bouake
Daloa`,
  GMB: `Banjul/Bathurst
Serekunda/Serrekunda
Brikama
Basse/Basse Santa Su`,
  BGD: `Dhaka/Dacca
Sylhet/Silhet
Chattogram/Chittagong
Cumilla/Comilla
Noakhali
Madaripur
Sunamganj`,
  VNM: `Hà Nội/Hanoi/Ha Noi
Nghệ An/Nghe An
Hà Tĩnh/Ha Tinh
Hải Phòng/Haiphong/Hai Phong
Quảng Bình/Quang Binh
Thành phố Hồ Chí Minh/Ho Chi Minh City/Saigon`,
};

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Name forms, transliteration, parsing
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** One name (or place) in its original script and its Latin forms; `latin[0]` is canonical. */
interface Form {
  readonly native: string | undefined;
  readonly latin: readonly string[];
}

/** A given-name entry; Cyrillic male names carry their patronymics. */
interface GivenEntry {
  readonly form: Form;
  readonly patronymic?: { readonly M: Form; readonly F: Form };
}

/** A family-name entry with its masculine and feminine forms (equal where the language has one). */
interface FamilyEntry {
  readonly M: Form;
  readonly F: Form;
}

const uniq = (items: readonly string[]): string[] => [...new Set(items)];

type Translit = "ru-icao" | "ru-bgn" | "uk-kmu" | "uk-bgn";

const RU_BASE: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "ie",
  ы: "y",
  ь: "",
  э: "e",
  ю: "iu",
  я: "ia",
};
const UK_BASE: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "g",
  д: "d",
  е: "e",
  є: "ie",
  ж: "zh",
  з: "z",
  и: "y",
  і: "i",
  ї: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ь: "",
  ю: "iu",
  я: "ia",
  "'": "",
  "’": "",
};
const RU_VOWELS = "аеёиоуыэюяъь";

/**
 * Transliterates Cyrillic: `ru-icao` is ICAO Doc 9303 (2013 on, Russian passports), `ru-bgn` is
 * BGN/PCGN without apostrophes (ye/yo/yu/ya), `uk-kmu` is the Ukrainian national system of 2010
 * (Ukrainian passports; word-initial ye/yi/y/yu/ya, zgh), `uk-bgn` is BGN/PCGN for Ukrainian.
 */
function transliterate(text: string, system: Translit): string {
  const ukr = system === "uk-kmu" || system === "uk-bgn";
  const base = ukr ? UK_BASE : RU_BASE;
  const chars = Array.from(text);
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = at(chars, i);
    const lower = ch.toLowerCase();
    const prev = i > 0 ? at(chars, i - 1).toLowerCase() : "";
    const initial = i === 0 || !/\p{L}/u.test(prev);
    let t = base[lower];
    if (t === undefined) {
      out += ch;
      continue;
    }
    if (system === "ru-bgn") {
      if (lower === "е") t = initial || RU_VOWELS.includes(prev) ? "ye" : "e";
      else if (lower === "ё") t = "жчшщ".includes(prev) ? "o" : "yo";
      else if (lower === "й") t = "y";
      else if (lower === "ю") t = "yu";
      else if (lower === "я") t = "ya";
      else if (lower === "ъ") t = "";
    } else if (system === "uk-kmu") {
      if (initial && lower === "є") t = "ye";
      else if (lower === "ї") t = initial ? "yi" : "i";
      else if (initial && lower === "й") t = "y";
      else if (initial && lower === "ю") t = "yu";
      else if (initial && lower === "я") t = "ya";
      else if (lower === "г" && prev === "з") t = "gh";
    } else if (system === "uk-bgn") {
      if (lower === "є") t = "ye";
      else if (lower === "ї") t = "yi";
      else if (lower === "й") t = "y";
      else if (lower === "ю") t = "yu";
      else if (lower === "я") t = "ya";
    }
    out += ch !== lower && t.length > 0 ? at(Array.from(t), 0).toUpperCase() + t.slice(1) : t;
  }
  return out;
}

function lines(table: string): string[] {
  return table
    .split("\n")
    .map((l) => l.trim().normalize("NFC"))
    .filter((l) => l.length > 0);
}

/** `original=Latin/variant` (non-Latin scripts) or `Latin/variant`. */
function parseForm(line: string): Form {
  const eq = line.indexOf("=");
  if (eq < 0) return { native: undefined, latin: uniq(line.split("/")) };
  return { native: line.slice(0, eq), latin: uniq(line.slice(eq + 1).split("/")) };
}

/** The Latin forms of a Cyrillic original: the two systems of its language, then the extras. */
function cyrillicForm(native: string, extras: readonly string[], ukr: boolean): Form {
  const primary = transliterate(native, ukr ? "uk-kmu" : "ru-icao");
  const secondary = transliterate(native, ukr ? "uk-bgn" : "ru-bgn");
  return { native, latin: uniq([primary, secondary, ...extras]) };
}

function splitExtras(line: string): [string, string[]] {
  const eq = line.indexOf("=");
  return eq < 0 ? [line, []] : [line.slice(0, eq), line.slice(eq + 1).split("/")];
}

function parseGiven(table: string, mode: "form" | "cyr-ru" | "cyr-uk" | "han"): GivenEntry[] {
  return lines(table).map((line) => {
    if (mode === "form") return { form: parseForm(line) };
    if (mode === "han") {
      const form = parseForm(line);
      const syllables = at(form.latin, 0).split("|");
      const latin =
        syllables.length === 1
          ? [...form.latin]
          : [
              syllables.join(""),
              syllables.map(capitalize).join(" "),
              syllables.map(capitalize).join("-"),
              syllables.join("-"),
            ];
      return { form: { native: form.native, latin: uniq(latin) } };
    }
    const ukr = mode === "cyr-uk";
    const [head, extras] = splitExtras(line);
    const [name, patM, patF] = head.split(";");
    const form = cyrillicForm(name ?? head, extras, ukr);
    if (patM === undefined || patF === undefined) return { form };
    return {
      form,
      patronymic: { M: cyrillicForm(patM, [], ukr), F: cyrillicForm(patF, [], ukr) },
    };
  });
}

const capitalize = (s: string): string =>
  s.length === 0 ? s : at(Array.from(s), 0).toUpperCase() + Array.from(s).slice(1).join("");

const AL_PREFIXES = ["Al-", "al-", "Al ", "El-", "El ", "el-"] as const;

/** Family names; `al:` entries get the Arabic article in every customary Latin spelling. */
function parseFamily(table: string, mode: "form" | "cyr-ru" | "cyr-uk" | "greek"): FamilyEntry[] {
  return lines(table).map((line) => {
    if (mode === "cyr-ru" || mode === "cyr-uk") {
      const ukr = mode === "cyr-uk";
      const [native, extras] = splitExtras(line);
      return {
        M: cyrillicForm(native, extras, ukr),
        F: cyrillicForm(
          feminineCyrillic(native, ukr),
          extras.map((e) => feminineLatinSlavic(e, ukr)),
          ukr,
        ),
      };
    }
    if (line.startsWith("al:")) {
      const base = parseForm(line.slice(3));
      const latin: string[] = [];
      for (const b of base.latin) {
        for (const p of AL_PREFIXES) latin.push(p + b);
        latin.push(`Al${b.toLowerCase()}`);
      }
      latin.push(...base.latin);
      const form = { native: `ال${base.native ?? ""}`, latin: uniq(latin) };
      return { M: form, F: form };
    }
    const form = parseForm(line);
    if (mode === "greek") {
      return {
        M: form,
        F: {
          native: form.native === undefined ? undefined : feminineGreek(form.native),
          latin: uniq(form.latin.map(feminineGreekLatin)),
        },
      };
    }
    return { M: form, F: form };
  });
}

function feminineCyrillic(name: string, ukr: boolean): string {
  if (ukr) {
    if (/ський$/.test(name)) return name.replace(/ський$/, "ська");
    if (/цький$/.test(name)) return name.replace(/цький$/, "цька");
    if (/(ов|ев|єв|ин|ін|їн)$/.test(name)) return `${name}а`;
    return name;
  }
  if (/ский$/.test(name)) return name.replace(/ский$/, "ская");
  if (/цкий$/.test(name)) return name.replace(/цкий$/, "цкая");
  if (/(ов|ев|ёв|ин|ын)$/.test(name)) return `${name}а`;
  return name;
}

function feminineLatinSlavic(name: string, ukr: boolean): string {
  if (/sk(y|i|iy|ii|yi)$/.test(name))
    return name.replace(/sk(y|i|iy|ii|yi)$/, ukr ? "ska" : "skaya");
  if (/(ov|ev|in|yn)$/.test(name)) return `${name}a`;
  return name;
}

function feminineGreek(name: string): string {
  if (name.endsWith("όπουλος")) return `${name.slice(0, -7)}οπούλου`;
  if (name.endsWith("ης")) return `${name.slice(0, -2)}ου`;
  if (name.endsWith("ος")) return `${name.slice(0, -2)}ου`;
  if (name.endsWith("άς")) return `${name.slice(0, -2)}ά`;
  return name;
}

function feminineGreekLatin(name: string): string {
  if (/(is|es)$/.test(name)) return name.replace(/(is|es)$/, name.endsWith("akis") ? "i" : "ou");
  if (/opulos$/.test(name)) return name.replace(/opulos$/, "opulu");
  if (/os$/.test(name)) return name.replace(/os$/, "ou");
  if (/as$/.test(name)) return name.replace(/as$/, "a");
  return name;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Naming traditions
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** One part of a name: a form, whether agencies often leave it out, the entry it came from. */
interface Part {
  readonly form: Form;
  readonly droppable: boolean;
  readonly given?: GivenEntry;
  readonly family?: FamilyEntry;
}

interface TrueName {
  readonly script: NameScript;
  readonly given: readonly Part[];
  readonly family: readonly Part[];
  readonly familyFirst: boolean;
}

type Sex = "F" | "M";

/** Relatives whose names a new person's name derives from. */
interface Kin {
  readonly father?: TrueName;
  readonly mother?: TrueName;
  /** The husband whose family name a wife takes, in traditions where she does. */
  readonly husband?: TrueName;
}

interface Tradition {
  readonly id: NameTradition;
  readonly script: NameScript;
  /** Citizenship and its weight. */
  readonly countries: readonly (readonly [CountryCode, number])[];
  /** Share of men among principal migrants. */
  readonly male: number;
  readonly paths: readonly (readonly [MigrationPath, number])[];
  makeName(rng: Rng, sex: Sex, kin: Kin, country: CountryCode): TrueName;
}

interface NameTables {
  readonly male: GivenEntry[];
  readonly female: GivenEntry[];
  readonly family: FamilyEntry[];
}

const given = (entry: GivenEntry, droppable = false): Part => ({
  form: entry.form,
  droppable,
  given: entry,
});
const family = (entry: FamilyEntry, sex: Sex, droppable = false): Part => ({
  form: entry[sex],
  droppable,
  family: entry,
});
/** A father's given name used as part of a child's name (father's name, grandfather's name). */
const asFamilyPart = (part: Part, droppable: boolean): Part => ({ ...part, droppable });
const pickGiven = (rng: Rng, t: NameTables, sex: Sex): GivenEntry =>
  rng.pick(sex === "M" ? t.male : t.female);
const firstGiven = (name: TrueName | undefined): Part | undefined => name?.given[0];

/** `bin X` / `binti X` / `ibn X` forms of a father's name. */
/**
 * A father's name in nasab form: Arabic `bin`/`ibn` (son of), `bint` (daughter of); Indonesian
 * `bin`/`binti`, abbreviated `b.`/`bt.`.
 */
function nasabPart(father: Form, sex: Sex, arabic: boolean): Part {
  const canonical = at(father.latin, 0);
  let latin: string[];
  if (arabic) {
    latin =
      sex === "M"
        ? [`bin ${canonical}`, `ibn ${canonical}`, `Bin ${canonical}`, `ben ${canonical}`]
        : [`bint ${canonical}`, `Bint ${canonical}`, `bent ${canonical}`];
    latin.push(...father.latin.map((l) => `${sex === "M" ? "bin" : "bint"} ${l}`));
  } else {
    const word = sex === "M" ? "bin" : "binti";
    latin = [
      `${word} ${canonical}`,
      `${capitalize(word)} ${canonical}`,
      `${sex === "M" ? "b." : "bt."} ${canonical}`,
    ];
  }
  return {
    form: {
      native:
        arabic && father.native !== undefined
          ? `${sex === "M" ? "بن" : "بنت"} ${father.native}`
          : undefined,
      latin: uniq(latin),
    },
    droppable: true,
  };
}

let tablesCache: Map<string, NameTables> | undefined;
function tables(): Map<string, NameTables> {
  if (tablesCache) return tablesCache;
  const fromGiven = (g: GivenEntry[]): FamilyEntry[] => g.map((e) => ({ M: e.form, F: e.form }));
  const nasabMale = parseGiven(NASAB_MALE, "form");
  const ethMale = parseGiven(ETHIOPIC_MALE, "form");
  tablesCache = new Map<string, NameTables>([
    [
      "arabic-levant",
      {
        male: parseGiven(LEVANT_MALE, "form"),
        female: parseGiven(LEVANT_FEMALE, "form"),
        family: parseFamily(LEVANT_FAMILY, "form"),
      },
    ],
    [
      "arabic-maghreb",
      {
        male: parseGiven(MAGHREB_MALE, "form"),
        female: parseGiven(MAGHREB_FEMALE, "form"),
        family: parseFamily(MAGHREB_FAMILY, "form"),
      },
    ],
    [
      "arabic-nasab",
      {
        male: nasabMale,
        female: parseGiven(NASAB_FEMALE, "form"),
        family: parseFamily(YEMEN_FAMILY, "form"),
      },
    ],
    ["arabic-nasab-sdn", { male: nasabMale, female: [], family: fromGiven(nasabMale) }],
    [
      "afghan",
      {
        male: parseGiven(AFGHAN_MALE, "form"),
        female: parseGiven(AFGHAN_FEMALE, "form"),
        family: parseFamily(AFGHAN_FAMILY, "form"),
      },
    ],
    [
      "eritrean-ethiopian",
      { male: ethMale, female: parseGiven(ETHIOPIC_FEMALE, "form"), family: fromGiven(ethMale) },
    ],
    [
      "russian",
      {
        male: parseGiven(RUSSIAN_MALE, "cyr-ru"),
        female: parseGiven(RUSSIAN_FEMALE, "cyr-ru"),
        family: parseFamily(RUSSIAN_FAMILY, "cyr-ru"),
      },
    ],
    [
      "ukrainian",
      {
        male: parseGiven(UKRAINIAN_MALE, "cyr-uk"),
        female: parseGiven(UKRAINIAN_FEMALE, "cyr-uk"),
        family: parseFamily(UKRAINIAN_FAMILY, "cyr-uk"),
      },
    ],
    [
      "greek",
      {
        male: parseGiven(GREEK_MALE, "form"),
        female: parseGiven(GREEK_FEMALE, "form"),
        family: parseFamily(GREEK_FAMILY, "greek"),
      },
    ],
    [
      "chinese",
      {
        male: parseGiven(CHINESE_MALE, "han"),
        female: parseGiven(CHINESE_FEMALE, "han"),
        family: parseFamily(CHINESE_FAMILY, "form"),
      },
    ],
    [
      "hispanic",
      {
        male: parseGiven(HISPANIC_MALE, "form"),
        female: parseGiven(HISPANIC_FEMALE, "form"),
        family: parseFamily(HISPANIC_FAMILY, "form"),
      },
    ],
    [
      "indonesian",
      {
        male: parseGiven(INDONESIAN_MALE, "form"),
        female: parseGiven(INDONESIAN_FEMALE, "form"),
        family: [],
      },
    ],
    [
      "nigerian",
      {
        male: parseGiven(NIGERIAN_MALE, "form"),
        female: parseGiven(NIGERIAN_FEMALE, "form"),
        family: parseFamily(NIGERIAN_FAMILY, "form"),
      },
    ],
    [
      "west-african",
      {
        male: parseGiven(WEST_AFRICAN_MALE, "form"),
        female: parseGiven(WEST_AFRICAN_FEMALE, "form"),
        family: parseFamily(WEST_AFRICAN_FAMILY, "form"),
      },
    ],
    [
      "bangladeshi",
      {
        male: parseGiven(BANGLADESHI_MALE, "form"),
        female: parseGiven(BANGLADESHI_FEMALE, "form"),
        family: parseFamily(BANGLADESHI_FAMILY, "form"),
      },
    ],
    [
      "bangladeshi-female",
      { male: [], female: [], family: parseFamily(BANGLADESHI_FAMILY_FEMALE, "form") },
    ],
    [
      "vietnamese",
      {
        male: parseGiven(VIETNAMESE_MALE, "form"),
        female: parseGiven(VIETNAMESE_FEMALE, "form"),
        family: parseFamily(VIETNAMESE_FAMILY, "form"),
      },
    ],
    [
      "vietnamese-middle",
      {
        male: parseGiven(VIETNAMESE_MIDDLE_MALE, "form"),
        female: parseGiven(VIETNAMESE_MIDDLE_FEMALE, "form"),
        family: [],
      },
    ],
  ]);
  return tablesCache;
}

function tablesOf(id: string): NameTables {
  const t = tables().get(id);
  if (t === undefined)
    throw new CorridorError("ERR_INTERNAL", "population generator: no name table");
  return t;
}

const MD_PREFIX: Form = {
  native: undefined,
  latin: ["Md.", "Mohammad", "Muhammad", "Mohammed", "Md"],
};
const MST_PREFIX: Form = { native: undefined, latin: ["Mst.", "Mosammat", "Mosammot", "Most."] };

/** The father's family-name parts as a child of `sex` inherits them. */
function inheritFamily(father: TrueName, sex: Sex): Part[] {
  return father.family.map((p) => (p.family ? { ...p, form: p.family[sex] } : p));
}

const TRADITIONS: readonly Tradition[] = [
  {
    id: "arabic-levant",
    script: "arabic",
    countries: [
      ["SYR", 60],
      ["IRQ", 30],
      ["XXA", 6],
      ["LBN", 2],
      ["JOR", 2],
    ],
    male: 0.7,
    paths: [
      ["asylum", 85],
      ["smuggling-return", 15],
    ],
    makeName(rng, sex, kin, country) {
      const t = tablesOf("arabic-levant");
      const father = firstGiven(kin.father) ?? given(pickGiven(rng, t, "M"));
      const parts = [given(pickGiven(rng, t, sex))];
      if (kin.father !== undefined || rng.chance(0.6)) parts.push(asFamilyPart(father, true));
      let fam: Part[];
      if (kin.father !== undefined) fam = inheritFamily(kin.father, sex);
      else if (country === "IRQ" && rng.chance(0.4)) fam = [given(pickGiven(rng, t, "M"))];
      else fam = [family(rng.pick(t.family), sex)];
      return { script: "arabic", given: parts, family: fam, familyFirst: false };
    },
  },
  {
    id: "arabic-maghreb",
    script: "arabic",
    countries: [
      ["MAR", 50],
      ["DZA", 25],
      ["TUN", 20],
      ["LBY", 5],
    ],
    male: 0.85,
    paths: [
      ["smuggling-return", 45],
      ["asylum", 30],
      ["labour", 25],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("arabic-maghreb");
      const fam = kin.father ? inheritFamily(kin.father, sex) : [family(rng.pick(t.family), sex)];
      return {
        script: "arabic",
        given: [given(pickGiven(rng, t, sex))],
        family: fam,
        familyFirst: false,
      };
    },
  },
  {
    id: "arabic-nasab",
    script: "arabic",
    countries: [
      ["SDN", 65],
      ["YEM", 35],
    ],
    male: 0.8,
    paths: [
      ["asylum", 90],
      ["smuggling-return", 10],
    ],
    makeName(rng, sex, kin, country) {
      const t = tablesOf("arabic-nasab");
      const father = firstGiven(kin.father) ?? given(pickGiven(rng, t, "M"));
      const first = given(pickGiven(rng, t, sex));
      if (country === "SDN") {
        // Sudan: given name, father's name, grandfather's name.
        const grandfather = kin.father?.family[0] ?? given(pickGiven(rng, t, "M"));
        return {
          script: "arabic",
          given: [first],
          family: [asFamilyPart(father, false), asFamilyPart(grandfather, true)],
          familyFirst: false,
        };
      }
      // Yemen: given name, bin + father's name, tribal family name.
      const fam = kin.father ? inheritFamily(kin.father, sex) : [family(rng.pick(t.family), sex)];
      return {
        script: "arabic",
        given: [first, nasabPart(father.form, sex, true)],
        family: fam,
        familyFirst: false,
      };
    },
  },
  {
    id: "afghan",
    script: "arabic",
    countries: [["AFG", 100]],
    male: 0.8,
    paths: [
      ["asylum", 85],
      ["smuggling-return", 15],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("afghan");
      let fam: Part[] = [];
      if (kin.father !== undefined) fam = inheritFamily(kin.father, sex);
      else if (rng.chance(0.55)) fam = [family(rng.pick(t.family), sex)];
      return {
        script: "arabic",
        given: [given(pickGiven(rng, t, sex))],
        family: fam,
        familyFirst: false,
      };
    },
  },
  {
    id: "eritrean-ethiopian",
    script: "ethiopic",
    countries: [
      ["ERI", 75],
      ["ETH", 25],
    ],
    male: 0.7,
    paths: [
      ["asylum", 95],
      ["smuggling-return", 5],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("eritrean-ethiopian");
      const father = firstGiven(kin.father) ?? given(pickGiven(rng, t, "M"));
      const grandfather = kin.father?.family[0] ?? given(pickGiven(rng, t, "M"));
      return {
        script: "ethiopic",
        given: [given(pickGiven(rng, t, sex))],
        family: [asFamilyPart(father, false), asFamilyPart(grandfather, true)],
        familyFirst: false,
      };
    },
  },
  {
    id: "russian",
    script: "cyrillic",
    countries: [["RUS", 100]],
    male: 0.6,
    paths: [
      ["asylum", 60],
      ["overstay", 25],
      ["labour", 15],
    ],
    makeName(rng, sex, kin) {
      return slavicName(rng, sex, kin, tablesOf("russian"));
    },
  },
  {
    id: "ukrainian",
    script: "cyrillic",
    countries: [["UKR", 100]],
    male: 0.3,
    paths: [
      ["temporary-protection", 85],
      ["labour", 15],
    ],
    makeName(rng, sex, kin) {
      return slavicName(rng, sex, kin, tablesOf("ukrainian"));
    },
  },
  {
    id: "greek",
    script: "greek",
    countries: [
      ["GEO", 45],
      ["ALB", 35],
      ["ARM", 10],
      ["KAZ", 10],
    ],
    male: 0.5,
    paths: [["co-ethnic-residence", 100]],
    makeName(rng, sex, kin) {
      const t = tablesOf("greek");
      const source = kin.husband ?? kin.father;
      const fam = source ? inheritFamily(source, sex) : [family(rng.pick(t.family), sex)];
      return {
        script: "greek",
        given: [given(pickGiven(rng, t, sex))],
        family: fam,
        familyFirst: false,
      };
    },
  },
  {
    id: "chinese",
    script: "han",
    countries: [["CHN", 100]],
    male: 0.55,
    paths: [
      ["labour", 50],
      ["overstay", 35],
      ["asylum", 15],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("chinese");
      const fam = kin.father ? inheritFamily(kin.father, sex) : [family(rng.pick(t.family), sex)];
      return {
        script: "han",
        given: [given(pickGiven(rng, t, sex))],
        family: fam,
        familyFirst: true,
      };
    },
  },
  {
    id: "hispanic",
    script: "latin",
    countries: [
      ["VEN", 40],
      ["COL", 25],
      ["HND", 10],
      ["SLV", 5],
      ["PER", 10],
      ["CUB", 10],
    ],
    male: 0.5,
    paths: [
      ["asylum", 50],
      ["overstay", 50],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("hispanic");
      const parts = [given(pickGiven(rng, t, sex))];
      if (rng.chance(0.45)) parts.push(given(pickGiven(rng, t, sex), true));
      const first = kin.father?.family[0] ?? family(rng.pick(t.family), sex);
      const second = kin.mother?.family[0] ?? family(rng.pick(t.family), sex);
      return {
        script: "latin",
        given: parts,
        family: [asFamilyPart(first, false), asFamilyPart(second, true)],
        familyFirst: false,
      };
    },
  },
  {
    id: "indonesian",
    script: "latin",
    countries: [["IDN", 100]],
    male: 0.35,
    paths: [["labour", 100]],
    makeName(rng, sex, kin) {
      const t = tablesOf("indonesian");
      const parts = [given(pickGiven(rng, t, sex))];
      if (rng.chance(0.55)) parts.push(given(pickGiven(rng, t, sex), true));
      if (rng.chance(0.15)) {
        const father = firstGiven(kin.father) ?? given(pickGiven(rng, t, "M"));
        parts.push(nasabPart(father.form, sex, false));
      }
      return { script: "latin", given: parts, family: [], familyFirst: false };
    },
  },
  {
    id: "nigerian",
    script: "latin",
    countries: [
      ["NGA", 90],
      ["GHA", 10],
    ],
    male: 0.55,
    paths: [
      ["asylum", 60],
      ["smuggling-return", 40],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("nigerian");
      const parts = [given(pickGiven(rng, t, sex))];
      if (rng.chance(0.4)) parts.push(given(pickGiven(rng, t, sex), true));
      const source = kin.husband ?? kin.father;
      const fam = source ? inheritFamily(source, sex) : [family(rng.pick(t.family), sex)];
      return { script: "latin", given: parts, family: fam, familyFirst: false };
    },
  },
  {
    id: "west-african",
    script: "latin",
    countries: [
      ["SEN", 30],
      ["GIN", 25],
      ["MLI", 20],
      ["CIV", 10],
      ["GMB", 15],
    ],
    male: 0.85,
    paths: [
      ["asylum", 45],
      ["smuggling-return", 40],
      ["labour", 15],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("west-african");
      const parts = [given(pickGiven(rng, t, sex))];
      if (rng.chance(0.2)) parts.push(given(pickGiven(rng, t, sex), true));
      const fam = kin.father ? inheritFamily(kin.father, sex) : [family(rng.pick(t.family), sex)];
      return { script: "latin", given: parts, family: fam, familyFirst: false };
    },
  },
  {
    id: "bangladeshi",
    script: "latin",
    countries: [["BGD", 100]],
    male: 0.9,
    paths: [
      ["labour", 45],
      ["asylum", 35],
      ["smuggling-return", 20],
    ],
    makeName(rng, sex) {
      const t = tablesOf("bangladeshi");
      const parts: Part[] = [];
      if (sex === "M" && rng.chance(0.5)) parts.push({ form: MD_PREFIX, droppable: true });
      if (sex === "F" && rng.chance(0.3)) parts.push({ form: MST_PREFIX, droppable: true });
      parts.push(given(pickGiven(rng, t, sex)));
      const famTable =
        sex === "F" && rng.chance(0.6) ? tablesOf("bangladeshi-female").family : t.family;
      return {
        script: "latin",
        given: parts,
        family: [family(rng.pick(famTable), sex)],
        familyFirst: false,
      };
    },
  },
  {
    id: "vietnamese",
    script: "latin",
    countries: [["VNM", 100]],
    male: 0.65,
    paths: [
      ["smuggling-return", 45],
      ["labour", 35],
      ["asylum", 20],
    ],
    makeName(rng, sex, kin) {
      const t = tablesOf("vietnamese");
      const middle = pickGiven(rng, tablesOf("vietnamese-middle"), sex);
      const fam = kin.father ? inheritFamily(kin.father, sex) : [family(rng.pick(t.family), sex)];
      return {
        script: "latin",
        given: [given(middle, true), given(pickGiven(rng, t, sex))],
        family: fam,
        familyFirst: true,
      };
    },
  },
];

/** Russian and Ukrainian: given name, patronymic, family name in the form of the person's sex. */
function slavicName(rng: Rng, sex: Sex, kin: Kin, t: NameTables): TrueName {
  const fatherEntry = kin.father?.given[0]?.given ?? rng.pick(t.male);
  const parts = [given(pickGiven(rng, t, sex))];
  if (fatherEntry.patronymic) parts.push({ form: fatherEntry.patronymic[sex], droppable: true });
  const source = kin.husband ?? kin.father;
  const fam = source ? inheritFamily(source, sex) : [family(rng.pick(t.family), sex)];
  return { script: "cyrillic", given: parts, family: fam, familyFirst: false };
}

const TRADITION_WEIGHTS: readonly (readonly [NameTradition, number])[] = [
  ["arabic-levant", 16],
  ["afghan", 12],
  ["eritrean-ethiopian", 7],
  ["arabic-maghreb", 7],
  ["arabic-nasab", 5],
  ["ukrainian", 10],
  ["russian", 4],
  ["greek", 2],
  ["chinese", 4],
  ["hispanic", 8],
  ["indonesian", 5],
  ["nigerian", 5],
  ["west-african", 6],
  ["bangladeshi", 5],
  ["vietnamese", 4],
];

function traditionById(id: NameTradition): Tradition {
  const t = TRADITIONS.find((x) => x.id === id);
  if (t === undefined)
    throw new CorridorError("ERR_INTERNAL", "population generator: unknown tradition");
  return t;
}

function placesOf(country: string): Form[] {
  const table = PLACES[country];
  if (table === undefined) return [];
  if (country === "RUS" || country === "UKR") {
    return lines(table).map((l) => {
      const [native, extras] = splitExtras(l);
      return cyrillicForm(native, extras, country === "UKR");
    });
  }
  return lines(table).map(parseForm);
}

let placesCache: Map<string, Form[]> | undefined;
function places(country: string): Form[] {
  placesCache ??= new Map();
  let p = placesCache.get(country);
  if (p === undefined) {
    p = placesOf(country);
    placesCache.set(country, p);
  }
  return p;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Documents
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** Share of people of each citizenship holding a passport and a national id card. */
const DOCUMENT_RATES: Readonly<Record<string, readonly [number, number]>> = {
  SYR: [0.45, 0.6],
  IRQ: [0.5, 0.6],
  LBN: [0.7, 0.8],
  JOR: [0.8, 0.8],
  XXA: [0, 0],
  MAR: [0.5, 0.7],
  DZA: [0.5, 0.6],
  TUN: [0.5, 0.7],
  LBY: [0.5, 0.5],
  SDN: [0.4, 0.5],
  YEM: [0.4, 0.4],
  AFG: [0.25, 0.6],
  ERI: [0.05, 0.4],
  ETH: [0.2, 0.5],
  RUS: [0.95, 0.9],
  UKR: [0.7, 0.85],
  GEO: [0.95, 0.7],
  ALB: [0.95, 0.8],
  ARM: [0.9, 0.6],
  KAZ: [0.9, 0.8],
  CHN: [0.95, 0.8],
  VEN: [0.8, 0.9],
  COL: [0.95, 0.9],
  HND: [0.8, 0.8],
  SLV: [0.8, 0.9],
  PER: [0.9, 0.9],
  CUB: [0.9, 0.8],
  IDN: [1, 0.9],
  NGA: [0.5, 0.3],
  GHA: [0.6, 0.4],
  SEN: [0.3, 0.5],
  GIN: [0.25, 0.4],
  MLI: [0.25, 0.4],
  CIV: [0.3, 0.5],
  GMB: [0.3, 0.5],
  BGD: [0.9, 0.6],
  VNM: [0.6, 0.7],
};

const LETTERS = Array.from("ABCDEFGHJKLMNPRSTUVWXYZ");

function passportNumber(rng: Rng, country: string): string {
  const letter = (): string => rng.pick(LETTERS);
  switch (country) {
    case "RUS":
      return rng.digits(2, true) + rng.digits(7);
    case "UKR":
      return letter() + letter() + rng.digits(6);
    case "CHN":
      return `E${rng.digits(8)}`;
    case "NGA":
      return `A${rng.digits(8)}`;
    case "BGD":
      return letter() + letter() + rng.digits(7);
    case "SYR":
      return `N${rng.digits(9)}`;
    case "IRQ":
      return `A${rng.digits(8)}`;
    case "AFG":
      return `P${rng.digits(8)}`;
    case "VEN":
    case "COL":
    case "PER":
      return rng.digits(9, true);
    default:
      return letter() + rng.digits(7);
  }
}

/** China's resident identity number (GB 11643-1999): region, birth date, sequence (odd for men), ISO 7064 MOD 11-2 check. */
function chineseResidentId(rng: Rng, dob: Ymd, sex: Sex, place: string): string {
  const regions: Readonly<Record<string, string>> = {
    Fuzhou: "350102",
    Wenzhou: "330302",
    Qingtian: "331121",
    Changle: "350182",
    Fuqing: "350181",
    Beijing: "110101",
    Shanghai: "310101",
    Guangzhou: "440103",
    Harbin: "230102",
  };
  const seq = rng.digits(2) + String(rng.int(5) * 2 + (sex === "M" ? 1 : 0));
  const body = (regions[place] ?? "350102") + String(dob[0]) + pad2(dob[1]) + pad2(dob[2]) + seq;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * at(weights, i);
  return body + at(Array.from("10X98765432"), sum % 11);
}

function nationalIdNumber(rng: Rng, country: string, dob: Ymd, sex: Sex, place: string): string {
  const yy = pad2(dob[0] % 100);
  switch (country) {
    case "SYR":
    case "SDN":
    case "YEM":
    case "GEO":
    case "NGA":
      return rng.digits(11, true);
    case "IRQ":
    case "ETH":
    case "LBY":
    case "COL":
      return rng.digits(country === "COL" ? 10 : 12, true);
    case "AFG":
      // e-Tazkira: year of issue (solar hijri), then two groups.
      return `${rng.between(1397, 1402)}-${rng.digits(4)}-${rng.digits(5)}`;
    case "ERI":
      return `0${rng.digits(6)}`;
    case "MAR":
      return rng.pick(LETTERS) + rng.pick(LETTERS) + rng.digits(6);
    case "DZA":
      return rng.digits(18, true);
    case "TUN":
    case "PER":
    case "GMB":
      return rng.digits(8, true);
    case "RUS":
      return rng.digits(4, true) + rng.digits(6);
    case "UKR":
    case "GIN":
      return rng.digits(9, true);
    case "CHN":
      return chineseResidentId(rng, dob, sex, place);
    case "IDN": {
      // NIK: region, day of birth (+40 for women), month, year, sequence.
      const day = dob[2] + (sex === "F" ? 40 : 0);
      return `3${rng.digits(5)}${pad2(day)}${pad2(dob[1])}${yy}${rng.digits(3)}${1 + rng.int(9)}`;
    }
    case "VNM": {
      // CCCD: province, century-and-sex digit, year of birth, six digits.
      const century = dob[0] >= 2000 ? 2 : 0;
      return `0${rng.digits(2)}${century + (sex === "F" ? 1 : 0)}${yy}${rng.digits(6)}`;
    }
    case "KAZ": {
      const c = (dob[0] >= 2000 ? 5 : 3) + (sex === "F" ? 1 : 0);
      return `${yy}${pad2(dob[1])}${pad2(dob[2])}${c}${rng.digits(5)}`;
    }
    case "CUB":
      return `${yy}${pad2(dob[1])}${pad2(dob[2])}${rng.digits(5)}`;
    case "HND":
      return `0801${dob[0]}${rng.digits(5)}`;
    case "SLV":
      return `0${rng.digits(7)}-${rng.digits(1)}`;
    case "GHA":
      return `GHA-${rng.digits(9, true)}-${rng.digits(1)}`;
    case "VEN":
      return `V${rng.digits(8, true)}`;
    case "ALB":
      return `${rng.pick(Array.from("JIHG"))}${rng.digits(8)}${rng.pick(LETTERS)}`;
    case "BGD":
      return rng.digits(10, true);
    case "SEN":
      return rng.digits(13, true);
    default:
      return rng.digits(10, true);
  }
}

/** The number as someone else typed it: separators added, changed or removed. */
function reformatNumber(rng: Rng, n: string): string {
  if (/[ ./-]/.test(n)) {
    return rng.chance(0.6) ? n.replace(/[ ./-]/g, "") : n.replace(/[./-]/g, " ");
  }
  const m = /^([A-Z]*)([0-9A-Z]*)$/.exec(n);
  const prefix = m?.[1] ?? "";
  const rest = m?.[2] ?? n;
  if (prefix.length > 0 && rest.length > 0 && rng.chance(0.4)) {
    return `${prefix}${rng.pick(["-", " "])}${rest}`;
  }
  const sep = rng.pick([" ", "-", "."]);
  const size = rest.length > 8 ? rng.pick([3, 4]) : 3;
  const groups: string[] = [];
  for (let i = 0; i < rest.length; i += size) groups.push(rest.slice(i, i + size));
  return prefix + groups.join(sep);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Agencies
// ─────────────────────────────────────────────────────────────────────────────────────────────

/** What an agency does; more specific than a record kind. */
type Role =
  | "entry"
  | "exit"
  | "irregular-stay"
  | "return-order"
  | "return-effective"
  | "assisted-return"
  | "smuggling-sea"
  | "smuggling-land"
  | "asylum-application"
  | "asylum-decision"
  | "asylum-decision-final"
  | "appeal"
  | "residence-permit"
  | "status-change"
  | "family-reunification"
  | "family-reunification-intake"
  | "work-permit"
  | "recruitment"
  | "grievance";

const ALL_ROLES: readonly Role[] = [
  "entry",
  "exit",
  "irregular-stay",
  "return-order",
  "return-effective",
  "assisted-return",
  "smuggling-sea",
  "smuggling-land",
  "asylum-application",
  "asylum-decision",
  "asylum-decision-final",
  "appeal",
  "residence-permit",
  "status-change",
  "family-reunification",
  "family-reunification-intake",
  "work-permit",
  "recruitment",
  "grievance",
];

const ROLE_FALLBACK: Partial<Record<Role, Role>> = {
  "assisted-return": "return-effective",
  "return-order": "return-effective",
  "return-effective": "return-order",
  "family-reunification-intake": "family-reunification",
  "asylum-decision-final": "asylum-decision",
  "smuggling-sea": "smuggling-land",
  "smuggling-land": "smuggling-sea",
};

interface AgencyProfile {
  readonly id: AgencyId;
  readonly country: string;
  readonly roles: readonly Role[];
  /** Multipliers of the variation rates for this agency's records. */
  readonly style: Partial<Record<VariationType, number>>;
  readonly placeOfBirth: number;
  readonly countryOfBirth: number;
  readonly age: "age" | "band" | "both";
  /** Probability of recording vulnerability markers. */
  readonly vulnerabilities: number;
}

function agency(
  id: AgencyId,
  roles: readonly Role[],
  o: Partial<Omit<AgencyProfile, "id" | "roles" | "country">> = {},
): AgencyProfile {
  return {
    id,
    country: id.slice(0, 3),
    roles,
    style: o.style ?? {},
    placeOfBirth: o.placeOfBirth ?? 0.5,
    countryOfBirth: o.countryOfBirth ?? 0.6,
    age: o.age ?? "age",
    vulnerabilities: o.vulnerabilities ?? 0,
  };
}

const COAST_GUARD_STYLE = { typo: 2, "dropped-name": 2, "document-omitted": 4 } as const;
const SCREENING = {
  age: "band",
  vulnerabilities: 0.6,
  placeOfBirth: 0.05,
  countryOfBirth: 0.2,
} as const;
const ASYLUM_AUTHORITY = {
  age: "both",
  vulnerabilities: 0.8,
  placeOfBirth: 0.9,
  countryOfBirth: 0.95,
} as const;

const CATALOGUE: readonly AgencyProfile[] = [
  agency(
    "GRC.border-police",
    ["entry", "exit", "irregular-stay", "return-order", "return-effective", "smuggling-land"],
    { style: { "upper-case": 3, typo: 1.5 }, placeOfBirth: 0.3 },
  ),
  agency("GRC.coast-guard", ["smuggling-sea"], { style: COAST_GUARD_STYLE, ...SCREENING }),
  agency("GRC.asylum-service", ["asylum-application", "asylum-decision"], ASYLUM_AUTHORITY),
  agency("GRC.appeals-authority", ["appeal", "asylum-decision-final"], { vulnerabilities: 0.3 }),
  agency(
    "GRC.migration-ministry",
    ["residence-permit", "status-change", "family-reunification", "work-permit"],
    { placeOfBirth: 0.8 },
  ),
  agency("ITA.border-police", ["entry", "exit"], { style: { "name-order": 2 }, placeOfBirth: 0.3 }),
  agency("ITA.coast-guard", ["smuggling-sea"], {
    style: { ...COAST_GUARD_STYLE, "name-order": 2 },
    ...SCREENING,
  }),
  agency(
    "ITA.interior",
    [
      "asylum-application",
      "irregular-stay",
      "return-order",
      "return-effective",
      "residence-permit",
      "status-change",
      "family-reunification",
      "smuggling-land",
    ],
    { style: { "name-order": 2 }, placeOfBirth: 0.7 },
  ),
  agency("ITA.asylum-commission", ["asylum-decision"], ASYLUM_AUTHORITY),
  agency("ITA.courts", ["appeal", "asylum-decision-final"]),
  agency("ITA.labour-ministry", ["work-permit", "recruitment"], { placeOfBirth: 0.6 }),
  agency("ITA.inl", ["grievance"], { age: "band", placeOfBirth: 0.1 }),
  agency(
    "DEU.federal-police",
    ["entry", "exit", "irregular-stay", "return-effective", "smuggling-land"],
    { placeOfBirth: 0.4 },
  ),
  agency("DEU.bamf", ["asylum-application", "asylum-decision"], {
    ...ASYLUM_AUTHORITY,
    style: { transliteration: 1.5 },
  }),
  agency("DEU.administrative-court", ["appeal", "asylum-decision-final"]),
  agency(
    "DEU.foreigners-office",
    ["residence-permit", "status-change", "work-permit", "return-order"],
    { placeOfBirth: 0.9 },
  ),
  agency("DEU.foreign-office", ["family-reunification"], { placeOfBirth: 0.9 }),
  agency(
    "ESP.policia-nacional",
    ["entry", "exit", "irregular-stay", "return-effective", "smuggling-land"],
    { placeOfBirth: 0.4 },
  ),
  agency("ESP.guardia-civil", ["smuggling-sea"], { style: COAST_GUARD_STYLE, ...SCREENING }),
  agency("ESP.oar", ["asylum-application", "asylum-decision"], ASYLUM_AUTHORITY),
  agency("ESP.audiencia-nacional", ["appeal", "asylum-decision-final"]),
  agency(
    "ESP.extranjeria",
    [
      "residence-permit",
      "work-permit",
      "status-change",
      "family-reunification",
      "return-order",
      "recruitment",
    ],
    { placeOfBirth: 0.8 },
  ),
  agency(
    "POL.border-guard",
    ["entry", "exit", "irregular-stay", "smuggling-land", "return-order", "return-effective"],
    { placeOfBirth: 0.4 },
  ),
  agency(
    "POL.udsc",
    [
      "asylum-application",
      "asylum-decision",
      "residence-permit",
      "status-change",
      "family-reunification",
    ],
    ASYLUM_AUTHORITY,
  ),
  agency("POL.refugee-board", ["appeal", "asylum-decision-final"]),
  agency("POL.voivodeship-office", ["work-permit"], { placeOfBirth: 0.7 }),
  agency("GBR.border-force", ["entry", "exit", "smuggling-sea", "smuggling-land"], {
    style: { typo: 2, "dropped-name": 1.5 },
    ...SCREENING,
  }),
  agency(
    "GBR.home-office",
    [
      "asylum-application",
      "asylum-decision",
      "residence-permit",
      "status-change",
      "irregular-stay",
      "return-order",
      "return-effective",
      "family-reunification",
      "work-permit",
    ],
    ASYLUM_AUTHORITY,
  ),
  agency("GBR.immigration-tribunal", ["appeal", "asylum-decision-final"]),
  agency(
    "SWE.migration-agency",
    [
      "asylum-application",
      "asylum-decision",
      "residence-permit",
      "status-change",
      "family-reunification",
      "return-effective",
    ],
    ASYLUM_AUTHORITY,
  ),
  agency("SWE.police", ["entry", "exit", "irregular-stay", "return-order"], { placeOfBirth: 0.4 }),
  agency("SWE.migration-court", ["appeal", "asylum-decision-final"]),
  agency(
    "TUR.pmm",
    [
      "asylum-application",
      "asylum-decision",
      "residence-permit",
      "irregular-stay",
      "return-order",
      "return-effective",
      "status-change",
    ],
    { style: { "upper-case": 4, typo: 1.5 }, placeOfBirth: 0.7 },
  ),
  agency("TUR.coast-guard", ["smuggling-sea"], {
    style: { ...COAST_GUARD_STYLE, "upper-case": 4 },
    ...SCREENING,
  }),
  agency("UKR.state-border-guard", ["exit", "entry"], { style: { script: 14 }, placeOfBirth: 0.8 }),
  agency(
    "MYS.immigration",
    ["entry", "exit", "work-permit", "irregular-stay", "return-order", "return-effective"],
    { style: { "upper-case": 6, "name-order": 2 }, placeOfBirth: 0.5 },
  ),
  agency("MYS.labour-department", ["grievance"], {
    style: { "upper-case": 3 },
    age: "band",
    placeOfBirth: 0.1,
  }),
  agency("IDN.bp2mi", ["recruitment", "grievance"], { placeOfBirth: 0.9 }),
  agency("BGD.bmet", ["recruitment"], { style: { "upper-case": 3 }, placeOfBirth: 0.9 }),
  agency("VNM.dolab", ["recruitment"], { placeOfBirth: 0.9 }),
  agency("INT.iom", ["assisted-return", "family-reunification-intake", "recruitment"], {
    vulnerabilities: 0.7,
    age: "both",
    placeOfBirth: 0.6,
  }),
  agency("INT.unhcr", ["asylum-application", "asylum-decision"], {
    ...ASYLUM_AUTHORITY,
    vulnerabilities: 0.9,
  }),
];

/** The agencies of the built-in set, the default of {@link PopulationOptions.agencies}. */
export const DEFAULT_AGENCIES: readonly AgencyId[] = Object.freeze(CATALOGUE.map((a) => a.id));

const AGENCY_ID_RE = new RegExp(AGENCY_ID_PATTERN);

function agencyProfiles(ids: readonly AgencyId[] | undefined): AgencyProfile[] {
  if (ids === undefined) return [...CATALOGUE];
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new CorridorError(
      "ERR_INVALID_ARGUMENT",
      "agencies: expected a non-empty array of agency ids",
    );
  }
  const out: AgencyProfile[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (typeof id !== "string" || !AGENCY_ID_RE.test(id)) {
      throw new CorridorError("ERR_INVALID_ARGUMENT", `agencies[${i}]: not an agency id`, {
        path: ["agencies", i],
      });
    }
    if (seen.has(id)) return;
    seen.add(id);
    out.push(CATALOGUE.find((a) => a.id === id) ?? agency(id, ALL_ROLES));
  });
  return out;
}

const AIRPORTS: Readonly<Record<string, readonly string[]>> = {
  GRC: ["ATH", "SKG"],
  ITA: ["FCO", "MXP"],
  DEU: ["FRA", "MUC", "BER"],
  ESP: ["MAD", "BCN"],
  POL: ["WAW", "KRK"],
  GBR: ["LHR", "LGW", "MAN"],
  SWE: ["ARN", "GOT"],
  TUR: ["IST", "SAW"],
  MYS: ["KUL", "PEN"],
  UKR: ["KBP"],
};
const LAND_CROSSINGS: Readonly<Record<string, readonly string[]>> = {
  POL: ["MEDYKA", "DOROHUSK", "HREBENNE", "KROSCIENKO"],
  UKR: ["SHEHYNI", "YAHODYN", "RAVA-RUSKA", "USTYLUH"],
  GRC: ["KIPI", "KAKAVIA", "EVZONOI"],
  DEU: ["PASSAU", "FREILASSING", "KIEFERSFELDEN"],
  ESP: ["CEUTA-TARAJAL", "MELILLA-BENI-ENZAR"],
  GBR: ["DOVER", "COQUELLES"],
  MYS: ["BUKIT-KAYU-HITAM", "JOHOR-BAHRU"],
  ITA: ["VENTIMIGLIA", "BRENNERO"],
  SWE: ["MALMO-HYLLIE"],
  TUR: ["KAPIKULE"],
};
const SEA_LANDINGS: Readonly<Record<string, readonly string[]>> = {
  GRC: ["LESVOS", "SAMOS", "CHIOS", "KOS", "LEROS"],
  ITA: ["LAMPEDUSA", "AUGUSTA", "POZZALLO", "CROTONE"],
  ESP: ["ALMERIA", "MOTRIL", "ALGECIRAS", "ARGUINEGUIN", "LOS-CRISTIANOS", "ARRECIFE"],
  GBR: ["DOVER"],
  TUR: ["AYVALIK", "CESME", "BODRUM"],
};

type BorderType = "air" | "land" | "sea";
function border(rng: Rng, country: CountryCode, type: BorderType) {
  const table = type === "air" ? AIRPORTS : type === "land" ? LAND_CROSSINGS : SEA_LANDINGS;
  const points = table[country];
  return points !== undefined && rng.chance(0.85)
    ? { country, type, crossingPoint: rng.pick(points) }
    : { country, type };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// People
// ─────────────────────────────────────────────────────────────────────────────────────────────

type LegalStatus = (typeof LEGAL_STATUSES)[number];
type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

interface Person {
  readonly id: string;
  readonly tradition: Tradition;
  readonly sex: Sex;
  readonly name: TrueName;
  readonly citizenship: CountryCode;
  readonly countryOfBirth: CountryCode;
  readonly place: Form;
  /** Age in completed years on the first day of the person's path. */
  readonly ageAtStart: number;
  readonly path: MigrationPath;
  readonly vulnerabilities: Vulnerability[];
  unaccompanied: boolean;
  household?: SyntheticPerson["household"];
  /** Set when the path is placed in time. */
  dob: Ymd;
  documents: SyntheticDocument[];
  pregnantUntil: number;
}

const FGM_COUNTRIES = new Set(["ERI", "ETH", "SDN", "GIN", "MLI", "SEN", "GMB", "NGA", "CIV"]);

function newPerson(
  rng: Rng,
  id: string,
  tradition: Tradition,
  sex: Sex,
  age: number,
  path: MigrationPath,
  kin: Kin,
  like?: Person,
): Person {
  const citizenship = like?.citizenship ?? rng.weighted(tradition.countries);
  let countryOfBirth: CountryCode = citizenship;
  if (like !== undefined) countryOfBirth = like.countryOfBirth;
  else if (citizenship === "XXA") countryOfBirth = rng.chance(0.8) ? "SYR" : "LBN";
  else if (citizenship === "AFG")
    countryOfBirth = rng.weighted([
      ["AFG", 75],
      ["IRN", 20],
      ["PAK", 5],
    ]);
  const place = rng.pick(places(countryOfBirth));
  const vulnerabilities: Vulnerability[] = [];
  if (rng.chance(0.03)) vulnerabilities.push("disability");
  if (rng.chance(0.03)) vulnerabilities.push("serious-illness");
  if (rng.chance(0.03)) vulnerabilities.push("mental-disorder");
  if (path === "asylum" && age >= 14 && rng.chance(0.08))
    vulnerabilities.push("torture-or-violence-survivor");
  const trafficking =
    tradition.id === "nigerian" && sex === "F" ? 0.3 : path === "labour" ? 0.03 : 0.01;
  if (age >= 12 && rng.chance(trafficking)) vulnerabilities.push("trafficking-victim");
  if (sex === "F" && FGM_COUNTRIES.has(citizenship) && rng.chance(0.3))
    vulnerabilities.push("female-genital-mutilation");
  const pregnant = sex === "F" && age >= 18 && age <= 40 && rng.chance(0.06);
  return {
    id,
    tradition,
    sex,
    name: tradition.makeName(rng, sex, kin, citizenship),
    citizenship,
    countryOfBirth,
    place,
    ageAtStart: age,
    path,
    vulnerabilities,
    unaccompanied: false,
    dob: [0, 0, 0],
    documents: [],
    pregnantUntil: pregnant ? 1 : 0,
  };
}

/** Fixes the date of birth from the age on `startDay`, then issues the documents. */
function placePerson(rng: Rng, p: Person, startDay: number, needsPassport: boolean): void {
  const [y, m, d] = civilFromDays(startDay);
  // Born in (start - (age+1) years, start - age years].
  const latest = daysFromCivil(y - p.ageAtStart, m, Math.min(d, daysInMonth(y - p.ageAtStart, m)));
  const earliest =
    daysFromCivil(y - p.ageAtStart - 1, m, Math.min(d, daysInMonth(y - p.ageAtStart - 1, m))) + 1;
  p.dob = civilFromDays(earliest + rng.int(latest - earliest + 1));
  p.pregnantUntil = p.pregnantUntil > 0 ? startDay + rng.between(30, 240) : -1;
  const [passport, national] = DOCUMENT_RATES[p.citizenship] ?? [0.6, 0.6];
  const docs: SyntheticDocument[] = [];
  if (p.citizenship === "XXA") {
    if (rng.chance(0.7)) {
      docs.push({
        type: "travel-document",
        issuingCountry: p.countryOfBirth,
        number: passportNumber(rng, "XXA"),
      });
    }
  } else {
    if (needsPassport || rng.chance(passport)) {
      docs.push({
        type: "passport",
        issuingCountry: p.citizenship,
        number: passportNumber(rng, p.citizenship),
      });
    }
    if (p.ageAtStart >= 16 && rng.chance(national)) {
      docs.push({
        type: "national-id",
        issuingCountry: p.citizenship,
        number: nationalIdNumber(rng, p.citizenship, p.dob, p.sex, at(p.place.latin, 0)),
      });
    }
    if (p.ageAtStart < 16 && docs.length === 0 && rng.chance(0.3)) {
      docs.push({
        type: "birth-certificate",
        issuingCountry: p.citizenship,
        number: rng.digits(8, true),
      });
    }
  }
  p.documents = docs;
}

function publicName(n: TrueName): SyntheticName {
  const sep = n.script === "han" ? "" : " ";
  const latin = (parts: readonly Part[]) => parts.map((p) => at(p.form.latin, 0)).join(" ");
  const native = (parts: readonly Part[]) =>
    parts.map((p) => p.form.native ?? at(p.form.latin, 0)).join(sep);
  const out: {
    script: NameScript;
    given: string;
    family?: string;
    native?: { given: string; family?: string };
    familyFirst: boolean;
  } = { script: n.script, given: latin(n.given), familyFirst: n.familyFirst };
  if (n.family.length > 0) out.family = latin(n.family);
  if (n.script !== "latin") {
    out.native =
      n.family.length > 0
        ? { given: native(n.given), family: native(n.family) }
        : { given: native(n.given) };
  }
  return out;
}

function publicPerson(p: Person): SyntheticPerson {
  const out: {
    -readonly [K in keyof SyntheticPerson]: SyntheticPerson[K];
  } = {
    id: p.id,
    tradition: p.tradition.id,
    name: publicName(p.name),
    sex: p.sex,
    dateOfBirth: `${p.dob[0]}-${pad2(p.dob[1])}-${pad2(p.dob[2])}`,
    placeOfBirth: at(p.place.latin, 0),
    countryOfBirth: p.countryOfBirth,
    citizenship: [p.citizenship],
    documents: p.documents.map((d) => ({ ...d })),
    path: p.path,
    vulnerabilities: [...p.vulnerabilities],
    unaccompanied: p.unaccompanied,
  };
  if (p.place.native !== undefined) out.placeOfBirthNative = p.place.native;
  if (p.household !== undefined) out.household = p.household;
  return out;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Writing records: the person block as an agency enters it
// ─────────────────────────────────────────────────────────────────────────────────────────────

type HeldPersonBlock = HeldRecord["person"];
type DetailsOf<K extends RecordKind> = Extract<HeldRecord, { kind: K }>["details"];

interface Ref {
  readonly agency: AgencyId;
  readonly recordId: string;
}
interface LinkSpec {
  readonly relation: RecordLink["relation"];
  readonly ref: Ref;
}

interface Row {
  readonly personId: string;
  readonly record: HeldRecord;
  readonly variations: VariationType[];
  readonly day: number;
  readonly seq: number;
}

interface FamilyPlan {
  readonly sponsor: Person;
  readonly anchor: number;
  readonly permit: Ref;
  readonly dest: CountryCode;
  readonly status: "refugee" | "subsidiary-protection" | "third-country-national";
}

interface State {
  readonly key: number;
  readonly rates: VariationRates;
  readonly agencies: readonly AgencyProfile[];
  readonly rows: Row[];
  readonly plans: FamilyPlan[];
  readonly agencyCache: Map<string, AgencyProfile[]>;
  seq: number;
}

const TYPO_ALPHABETS: Readonly<Record<NameScript, readonly string[]>> = {
  latin: Array.from("abcdefghijklmnopqrstuvwxyz"),
  arabic: Array.from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"),
  cyrillic: Array.from("абвгдежзийклмнопрстуфхцчшщыьэюя"),
  greek: Array.from("αβγδεζηθικλμνξοπρστυφχψω"),
  ethiopic: Array.from("ሀለሐመሰረቀበተነአከወዘየደገጠጸፈ"),
  han: Array.from("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗明华国建文"),
};

const LETTER = /\p{L}/u;

/** One keyboard slip: swap two neighbouring letters, delete, replace or insert one letter. */
function typo(rng: Rng, text: string, script: NameScript): string {
  const chars = Array.from(text);
  const letters: number[] = [];
  chars.forEach((c, i) => {
    if (LETTER.test(c)) letters.push(i);
  });
  if (letters.length === 0) return text;
  const alphabet = TYPO_ALPHABETS[script];
  const sameCase = (model: string, c: string): string =>
    model !== model.toLowerCase() ? c.toUpperCase() : c;
  const replacement = (model: string): string => {
    for (let k = 0; k < 8; k++) {
      const c = sameCase(model, rng.pick(alphabet));
      if (c !== model) return c;
    }
    return model;
  };
  const op = rng.int(4);
  if (op === 0) {
    const swaps = letters.filter((i) => {
      const next = chars[i + 1];
      return next !== undefined && LETTER.test(next) && next !== chars[i];
    });
    if (swaps.length > 0) {
      const i = rng.pick(swaps);
      const a = at(chars, i);
      chars[i] = at(chars, i + 1);
      chars[i + 1] = a;
      return chars.join("");
    }
  }
  if (op === 1 && letters.length >= 3) {
    chars.splice(rng.pick(letters), 1);
    return chars.join("");
  }
  if (op === 3) {
    const i = rng.pick(letters);
    chars.splice(i + 1, 0, rng.pick(alphabet));
    return chars.join("");
  }
  const i = rng.pick(letters);
  chars[i] = replacement(at(chars, i));
  return chars.join("");
}

function stripAccents(text: string, script: NameScript): string {
  if (script === "cyrillic") return text.replace(/ё/g, "е").replace(/Ё/g, "Е");
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

const CASED: ReadonlySet<NameScript> = new Set(["latin", "cyrillic", "greek"]);

function markersAt(p: Person, day: number): Vulnerability[] {
  const age = ageAt(p.dob, day);
  const set = new Set<Vulnerability>(p.vulnerabilities);
  if (age < 18) {
    set.add("minor");
    if (p.unaccompanied) set.add("unaccompanied-minor");
  }
  if (age >= 65) set.add("elderly");
  if (day <= p.pregnantUntil) set.add("pregnant");
  return VULNERABILITIES.filter((v) => set.has(v));
}

/** The person block of one record, as `ag` writes it, with the variations applied. */
function renderPerson(
  st: State,
  rng: Rng,
  p: Person,
  ag: AgencyProfile,
  day: number,
  applied: VariationType[],
): HeldPersonBlock {
  const rate = (v: VariationType): number => Math.min(1, st.rates[RATE_OF[v]] * (ag.style[v] ?? 1));
  const n = p.name;

  // Name.
  const native = n.script !== "latin" && rng.chance(rate("script"));
  if (native) applied.push("script");
  const script: NameScript = native ? n.script : "latin";
  const slot = (part: Part) => ({
    part,
    text: native ? (part.form.native ?? at(part.form.latin, 0)) : at(part.form.latin, 0),
  });
  let g = n.given.map(slot);
  let f = n.family.map(slot);
  let transliterated = false;
  if (!native && rng.chance(rate("transliteration"))) {
    const candidates = [...g, ...f].filter((x) => x.part.form.latin.length > 1);
    if (candidates.length > 0) {
      for (const x of rng.chance(0.7) ? [rng.pick(candidates)] : candidates) {
        x.text = rng.pick(x.part.form.latin.slice(1));
      }
      transliterated = true;
      applied.push("transliteration");
    }
  }
  if (rng.chance(rate("dropped-name"))) {
    const droppable = [...g, ...f].filter((x) => x.part.droppable);
    if (droppable.length > 0) {
      const drop = new Set(rng.chance(0.6) ? [rng.pick(droppable)] : droppable);
      g = g.filter((x) => !drop.has(x));
      f = f.filter((x) => !drop.has(x));
      applied.push("dropped-name");
    }
  }
  const sep = script === "han" ? "" : " ";
  let givenText = g.map((x) => x.text).join(sep);
  let familyText = f.map((x) => x.text).join(sep);
  if (rng.chance(rate("name-order")) && givenText !== familyText) {
    [givenText, familyText] = [familyText, givenText];
    applied.push("name-order");
  }
  if (rng.chance(rate("typo"))) {
    if (familyText !== "" && (givenText === "" || rng.chance(0.5))) {
      const t = typo(rng, familyText, script);
      if (t !== familyText) {
        familyText = t;
        applied.push("typo");
      }
    } else {
      const t = typo(rng, givenText, script);
      if (t !== givenText) {
        givenText = t;
        applied.push("typo");
      }
    }
  }
  let accents = false;
  if (CASED.has(script) && rng.chance(rate("accents-dropped"))) {
    const gs = stripAccents(givenText, script);
    const fs = stripAccents(familyText, script);
    if (gs !== givenText || fs !== familyText) {
      givenText = gs;
      familyText = fs;
      accents = true;
      applied.push("accents-dropped");
    }
  }
  let upper = false;
  if (CASED.has(script) && rng.chance(rate("upper-case"))) {
    const gs = givenText.toUpperCase();
    const fs = familyText.toUpperCase();
    if (gs !== givenText || fs !== familyText) {
      givenText = gs;
      familyText = fs;
      upper = true;
      applied.push("upper-case");
    }
  }
  const name: PersonName =
    givenText === ""
      ? { family: familyText }
      : familyText === ""
        ? { given: givenText }
        : { given: givenText, family: familyText };

  // Date of birth.
  const [y, m, d] = p.dob;
  let dateOfBirth = `${y}-${pad2(m)}-${pad2(d)}`;
  let recorded: Ymd = p.dob;
  if (rng.chance(rate("birth-month-only"))) {
    dateOfBirth = `${y}-${pad2(m)}`;
    applied.push("birth-month-only");
  } else if (rng.chance(rate("birth-year-only"))) {
    dateOfBirth = String(y);
    applied.push("birth-year-only");
  } else if (
    rng.chance(rate("day-month-swap")) &&
    d <= 12 &&
    d !== m &&
    daysFromCivil(y, d, m) <= day
  ) {
    dateOfBirth = `${y}-${pad2(d)}-${pad2(m)}`;
    recorded = [y, d, m];
    applied.push("day-month-swap");
  } else if (rng.chance(rate("default-birth-date")) && (m !== 1 || d !== 1)) {
    dateOfBirth = `${y}-01-01`;
    recorded = [y, 1, 1];
    applied.push("default-birth-date");
  }

  const identifiers: ClearIdentifiers = { name, dateOfBirth };

  // Place of birth.
  if (rng.chance(ag.placeOfBirth)) {
    let place = native ? (p.place.native ?? at(p.place.latin, 0)) : at(p.place.latin, 0);
    if (transliterated && p.place.latin.length > 1 && rng.chance(0.5)) {
      place = rng.pick(p.place.latin.slice(1));
    }
    if (accents) place = stripAccents(place, script);
    if (upper) place = place.toUpperCase();
    identifiers.placeOfBirth = place;
  }

  // Documents.
  if (p.documents.length > 0) {
    if (rng.chance(rate("document-omitted"))) {
      applied.push("document-omitted");
    } else {
      let doc = at(p.documents, 0);
      if (p.documents.length > 1 && rng.chance(rate("other-document"))) {
        doc = rng.pick(p.documents.slice(1));
        applied.push("other-document");
      }
      let number = doc.number;
      if (rng.chance(rate("document-format"))) {
        const formatted = reformatNumber(rng, number);
        if (formatted !== number) {
          number = formatted;
          applied.push("document-format");
        }
      }
      identifiers.documents = [{ type: doc.type, issuingCountry: doc.issuingCountry, number }];
    }
  }

  // Attributes.
  const attributes: PersonAttributes = { citizenship: [p.citizenship] };
  if (rng.chance(ag.countryOfBirth)) attributes.countryOfBirth = p.countryOfBirth;
  attributes.sex = p.sex;
  let age = ageAt(recorded, day);
  if (age < 0 || age > 130) age = ageAt(p.dob, day);
  if (ag.age !== "band") attributes.age = age;
  if (ag.age !== "age") attributes.ageBand = ageBand(age);
  if (rng.chance(ag.vulnerabilities)) {
    const v = markersAt(p, day);
    if (v.length > 0) attributes.vulnerabilities = v;
  }

  // Field order as a case system would export it.
  const ordered: ClearIdentifiers = {};
  if (identifiers.name !== undefined) ordered.name = identifiers.name;
  if (identifiers.dateOfBirth !== undefined) ordered.dateOfBirth = identifiers.dateOfBirth;
  if (identifiers.placeOfBirth !== undefined) ordered.placeOfBirth = identifiers.placeOfBirth;
  if (identifiers.documents !== undefined) ordered.documents = identifiers.documents;
  return { identifiers: ordered, attributes };
}

function emit<K extends RecordKind>(
  st: State,
  p: Person,
  ag: AgencyProfile,
  kind: K,
  day: number,
  details: DetailsOf<K>,
  links: readonly LinkSpec[],
): Ref {
  const seq = st.seq++;
  const recordId = `${ag.id}:${String(seq).padStart(7, "0")}`;
  const variations: VariationType[] = [];
  const person = renderPerson(st, new Rng(st.key, 2, seq), p, ag, day, variations);
  const body: Record<string, unknown> = {
    schemaVersion: "1.0",
    recordId,
    kind,
    agency: ag.id,
    eventDate: isoDay(day),
    person,
  };
  if (links.length > 0) {
    body["links"] = links.map((l) => ({
      relation: l.relation,
      record:
        l.ref.agency === ag.id
          ? { recordId: l.ref.recordId }
          : { agency: l.ref.agency, recordId: l.ref.recordId },
    }));
  }
  body["details"] = details;
  st.rows.push({ personId: p.id, record: body as unknown as HeldRecord, variations, day, seq });
  return { agency: ag.id, recordId };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Paths: a path is a list of steps (gap in days, then what happens); the steps are placed in the
// period first, then run in order, each writing one record per member of the group.
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface Step {
  readonly gap: number;
  readonly run: (day: number) => void;
}

interface Made<K extends RecordKind> {
  readonly details: DetailsOf<K>;
  readonly links?: readonly LinkSpec[];
}

/** The agencies that may record `role`: those of the first country that has one, else fallbacks. */
function candidates(
  all: readonly AgencyProfile[],
  role: Role,
  countries: readonly string[],
): AgencyProfile[] {
  const tries: Role[] = [role];
  const fallback = ROLE_FALLBACK[role];
  if (fallback !== undefined) tries.push(fallback);
  for (const r of tries) {
    for (const c of countries) {
      const found = all.filter((a) => a.country === c && a.roles.includes(r));
      if (found.length > 0) return found;
    }
  }
  for (const r of tries) {
    const found = all.filter((a) => a.roles.includes(r));
    if (found.length > 0) return found;
  }
  for (const c of countries) {
    const found = all.filter((a) => a.country === c);
    if (found.length > 0) return found;
  }
  return [...all];
}

class Ctx {
  readonly steps: Step[] = [];
  needsPassport = false;
  /** Earliest first day of the path (temporary protection starts on 24 February 2022). */
  earliest = Number.NEGATIVE_INFINITY;

  constructor(
    readonly st: State,
    readonly rng: Rng,
    readonly members: readonly Person[],
  ) {}

  /** True when a single agency would record every one of `roles` in `countries`. */
  soleAgency(roles: readonly Role[], countries: readonly string[]): boolean {
    const ids = new Set<string>();
    for (const role of roles)
      for (const a of candidates(this.st.agencies, role, countries)) ids.add(a.id);
    return ids.size === 1;
  }

  get principal(): Person {
    return at(this.members, 0);
  }

  step(gap: number, run: (day: number) => void): void {
    this.steps.push({ gap, run });
  }

  /** The agency for `role`, preferring the countries in order, then falling back. */
  agency(role: Role, countries: readonly string[]): AgencyProfile {
    const key = `${role}|${countries.join(",")}`;
    let found = this.st.agencyCache.get(key);
    if (found === undefined) {
      found = candidates(this.st.agencies, role, countries);
      this.st.agencyCache.set(key, found);
    }
    return this.rng.pick(found);
  }

  /**
   * A step writing one record of `kind` per member, all by one agency; every member after the
   * first links to the first member's record as `family-member`.
   */
  group<K extends RecordKind>(
    gap: number,
    role: Role,
    countries: readonly string[],
    kind: K,
    make: (m: Person, i: number, day: number, ag: AgencyProfile) => Made<K>,
    store?: Ref[],
  ): void {
    this.step(gap, (day) => {
      const ag = this.agency(role, countries);
      let first: Ref | undefined;
      this.members.forEach((m, i) => {
        const made = make(m, i, day, ag);
        const links = [...(made.links ?? [])];
        if (first !== undefined) links.push({ relation: "family-member", ref: first });
        const ref = emit(this.st, m, ag, kind, day, made.details, links);
        if (i === 0) first = ref;
        if (store !== undefined) store[i] = ref;
      });
    });
  }
}

/** Places the steps in [earliest, last] (compressing a path longer than the period), then runs them. */
function runPath(ctx: Ctx, window: readonly [number, number], anchor?: number): boolean {
  const offsets: number[] = [];
  let total = 0;
  for (const s of ctx.steps) {
    total += s.gap;
    offsets.push(total);
  }
  const lo = Math.max(window[0], ctx.earliest);
  const hi = window[1];
  let start: number;
  let scale = 1;
  if (anchor !== undefined) {
    start = anchor;
    if (start >= hi) return false;
    if (total > hi - start) scale = (hi - start) / total;
  } else if (total > hi - lo) {
    start = lo;
    scale = (hi - lo) / total;
  } else {
    start = lo + ctx.rng.int(hi - lo - total + 1);
  }
  const firstDay = start + Math.floor(at(offsets, 0) * scale);
  for (const m of ctx.members) placePerson(ctx.rng, m, firstDay, ctx.needsPassport);
  ctx.steps.forEach((s, i) => {
    s.run(start + Math.floor(at(offsets, i) * scale));
  });
  return true;
}

const iso = isoDay;

function validity(day: number, months: number) {
  const band =
    months < 6 ? "3-5-months" : months < 12 ? "6-11-months" : ("12-months-or-more" as const);
  return {
    validFrom: iso(day),
    validUntil: iso(addMonths(day, months)),
    validityBand: band,
  } as const;
}

const isMinorAt = (p: Person, day: number): boolean => ageAt(p.dob, day) < 18;

interface Route {
  readonly dest: CountryCode;
  readonly env: "sea" | "land";
  readonly name: (typeof MIGRATORY_ROUTES)[number];
  readonly transit: readonly CountryCode[];
  readonly onward: readonly CountryCode[];
}

const route = (
  dest: CountryCode,
  env: "sea" | "land",
  name: Route["name"],
  transit: readonly CountryCode[],
  onward: readonly CountryCode[] = ["DEU"],
): Route => ({ dest, env, name, transit, onward });

const ROUTES: Partial<Record<NameTradition, readonly (readonly [Route, number])[]>> = {
  "arabic-levant": [
    [route("GRC", "sea", "eastern-mediterranean", ["TUR"], ["DEU", "SWE"]), 45],
    [
      route("DEU", "land", "western-balkan", ["TUR", "GRC", "MKD", "SRB", "HUN", "AUT"], ["SWE"]),
      35,
    ],
    [route("POL", "land", "eastern-land-border", ["BLR"]), 20],
  ],
  afghan: [
    [route("GRC", "sea", "eastern-mediterranean", ["IRN", "TUR"], ["DEU", "SWE"]), 45],
    [
      route("DEU", "land", "western-balkan", ["IRN", "TUR", "BGR", "SRB", "HUN", "AUT"], ["SWE"]),
      30,
    ],
    [route("GBR", "sea", "english-channel", ["IRN", "TUR", "GRC", "ITA", "FRA"], ["GBR"]), 25],
  ],
  "eritrean-ethiopian": [
    [route("ITA", "sea", "central-mediterranean", ["SDN", "LBY"], ["DEU", "SWE", "GBR"]), 70],
    [route("GBR", "sea", "english-channel", ["SDN", "LBY", "ITA", "FRA"], ["GBR"]), 30],
  ],
  "arabic-nasab": [
    [route("ITA", "sea", "central-mediterranean", ["LBY"], ["DEU", "GBR"]), 60],
    [route("GBR", "sea", "english-channel", ["LBY", "ITA", "FRA"], ["GBR"]), 40],
  ],
  "arabic-maghreb": [
    [route("ESP", "sea", "western-mediterranean", []), 55],
    [route("ITA", "sea", "central-mediterranean", []), 30],
    [route("ESP", "land", "western-mediterranean", []), 15],
  ],
  "west-african": [
    [route("ESP", "sea", "western-african", ["MRT"]), 55],
    [route("ITA", "sea", "central-mediterranean", ["MLI", "NER", "LBY"]), 45],
  ],
  nigerian: [[route("ITA", "sea", "central-mediterranean", ["NER", "LBY"]), 100]],
  bangladeshi: [[route("ITA", "sea", "central-mediterranean", ["ARE", "LBY"]), 100]],
  vietnamese: [
    [route("GBR", "land", "english-channel", ["RUS", "POL", "DEU", "FRA"], ["GBR"]), 60],
    [route("GBR", "sea", "english-channel", ["RUS", "POL", "DEU", "FRA"], ["GBR"]), 40],
  ],
};

const AIR_DESTINATIONS: Partial<
  Record<NameTradition, readonly (readonly [CountryCode, number])[]>
> = {
  russian: [
    ["DEU", 50],
    ["POL", 50],
  ],
  hispanic: [["ESP", 100]],
  chinese: [
    ["ITA", 50],
    ["ESP", 50],
  ],
};

type Outcomes = readonly (readonly [DecisionOutcome, number])[];
const RECOGNITION: Partial<Record<NameTradition, Outcomes>> = {
  "arabic-levant": [
    ["refugee-status", 55],
    ["subsidiary-protection", 30],
    ["humanitarian-status", 3],
    ["rejected", 10],
    ["withdrawn-closed", 2],
  ],
  afghan: [
    ["refugee-status", 35],
    ["subsidiary-protection", 20],
    ["humanitarian-status", 10],
    ["rejected", 30],
    ["withdrawn-closed", 5],
  ],
  "eritrean-ethiopian": [
    ["refugee-status", 65],
    ["subsidiary-protection", 15],
    ["rejected", 15],
    ["withdrawn-closed", 5],
  ],
  "arabic-nasab": [
    ["refugee-status", 40],
    ["subsidiary-protection", 20],
    ["rejected", 35],
    ["withdrawn-closed", 5],
  ],
  russian: [
    ["refugee-status", 30],
    ["subsidiary-protection", 10],
    ["rejected", 55],
    ["withdrawn-closed", 5],
  ],
  bangladeshi: [
    ["refugee-status", 3],
    ["subsidiary-protection", 2],
    ["humanitarian-status", 10],
    ["rejected", 80],
    ["withdrawn-closed", 5],
  ],
};
const LOW_RECOGNITION: Outcomes = [
  ["refugee-status", 6],
  ["subsidiary-protection", 5],
  ["humanitarian-status", 4],
  ["rejected", 78],
  ["withdrawn-closed", 7],
];
const IRAQ: Outcomes = [
  ["refugee-status", 25],
  ["subsidiary-protection", 15],
  ["humanitarian-status", 5],
  ["rejected", 50],
  ["withdrawn-closed", 5],
];
const VENEZUELA: Outcomes = [
  ["humanitarian-status", 85],
  ["refugee-status", 3],
  ["rejected", 12],
];
const POSITIVE: Outcomes = [
  ["refugee-status", 50],
  ["subsidiary-protection", 35],
  ["humanitarian-status", 15],
];

const isPositive = (o: DecisionOutcome): boolean => o !== "rejected" && o !== "withdrawn-closed";
const STATUS_AFTER: Readonly<Record<DecisionOutcome, LegalStatus>> = {
  "refugee-status": "refugee",
  "subsidiary-protection": "subsidiary-protection",
  "humanitarian-status": "humanitarian-status",
  "temporary-protection": "temporary-protection",
  rejected: "irregular",
  "withdrawn-closed": "irregular",
};

type Procedure = "regular" | "accelerated" | "border" | "admissibility" | "dublin" | undefined;

function drawOutcome(rng: Rng, p: Person, procedure: Procedure): DecisionOutcome {
  if ((procedure === "dublin" || procedure === "admissibility") && rng.chance(0.5))
    return "rejected";
  const table =
    p.citizenship === "IRQ"
      ? IRAQ
      : p.citizenship === "VEN"
        ? VENEZUELA
        : (RECOGNITION[p.tradition.id] ?? LOW_RECOGNITION);
  return rng.weighted(table);
}

function decisionDetails(
  rng: Rng,
  outcome: DecisionOutcome,
  instance: "first-instance" | "final",
  procedure: Procedure,
): DetailsOf<"asylum-decision"> {
  if (outcome !== "rejected") return { outcome, instance };
  if (rng.chance(0.2)) return { outcome, instance };
  const rejectionType =
    procedure === "dublin"
      ? "dublin-transfer"
      : procedure === "admissibility"
        ? "inadmissible"
        : procedure === "accelerated" || procedure === "border"
          ? "manifestly-unfounded"
          : "unfounded";
  return { outcome, instance, rejectionType };
}

function applicantType(m: Person, i: number, day: number) {
  if (m.unaccompanied && isMinorAt(m, day)) return "unaccompanied-minor" as const;
  return i === 0 ? ("principal" as const) : ("dependant" as const);
}

function returnDestination(m: Person) {
  return m.citizenship === "XXA"
    ? { destination: m.countryOfBirth, destinationType: "other-third-country" as const }
    : { destination: m.citizenship, destinationType: "country-of-citizenship" as const };
}

function effectiveReturn(rng: Rng, m: Person, assisted: boolean): DetailsOf<"return"> {
  const base = {
    stage: "effective-return" as const,
    returnType: assisted ? ("voluntary" as const) : ("forced" as const),
    assisted,
    ...returnDestination(m),
  };
  if (!assisted) return base;
  return {
    ...base,
    reintegrationSupport: rng.weighted([
      ["cash-and-in-kind", 40],
      ["in-kind", 30],
      ["cash", 20],
      ["none", 10],
    ] as const),
  };
}

function orderToLeave(rng: Rng): DetailsOf<"return"> {
  return rng.chance(0.6)
    ? { stage: "order-to-leave", voluntaryDepartureDays: rng.pick([0, 7, 14, 30]) }
    : { stage: "order-to-leave" };
}

const refAt = (refs: readonly Ref[], i: number): Ref => at(refs, i);

function smugglingDetails(
  rng: Rng,
  r: Route,
  intercept: CountryCode,
  m: Person,
  day: number,
  groupSize: number,
): DetailsOf<"smuggling-incident"> {
  const markers = markersAt(m, day);
  const screening = !rng.chance(0.85)
    ? ("not-screened" as const)
    : markers.length > 0
      ? ("indicators-identified" as const)
      : ("no-indicators" as const);
  const referrals = new Set<(typeof REFERRALS)[number]>();
  if (screening === "indicators-identified") {
    if (markers.includes("minor")) referrals.add("child-protection");
    if (markers.includes("trafficking-victim")) referrals.add("anti-trafficking");
    if (markers.some((v) => v === "serious-illness" || v === "disability" || v === "pregnant"))
      referrals.add("medical-care");
    if (markers.some((v) => v === "torture-or-violence-survivor" || v === "mental-disorder"))
      referrals.add("psychosocial-support");
  }
  if (rng.chance(0.5)) referrals.add("asylum-procedure");
  const origin = m.citizenship === "XXA" ? m.countryOfBirth : m.citizenship;
  const interception = { environment: r.env, country: intercept };
  const withRoute = rng.chance(0.8);
  const routeOf = () =>
    r.transit.length > 0
      ? { name: r.name, origin, transit: [...r.transit], destination: r.dest }
      : { name: r.name, origin, destination: r.dest };
  const out: DetailsOf<"smuggling-incident"> = withRoute
    ? { interception, route: routeOf(), groupSize, vulnerabilityScreening: screening }
    : { interception, groupSize, vulnerabilityScreening: screening };
  const list = [...referrals];
  if (list.length > 0)
    out.referrals = list as [(typeof REFERRALS)[number], ...(typeof REFERRALS)[number][]];
  return out;
}

function firstProcedure(rng: Rng, p: Person, r: Route | undefined): Procedure {
  if (r?.dest === "GRC" && r.env === "sea") {
    return rng.weighted<Procedure>([
      ["border", 35],
      ["admissibility", p.citizenship === "SYR" ? 20 : 5],
      ["regular", 45],
    ]);
  }
  const low = ["arabic-maghreb", "west-african", "nigerian", "bangladeshi", "vietnamese"];
  if (low.includes(p.tradition.id)) return rng.chance(0.5) ? "accelerated" : "regular";
  return rng.chance(0.8) ? "regular" : undefined;
}

function asylumPath(c: Ctx): void {
  const { rng } = c;
  const p = c.principal;
  const routes = ROUTES[p.tradition.id];
  const r = routes ? rng.weighted(routes) : undefined;
  const dest: CountryCode = r
    ? r.dest
    : rng.weighted<CountryCode>(AIR_DESTINATIONS[p.tradition.id] ?? [["DEU", 1]]);
  let gap = 0;
  let previous: Ref[] | undefined;

  // Eritreans: registered by UNHCR in a first country of asylum, recognized prima facie, then onward.
  if (p.tradition.id === "eritrean-ethiopian" && rng.chance(0.3)) {
    const apps: Ref[] = [];
    c.group(
      0,
      "asylum-application",
      ["INT"],
      "asylum-application",
      (m, i, day) => ({
        details: { applicationType: "first-time", applicantType: applicantType(m, i, day) },
      }),
      apps,
    );
    c.group(rng.between(30, 200), "asylum-decision", ["INT"], "asylum-decision", (_m, i) => ({
      details: { outcome: "refugee-status", instance: "first-instance" },
      links: [{ relation: "decision-on", ref: refAt(apps, i) }],
    }));
    previous = apps;
    gap = rng.between(100, 700);
  }

  // Eastern Mediterranean: a stay in Turkey first, sometimes a crossing stopped by the Turkish coast guard.
  if (r?.name === "eastern-mediterranean" && rng.chance(0.35)) {
    if (p.citizenship === "SYR" || p.citizenship === "XXA") {
      c.group(gap, "status-change", ["TUR"], "status-change", () => ({
        details: { to: "temporary-protection", reason: "decision" },
      }));
    } else {
      const outcome = rng.pick(["detention", "released", "return-decision"] as const);
      c.group(gap, "irregular-stay", ["TUR"], "irregular-stay", () => ({
        details: { detectedAt: "inland", outcome },
      }));
    }
    gap = rng.between(60, 900);
    if (rng.chance(0.4)) {
      const size = rng.between(15, 60);
      c.group(gap, "smuggling-sea", ["TUR"], "smuggling-incident", (m, _i, day) => ({
        details: smugglingDetails(rng, r, "TUR", m, day, size),
      }));
      gap = rng.between(10, 120);
    }
  }

  // Arrival.
  if (r !== undefined) {
    const size =
      r.env === "sea"
        ? rng.between(
            r.name === "english-channel" ? 20 : 25,
            r.name === "english-channel" ? 70 : 450,
          )
        : rng.between(2, 40);
    c.group(
      gap,
      r.env === "sea" ? "smuggling-sea" : "smuggling-land",
      [r.dest],
      "smuggling-incident",
      (m, _i, day) => ({
        details: smugglingDetails(rng, r, r.dest, m, day, size),
      }),
    );
    gap = rng.between(1, 40);
    if (r.env === "land" && rng.chance(0.3)) {
      c.group(gap, "irregular-stay", [dest], "irregular-stay", () => ({
        details: { detectedAt: "inland", outcome: "asylum-application" },
      }));
      gap = rng.between(1, 20);
    }
  } else {
    c.needsPassport = true;
    const purpose = rng.pick([
      "tourism",
      "business",
      "family",
      "international-protection",
    ] as const);
    c.group(gap, "entry", [dest], "entry", () => ({
      details: { outcome: "admitted", border: border(rng, dest, "air"), travelPurpose: purpose },
    }));
    gap = rng.between(3, 200);
  }
  asylumCase(
    c,
    dest,
    gap,
    previous,
    firstProcedure(rng, p, r),
    "first-time",
    0,
    r?.onward ?? ["DEU"],
  );
}

function asylumCase(
  c: Ctx,
  dest: CountryCode,
  gap: number,
  previous: readonly Ref[] | undefined,
  procedure: Procedure,
  applicationType: "first-time" | "subsequent",
  depth: number,
  onward: readonly CountryCode[],
): void {
  const { rng } = c;
  const apps: Ref[] = [];
  const decisions: Ref[] = [];
  c.group(
    gap,
    "asylum-application",
    [dest],
    "asylum-application",
    (m, i, day) => ({
      details:
        procedure === undefined
          ? { applicationType, applicantType: applicantType(m, i, day) }
          : { applicationType, applicantType: applicantType(m, i, day), procedure },
      links: previous ? [{ relation: "previous-application", ref: refAt(previous, i) }] : [],
    }),
    apps,
  );
  const outcome = drawOutcome(rng, c.principal, procedure);
  c.group(
    rng.between(60, 700),
    "asylum-decision",
    [dest],
    "asylum-decision",
    (_m, i) => ({
      details: decisionDetails(rng, outcome, "first-instance", procedure),
      links: [{ relation: "decision-on", ref: refAt(apps, i) }],
    }),
    decisions,
  );

  if (isPositive(outcome)) {
    protection(c, dest, outcome, decisions, apps, depth);
  } else if (outcome === "withdrawn-closed") {
    // Absconded: found in another country, which starts a Dublin procedure.
    if (depth === 0 && rng.chance(0.7)) {
      const next = rng.pick(
        onward.filter((x) => x !== dest).length > 0
          ? onward.filter((x) => x !== dest)
          : ["DEU" as CountryCode],
      );
      c.group(rng.between(30, 300), "irregular-stay", [next], "irregular-stay", () => ({
        details: { detectedAt: "inland", outcome: "asylum-application" },
      }));
      asylumCase(c, next, rng.between(1, 30), apps, "dublin", "first-time", depth + 1, onward);
    }
  } else if (rng.chance(0.7)) {
    appeal(c, dest, decisions, apps, depth, onward);
  } else {
    returnBranch(c, dest, decisions, apps, depth, onward);
  }
}

function appeal(
  c: Ctx,
  dest: CountryCode,
  decisions: readonly Ref[],
  apps: readonly Ref[],
  depth: number,
  onward: readonly CountryCode[],
): void {
  const { rng } = c;
  const lodged: Ref[] = [];
  const decided: Ref[] = [];
  c.group(
    rng.between(5, 30),
    "appeal",
    [dest],
    "appeal",
    (_m, i) => ({
      details: rng.chance(0.5)
        ? { stage: "lodged", suspensive: rng.chance(0.6) }
        : { stage: "lodged" },
      links: [{ relation: "appeal-of", ref: refAt(decisions, i) }],
    }),
    lodged,
  );
  const result = rng.weighted([
    ["upheld", 20],
    ["dismissed", 62],
    ["remitted", 12],
    ["withdrawn", 6],
  ] as const satisfies readonly (readonly [(typeof APPEAL_OUTCOMES)[number], number])[]);
  c.group(
    rng.between(90, 600),
    "appeal",
    [dest],
    "appeal",
    (_m, i) => ({
      details: { stage: "decided", outcome: result },
      links: [
        { relation: "decision-on", ref: refAt(lodged, i) },
        { relation: "appeal-of", ref: refAt(decisions, i) },
      ],
    }),
    decided,
  );
  if (result === "upheld") {
    const positive = rng.weighted(POSITIVE);
    const finals: Ref[] = [];
    c.group(
      rng.between(0, 30),
      "asylum-decision-final",
      [dest],
      "asylum-decision",
      (_m, i) => ({
        details: { outcome: positive, instance: "final" },
        links: [
          { relation: "decision-on", ref: refAt(apps, i) },
          { relation: "related", ref: refAt(decided, i) },
        ],
      }),
      finals,
    );
    protection(c, dest, positive, finals, apps, depth);
  } else if (result === "remitted") {
    const again = rng.chance(0.4) ? rng.weighted(POSITIVE) : "rejected";
    const redo: Ref[] = [];
    c.group(
      rng.between(60, 300),
      "asylum-decision",
      [dest],
      "asylum-decision",
      (_m, i) => ({
        details: decisionDetails(rng, again, "first-instance", "regular"),
        links: [{ relation: "decision-on", ref: refAt(apps, i) }],
      }),
      redo,
    );
    if (isPositive(again)) protection(c, dest, again, redo, apps, depth);
    else returnBranch(c, dest, redo, apps, depth, onward);
  } else {
    const finals: Ref[] = [];
    c.group(
      rng.between(0, 30),
      "asylum-decision-final",
      [dest],
      "asylum-decision",
      (_m, i) => ({
        details: decisionDetails(rng, "rejected", "final", "regular"),
        links: [
          { relation: "decision-on", ref: refAt(apps, i) },
          { relation: "related", ref: refAt(decided, i) },
        ],
      }),
      finals,
    );
    returnBranch(c, dest, finals, apps, depth, onward);
  }
}

function protection(
  c: Ctx,
  dest: CountryCode,
  outcome: DecisionOutcome,
  decisions: readonly Ref[],
  apps: readonly Ref[],
  depth: number,
): void {
  const { rng } = c;
  const p = c.principal;
  const status = STATUS_AFTER[outcome];
  c.group(rng.between(0, 14), "status-change", [dest], "status-change", (_m, i) => ({
    details: { from: "asylum-applicant", to: status, reason: "decision" },
    links: [{ relation: "related", ref: refAt(decisions, i) }],
  }));
  const months = outcome === "refugee-status" ? 36 : outcome === "humanitarian-status" ? 24 : 12;
  const detail =
    outcome === "refugee-status"
      ? ("refugee-status" as const)
      : outcome === "subsidiary-protection"
        ? ("subsidiary-protection" as const)
        : ("humanitarian" as const);
  const permits: Ref[] = [];
  c.group(
    rng.between(15, 120),
    "residence-permit",
    [dest],
    "residence-permit",
    (m, i, day) => ({
      details: {
        permitType: "first",
        reason: "international-protection",
        reasonDetail: m.unaccompanied && isMinorAt(m, day) ? "unaccompanied-minor" : detail,
        ...validity(day, months),
      },
      links: [{ relation: "related", ref: refAt(decisions, i) }],
    }),
    permits,
  );
  const sponsor =
    depth === 0 &&
    c.members.length === 1 &&
    !p.unaccompanied &&
    p.ageAtStart >= 18 &&
    rng.chance(0.45);
  if (sponsor) {
    c.step(0, (day) => {
      c.st.plans.push({
        sponsor: p,
        anchor: day,
        permit: refAt(permits, 0),
        dest,
        status:
          outcome === "refugee-status"
            ? "refugee"
            : outcome === "subsidiary-protection"
              ? "subsidiary-protection"
              : "third-country-national",
      });
    });
  }
  if (rng.chance(0.35)) {
    c.group(
      Math.max(30, months * 30 - rng.between(0, 60)),
      "residence-permit",
      [dest],
      "residence-permit",
      (_m, i, day) => ({
        details: {
          permitType: "renewal",
          reason: "international-protection",
          reasonDetail: detail,
          ...validity(day, 36),
        },
        links: [{ relation: "previous-application", ref: refAt(permits, i) }],
      }),
    );
  } else if (!sponsor && depth === 0 && dest === "GRC" && rng.chance(0.3)) {
    // Secondary movement of a beneficiary of protection: a new application elsewhere, inadmissible.
    const apps2: Ref[] = [];
    c.group(
      rng.between(60, 500),
      "asylum-application",
      ["DEU"],
      "asylum-application",
      (m, i, day) => ({
        details: {
          applicationType: "first-time",
          applicantType: applicantType(m, i, day),
          procedure: "admissibility",
        },
        links: [{ relation: "previous-application", ref: refAt(apps, i) }],
      }),
      apps2,
    );
    const second = rng.chance(0.65) ? "rejected" : "subsidiary-protection";
    c.group(rng.between(60, 400), "asylum-decision", ["DEU"], "asylum-decision", (_m, i) => ({
      details: decisionDetails(rng, second, "first-instance", "admissibility"),
      links: [{ relation: "decision-on", ref: refAt(apps2, i) }],
    }));
  }
}

function returnBranch(
  c: Ctx,
  dest: CountryCode,
  decisions: readonly Ref[],
  apps: readonly Ref[],
  depth: number,
  onward: readonly CountryCode[],
): void {
  const { rng } = c;
  const orders: Ref[] = [];
  c.group(
    rng.between(10, 120),
    "return-order",
    [dest],
    "return",
    (_m, i) => ({
      details: orderToLeave(rng),
      links: [{ relation: "related", ref: refAt(decisions, i) }],
    }),
    orders,
  );
  const r = rng.float();
  if (r < 0.4) {
    c.group(rng.between(30, 300), "assisted-return", ["INT"], "return", (m, i) => ({
      details: effectiveReturn(rng, m, true),
      links: [{ relation: "related", ref: refAt(orders, i) }],
    }));
  } else if (r < 0.7 || depth > 0) {
    c.group(rng.between(30, 400), "return-effective", [dest], "return", (m, i) => ({
      details: effectiveReturn(rng, m, false),
      links: [{ relation: "related", ref: refAt(orders, i) }],
    }));
  } else {
    const claims = rng.chance(0.5);
    c.group(rng.between(60, 500), "irregular-stay", [dest], "irregular-stay", () => ({
      details: { detectedAt: "inland", outcome: claims ? "asylum-application" : "detention" },
    }));
    if (claims) {
      asylumCase(
        c,
        dest,
        rng.between(1, 30),
        apps,
        "admissibility",
        "subsequent",
        depth + 1,
        onward,
      );
    } else {
      c.group(rng.between(10, 90), "return-effective", [dest], "return", (m, i) => ({
        details: effectiveReturn(rng, m, false),
        links: [{ relation: "related", ref: refAt(orders, i) }],
      }));
    }
  }
}

function smugglingReturnPath(c: Ctx): void {
  const { rng } = c;
  const routes = ROUTES[c.principal.tradition.id];
  if (routes === undefined) {
    overstayPath(c);
    return;
  }
  const r = rng.weighted(routes);
  const dest = r.dest;
  const size = r.env === "sea" ? rng.between(20, 300) : rng.between(2, 30);
  c.group(
    0,
    r.env === "sea" ? "smuggling-sea" : "smuggling-land",
    [dest],
    "smuggling-incident",
    (m, _i, day) => ({
      details: smugglingDetails(rng, r, dest, m, day, size),
    }),
  );
  const stays: Ref[] = [];
  const detained = rng.chance(0.4);
  c.group(
    rng.between(0, 400),
    "irregular-stay",
    [dest],
    "irregular-stay",
    () => ({
      details: {
        detectedAt: rng.chance(0.8) ? "inland" : "at-exit",
        outcome: detained ? "detention" : "return-decision",
      },
    }),
    stays,
  );
  // Where one agency intercepts, detects and returns, the return goes through IOM, so that every
  // person appears in the records of at least two agencies.
  const sole = c.soleAgency(
    [
      r.env === "sea" ? "smuggling-sea" : "smuggling-land",
      "irregular-stay",
      "return-order",
      "return-effective",
    ],
    [dest],
  );
  returnBranchAfterStay(c, dest, stays, sole);
}

/** Order to leave after an irregular stay, then an assisted or forced return, or none (absconded). */
function returnBranchAfterStay(
  c: Ctx,
  dest: CountryCode,
  stays: readonly Ref[],
  assistedOnly = false,
): void {
  const { rng } = c;
  const orders: Ref[] = [];
  c.group(
    rng.between(0, 60),
    "return-order",
    [dest],
    "return",
    (_m, i) => ({
      details: orderToLeave(rng),
      links: [{ relation: "related", ref: refAt(stays, i) }],
    }),
    orders,
  );
  const r = assistedOnly ? 0 : rng.float();
  if (r < 0.35) {
    c.group(rng.between(20, 250), "assisted-return", ["INT"], "return", (m, i) => ({
      details: effectiveReturn(rng, m, true),
      links: [{ relation: "related", ref: refAt(orders, i) }],
    }));
  } else if (r < 0.8) {
    c.group(rng.between(10, 300), "return-effective", [dest], "return", (m, i) => ({
      details: effectiveReturn(rng, m, false),
      links: [{ relation: "related", ref: refAt(orders, i) }],
    }));
  }
}

/** A job: ISIC section, ISCO-08 unit group, the only sex this model gives it to, if any. */
type Job = readonly [IsicSection, DetailsOf<"work-permit">["occupation"], Sex | undefined];
const JOBS: Readonly<Record<string, readonly Job[]>> = {
  MYS: [
    ["T", "9111", "F"],
    ["A", "9211", "M"],
    ["C", "8219", undefined],
    ["F", "9313", "M"],
    ["A", "6222", "M"],
  ],
  ITA: [
    ["A", "9211", undefined],
    ["C", "7531", undefined],
    ["C", "8153", "F"],
    ["I", "5120", "M"],
    ["I", "9412", undefined],
  ],
  ESP: [
    ["A", "9211", undefined],
    ["A", "6111", "M"],
    ["I", "9412", undefined],
    ["T", "9111", "F"],
  ],
  DEU: [
    ["Q", "5321", undefined],
    ["Q", "3221", "F"],
    ["I", "5120", "M"],
    ["F", "7112", "M"],
  ],
  POL: [
    ["F", "7112", "M"],
    ["A", "9211", undefined],
    ["C", "8219", undefined],
    ["H", "8332", "M"],
    ["T", "9111", "F"],
  ],
};
const LABOUR_DESTINATIONS: Partial<
  Record<NameTradition, readonly (readonly [CountryCode, number])[]>
> = {
  indonesian: [["MYS", 100]],
  bangladeshi: [
    ["MYS", 60],
    ["ITA", 40],
  ],
  vietnamese: [
    ["MYS", 55],
    ["DEU", 45],
  ],
  chinese: [
    ["ITA", 70],
    ["ESP", 30],
  ],
  "arabic-maghreb": [["ESP", 100]],
  "west-african": [["ESP", 100]],
  ukrainian: [["POL", 100]],
  russian: [
    ["DEU", 50],
    ["POL", 50],
  ],
};
type Currency = (typeof ISO_4217)[number];
/** Recruitment fees: currency, range in major units, digits of the minor unit (ISO 4217). */
const FEES: Readonly<Record<string, readonly [Currency, number, number, number]>> = {
  IDN: ["IDR", 0, 25_000_000, 2],
  BGD: ["BDT", 150_000, 600_000, 2],
  VNM: ["VND", 30_000_000, 180_000_000, 0],
  CHN: ["CNY", 5_000, 60_000, 2],
  MAR: ["MAD", 0, 20_000, 2],
  DZA: ["DZD", 0, 300_000, 2],
  TUN: ["TND", 0, 6_000, 3],
  LBY: ["LYD", 0, 5_000, 3],
  SEN: ["XOF", 0, 1_500_000, 0],
  MLI: ["XOF", 0, 1_500_000, 0],
  CIV: ["XOF", 0, 1_500_000, 0],
  GIN: ["GNF", 0, 20_000_000, 0],
  GMB: ["GMD", 0, 100_000, 2],
  UKR: ["UAH", 0, 30_000, 2],
  RUS: ["RUB", 0, 150_000, 2],
};

function labourPath(c: Ctx): void {
  const { rng } = c;
  const p = c.principal;
  c.needsPassport = true;
  const origin = p.citizenship;
  const dest = rng.weighted<CountryCode>(LABOUR_DESTINATIONS[p.tradition.id] ?? [["ESP", 1]]);
  const jobs = (JOBS[dest] ?? at(Object.values(JOBS), 0)).filter(
    (j) => j[2] === undefined || j[2] === p.sex,
  );
  const [sector, occupation] = rng.pick(jobs);
  const seasonal =
    sector === "A" && (dest === "ESP" || dest === "ITA" || dest === "POL") && rng.chance(0.7);
  const months = seasonal ? rng.between(4, 9) : dest === "MYS" ? 12 : 24;
  const [currency, lo, hi, minor] = FEES[origin] ?? ["EUR", 0, 3_000, 2];
  const zero = origin === "IDN" ? rng.chance(0.4) : rng.chance(0.1);
  const major = zero ? 0 : Math.round(rng.between(lo, hi) / 100) * 100;
  const licensed = rng.chance(0.8);
  const recruiter =
    licensed && rng.chance(0.6)
      ? {
          country: origin,
          licensed,
          licence: `${rng.pick(["KEP", "RL", "LIC", "SIP"])}-${rng.digits(4, true)}`,
        }
      : { country: origin, licensed };
  c.group(0, "recruitment", [origin, dest, "INT"], "recruitment", () => {
    const details: DetailsOf<"recruitment"> = {
      sector,
      occupation,
      destinationCountry: dest,
      recruiter,
      feesPaidByWorker: { amountMinor: major * 10 ** minor, currency },
    };
    if (rng.chance(0.7)) details.writtenContract = rng.chance(0.8);
    return { details };
  });
  const borderType: BorderType = dest === "POL" && origin === "UKR" ? "land" : "air";
  c.group(rng.between(30, 180), "entry", [dest], "entry", () => ({
    details: {
      outcome: "admitted",
      border: border(rng, dest, borderType),
      travelPurpose: "employment",
    },
  }));
  const permits: Ref[] = [];
  c.group(
    rng.between(0, 20),
    "work-permit",
    [dest],
    "work-permit",
    (_m, _i, day) => ({
      details: {
        permitType: seasonal ? "seasonal" : "first",
        sector,
        occupation,
        validFrom: iso(day),
        validUntil: iso(addMonths(day, months)),
        tiedToEmployer: dest === "MYS" || seasonal ? true : rng.chance(0.5),
      },
    }),
    permits,
  );
  let last: readonly Ref[] = permits;
  if (rng.chance(0.3)) {
    const category = rng.weighted<(typeof GRIEVANCE_CATEGORIES)[number]>(
      dest === "MYS"
        ? [
            ["document-retention", 25],
            ["wage-withholding", 25],
            ["excessive-overtime", 15],
            ["recruitment-fees", 15],
            ["abusive-living-conditions", 10],
            ["restriction-of-movement", 5],
            ["contract-substitution", 5],
          ]
        : [
            ["wage-withholding", 25],
            ["excessive-overtime", 25],
            ["unsafe-conditions", 15],
            ["abusive-living-conditions", 15],
            ["contract-substitution", 10],
            ["discrimination", 5],
            ["other", 5],
          ],
    );
    const outcome = rng.weighted<(typeof GRIEVANCE_OUTCOMES)[number]>([
      ["pending", 20],
      ["resolved", 25],
      ["compensated", 15],
      ["referred", 20],
      ["dismissed", 15],
      ["withdrawn", 5],
    ]);
    c.group(rng.between(60, 400), "grievance", [dest, origin], "grievance", (_m, _i, _day, ag) => {
      const channel: (typeof GRIEVANCE_CHANNELS)[number] =
        ag.country === origin
          ? rng.pick(["consulate", "hotline"] as const)
          : rng.pick([
              "labour-inspectorate",
              "trade-union",
              "civil-society",
              "hotline",
              "in-person",
              "online",
            ] as const);
      return {
        details: { category, channel, outcome, sector },
        links: [{ relation: "related", ref: refAt(permits, 0) }],
      };
    });
    if (rng.chance(0.45)) {
      const changed: Ref[] = [];
      const before = last;
      c.group(
        rng.between(30, 120),
        "work-permit",
        [dest],
        "work-permit",
        (_m, _i, day) => ({
          details: {
            permitType: "change-of-employer",
            sector,
            occupation,
            ...validityWork(day, months),
            tiedToEmployer: dest === "MYS",
          },
          links: [{ relation: "previous-application", ref: refAt(before, 0) }],
        }),
        changed,
      );
      last = changed;
    }
  }
  if (!seasonal && rng.chance(0.4)) {
    const before = last;
    c.group(
      Math.max(30, months * 30 - rng.between(0, 45)),
      "work-permit",
      [dest],
      "work-permit",
      (_m, _i, day) => ({
        details: { permitType: "renewal", sector, occupation, ...validityWork(day, months) },
        links: [{ relation: "previous-application", ref: refAt(before, 0) }],
      }),
    );
  }
  if (rng.chance(0.85)) {
    c.group(
      seasonal ? months * 30 - rng.between(0, 20) : rng.between(60, 500),
      "exit",
      [dest],
      "exit",
      () => ({
        details: { border: border(rng, dest, borderType), destination: origin },
      }),
    );
  } else {
    const stays: Ref[] = [];
    c.group(
      rng.between(100, 500),
      "irregular-stay",
      [dest],
      "irregular-stay",
      () => ({
        details: { detectedAt: "inland", outcome: "return-decision" },
      }),
      stays,
    );
    returnBranchAfterStay(c, dest, stays);
  }
}

function validityWork(day: number, months: number) {
  return { validFrom: iso(day), validUntil: iso(addMonths(day, months)) };
}

const TEMPORARY_PROTECTION_START = daysFromCivil(2022, 2, 24);

function temporaryProtectionPath(c: Ctx): void {
  const { rng } = c;
  c.earliest = TEMPORARY_PROTECTION_START;
  c.group(0, "exit", ["UKR"], "exit", () => ({
    details: { border: border(rng, "UKR", "land"), destination: "POL" },
  }));
  c.group(0, "entry", ["POL"], "entry", () => ({
    details: {
      outcome: "admitted",
      border: border(rng, "POL", "land"),
      travelPurpose: "international-protection",
    },
  }));
  const tp: Ref[] = [];
  c.group(
    rng.between(1, 30),
    "status-change",
    ["POL"],
    "status-change",
    () => ({
      details: { from: "visitor", to: "temporary-protection", reason: "decision" },
    }),
    tp,
  );
  if (rng.chance(0.45)) {
    c.group(rng.between(20, 300), "status-change", ["DEU"], "status-change", (_m, i) => ({
      details: { to: "temporary-protection", reason: "decision" },
      links: [{ relation: "related", ref: refAt(tp, i) }],
    }));
    const months = rng.pick([12, 24]);
    const permits: Ref[] = [];
    c.group(
      rng.between(10, 90),
      "residence-permit",
      ["DEU"],
      "residence-permit",
      (_m, _i, day) => ({
        details: {
          permitType: "first",
          reason: "international-protection",
          reasonDetail: "humanitarian",
          ...validity(day, months),
        },
      }),
      permits,
    );
    if (rng.chance(0.3)) {
      c.group(
        months * 30 - rng.between(0, 40),
        "residence-permit",
        ["DEU"],
        "residence-permit",
        (_m, i, day) => ({
          details: {
            permitType: "renewal",
            reason: "international-protection",
            reasonDetail: "humanitarian",
            ...validity(day, 12),
          },
          links: [{ relation: "previous-application", ref: refAt(permits, i) }],
        }),
      );
    }
  } else if (rng.chance(0.35)) {
    c.group(
      rng.between(60, 500),
      "residence-permit",
      ["POL"],
      "residence-permit",
      (_m, _i, day) => ({
        details: {
          permitType: "change-of-status",
          reason: "remunerated-activity",
          reasonDetail: "remunerated-other",
          ...validity(day, 24),
        },
      }),
    );
  }
  if (rng.chance(0.3)) {
    c.group(rng.between(90, 700), "exit", ["POL"], "exit", () => ({
      details: { border: border(rng, "POL", "land"), destination: "UKR" },
    }));
    c.group(0, "entry", ["UKR"], "entry", () => ({
      details: { outcome: "admitted", border: border(rng, "UKR", "land"), travelPurpose: "other" },
    }));
  }
}

const OVERSTAY_DESTINATIONS: Partial<
  Record<NameTradition, readonly (readonly [CountryCode, number])[]>
> = {
  hispanic: [["ESP", 100]],
  russian: [["DEU", 100]],
  chinese: [
    ["ITA", 60],
    ["ESP", 40],
  ],
};

function overstayPath(c: Ctx): void {
  const { rng } = c;
  c.needsPassport = true;
  const dest = rng.weighted<CountryCode>(
    OVERSTAY_DESTINATIONS[c.principal.tradition.id] ?? [["ESP", 1]],
  );
  let gap = 0;
  if (rng.chance(0.1)) {
    const grounds = rng.pick(["C", "E", "G"] as const);
    c.group(0, "entry", [dest], "entry", () => ({
      details: {
        outcome: "refused",
        border: border(rng, dest, "air"),
        refusalGrounds: [grounds],
        travelPurpose: "tourism",
      },
    }));
    gap = rng.between(30, 300);
  }
  const purpose = rng.weighted([
    ["tourism", 70],
    ["business", 15],
    ["study", 15],
  ] as const);
  c.group(gap, "entry", [dest], "entry", () => ({
    details: { outcome: "admitted", border: border(rng, dest, "air"), travelPurpose: purpose },
  }));
  const regularised = rng.chance(0.5);
  const stays: Ref[] = [];
  c.group(
    rng.between(120, 900),
    "irregular-stay",
    [dest],
    "irregular-stay",
    () => ({
      details: {
        detectedAt: "inland",
        outcome: regularised ? "regularisation" : "return-decision",
      },
    }),
    stays,
  );
  if (!regularised) {
    returnBranchAfterStay(c, dest, stays);
    return;
  }
  const [reason, detail] = rng.weighted([
    [["remunerated-activity", "remunerated-other"], 60],
    [["family", "family-of-non-eu-citizen"], 15],
    [["other", "other"], 25],
  ] as const);
  const permits: Ref[] = [];
  c.group(
    rng.between(60, 400),
    "residence-permit",
    [dest],
    "residence-permit",
    (_m, i, day) => ({
      details: { permitType: "first", reason, reasonDetail: detail, ...validity(day, 12) },
      links: [{ relation: "related", ref: refAt(stays, i) }],
    }),
    permits,
  );
  c.group(rng.between(0, 30), "status-change", [dest], "status-change", (_m, i) => ({
    details: { from: "irregular", to: "residence-permit-holder", reason: "regularisation" },
    links: [{ relation: "related", ref: refAt(permits, i) }],
  }));
  if (rng.chance(0.4)) {
    c.group(
      rng.between(330, 365),
      "residence-permit",
      [dest],
      "residence-permit",
      (_m, i, day) => ({
        details: { permitType: "renewal", reason, reasonDetail: detail, ...validity(day, 24) },
        links: [{ relation: "previous-application", ref: refAt(permits, i) }],
      }),
    );
  }
}

function coEthnicPath(c: Ctx): void {
  const { rng } = c;
  const p = c.principal;
  c.needsPassport = true;
  const purpose = rng.weighted([
    ["family", 60],
    ["other", 40],
  ] as const);
  c.group(0, "entry", ["GRC"], "entry", () => ({
    details: {
      outcome: "admitted",
      border: border(rng, "GRC", p.citizenship === "ALB" ? "land" : "air"),
      travelPurpose: purpose,
      previousResidence: p.citizenship,
    },
  }));
  const permits: Ref[] = [];
  c.group(
    rng.between(30, 200),
    "residence-permit",
    ["GRC"],
    "residence-permit",
    (_m, _i, day) => ({
      details: {
        permitType: "first",
        reason: "other",
        reasonDetail: "residence-only",
        ...validity(day, 60),
      },
    }),
    permits,
  );
  const renew = rng.chance(0.5);
  const naturalised = !renew || rng.chance(0.5);
  if (renew) {
    c.group(
      rng.between(700, 1800),
      "residence-permit",
      ["GRC"],
      "residence-permit",
      (_m, i, day) => ({
        details: {
          permitType: "renewal",
          reason: "other",
          reasonDetail: "residence-only",
          ...validity(day, 60),
        },
        links: [{ relation: "previous-application", ref: refAt(permits, i) }],
      }),
    );
  }
  if (naturalised) {
    c.group(rng.between(365, 1500), "status-change", ["GRC"], "status-change", () => ({
      details: { from: "residence-permit-holder", to: "national", reason: "naturalisation" },
    }));
  }
}

function reunificationPath(c: Ctx, plan: FamilyPlan): void {
  const { rng } = c;
  c.needsPassport = true;
  const dest = plan.dest;
  const sponsor = { agency: plan.permit.agency, recordId: plan.permit.recordId };
  const relationship = (m: Person, day: number): (typeof FAMILY_RELATIONSHIPS)[number] =>
    m.household?.role === "spouse"
      ? "spouse"
      : isMinorAt(m, day)
        ? "minor-child"
        : "adult-dependent-child";
  const apps: Ref[] = [];
  const decisions: Ref[] = [];
  c.group(
    rng.between(30, 400),
    "family-reunification-intake",
    dest === "DEU" ? ["INT", dest] : [dest],
    "family-reunification",
    (m, _i, day) => ({
      details: {
        stage: "application",
        relationship: relationship(m, day),
        sponsorStatus: plan.status,
        sponsor,
      },
      links: [{ relation: "sponsor", ref: plan.permit }],
    }),
    apps,
  );
  const granted = rng.chance(0.85);
  c.group(
    rng.between(60, 400),
    "family-reunification",
    [dest],
    "family-reunification",
    (m, i, day) => ({
      details: {
        stage: "decision",
        decision: granted ? "granted" : "refused",
        relationship: relationship(m, day),
        sponsorStatus: plan.status,
        sponsor,
      },
      links: [{ relation: "decision-on", ref: refAt(apps, i) }],
    }),
    decisions,
  );
  let admitted = granted;
  if (!granted) {
    const lodged: Ref[] = [];
    c.group(
      rng.between(10, 60),
      "appeal",
      [dest],
      "appeal",
      (_m, i) => ({
        details: { stage: "lodged" },
        links: [{ relation: "appeal-of", ref: refAt(decisions, i) }],
      }),
      lodged,
    );
    admitted = rng.chance(0.4);
    c.group(rng.between(90, 400), "appeal", [dest], "appeal", (_m, i) => ({
      details: { stage: "decided", outcome: admitted ? "upheld" : "dismissed" },
      links: [
        { relation: "decision-on", ref: refAt(lodged, i) },
        { relation: "appeal-of", ref: refAt(decisions, i) },
      ],
    }));
  }
  if (admitted) {
    c.group(rng.between(20, 150), "entry", [dest], "entry", () => ({
      details: { outcome: "admitted", border: border(rng, dest, "air"), travelPurpose: "family" },
    }));
    const months = rng.pick([12, 24, 36]);
    c.group(rng.between(10, 60), "residence-permit", [dest], "residence-permit", (_m, _i, day) => ({
      details: {
        permitType: "first",
        reason: "family",
        reasonDetail: "family-of-non-eu-citizen",
        ...validity(day, months),
      },
      links: [{ relation: "family-member", ref: plan.permit }],
    }));
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Groups of people
// ─────────────────────────────────────────────────────────────────────────────────────────────

const personId = (n: number): string => `P${String(n).padStart(7, "0")}`;

/** An age drawn from weighted ranges. */
function ageFrom(
  rng: Rng,
  ranges: readonly (readonly [readonly [number, number], number])[],
): number {
  const [lo, hi] = rng.weighted(ranges);
  return rng.between(lo, hi);
}

const adultAge = (rng: Rng): number =>
  ageFrom(rng, [
    [[18, 24], 35],
    [[25, 34], 35],
    [[35, 49], 22],
    [[50, 70], 8],
  ]);

/** The spouse and children travelling with (or joining) `principal`, at most `room` people. */
function familyMembers(
  rng: Rng,
  principal: Person,
  path: MigrationPath,
  room: number,
  withSpouse: boolean,
  children: number,
  nextId: () => string,
  joined: "travelling-together" | "family-reunification",
): Person[] {
  const out: Person[] = [];
  const t = principal.tradition;
  let spouse: Person | undefined;
  if (withSpouse && room > 0) {
    const sex: Sex = principal.sex === "M" ? "F" : "M";
    const age = Math.max(
      18,
      principal.ageAtStart + (sex === "F" ? -rng.between(0, 8) : rng.between(0, 8)),
    );
    const kin: Kin = principal.sex === "M" ? { husband: principal.name } : {};
    spouse = newPerson(rng, nextId(), t, sex, age, path, kin, principal);
    spouse.household = { principalId: principal.id, role: "spouse", joined };
    out.push(spouse);
  }
  const mother = principal.sex === "F" ? principal : spouse;
  const father = principal.sex === "M" ? principal : spouse;
  const oldest = Math.min(17, (mother?.ageAtStart ?? principal.ageAtStart) - 17);
  for (let k = 0; k < children && out.length < room && oldest >= 0; k++) {
    const kin: { father?: TrueName; mother?: TrueName } = {};
    if (father !== undefined) kin.father = father.name;
    if (mother !== undefined) kin.mother = mother.name;
    const child = newPerson(
      rng,
      nextId(),
      t,
      rng.chance(0.5) ? "M" : "F",
      rng.between(0, oldest),
      path,
      kin,
      principal,
    );
    child.household = { principalId: principal.id, role: "child", joined };
    out.push(child);
  }
  if (out.length > 0) {
    principal.household ??= { principalId: principal.id, role: "principal", joined };
    if (joined === "travelling-together" && spouse === undefined && out.length > 0) {
      principal.vulnerabilities.push("single-parent-with-minor");
    }
  }
  return out;
}

function principalGroup(
  st: State,
  rng: Rng,
  room: number,
  window: readonly [number, number],
  nextId: () => string,
): Person[] {
  const tradition = traditionById(rng.weighted(TRADITION_WEIGHTS));
  let path = rng.weighted(tradition.paths);
  if (path === "temporary-protection" && window[1] < TEMPORARY_PROTECTION_START + 60)
    path = "labour";
  const male = path === "temporary-protection" ? 0.25 : tradition.male;
  let sex: Sex = rng.chance(male) ? "M" : "F";
  let age: number;
  let unaccompanied = false;
  switch (path) {
    case "asylum":
    case "smuggling-return":
      if (rng.chance(0.1)) {
        age = rng.between(14, 17);
        unaccompanied = true;
        sex = rng.chance(0.9) ? "M" : "F";
      } else age = adultAge(rng);
      break;
    case "labour":
      age = rng.between(20, 45);
      break;
    case "temporary-protection":
      age = ageFrom(rng, [
        [[18, 34], 30],
        [[35, 64], 55],
        [[65, 85], 15],
      ]);
      break;
    case "overstay":
      age = rng.between(20, 50);
      break;
    default:
      age = rng.between(18, 70);
  }
  const principal = newPerson(rng, nextId(), tradition, sex, age, path, {});
  principal.unaccompanied = unaccompanied;
  const members = [principal];
  const travelsWithFamily =
    !unaccompanied &&
    ((path === "asylum" && rng.chance(0.25)) ||
      (path === "temporary-protection" && age < 50 && rng.chance(0.5)) ||
      (path === "co-ethnic-residence" && rng.chance(0.3)));
  if (travelsWithFamily) {
    const withSpouse = path !== "temporary-protection" && age >= 20 && rng.chance(0.7);
    members.push(
      ...familyMembers(
        rng,
        principal,
        path,
        room - 1,
        withSpouse,
        rng.between(1, 3),
        nextId,
        "travelling-together",
      ),
    );
  }
  const c = new Ctx(st, rng, members);
  switch (path) {
    case "asylum":
      asylumPath(c);
      break;
    case "labour":
      labourPath(c);
      break;
    case "smuggling-return":
      smugglingReturnPath(c);
      break;
    case "temporary-protection":
      temporaryProtectionPath(c);
      break;
    case "overstay":
      overstayPath(c);
      break;
    default:
      coEthnicPath(c);
  }
  runPath(c, window);
  return members;
}

function reunificationGroup(
  st: State,
  rng: Rng,
  plan: FamilyPlan,
  room: number,
  window: readonly [number, number],
  nextId: () => string,
): Person[] {
  const sponsor = plan.sponsor;
  const ageNow = ageAt(sponsor.dob, plan.anchor);
  const withSpouse = ageNow >= 20 && rng.chance(0.75);
  const children = withSpouse ? rng.between(0, 3) : rng.between(1, 3);
  const proxy: Person = { ...sponsor, ageAtStart: ageNow };
  const members = familyMembers(
    rng,
    proxy,
    "family-reunification",
    room,
    withSpouse,
    children,
    nextId,
    "family-reunification",
  );
  if (members.length === 0) return [];
  const c = new Ctx(st, rng, members);
  reunificationPath(c, plan);
  if (!runPath(c, window, plan.anchor)) return [];
  sponsor.household ??= {
    principalId: sponsor.id,
    role: "principal",
    joined: "family-reunification",
  };
  return members;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Public API
// ─────────────────────────────────────────────────────────────────────────────────────────────

interface CheckedOptions {
  readonly key: number;
  readonly people: number;
  readonly agencies: AgencyProfile[];
  readonly window: readonly [number, number];
  readonly rates: VariationRates;
}

function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new CorridorError(
      "ERR_INVALID_ARGUMENT",
      `${name}: expected an integer from ${min} to ${max}`,
      {
        path: [name],
      },
    );
  }
  return value;
}

function checkOptions(options: PopulationOptions): CheckedOptions {
  if (typeof options !== "object" || options === null) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "options: expected an object");
  }
  const key = foldKey(seedWords(options.seed));
  const people = checkInteger(options.people, "people", 0, 1_000_000);
  const startYear = checkInteger(options.startYear ?? 2015, "startYear", 1900, 2190);
  const endYear = checkInteger(options.endYear ?? 2024, "endYear", startYear, 2190);
  const rates: Record<keyof VariationRates, number> = { ...DEFAULT_VARIATION_RATES };
  if (options.variation !== undefined) {
    if (typeof options.variation !== "object" || options.variation === null) {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "variation: expected an object of rates");
    }
    for (const [k, v] of Object.entries(options.variation)) {
      if (!Object.hasOwn(DEFAULT_VARIATION_RATES, k)) {
        throw new CorridorError("ERR_INVALID_ARGUMENT", "variation: unknown variation rate", {
          path: ["variation"],
        });
      }
      if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
        throw new CorridorError(
          "ERR_INVALID_ARGUMENT",
          `variation.${k}: expected a number from 0 to 1`,
          {
            path: ["variation", k],
          },
        );
      }
      rates[k as keyof VariationRates] = v;
    }
  }
  return {
    key,
    people,
    agencies: agencyProfiles(options.agencies),
    window: [daysFromCivil(startYear, 1, 1), daysFromCivil(endYear, 12, 31)],
    rates,
  };
}

/**
 * Generates a synthetic population and every record agencies hold about it: people with a true
 * identity and a migration path, each event a valid held record (schema 1.0) of one agency, with
 * data-entry variation at the given rates. Deterministic: the same options always give the same
 * output, on every platform.
 *
 * Records are ordered by event date; record ids are unique (`<agency>:<sequence>`); records link
 * to earlier records of the same case (`previous-application`, `decision-on`, `appeal-of`,
 * `sponsor`, `family-member`, `related`), across agencies where the case crosses them. The
 * variations applied to each record are listed beside it, not in it. An age (and age band) in a
 * record is the completed years at the event date from the date of birth the record states when
 * that is a full date, else from the true date of birth. Unaccompanied minors are marked only
 * while they are under 18.
 *
 * Throws {@link CorridorError} `ERR_INVALID_ARGUMENT` for an invalid option.
 *
 * @param options.seed - any number or string.
 * @param options.people - how many people (family members count), 0 to 1,000,000.
 * @param options.agencies - the agencies that may write records (default {@link DEFAULT_AGENCIES}).
 * @param options.startYear - first year of events (default 2015).
 * @param options.endYear - last year of events (default 2024).
 * @param options.variation - overrides of {@link DEFAULT_VARIATION_RATES}.
 *
 * @example
 * ```ts
 * import { generatePopulation } from "@corridor/schema/testing";
 * const { people, records } = generatePopulation({ seed: 42, people: 1000 });
 * const typos = records.filter((r) => r.variations.includes("typo"));
 * ```
 */
export function generatePopulation(options: PopulationOptions): SyntheticPopulation {
  const o = checkOptions(options);
  const st: State = {
    key: o.key,
    rates: o.rates,
    agencies: o.agencies,
    rows: [],
    plans: [],
    agencyCache: new Map(),
    seq: 1,
  };
  const people: Person[] = [];
  let issued = 0;
  const nextId = (): string => personId(++issued);
  for (let g = 0; people.length < o.people; g++) {
    const rng = new Rng(o.key, 1, g);
    const room = o.people - people.length;
    const plan = st.plans.shift();
    if (plan !== undefined) {
      people.push(...reunificationGroup(st, rng, plan, room, o.window, nextId));
    } else {
      people.push(...principalGroup(st, rng, room, o.window, nextId));
    }
  }
  // Ids were issued in creation order; a reunification group that did not fit left gaps.
  const renumber = new Map<string, string>();
  people.forEach((p, i) => {
    renumber.set(p.id, personId(i + 1));
  });
  const pub = people.map((p) => {
    const out = publicPerson(p);
    const household = out.household
      ? {
          ...out.household,
          principalId: renumber.get(out.household.principalId) ?? out.household.principalId,
        }
      : undefined;
    const id = renumber.get(p.id) ?? p.id;
    return household ? { ...out, id, household } : { ...out, id };
  });
  st.rows.sort((a, b) => a.day - b.day || a.seq - b.seq);
  return {
    people: pub,
    records: st.rows.map((r) => ({
      personId: renumber.get(r.personId) ?? r.personId,
      record: r.record,
      variations: r.variations,
    })),
  };
}

/** The record with `suffix` appended to its id and to the ids of the records it refers to. */
function withIdSuffix(r: HeldRecord, suffix: string): HeldRecord {
  const out = { ...r, recordId: r.recordId + suffix };
  if (r.links !== undefined) {
    out.links = r.links.map((l) => ({
      relation: l.relation,
      record: { ...l.record, recordId: l.record.recordId + suffix },
    })) as typeof r.links;
  }
  if (r.kind === "family-reunification") {
    return {
      ...(out as typeof r),
      details: {
        ...r.details,
        sponsor: { ...r.details.sponsor, recordId: r.details.sponsor.recordId + suffix },
      },
    };
  }
  return out;
}

/**
 * A fast stream of valid held records for benchmarks: `count` records from a population of at
 * most 2,000 people (made once, like {@link generatePopulation}), repeated cyclically with fresh
 * record ids (`<id>.<cycle>`, links and sponsor references renamed alike). Each record is a new
 * top-level object, but repeats share nested objects with earlier ones: treat them as read-only.
 * Deterministic for a seed.
 *
 * Throws {@link CorridorError} `ERR_INVALID_ARGUMENT` for an invalid option.
 *
 * @example
 * ```ts
 * import { generateRecords } from "@corridor/schema/testing";
 * for (const record of generateRecords({ seed: 1, count: 1_000_000 })) write(JSON.stringify(record));
 * ```
 */
export function generateRecords(options: RecordStreamOptions): IterableIterator<HeldRecord> {
  if (typeof options !== "object" || options === null) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "options: expected an object");
  }
  const count = checkInteger(options.count, "count", 0, 2 ** 32);
  if (options.form !== undefined && options.form !== "held") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", 'form: only "held" is supported', {
      path: ["form"],
    });
  }
  seedWords(options.seed);
  const base =
    count === 0
      ? []
      : generatePopulation({
          seed: options.seed,
          people: Math.min(2000, Math.max(1, Math.ceil(count / 5))),
        }).records.map((r) => r.record);
  return cycle(base, count);
}

function* cycle(base: readonly HeldRecord[], count: number): IterableIterator<HeldRecord> {
  if (base.length === 0) return;
  for (let i = 0, k = 0; i < count; k++) {
    const suffix = k === 0 ? "" : `.${k}`;
    for (let j = 0; j < base.length && i < count; j++, i++) {
      const r = at(base, j);
      yield k === 0 ? { ...r } : withIdSuffix(r, suffix);
    }
  }
}
