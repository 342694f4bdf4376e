/**
 * Transliteration tables of the normalization (spec/normalization.md §4). Every row is part of the
 * specification: spec/normalization.md lists the same rows, and a test checks that the two agree.
 *
 * Keys are single code points as they stand after steps 1–4 of the pipeline (apostrophes deleted,
 * NFKC, lower case, NFD, combining marks of tabled letters removed), so only lower-case letters
 * that do not decompose under NFD need a row: `é` is `e` + U+0301 by then, `й` is `и` + U+0306.
 * Values are lower-case ASCII letters; an empty value deletes the character without splitting the
 * word (a soft sign, a tatweel, an apostrophe).
 *
 * `source` says where a value comes from: `icao` (ICAO Doc 9303 Part 3, 8th ed., §6 tables),
 * `elot` (ELOT 743:2001 / ISO 843:1997 transcription, as in Greek passports), or `corridor`
 * (Corridor's own choice, with the reason in `note`).
 */

/** One table row. */
export interface TranslitRow {
  /** The character (one code point, lower case, as it stands after NFD). */
  readonly from: string;
  /** Its Latin form: lower-case ASCII letters, or "" to delete it. */
  readonly to: string;
  readonly source: "icao" | "elot" | "corridor";
  /** Why Corridor departs from the source, or what the source gives instead. */
  readonly note?: string;
}

const r = (from: string, to: string, source: TranslitRow["source"], note?: string): TranslitRow =>
  note === undefined ? { from, to, source } : { from, to, source, note };

/**
 * Characters deleted before anything else (step 1) and wherever NFKC produces them again (this
 * table): apostrophes, modifier-letter apostrophes and the middle dot. ICAO Doc 9303 Part 3 §4.6
 * omits apostrophes from names, so `O'Brien`, `O’Brien` and `OBrien` agree.
 */
export const DELETED: readonly TranslitRow[] = [
  r("\u0027", "", "icao", "APOSTROPHE: omitted (Doc 9303-3 §4.6)"),
  r("\u0060", "", "corridor", "GRAVE ACCENT, typed for an apostrophe"),
  r("\u00b4", "", "corridor", "ACUTE ACCENT, typed for an apostrophe (deleted before NFKC)"),
  r("\u00b7", "", "corridor", "MIDDLE DOT: Catalan l·l written ll"),
  r("\u02b9", "", "corridor", "MODIFIER LETTER PRIME"),
  r("\u02bb", "", "corridor", "MODIFIER LETTER TURNED COMMA (ʻokina, Uzbek oʻ)"),
  r("\u02bc", "", "corridor", "MODIFIER LETTER APOSTROPHE (Ukrainian apostrophe)"),
  r("\u02bd", "", "corridor", "MODIFIER LETTER REVERSED COMMA"),
  r("\u02be", "", "corridor", "MODIFIER LETTER RIGHT HALF RING (hamza in transcriptions)"),
  r("\u02bf", "", "corridor", "MODIFIER LETTER LEFT HALF RING (ʿayn in transcriptions)"),
  r("\u2018", "", "corridor", "LEFT SINGLE QUOTATION MARK"),
  r("\u2019", "", "corridor", "RIGHT SINGLE QUOTATION MARK"),
  r("\u201b", "", "corridor", "SINGLE HIGH-REVERSED-9 QUOTATION MARK"),
  r("\u2032", "", "corridor", "PRIME"),
  r("\u055a", "", "corridor", "ARMENIAN APOSTROPHE"),
  r("\uff07", "", "corridor", "FULLWIDTH APOSTROPHE (deleted before NFKC)"),
  r("\uff40", "", "corridor", "FULLWIDTH GRAVE ACCENT (deleted before NFKC)"),
];

/**
 * Latin letters that do not decompose under NFD. ICAO Doc 9303-3 Table A gives the letters of
 * multinational Latin alphabets; letters that decompose (Ä = A + ◌̈) lose their marks in step 4
 * (ICAO's second option, "Ä → A"), so a stroke or hook is treated the same way: Ø → O, Ł → L.
 * Ligatures and extra letters expand as ICAO says.
 */
