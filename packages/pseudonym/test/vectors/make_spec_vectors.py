#!/usr/bin/env python3
"""
Writes spec/test-vectors/pseudonym/*.json.

An implementation independent of the TypeScript code under test: HKDF (RFC 5869) and HMAC-SHA256
come from Python's standard `hmac` and `hashlib`, base64url from `base64`. The normalized forms are
written here by hand from the rules of spec/normalization.md (they are the specification, not the
output of the code); the vitest suite test/spec-vectors.test.ts checks the TypeScript code against
these files.

Run from the repository root:  python3 packages/pseudonym/test/vectors/make_spec_vectors.py
"""
import base64
import hashlib
import hmac
import json
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "spec", "test-vectors", "pseudonym")

SALT = b"corridor/pseudonym/hs256/1"
FIELDS = [
    "document",
    "name",
    "date-of-birth",
    "place-of-birth",
    "link-name-dob-sex",
    "link-name-yob-sex",
    "link-name-dob",
    "link-name-yob",
]


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    prk = hmac.new(salt if salt else b"\x00" * 32, ikm, hashlib.sha256).digest()
    okm, block, counter = b"", b"", 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


# RFC 5869 Appendix A.1, so that this generator is itself checked against a published vector.
assert (
    hkdf_sha256(b"\x0b" * 22, bytes(range(13)), bytes(range(0xF0, 0xFA)), 42).hex()
    == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
)


def field_key(secret: bytes, agreement: str, epoch: int, field: str) -> bytes:
    info = field.encode() + b"\x00" + str(epoch).encode() + b"\x00" + agreement.encode()
    return hkdf_sha256(secret, SALT, info, 32)


def b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def pseudonym(secret: bytes, agreement: str, epoch: int, field: str, normalized: str) -> str:
    mac = hmac.new(field_key(secret, agreement, epoch, field), normalized.encode("utf-8"), hashlib.sha256)
    return f"hs256:{epoch}:{b64url(mac.digest())}"


SECRET_A = bytes(range(32))
AGREEMENT_A = "GRC-ITA-2025-07"
EPOCH_A = 3
SECRET_B = hashlib.sha256(b"corridor test secret B").digest()
AGREEMENT_B = "INT.iom/agreement-42"
EPOCH_B = 0

KEY_A = {"agreementId": AGREEMENT_A, "epoch": EPOCH_A, "secret": SECRET_A.hex()}
KEY_B = {"agreementId": AGREEMENT_B, "epoch": EPOCH_B, "secret": SECRET_B.hex()}