export const LATIN: readonly TranslitRow[] = [
  r("ß", "ss", "icao"),
  r("æ", "ae", "icao"),
  r("œ", "oe", "icao"),
  r("þ", "th", "icao"),
  r("ð", "d", "icao"),
  r("đ", "d", "icao"),
  r("ø", "o", "corridor", "ICAO: OE; a stroke is removed like any diacritic (Ö → O)"),
  r("ł", "l", "icao"),
  r("ħ", "h", "icao"),
  r("ı", "i", "icao"),
  r("ŧ", "t", "corridor", "t with stroke"),
  r("ŋ", "n", "icao"),
  r("ĸ", "k", "corridor", "Greenlandic kra"),
  r("ƀ", "b", "corridor", "letter with stroke"),
  r("ɓ", "b", "corridor", "Hausa, Fula: hooked b"),
  r("ƈ", "c", "corridor", "hooked c"),
  r("ɗ", "d", "corridor", "Hausa, Fula: hooked d"),
  r("ɖ", "d", "corridor", "Ewe: African d"),
  r("ƒ", "f", "corridor", "Ewe: f with hook"),
  r("ɠ", "g", "corridor", "hooked g"),
  r("ǥ", "g", "corridor", "Skolt Sami: g with stroke"),
  r("ɣ", "g", "corridor", "Ewe: gamma"),
  r("ɦ", "h", "corridor", "hooked h"),
  r("ɨ", "i", "corridor", "i with stroke"),
  r("ɪ", "i", "corridor", "small capital i"),
  r("ƙ", "k", "corridor", "Hausa: hooked k"),
  r("ƚ", "l", "corridor", "l with bar"),
  r("ɲ", "n", "corridor", "n with left hook"),
  r("ƥ", "p", "corridor", "hooked p"),
  r("ɾ", "r", "corridor", "r with fishhook"),
  r("ʃ", "sh", "corridor", "esh"),
  r("ƭ", "t", "corridor", "hooked t"),
  r("ʈ", "t", "corridor", "t with retroflex hook"),
  r("ʉ", "u", "corridor", "u bar"),
  r("ʊ", "u", "corridor", "upsilon"),
  r("ʋ", "v", "corridor", "v with hook"),
  r("ƴ", "y", "corridor", "Hausa: hooked y"),
  r("ƶ", "z", "corridor", "z with stroke"),
  r("ȥ", "z", "corridor", "z with hook"),
  r("ʒ", "z", "corridor", "ezh"),
  r("ɑ", "a", "corridor", "alpha"),
  r("ɛ", "e", "corridor", "Akan, Ewe, Lingala: open e"),
  r("ǝ", "e", "corridor", "turned e"),
  r("ə", "e", "corridor", "schwa (Azerbaijani Ə)"),
  r("ɔ", "o", "corridor", "Akan, Ewe, Lingala: open o"),
];

/**
 * Cyrillic, after ICAO Doc 9303-3 Table B (the language-independent column: Г → G, И → I, Х → KH,
 * Щ → SHCH). Letters that decompose (Ё, Й, Ї, Ў, Ѓ, Ќ, Ѝ, Ӣ, Ӯ) lose their marks in step 4 and
 * take the value of their base letter, which is what ICAO gives for each of them.
 * Letters of Central Asian and Caucasian alphabets that ICAO does not list are a Corridor supplement.
 */
export const CYRILLIC: readonly TranslitRow[] = [
  r("а", "a", "icao"),
  r("б", "b", "icao"),
  r("в", "v", "icao"),
  r("г", "g", "icao", "Belarusian, Ukrainian, Serbian passports write H"),
  r("ґ", "g", "icao"),
  r("д", "d", "icao"),
  r("ђ", "d", "icao"),
  r("е", "e", "icao"),
  r("є", "ie", "icao"),
  r("ж", "zh", "icao"),
  r("з", "z", "icao"),
  r("ѕ", "dz", "icao"),
  r("и", "i", "icao", "Ukrainian passports write Y"),
  r("і", "i", "icao"),
  r("ј", "j", "icao"),
  r("к", "k", "icao"),
  r("л", "l", "icao"),
  r("љ", "lj", "icao"),
  r("м", "m", "icao"),
  r("н", "n", "icao"),
  r("њ", "nj", "icao"),
  r("о", "o", "icao"),
  r("п", "p", "icao"),
  r("р", "r", "icao"),
  r("с", "s", "icao"),
  r("т", "t", "icao"),
  r("ћ", "c", "icao"),
  r("у", "u", "icao"),
  r("ф", "f", "icao"),
  r("х", "kh", "icao"),
  r("ц", "ts", "icao"),
  r("ч", "ch", "icao"),
  r("џ", "dz", "icao"),
  r("ш", "sh", "icao"),
  r("щ", "shch", "icao", "Bulgarian passports write SHT"),
  r("ъ", "ie", "icao"),
  r("ы", "y", "icao"),
  r("ь", "", "icao", "soft sign: omitted"),
  r("э", "e", "icao"),
  r("ю", "iu", "icao"),
  r("я", "ia", "icao"),
  r("ѫ", "u", "icao"),
  r("ѵ", "y", "icao"),
  r("ә", "a", "corridor", "Kazakh, Tatar, Bashkir schwa"),
  r("ғ", "g", "corridor", "Kazakh, Uzbek, Tajik ghayn"),
  r("қ", "k", "corridor", "Kazakh, Uzbek, Tajik qa"),
  r("ҡ", "k", "corridor", "Bashkir qa"),
  r("ң", "n", "corridor", "Kazakh, Kyrgyz, Tatar eng"),
  r("ө", "o", "corridor", "Kazakh, Kyrgyz, Mongolian barred o"),
  r("ұ", "u", "corridor", "Kazakh straight u with stroke"),
  r("ү", "u", "corridor", "Kazakh, Kyrgyz, Mongolian straight u"),
  r("һ", "h", "corridor", "shha (ICAO lists C)"),
  r("ҳ", "h", "corridor", "Tajik, Uzbek ha with descender"),
  r("ҷ", "j", "corridor", "Tajik che with descender"),
  r("ҙ", "z", "corridor", "Bashkir dhe"),
  r("ҫ", "s", "corridor", "Bashkir, Chuvash the"),
  r("ӏ", "", "corridor", "palochka (Caucasian languages): omitted"),
];

/**
 * Greek, after ELOT 743:2001 (ISO 843:1997, transcription), which Greek passports use. ICAO Doc
 * 9303-3 has no Greek table. Accents and the diaeresis are removed in step 4; the contextual rules
 * (ου, αυ/ευ/ηυ, γγ/γξ/γχ) are in spec/normalization.md §4.3 and in {@link GREEK_CONTEXT}.
 */
export const GREEK: readonly TranslitRow[] = [
  r("α", "a", "elot"),
  r("β", "v", "elot"),
  r("γ", "g", "elot", "n before γ, ξ, χ"),
  r("δ", "d", "elot"),
  r("ε", "e", "elot"),
  r("ζ", "z", "elot"),
  r("η", "i", "elot"),
  r("θ", "th", "elot"),
  r("ι", "i", "elot"),
  r("κ", "k", "elot"),
  r("λ", "l", "elot"),
  r("μ", "m", "elot"),
  r("ν", "n", "elot"),
  r("ξ", "x", "elot"),
  r("ο", "o", "elot"),
  r("π", "p", "elot"),
  r("ρ", "r", "elot"),
  r("σ", "s", "elot"),
  r("ς", "s", "elot"),
  r("τ", "t", "elot"),
  r("υ", "y", "elot", "u after ο; v or f after α, ε, η (see §4.3)"),
  r("φ", "f", "elot"),
  r("χ", "ch", "elot"),
  r("ψ", "ps", "elot"),
  r("ω", "o", "elot"),
  r("ϐ", "v", "corridor", "curled beta, a variant of β"),
  r("ϑ", "th", "corridor", "script theta, a variant of θ"),
  r("ϕ", "f", "corridor", "phi symbol, a variant of φ"),
  r("ϖ", "p", "corridor", "pi symbol, a variant of π"),
  r("ϲ", "s", "corridor", "lunate sigma, a variant of σ"),
];

/**
 * Arabic script (Arabic, Persian, Urdu, Pashto, Kurdish letters), after ICAO Doc 9303-3 Table C
 * with the `X` escape dropped (Appendix B tells operators to ignore it) and letters that agencies
 * write interchangeably folded together: the forms of alef (by decomposition: أ إ آ → ا), ة with
 * ه, ى with ي, and the Persian ک ی with the Arabic ك ي. Harakat and shadda are marks and are
 * removed in step 4; Arabic-Indic digits become ASCII digits in step 5.
 */