def write(name: str, description: str, vectors: list) -> None:
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump({"description": description, "vectors": vectors}, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
# normalize.json: hand-written expectations (spec/normalization.md)
# ---------------------------------------------------------------------------------------------

TEXT = [
    ("ASCII: case, hyphen, runs of spaces, apostrophe deleted", "  José-María  O'Neill ", "jose maria oneill"),
    ("Latin: umlaut loses its mark (ICAO second option)", "MÜLLER", "muller"),
    ("Latin: sharp s expands", "Straße", "strasse"),
    ("Latin: o with stroke and ae ligature", "Søren Ærø", "soren aero"),
    ("Latin: Polish letters, l with stroke", "Łukasz Żółć", "lukasz zolc"),
    ("Latin: capital I with dot above", "İSTANBUL", "istanbul"),
    ("Latin: DZ digraph letter, NFKC", "Ǳemal", "dzemal"),
    ("Latin: Serbian Latin digraph letter and d with stroke", "Ǉubica Đorđević", "ljubica dordevic"),
    ("Latin: Vietnamese stacked diacritics", "Nguyễn Văn Ân", "nguyen van an"),
    ("Latin: Turkish cedilla and breve", "Şükrü Çağlar", "sukru caglar"),
    ("Latin: Icelandic thorn and eth", "Þórður Guðmundsson", "thordur gudmundsson"),
    ("Latin: Hausa hooked letters", "Ɓello Ɗanjuma", "bello danjuma"),
    ("Latin: Akan open o and open e", "Kofi Ɔsɛi", "kofi osei"),
    ("NFKC: ligature fi", "ﬁnn", "finn"),
    ("NFKC: fullwidth letters and digits", "ＡＢＣ１２３", "abc123"),
    ("NFKC: roman numeral", "Louis Ⅻ", "louis xii"),
    ("no-break space separates", "Jean\u00a0Pierre", "jean pierre"),
    ("zero-width space (format character) is deleted", "Ab\u200bdul", "abdul"),
    ("middle dot is deleted", "Col·lell", "collell"),
    ("acute accent used as apostrophe is deleted", "O´Brien", "obrien"),
    ("right single quotation mark is deleted", "D’Angelo", "dangelo"),
    ("control character separates", "Smith\u0009John", "smith john"),
    ("em dash separates", "Ana—Lucía", "ana lucia"),
    ("combining mark on an ASCII letter is removed", "abc\u0301", "abc"),
    ("combining mark with no base is removed", "\u0301abc", "abc"),
    ("Cyrillic (ICAO): Russian", "Дмитрий Щукин", "dmitrii shchukin"),
    ("Cyrillic (ICAO): yo by decomposition", "ЁЛКИН", "elkin"),
    ("Cyrillic (ICAO): soft sign omitted, yu and ya", "Юлия Ильинична", "iuliia ilinichna"),
    ("Cyrillic (ICAO): hard sign is ie", "Подъячев", "podieiachev"),
    ("Cyrillic (ICAO): Ukrainian i, short i, ghe with upturn", "Олексій Ґонта", "oleksii gonta"),
    ("Cyrillic (supplement): Kazakh letters", "Нұрсұлтан Әбішұлы", "nursultan abishuly"),
    ("Greek (ELOT 743): ου digraph, accent removed", "Παπαδόπουλος", "papadopoulos"),
    ("Greek (ELOT 743): ευ before a vowel is ev, γγ is ng", "Ευαγγελία", "evangelia"),
    ("Greek (ELOT 743): ευ before a voiceless consonant is ef", "ΕΥΘΥΜΙΟΣ", "efthymios"),
    ("Greek (ELOT 743): αυ before a voiced consonant is av", "Αύρα", "avra"),
    ("Greek (ELOT 743): αυ before τ is af", "Ναύτης", "naftis"),
    ("Greek (ELOT 743): diaeresis breaks the digraph", "Αϋπνία", "aypnia"),
    ("Greek (ELOT 743): γχ is nch", "Άγχος", "anchos"),
    ("Greek (ELOT 743): μπ stays mp", "Γιώργος Μπακογιάννης", "giorgos mpakogiannis"),
    ("Greek (ELOT 743): υ after a consonant is y", "Σίσυφος", "sisyfos"),
    ("Greek: polytonic breathing marks removed", "Ἀλέξανδρος", "alexandros"),
    ("Arabic: alef with hamza folds by decomposition", "أحمد", "ahmd"),
    ("Arabic: plain alef", "احمد", "ahmd"),
    ("Arabic: harakat and shadda removed", "مُحَمَّد", "mhmd"),
    ("Arabic: teh marbuta folds with heh", "فاطمة", "fatmh"),
    ("Arabic: heh", "فاطمه", "fatmh"),
    ("Arabic: ain is e, words kept apart", "عبد الله", "ebd allh"),
    ("Arabic: alef maqsura folds with yeh", "مصطفى", "mstfy"),
    ("Arabic: Persian keheh and yeh fold with Arabic kaf and yeh", "کریم", "krym"),
    ("Arabic: Arabic kaf and yeh", "كريم", "krym"),
    ("Arabic-Indic digits", "١٩٨٥", "1985"),
    ("Extended Arabic-Indic digits", "۱۳۶۴", "1364"),
    ("Han: kept as it is", "王小明", "王小明"),
    ("Hangul: kept as it is (NFC at the end)", "김민준", "김민준"),
    ("Katakana: voiced marks kept on letters without a table", "ダイスケ", "ダイスケ"),
    ("only punctuation gives the empty string", "---", ""),
    ("empty string", "", ""),
    ("only spaces", "   ", ""),
]

NAMES = [
    ("given and family", {"given": "Ali", "family": "Hassan"}, "ali hassan"),
    ("order of given and family does not matter", {"given": "Hassan", "family": "Ali"}, "ali hassan"),
    ("everything in family", {"family": "HASSAN ALI"}, "ali hassan"),
    ("hyphenated family name, two given names", {"given": "María José", "family": "García-Pérez"}, "garcia jose maria perez"),
    ("repeated words are kept", {"given": "Mohammed", "family": "Mohammed Ali"}, "ali mohammed mohammed"),
    ("a part with no letter is ignored", {"given": "---", "family": "Nowak"}, "nowak"),
    ("Greek", {"given": "Ελένη", "family": "Παπαδοπούλου"}, "eleni papadopoulou"),
    ("sorted by code point (UTF-8 bytes), not by UTF-16 code unit", {"given": "\U00020000", "family": "\ufa0e"}, "\ufa0e \U00020000"),
    ("nothing left", {"given": "..."}, ""),
]

DOCNUMS = [
    ("spaces, hyphens, dots removed, upper case", "ab 123-456.7", "AB1234567"),
    ("slash removed", "ab/12 34", "AB1234"),
    ("MRZ fillers removed", "X<<1234<", "X1234"),
    ("fullwidth digits and letters", "１２３ＡＢ", "123AB"),
    ("nothing left", "--", ""),
]

DATES = [
    ("year", "1990", "1990"),
    ("year and month", "1990-05", "1990-05"),
    ("full date", "1990-05-17", "1990-05-17"),
    ("one-digit month and day are padded", "1990-5-7", "1990-05-07"),
    ("slash separator", "1990/05/17", "1990-05-17"),
    ("dot separator", "1990.05.17", "1990-05-17"),
    ("space separator", "1990 05 17", "1990-05-17"),
    ("compact full date", "19900517", "1990-05-17"),
    ("compact year and month", "199005", "1990-05"),
    ("surrounding spaces are trimmed", " 1990-05-17 ", "1990-05-17"),
    ("unknown month and day as zeros", "1990-00-00", "1990"),
    ("unknown day as zeros", "1990-05-00", "1990-05"),
    ("unknown month makes the day unknown", "1990-00-15", "1990"),
    ("unknown parts as XX", "1990-XX-XX", "1990"),
    ("unknown day as xx", "1990-05-xx", "1990-05"),
    ("unknown parts as ??", "1990-??-??", "1990"),
    ("single zero month and day", "1990-0-0", "1990"),
    ("29 February of a leap year", "2000-02-29", "2000-02-29"),
    ("29 February of a common century year", "1900-02-29", ""),
    ("month 13", "1990-13-01", ""),
    ("31 April", "1990-04-31", ""),
    ("day-first is refused", "17.05.1990", ""),
    ("month-first is refused", "05/17/1990", ""),
    ("mixed separators are refused", "1990-05/17", ""),
    ("year 0000", "0000", ""),
    ("empty", "", ""),
    ("Arabic-Indic digits", "١٩٩٠-٠٥-١٧", "1990-05-17"),
]

DOCS = [
    ("passport: class P", {"type": "passport", "issuingCountry": "GRC", "number": "ab 123-4567"}, "P|GRC|AB1234567"),
    ("travel document shares class P", {"type": "travel-document", "issuingCountry": "SYR", "number": "N0123 4567"}, "P|SYR|N01234567"),
    ("national id: class I", {"type": "national-id", "issuingCountry": "UKR", "number": "000-123-456"}, "I|UKR|000123456"),
    ("residence card: class R", {"type": "residence-card", "issuingCountry": "DEU", "number": "Y12-345"}, "R|DEU|Y12345"),
    ("visa: class V", {"type": "visa", "issuingCountry": "FRA", "number": "123"}, "V|FRA|123"),
    ("birth certificate: class B", {"type": "birth-certificate", "issuingCountry": "AFG", "number": "12/2001"}, "B|AFG|122001"),
    ("other: class X", {"type": "other", "issuingCountry": "XXA", "number": "Z-9"}, "X|XXA|Z9"),
    ("number with nothing left", {"type": "passport", "issuingCountry": "GRC", "number": "--"}, ""),
]

normalize_vectors = []
for desc, value, out in TEXT:
    normalize_vectors.append({"description": desc, "input": {"function": "normalizeText", "value": value}, "output": out})
for desc, value, out in NAMES:
    normalize_vectors.append({"description": desc, "input": {"function": "normalizeName", "value": value}, "output": out})
for desc, value, out in DOCNUMS:
    normalize_vectors.append({"description": desc, "input": {"function": "normalizeDocumentNumber", "value": value}, "output": out})
for desc, value, out in DATES:
    normalize_vectors.append({"description": desc, "input": {"function": "normalizePartialDate", "value": value}, "output": out})
for desc, value, out in DOCS:
    normalize_vectors.append({"description": desc, "input": {"function": "normalizeDocument", "value": value}, "output": out})

write(
    "normalize.json",
    "Normalization of identifiers before pseudonymization (spec/normalization.md). input.function names "
    "the operation: normalizeText (§3), normalizeName (§5), normalizeDocumentNumber (§6.1), "
    "normalizeDocument (§6.2, the input of a document pseudonym), normalizePartialDate (§7); "
    "input.value is its argument; output is the normalized string (\"\" = nothing left).",
    normalize_vectors,
)

# ---------------------------------------------------------------------------------------------
# derive-keys.json
# ---------------------------------------------------------------------------------------------

derive = []
for desc, key in [("agreement A, epoch 3, secret 00..1f", KEY_A), ("agreement B, epoch 0", KEY_B)]:
    secret = bytes.fromhex(key["secret"])
    derive.append({
        "description": desc,
        "input": key,
        "output": {f: field_key(secret, key["agreementId"], key["epoch"], f).hex() for f in FIELDS},
    })
derive.append({
    "description": "same secret, next epoch: every key changes",
    "input": {**KEY_A, "epoch": 4},
    "output": {f: field_key(SECRET_A, AGREEMENT_A, 4, f).hex() for f in FIELDS},
})
for desc, inp, path in [
    ("secret of 31 bytes is refused", {**KEY_A, "secret": SECRET_A[:31].hex()}, "secret.secret"),
    ("secret of 33 bytes is refused", {**KEY_A, "secret": (SECRET_A + b"\x00").hex()}, "secret.secret"),
    ("negative epoch is refused", {**KEY_A, "epoch": -1}, "secret.epoch"),
    ("epoch above 999999999 is refused", {**KEY_A, "epoch": 1000000000}, "secret.epoch"),
    ("fractional epoch is refused", {**KEY_A, "epoch": 1.5}, "secret.epoch"),
    ("empty agreement id is refused", {**KEY_A, "agreementId": ""}, "secret.agreementId"),
    ("agreement id with a space is refused", {**KEY_A, "agreementId": "GRC ITA"}, "secret.agreementId"),
]:
    derive.append({"description": desc, "input": inp, "errors": [{"code": "ERR_PSEUDONYM_KEY_INVALID", "path": path}]})

write(
    "derive-keys.json",
    "Per-field keys (spec/pseudonym.md §3): key(field) = HKDF-SHA256(IKM = secret, salt = "
    "\"corridor/pseudonym/hs256/1\", info = field || 0x00 || decimal epoch || 0x00 || agreementId, L = 32). "
    "input.secret and every output key are hex.",
    derive,
)

# ---------------------------------------------------------------------------------------------
# pseudonymize.json
# ---------------------------------------------------------------------------------------------

P = []


def pv(desc, key, field, value, normalized):
    secret = bytes.fromhex(key["secret"])
    P.append({
        "description": desc,
        "input": {**key, "field": field, "value": value},
        "output": {"normalized": normalized, "pseudonym": pseudonym(secret, key["agreementId"], key["epoch"], field, normalized)},
    })


pv("name", KEY_A, "name", {"given": "Ali", "family": "Hassan"}, "ali hassan")
pv("name: same person, names swapped and upper case: same pseudonym", KEY_A, "name", {"given": "HASSAN", "family": "ALI"}, "ali hassan")
pv("name: same person, all in family, extra punctuation: same pseudonym", KEY_A, "name", {"family": "Hassan,  Ali."}, "ali hassan")
pv("name with diacritics", KEY_A, "name", {"given": "José", "family": "Müller"}, "jose muller")
pv("name: same, without diacritics: same pseudonym", KEY_A, "name", {"given": "JOSE", "family": "MULLER"}, "jose muller")
pv("name in Cyrillic", KEY_A, "name", {"given": "Дмитрий", "family": "Щукин"}, "dmitrii shchukin")
pv("name: the ICAO transliteration of the same: same pseudonym", KEY_A, "name", {"given": "DMITRII", "family": "SHCHUKIN"}, "dmitrii shchukin")
pv("name in Arabic script with hamza on alef", KEY_A, "name", {"given": "أحمد"}, "ahmd")
pv("name: plain alef: same pseudonym", KEY_A, "name", {"given": "احمد"}, "ahmd")
pv("name kept in Han script (multi-byte UTF-8 input)", KEY_A, "name", {"given": "小明", "family": "王"}, "小明 王")
pv("name under agreement B: different keys", KEY_B, "name", {"given": "Ali", "family": "Hassan"}, "ali hassan")
pv("name under agreement A, epoch 4: different pseudonym", {**KEY_A, "epoch": 4}, "name", {"given": "Ali", "family": "Hassan"}, "ali hassan")
pv("date of birth", KEY_A, "date-of-birth", "1990-05-17", "1990-05-17")
pv("date of birth written with slashes: same pseudonym", KEY_A, "date-of-birth", "1990/5/17", "1990-05-17")
pv("date of birth, year only", KEY_A, "date-of-birth", "1990", "1990")
pv("date of birth, unknown month and day: same as year only", KEY_A, "date-of-birth", "1990-00-00", "1990")
pv("place of birth", KEY_A, "place-of-birth", "Aleppo", "aleppo")
pv("place of birth in Arabic script", KEY_A, "place-of-birth", "حلب", "hlb")
pv("passport", KEY_A, "document", {"type": "passport", "issuingCountry": "SYR", "number": "N 0123-4567"}, "P|SYR|N01234567")
pv("same passport number written without separators: same pseudonym", KEY_A, "document", {"type": "passport", "issuingCountry": "SYR", "number": "n01234567"}, "P|SYR|N01234567")
pv("same number as a travel document: same class, same pseudonym", KEY_A, "document", {"type": "travel-document", "issuingCountry": "SYR", "number": "N01234567"}, "P|SYR|N01234567")
pv("same number, another issuing country: different pseudonym", KEY_A, "document", {"type": "passport", "issuingCountry": "IRQ", "number": "N01234567"}, "P|IRQ|N01234567")
pv("same number as a national id: different pseudonym", KEY_A, "document", {"type": "national-id", "issuingCountry": "SYR", "number": "N01234567"}, "I|SYR|N01234567")
for desc, field, value, code, path in [
    ("name with only spaces", "name", {"given": "   "}, "ERR_PSEUDONYM_INPUT_EMPTY", "name"),
    ("name with no part", "name", {}, "ERR_PSEUDONYM_INPUT_EMPTY", "name"),
    ("name with only punctuation", "name", {"given": "---", "family": "."}, "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", "name"),
    ("empty date of birth", "date-of-birth", "", "ERR_PSEUDONYM_INPUT_EMPTY", "dateOfBirth"),
    ("date of birth that does not exist", "date-of-birth", "1990-02-30", "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", "dateOfBirth"),
    ("day-first date of birth", "date-of-birth", "17.05.1990", "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", "dateOfBirth"),
    ("place of birth with only punctuation", "place-of-birth", "???", "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", "placeOfBirth"),
    ("document number with only spaces", "document", {"type": "passport", "issuingCountry": "GRC", "number": "  "}, "ERR_PSEUDONYM_INPUT_EMPTY", "document.number"),
    ("document number with only separators", "document", {"type": "passport", "issuingCountry": "GRC", "number": "-/-"}, "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", "document.number"),
]:
    P.append({"description": desc, "input": {**KEY_A, "field": field, "value": value}, "errors": [{"code": code, "path": path}]})

write(
    "pseudonymize.json",
    "Pseudonyms of single identifiers (spec/pseudonym.md §4-§5): HMAC-SHA256 under the field key over the "
    "UTF-8 bytes of the normalized value, written hs256:<epoch>:<unpadded base64url>. input: the agreement "
    "secret (agreementId, epoch, secret in hex), the field (document, name, date-of-birth, place-of-birth) "
    "and the value as the record model holds it; output: the normalized string and the pseudonym. "
    "Errors name the field path relative to the value's field.",
    P,
)

# ---------------------------------------------------------------------------------------------
# linkage-keys.json
# ---------------------------------------------------------------------------------------------

L = []


def lv(desc, identifiers, attributes, kinds, inputs):
    entry_input = {**KEY_A, "identifiers": identifiers, "attributes": attributes}
    if kinds is not None:
        entry_input["kinds"] = kinds
    use = kinds if kinds is not None else ["name-dob-sex", "name-yob-sex"]
    keys = [pseudonym(SECRET_A, AGREEMENT_A, EPOCH_A, "link-" + k, inputs[k]) for k in use if k in inputs]
    L.append({"description": desc, "input": entry_input, "output": {"inputs": inputs, "linkageKeys": keys}})


ALL_KINDS = ["name-dob-sex", "name-yob-sex", "name-dob", "name-yob"]
lv(
    "full date of birth and sex: default kinds",
    {"name": {"given": "Ali", "family": "Hassan"}, "dateOfBirth": "1990-05-17"},
    {"sex": "M"},
    None,
    {"name-dob-sex": "ali hassan|1990-05-17|M", "name-yob-sex": "ali hassan|1990|M", "name-dob": "ali hassan|1990-05-17", "name-yob": "ali hassan|1990"},
)
lv(
    "month precision: no dob key, the year key still links",
    {"name": {"given": "HASSAN", "family": "ALI"}, "dateOfBirth": "1990-05"},
    {"sex": "M"},
    None,
    {"name-yob-sex": "ali hassan|1990|M", "name-yob": "ali hassan|1990"},
)
lv(
    "sex unknown: no keys with sex",
    {"name": {"given": "Ali", "family": "Hassan"}, "dateOfBirth": "1990-05-17"},
    {"sex": "U"},
    ALL_KINDS,
    {"name-dob": "ali hassan|1990-05-17", "name-yob": "ali hassan|1990"},
)
lv(
    "all four kinds, sex F",
    {"name": {"given": "Ελένη", "family": "Παπαδοπούλου"}, "dateOfBirth": "1985-11-02"},
    {"sex": "F"},
    ALL_KINDS,
    {"name-dob-sex": "eleni papadopoulou|1985-11-02|F", "name-yob-sex": "eleni papadopoulou|1985|F", "name-dob": "eleni papadopoulou|1985-11-02", "name-yob": "eleni papadopoulou|1985"},
)
lv("no date of birth: no keys", {"name": {"given": "Ali"}}, {"sex": "M"}, None, {})
lv("no name: no keys", {"dateOfBirth": "1990-05-17"}, {"sex": "M"}, None, {})

write(
    "linkage-keys.json",
    "Composite linkage keys (spec/pseudonym.md §6). input: agreement secret, identifiers and attributes as "
    "in a held record, optional kinds (default [name-dob-sex, name-yob-sex]); output.inputs: the composite "
    "string of every kind the person has the parts for (all four kinds, whichever are requested); "
    "output.linkageKeys: the pseudonyms of the requested kinds, in the requested order, each under the key "
    "of field link-<kind>.",
    L,
)

# ---------------------------------------------------------------------------------------------
# parse.json
# ---------------------------------------------------------------------------------------------

V = []
for desc, text, out in [
    ("hs256, 32-byte value", "hs256:3:" + b64url(bytes(range(32))), {"scheme": "hs256", "epoch": 3, "value": bytes(range(32)).hex()}),
    ("16-byte value (shortest)", "x1:0:" + b64url(b"\xff" * 16), {"scheme": "x1", "epoch": 0, "value": ("ff" * 16)}),
    ("64-byte value (longest), largest epoch", "clk-v2:999999999:" + b64url(b"\x01" * 64), {"scheme": "clk-v2", "epoch": 999999999, "value": "01" * 64}),
]:
    V.append({"description": desc, "input": text, "output": out})
GOOD = b64url(bytes(range(32)))
for desc, text in [
    ("no scheme", ":3:" + GOOD),
    ("upper-case scheme", "HS256:3:" + GOOD),
    ("scheme ending with a hyphen", "hs-:3:" + GOOD),
    ("epoch with a leading zero", "hs256:03:" + GOOD),
    ("epoch above 999999999", "hs256:1000000000:" + GOOD),
    ("negative epoch", "hs256:-1:" + GOOD),
    ("padding", "hs256:3:" + GOOD + "="),
    ("standard base64 alphabet", "hs256:3:" + GOOD.replace("-", "+").replace("_", "/")[:-1] + "+"),
    ("value of 15 bytes", "hs256:3:" + b64url(b"\x00" * 15)),
    ("value of 65 bytes", "hs256:3:" + b64url(b"\x00" * 65)),
    ("non-canonical last character (unused bits set)", "hs256:3:" + GOOD[:-1] + "B"),
    ("length 1 mod 4", "hs256:3:" + GOOD + "AA"),
    ("trailing space", "hs256:3:" + GOOD + " "),
    ("empty string", ""),
]:
    V.append({"description": desc, "input": text, "errors": [{"code": "ERR_PSEUDONYM_MALFORMED"}]})
write(
    "parse.json",
    "The text form of a pseudonym (spec/pseudonym.md §4): <scheme>:<epoch>:<value>, value 16-64 bytes in "
    "canonical unpadded base64url. output.value is hex.",
    V,
)

# ---------------------------------------------------------------------------------------------
# pseudonymize-record.json
# ---------------------------------------------------------------------------------------------

HELD = {
    "schemaVersion": "1.0",
    "recordId": "exit-0001",
    "kind": "exit",
    "agency": "GRC.hellenic-police",
    "eventDate": "2025-01-02",
    "person": {
        "identifiers": {
            "documents": [
                {"type": "passport", "issuingCountry": "SYR", "number": "N 0123-4567"},
                {"type": "residence-card", "issuingCountry": "GRC", "number": "AB/123456"},
            ],
            "name": {"given": "Ali", "family": "Hassan"},
            "dateOfBirth": "1990-05-17",
            "placeOfBirth": "Aleppo",
        },
        "attributes": {"citizenship": ["SYR"], "sex": "M", "age": 34},
    },
    "details": {"border": {"country": "GRC", "type": "land"}, "destination": "MKD"},
}
HELD_NO_DOCS = {
    "schemaVersion": "1.0",
    "recordId": "exit-0002",
    "kind": "exit",
    "agency": "GRC.hellenic-police",
    "eventDate": "2025-01-03",
    "person": {
        "identifiers": {"name": {"family": "Юлия Ильинична"}, "dateOfBirth": "2001"},
        "attributes": {"sex": "F"},
    },
    "details": {"border": {"country": "GRC", "type": "sea"}},
}


def ps(field, normalized):
    return pseudonym(SECRET_A, AGREEMENT_A, EPOCH_A, field, normalized)


SHARED = {
    **{k: v for k, v in HELD.items() if k != "person"},
    "person": {
        "pseudonyms": {
            "documents": [
                {"type": "passport", "issuingCountry": "SYR", "pseudonym": ps("document", "P|SYR|N01234567")},
                {"type": "residence-card", "issuingCountry": "GRC", "pseudonym": ps("document", "R|GRC|AB123456")},
            ],
            "name": ps("name", "ali hassan"),
            "dateOfBirth": ps("date-of-birth", "1990-05-17"),
            "placeOfBirth": ps("place-of-birth", "aleppo"),
            "linkageKeys": [ps("link-name-dob-sex", "ali hassan|1990-05-17|M"), ps("link-name-yob-sex", "ali hassan|1990|M")],
        },
        "attributes": HELD["person"]["attributes"],
    },
}
SHARED_NO_DOCS = {
    **{k: v for k, v in HELD_NO_DOCS.items() if k != "person"},
    "person": {
        "pseudonyms": {
            "name": ps("name", "ilinichna iuliia"),
            "dateOfBirth": ps("date-of-birth", "2001"),
            "linkageKeys": [ps("link-name-yob-sex", "ilinichna iuliia|2001|F")],
        },
        "attributes": {"sex": "F"},
    },
}
HELD_BAD = json.loads(json.dumps(HELD_NO_DOCS))
HELD_BAD["person"]["identifiers"]["placeOfBirth"] = "??"
write(
    "pseudonymize-record.json",
    "A held record turned into its shared form (spec/pseudonym.md §7) under agreement "
    f"{AGREEMENT_A}, epoch {EPOCH_A}, secret 000102..1f (hex), default linkage-key kinds.",
    [
        {"description": "documents, name, date and place of birth, sex: every pseudonym and both default linkage keys", "input": {**KEY_A, "record": HELD}, "output": SHARED},
        {"description": "no documents, Cyrillic name, year of birth only", "input": {**KEY_A, "record": HELD_NO_DOCS}, "output": SHARED_NO_DOCS},
        {"description": "a place of birth with no letter is refused, naming its path", "input": {**KEY_A, "record": HELD_BAD}, "errors": [{"code": "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", "path": "person.identifiers.placeOfBirth"}]},
    ],
)
print("wrote", OUT)