export const ARABIC: readonly TranslitRow[] = [
  r("ء", "", "corridor", "ICAO: XE; hamza is often not written, so it is deleted"),
  r("ا", "a", "icao"),
  r("ٱ", "a", "corridor", "alef wasla, a form of alef (ICAO: XXA)"),
  r("ب", "b", "icao"),
  r("ة", "h", "corridor", "ICAO: XTA or XAH; folded with ه"),
  r("ت", "t", "icao"),
  r("ث", "th", "icao", "ICAO: XTH"),
  r("ج", "j", "icao"),
  r("ح", "h", "icao", "ICAO: XH"),
  r("خ", "kh", "icao", "ICAO: XKH"),
  r("د", "d", "icao"),
  r("ذ", "dh", "icao", "ICAO: XDH"),
  r("ر", "r", "icao"),
  r("ز", "z", "icao"),
  r("س", "s", "icao"),
  r("ش", "sh", "icao", "ICAO: XSH"),
  r("ص", "s", "corridor", "ICAO: XSS"),
  r("ض", "d", "corridor", "ICAO: XDZ"),
  r("ط", "t", "corridor", "ICAO: XTT"),
  r("ظ", "z", "corridor", "ICAO: XZZ"),
  r("ع", "e", "icao"),
  r("غ", "g", "icao"),
  r("ـ", "", "corridor", "tatweel (kashida): elongation only"),
  r("ف", "f", "icao"),
  r("ق", "q", "icao"),
  r("ك", "k", "icao"),
  r("ل", "l", "icao"),
  r("م", "m", "icao"),
  r("ن", "n", "icao"),
  r("ه", "h", "icao"),
  r("و", "w", "icao"),
  r("ى", "y", "corridor", "ICAO: XAY; alef maqsura folded with ي"),
  r("ي", "y", "icao"),
  r("پ", "p", "icao"),
  r("چ", "ch", "corridor", "ICAO: XC"),
  r("ژ", "zh", "corridor", "ICAO: XJ"),
  r("ک", "k", "corridor", "ICAO: XKK; Persian keheh is the same letter as ك"),
  r("گ", "g", "corridor", "ICAO: XGG"),
  r("ی", "y", "corridor", "ICAO: XYA or Y; Persian yeh is the same letter as ي"),
  r("ے", "y", "corridor", "ICAO: XYB; Urdu yeh barree"),
  r("ہ", "h", "corridor", "ICAO: XXG; Urdu heh goal"),
  r("ھ", "h", "corridor", "ICAO: XDO; heh doachashmee"),
  r("ە", "e", "corridor", "Kurdish ae"),
  r("ٹ", "t", "corridor", "ICAO: XXT; Urdu tteh"),
  r("ڈ", "d", "corridor", "ICAO: XXD; Urdu ddal"),
  r("ڑ", "r", "corridor", "ICAO: XXR; Urdu rreh"),
  r("ں", "n", "corridor", "ICAO: XNN; noon ghunna"),
  r("ڤ", "v", "corridor", "veh (Kurdish, Maghrebi)"),
  r("ڕ", "r", "corridor", "Kurdish reh with small v"),
  r("ڵ", "l", "corridor", "Kurdish lam with small v"),
  r("ۆ", "o", "corridor", "Kurdish oe"),
  r("ێ", "e", "corridor", "Kurdish yeh with small v"),
  r("ټ", "t", "corridor", "ICAO: XRT; Pashto teh with ring"),
  r("ځ", "dz", "corridor", "ICAO: XKE; Pashto hah with hamza above"),
  r("څ", "ts", "corridor", "ICAO: XXH; Pashto hah with three dots"),
  r("ډ", "d", "corridor", "ICAO: XDR; Pashto dal with ring"),
  r("ړ", "r", "corridor", "ICAO: XRR; Pashto reh with ring"),
  r("ږ", "zh", "corridor", "ICAO: XRX; Pashto reh with dots"),
  r("ښ", "sh", "corridor", "ICAO: XXS; Pashto seen with dots"),
  r("ګ", "g", "corridor", "ICAO: XXK; Pashto kaf with ring"),
  r("ڼ", "n", "corridor", "ICAO: XXN; Pashto noon with ring"),
  r("ۍ", "y", "corridor", "ICAO: XXY; Pashto yeh with tail"),
  r("ې", "y", "icao"),
];

/** All tables, in the order the spec lists them. */
export const TABLES = {
  deleted: DELETED,
  latin: LATIN,
  cyrillic: CYRILLIC,
  greek: GREEK,
  arabic: ARABIC,
} as const;

/**
 * The contextual Greek rules (ELOT 743), applied to the letter sequence after marks are removed.
 * `υ` carrying a diaeresis never takes part in a digraph.
 */
export const GREEK_CONTEXT = {
  /** υ after one of these is the second letter of a digraph (αυ, ευ, ηυ → av/af, ev/ef, iv/if). */
  vfDigraphFirst: "αεη",
  /** After αυ/ευ/ηυ, υ is `v` when the next letter is one of these, otherwise `f`. */
  voicedOrVowel: "αεηιουωβγδζλμνρ",
  /** γ is `n` before one of these (γγ → ng, γξ → nx, γχ → nch). */
  nasalGammaBefore: "γξχ",
} as const;
