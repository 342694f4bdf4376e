#!/usr/bin/env python3
"""Writes the encoding test vectors of spec/encoding.md (spec/test-vectors/encoding/*.json).

Every case below is written by hand from spec/encoding.md, the MessagePack specification,
RFC 4648 and RFC 8259; the only computed values are base64url texts (Python's base64 module)
and SHA-256 digests (hashlib), both independent of the reference implementation. Run it from any
directory: `python3 spec/test-vectors/encoding/generate.py`.

Byte strings are written in lower-case hex in these files (spec/encoding.md §10 says so), not in
base64url, so that MessagePack and UTF-8 bytes can be read.
"""

import base64
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
UNKNOWN = '["<unknown key>"]'


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def err(code: str, path: str | None = None) -> list:
    e = {"code": code}
    if path is not None:
        e["path"] = path
    return [e]


def write(name: str, description: str, vectors: list) -> None:
    doc = {"description": description, "vectors": vectors}
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---- base64url ---------------------------------------------------------------------------------

B64_INVALID = "ERR_ENVELOPE_BASE64URL_INVALID"
rfc4648 = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"]
extra = [bytes([0xFB, 0xFF]), bytes([0xFF] * 32), bytes(range(256)), bytes([0x00]), bytes([0x3E, 0x3F])]

decode = [
    {"description": f"RFC 4648 §10 vector {d!r}, padding removed", "input": b64url(d), "output": d.hex()}
    for d in rfc4648
] + [
    {"description": f"{len(d)} bytes using - and _", "input": b64url(d), "output": d.hex()}
    for d in extra
]
bad_b64 = [
    ("Zg==", "padding"),
    ("Zm8=", "padding"),
    ("Zm9v=", "a pad character after a full quad"),
    ("Zm9v\n", "trailing line feed"),
    ("Zm9v\r\nYmFy", "CRLF inside"),
    ("Zm 9v", "space inside"),
    ("\tZm9v", "leading tab"),
    ("+/8", "standard-alphabet characters + and /"),
    ("Zm9v+A", "plus"),
    ("Z", "length mod 4 = 1"),
    ("Zm9vY", "length mod 4 = 1 after a quad"),
    ("Zh", "non-zero unused bits in the last character (2-character tail)"),
    ("Zm9", "non-zero unused bits in the last character (3-character tail)"),
    ("-_9", "non-zero unused bits after -_"),
    ("Zm9vé", "non-ASCII character"),
    ("Zm.v", "dot"),
]
decode += [{"description": f"rejects: {why}", "input": text, "errors": err(B64_INVALID)} for text, why in bad_b64]
write(
    "base64url-decode.json",
    "Strict base64url decoding (spec/encoding.md §5): input is the text, output the bytes in hex. "
    "Unpadded RFC 4648 §5 only; padding, whitespace, other characters, length mod 4 = 1 and "
    "non-zero unused trailing bits are rejected.",
    decode,
)
write(
    "base64url-encode.json",
    "base64url encoding (spec/encoding.md §5): input is the bytes in hex, output the unpadded text.",
    [{"description": f"{len(d)} bytes", "input": d.hex(), "output": b64url(d)} for d in rfc4648 + extra],
)

# ---- MessagePack decode ------------------------------------------------------------------------

MP = "ERR_ENVELOPE_MSGPACK_INVALID"
DUP = "ERR_ENVELOPE_DUPLICATE_KEY"
FORBIDDEN = "ERR_ENVELOPE_FORBIDDEN_KEY"
LIMIT = "ERR_LIMIT_EXCEEDED"


def mp(description, hexstr, output=None, errors=None, limits=None, canonical=False):
    inp = {"hex": hexstr.replace(" ", "")}
    if limits is not None:
        inp["limits"] = limits
    if canonical:
        inp["requireCanonical"] = True
    v = {"description": description, "input": inp}
    if errors is not None:
        v["errors"] = errors
    else:
        v["output"] = output
    return v


def nested_empty(depth):
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


def nested_arrays(depth):
    value = None
    for _ in range(depth):
        value = [value]
    return value


mp_vectors = [
    mp("nil", "c0", None),
    mp("false", "c2", False),
    mp("true", "c3", True),
    mp("positive fixint 0", "00", 0),
    mp("positive fixint 127", "7f", 127),
    mp("negative fixint -32", "e0", -32),
    mp("negative fixint -1", "ff", -1),
    mp("uint8 128", "cc 80", 128),
    mp("uint8 255", "cc ff", 255),
    mp("uint16 256", "cd 0100", 256),
    mp("uint16 65535", "cd ffff", 65535),
    mp("uint32 65536", "ce 00010000", 65536),
    mp("uint32 max", "ce ffffffff", 4294967295),
    mp("uint64 2^32", "cf 0000000100000000", 4294967296),
    mp("uint64 2^53-1 (largest safe integer)", "cf 001fffffffffffff", 9007199254740991),
    mp("int8 -33", "d0 df", -33),
    mp("int8 -128", "d0 80", -128),
    mp("int16 -129", "d1 ff7f", -129),
    mp("int16 -32768", "d1 8000", -32768),
    mp("int32 -32769", "d2 ffff7fff", -32769),
    mp("int32 min", "d2 80000000", -2147483648),
    mp("int64 -2^31-1", "d3 ffffffff7fffffff", -2147483649),
    mp("int64 -(2^53-1) (smallest safe integer)", "d3 ffe0000000000001", -9007199254740991),
    mp("non-shortest uint8 is accepted by default", "cc 05", 5),
    mp("non-shortest int64 for 5 is accepted by default", "d3 0000000000000005", 5),
    mp("positive value in int8 is accepted by default", "d0 01", 1),
    mp("float64 1.5", "cb 3ff8000000000000", 1.5),
    mp("float32 1.5 is accepted by default", "ca 3fc00000", 1.5),
    mp("float64 -0.0 reads as 0", "cb 8000000000000000", 0),
    mp("float64 2^53 (a double beyond the safe range is allowed as a float)", "cb 4340000000000000", 9007199254740992),
    mp("float64 0.1", "cb 3fb999999999999a", 0.1),
    mp("fixstr empty", "a0", ""),
    mp("fixstr foo", "a3 666f6f", "foo"),
    mp("str8 foo (non-shortest header accepted by default)", "d9 03 666f6f", "foo"),
    mp("str16 foo", "da 0003 666f6f", "foo"),
    mp("two-byte UTF-8", "a2 c3a9", "é"),
    mp("three-byte UTF-8", "a3 e282ac", "€"),
    mp("four-byte UTF-8", "a4 f09f9880", "😀"),
    mp("U+FEFF inside a string is an ordinary character", "a3 efbbbf", "\ufeff"),
    mp("largest code point U+10FFFF", "a4 f48fbfbf", "\U0010ffff"),
    mp("fixarray empty", "90", []),
    mp("fixarray [1,2,3]", "93 01 02 03", [1, 2, 3]),
    mp("array16 [1,2,3]", "dc 0003 01 02 03", [1, 2, 3]),
    mp("fixmap empty", "80", {}),
    mp("fixmap with nested array", "82 a161 01 a162 92 c3 c0", {"a": 1, "b": [True, None]}),
    mp("map16 with one entry", "de 0001 a161 01", {"a": 1}),
    mp("a key named like an inherited JS member", "81 a8 746f537472696e67 01", {"toString": 1}),
    mp("32 nested arrays (the default depth limit)", "91" * 32 + "c0", nested_arrays(32)),
]

for hexstr, what in [
    ("c1", "the reserved byte 0xc1"),
    ("93 01 c1 03", "0xc1 inside an array"),
]:
    mp_vectors.append(mp(f"rejects {what} (reserved_byte)", hexstr, errors=err(MP)))
for hexstr, what in [
    ("d4 01 00", "fixext 1"),
    ("d5 01 0000", "fixext 2"),
    ("d6 01 00000000", "fixext 4"),
    ("d7 01 " + "00" * 8, "fixext 8"),
    ("d8 01 " + "00" * 16, "fixext 16"),
    ("c7 01 01 00", "ext 8"),
    ("c8 0001 01 00", "ext 16"),
    ("c9 00000001 01 00", "ext 32"),
    ("d6 ff 00000000", "timestamp 32"),
    ("d7 ff " + "00" * 8, "timestamp 64"),
    ("c7 0c ff " + "00" * 12, "timestamp 96"),
    ("d4 00 00", "fixext 1 of type 0 (msgpackr's undefined)"),
]:
    mp_vectors.append(mp(f"rejects {what} (ext_not_allowed)", hexstr, errors=err(MP)))
for hexstr, what in [("c4 01 01", "bin 8"), ("c5 0001 01", "bin 16"), ("c6 00000001 01", "bin 32")]:
    mp_vectors.append(mp(f"rejects {what} (bin_not_allowed)", hexstr, errors=err(MP)))
for hexstr, what in [
    ("cf 0020000000000000", "uint64 2^53"),
    ("cf ffffffffffffffff", "uint64 max"),
    ("d3 ffe0000000000000", "int64 -2^53"),
    ("d3 8000000000000000", "int64 min"),
]:
    mp_vectors.append(mp(f"rejects {what} (unsafe_integer)", hexstr, errors=err(MP)))
for hexstr, what in [
    ("ca 7fc00000", "float32 NaN"),
    ("ca 7f800000", "float32 +Infinity"),
    ("cb 7ff8000000000000", "float64 NaN"),
    ("cb 7ff0000000000000", "float64 +Infinity"),
    ("cb fff0000000000000", "float64 -Infinity"),
]:
    mp_vectors.append(mp(f"rejects {what} (non_finite_float)", hexstr, errors=err(MP)))
for hexstr, what in [
    ("a2 c080", "overlong NUL"),
    ("a3 e080bf", "overlong three-byte form"),
    ("a4 f08f8080", "overlong four-byte form"),
    ("a3 eda080", "encoded surrogate U+D800"),
    ("a3 edbfbf", "encoded surrogate U+DFFF"),
    ("a4 f4908080", "code point above U+10FFFF"),
    ("a1 ff", "byte 0xff"),
    ("a1 80", "lone continuation byte"),
    ("a1 c3", "truncated two-byte sequence"),
    ("a2 e282", "truncated three-byte sequence"),
    ("a2 c328", "bad continuation byte"),
    ("d9 28 " + "61" * 39 + "ff", "0xff at the end of a 40-byte string"),
]:
    mp_vectors.append(mp(f"rejects invalid UTF-8: {what} (invalid_utf8)", hexstr, errors=err(MP)))
for hexstr, what in [
    ("81 01 01", "an integer key"),
    ("81 c0 c0", "a nil key"),
    ("81 90 c0", "an array key"),
]:
    mp_vectors.append(mp(f"rejects {what} (non_string_key)", hexstr, errors=err(MP)))
mp_vectors += [
    mp("rejects a duplicate key; member names from the input are written <unknown key>", "82 a161 01 a161 02", errors=err(DUP, UNKNOWN)),
    mp("rejects a duplicate key inside an array", "91 82 a161 01 a161 02", errors=err(DUP, "[0]" + UNKNOWN)),
    mp("rejects a duplicate key written once as fixstr, once as str8", "82 a161 01 d901 61 02", errors=err(DUP, UNKNOWN)),
    mp("rejects a duplicated inherited-looking name", "82 a8 746f537472696e67 01 a8 746f537472696e67 02", errors=err(DUP, UNKNOWN)),
    mp("rejects the key __proto__", "81 a9 5f5f70726f746f5f5f 80", errors=err(FORBIDDEN, "__proto__")),
    mp("rejects the key constructor, nested", "81 a161 81 ab 636f6e7374727563746f72 c0", errors=err(FORBIDDEN, UNKNOWN + ".constructor")),
    mp("rejects the key prototype", "81 a9 70726f746f74797065 c0", errors=err(FORBIDDEN, "prototype")),
]
for hexstr, what in [
    ("", "empty input"),
    ("cc", "uint8 without its byte"),
    ("cd 01", "uint16 cut short"),
    ("cf 00000000000000", "uint64 cut short"),
    ("cb 3ff8", "float64 cut short"),
    ("a2 61", "string cut short"),
    ("d9", "str8 without its length"),
    ("92 01", "array missing an element"),
    ("82 a161 01", "map missing an entry"),
    ("dd ffffffff", "array32 declaring 2^32-1 elements in 5 bytes (rejected before allocating)"),
    ("df ffffffff", "map32 declaring 2^32-1 entries in 5 bytes"),
    ("db ffffffff", "str32 declaring 2^32-1 bytes in 5 bytes"),
    ("83 c0 c0 c0 c0 c0", "a map of 3 entries in 5 bytes (each entry needs 2)"),
]:
    mp_vectors.append(mp(f"rejects truncated input: {what} (truncated)", hexstr, errors=err(MP)))
mp_vectors += [
    mp("rejects trailing bytes after the value (trailing_bytes)", "c0 c0", errors=err(MP)),
    mp("rejects trailing bytes after a map", "81 a161 01 00", errors=err(MP)),
    mp("rejects an array longer than maxContainerLength", "93 01 02 03", errors=err(LIMIT), limits={"maxContainerLength": 2}),
    mp("accepts an array as long as maxContainerLength", "92 01 02", [1, 2], limits={"maxContainerLength": 2}),
    mp("rejects a string longer than maxStringLength (bytes)", "a3 666f6f", errors=err(LIMIT), limits={"maxStringLength": 2}),
    mp("maxStringLength counts UTF-8 bytes: é is 2", "a4 c3a9c3a9", errors=err(LIMIT), limits={"maxStringLength": 3}),
    mp("rejects a key longer than maxStringLength", "81 a3 666f6f c0", errors=err(LIMIT), limits={"maxStringLength": 2}),
    mp("rejects nesting deeper than maxDepth", "91 91 91 90", errors=err(LIMIT), limits={"maxDepth": 3}),
    mp("accepts nesting as deep as maxDepth", "91 91 90", [[[]]], limits={"maxDepth": 3}),
    mp("rejects 33 nested arrays with the default limits", "91" * 33 + "c0", errors=err(LIMIT)),
    mp("rejects 10000 nested arrays without exhausting the stack", "91" * 10000 + "c0", errors=err(LIMIT)),
    mp("rejects input larger than maxBytes", "93 01 02 03", errors=err(LIMIT), limits={"maxBytes": 3}),
    mp("checks the container limit before the elements", "dc 0005 c1c1c1c1c1", errors=err(LIMIT), limits={"maxContainerLength": 4}),
]
canonical_ok = [("05", 5), ("cc 80", 128), ("d0 df", -33), ("cb 3ff8000000000000", 1.5), ("d9 20 " + "61" * 32, "a" * 32), ("dc 0010 " + "c0" * 16, [None] * 16)]
for hexstr, value in canonical_ok:
    mp_vectors.append(mp("canonical mode accepts the canonical form", hexstr, value, canonical=True))
for hexstr, what in [
    ("cc 05", "uint8 for a fixint value"),
    ("cd 00ff", "uint16 for a uint8 value"),
    ("ce 0000ffff", "uint32 for a uint16 value"),
    ("cf 00000000ffffffff", "uint64 for a uint32 value"),
    ("d0 ff", "int8 for a negative fixint value"),
    ("d0 05", "int8 for a positive value"),
    ("d1 ff80", "int16 for an int8 value"),
    ("d2 ffff8000", "int32 for an int16 value"),
    ("d3 ffffffff80000000", "int64 for an int32 value"),
    ("ca 3fc00000", "float32"),
    ("cb 3ff0000000000000", "float64 holding the integer 1"),
    ("cb 8000000000000000", "float64 -0.0"),
    ("d9 01 61", "str8 for a fixstr length"),
    ("da 0001 61", "str16 for a short string"),
    ("dc 0001 c0", "array16 for one element"),
    ("de 0001 a161 c0", "map16 for one entry"),
    ("81 d9 01 61 c0", "str8 key"),
]:
    mp_vectors.append(mp(f"canonical mode rejects {what} (non_canonical)", hexstr, errors=err(MP), canonical=True))
write(
    "msgpack-decode.json",
    "Strict MessagePack decoding (spec/encoding.md §3): input.hex is the bytes, input.limits "
    "overrides the default limits (§7), input.requireCanonical selects the canonical-only mode "
    "(§3.4); output is the decoded value. Error paths name no member from the input (§8): they "
    "are written <unknown key>, except the forbidden keys.",
    mp_vectors,
)

# ---- MessagePack encode ------------------------------------------------------------------------

enc = [
    (0, "00"), (127, "7f"), (128, "cc80"), (255, "ccff"), (256, "cd0100"), (65535, "cdffff"),
    (65536, "ce00010000"), (4294967295, "ceffffffff"), (4294967296, "cf0000000100000000"),
    (9007199254740991, "cf001fffffffffffff"), (-1, "ff"), (-32, "e0"), (-33, "d0df"),
    (-128, "d080"), (-129, "d1ff7f"), (-32768, "d18000"), (-32769, "d2ffff7fff"),
    (-2147483648, "d280000000"), (-2147483649, "d3ffffffff7fffffff"),
    (-9007199254740991, "d3ffe0000000000001"), (1.0, "01"), (-0.0, "00"), (0.5, "cb3fe0000000000000"),
    (1.5, "cb3ff8000000000000"), (9007199254740992, "cb4340000000000000"), (1e300, "cb7e37e43c8800759c"),
    (None, "c0"), (True, "c3"), (False, "c2"), ("", "a0"), ("a" * 31, "bf" + "61" * 31),
    ("a" * 32, "d920" + "61" * 32), ("é" * 16, "d920" + "c3a9" * 16), ("😀", "a4f09f9880"),
    ("a" * 256, "da0100" + "61" * 256), ([], "90"), ([None] * 15, "9f" + "c0" * 15),
    ([None] * 16, "dc0010" + "c0" * 16), ({}, "80"), ({"a": True, "b": False}, "82a161c3a162c2"),
    ({"b": 1, "a": 2}, "82a16201a16102"), ({f"k{i:02d}": i for i in range(16)}, "de0010" + "".join(f"a36b{ord(str(i // 10)):02x}{ord(str(i % 10)):02x}{i:02x}" for i in range(16))),
]
write(
    "msgpack-encode.json",
    "Canonical MessagePack encoding (spec/encoding.md §3.4): input is a JSON value, output the "
    "canonical bytes in hex. Members are written in the order of the input object.",
    [{"description": f"canonical form of {json.dumps(v, ensure_ascii=False)[:40]}", "input": v, "output": h} for v, h in enc],
)

# ---- JSON parse --------------------------------------------------------------------------------

JS = "ERR_ENVELOPE_JSON_INVALID"


def js(description, text=None, output=None, errors=None, limits=None, hexstr=None):
    inp = {"text": text} if hexstr is None else {"hex": hexstr.replace(" ", "")}
    if limits is not None:
        inp["limits"] = limits
    v = {"description": description, "input": inp}
    if errors is not None:
        v["errors"] = errors
    else:
        v["output"] = output
    return v


json_vectors = [
    js("null", "null", None),
    js("true", "true", True),
    js("false", "false", False),
    js("zero", "0", 0),
    js("-0 reads as 0", "-0", 0),
    js("-0.0e3 reads as 0", "-0.0e3", 0),
    js("a fraction", "1.5", 1.5),
    js("an exponent", "1e2", 100),
    js("a negative exponent with capital E", "-1E-2", -0.01),
    js("the largest safe integer", "9007199254740991", 9007199254740991),
    js("the smallest safe integer", "-9007199254740991", -9007199254740991),
    js("a non-integer token beyond the safe range is a double", "9007199254740993.0", 9007199254740992),
    js("underflow to zero", "1e-400", 0),
    js("escapes", '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041"', '"\\/\b\f\n\r\tA'),
    js("an escaped surrogate pair", '"\\ud83d\\ude00"', "😀"),
    js("raw non-ASCII and U+2028", '"é\u2028😀"', "é\u2028😀"),
    js("an object and an array", '{"a":[1,{"b":null}],"c":"d"}', {"a": [1, {"b": None}], "c": "d"}),
    js("all four whitespace characters", ' \t\n\r[ 1 ,\r\n2 ]\n', [1, 2]),
    js("a key named like an inherited JS member", '{"toString":1,"valueOf":2}', {"toString": 1, "valueOf": 2}),
    js("keys that differ only by case or space are distinct", '{"a":1,"A":2,"a ":3}', {"a": 1, "A": 2, "a ": 3}),
    js("32 nested arrays", "[" * 32 + "]" * 32, nested_empty(32)),
    js("UTF-8 bytes", hexstr="7b2261223a2022c3a9227d", output={"a": "é"}),
    js("rejects a duplicate key", '{"a":1,"a":2}', errors=err(DUP, UNKNOWN)),
    js("rejects a duplicate key spelt with an escape", '{"a":1,"\\u0061":2}', errors=err(DUP, UNKNOWN)),
    js("rejects a duplicate key at depth", '[{"x":{"k":1,"k":1}}]', errors=err(DUP, "[0]" + UNKNOWN + UNKNOWN)),
    js("rejects a duplicate key with object values", '{"a":{},"a":{}}', errors=err(DUP, UNKNOWN)),
    js("rejects the key __proto__", '{"__proto__":{"polluted":true}}', errors=err(FORBIDDEN, "__proto__")),
    js("rejects the key __proto__ spelt with an escape", '{"\\u005f_proto__":1}', errors=err(FORBIDDEN, "__proto__")),
    js("rejects the key constructor, nested", '{"a":{"constructor":{}}}', errors=err(FORBIDDEN, UNKNOWN + ".constructor")),
    js("rejects the key prototype", '[{"prototype":1}]', errors=err(FORBIDDEN, "[0].prototype")),
]
for text, what in [
    ('"\\ud800"', "a lone high surrogate escape"),
    ('"\\udc00"', "a lone low surrogate escape"),
    ('"\\ud800\\u0041"', "a high surrogate escape followed by a non-surrogate"),
    ('"\\udc00\\ud800"', "surrogate escapes in the wrong order"),
    ('"\\ud83d\\ud83d"', "two high surrogate escapes"),
]:
    json_vectors.append(js(f"rejects {what} (lone_surrogate)", text, errors=err(JS)))
for text, what in [
    ("9007199254740992", "2^53 as an integer token"),
    ("-9007199254740992", "-2^53 as an integer token"),
    ("12345678901234567890", "a 20-digit integer"),
]:
    json_vectors.append(js(f"rejects {what} (unsafe_integer)", text, errors=err(JS)))
for text in ["1e400", "-1e309"]:
    json_vectors.append(js(f"rejects {text} (number_out_of_range)", text, errors=err(JS)))
for text, what in [
    ("", "empty text"), (" ", "only whitespace"), ("01", "a leading zero"), ("-01", "a negative leading zero"),
    ("+1", "a plus sign"), (".5", "no integer part"), ("1.", "no fraction digits"), ("1e", "no exponent digits"),
    ("0x10", "hex"), ("NaN", "NaN"), ("Infinity", "Infinity"), ("[1,]", "a trailing comma in an array"),
    ('{"a":1,}', "a trailing comma in an object"), ("{a:1}", "an unquoted key"), ("{'a':1}", "single quotes"),
    ("/*c*/1", "a comment"), ("1 2", "two values"), ("[1]]", "an extra bracket"), ("[", "an unterminated array"),
    ('"abc', "an unterminated string"), ("\u00a01", "a no-break space"), ("\u000b1", "a vertical tab"),
    ('"\u0001"', "a raw control character in a string"), ('"\\x41"', "an invalid escape"),
    ('"\\u00G1"', "a bad \\u escape"), ("tru", "a cut literal"), ("True", "a capitalized literal"),
    ("\ufeff1", "a byte-order mark in the text"),
]:
    json_vectors.append(js(f"rejects {what}", text, errors=err(JS)))
for hexstr, what in [
    ("efbbbf31", "a UTF-8 byte-order mark"),
    ("22c08022", "an overlong UTF-8 form"),
    ("22eda08022", "an encoded surrogate"),
    ("22f490808022", "a code point above U+10FFFF"),
    ("22e28222", "a truncated UTF-8 sequence"),
    ("22ff22", "the byte 0xff"),
]:
    json_vectors.append(js(f"rejects bytes with {what}", hexstr=hexstr, errors=err(JS)))
json_vectors += [
    js("rejects an array longer than maxContainerLength", "[1,2,3]", errors=err(LIMIT), limits={"maxContainerLength": 2}),
    js("rejects an object with more members than maxContainerLength", '{"a":1,"b":2,"c":3}', errors=err(LIMIT), limits={"maxContainerLength": 2}),
    js("rejects a string longer than maxStringLength", '"abcdef"', errors=err(LIMIT), limits={"maxStringLength": 5}),
    js("maxStringLength counts UTF-8 bytes of the decoded string", '"ééé"', errors=err(LIMIT), limits={"maxStringLength": 5}),
    js("escapes count as the characters they stand for", '"\\u00e9\\u00e9"', "éé", limits={"maxStringLength": 4}),
    js("rejects nesting deeper than maxDepth", "[[[]]]", errors=err(LIMIT), limits={"maxDepth": 2}),
    js("rejects 33 nested arrays with the default limits", "[" * 33 + "]" * 33, errors=err(LIMIT)),
    js("rejects 10000 nested objects without exhausting the stack", '{"a":' * 10000 + "0" + "}" * 10000, errors=err(LIMIT)),
    js("rejects a text larger than maxBytes (UTF-8 bytes)", '"éé"', errors=err(LIMIT), limits={"maxBytes": 5}),
    js("accepts a text exactly maxBytes long", '"éé"', "éé", limits={"maxBytes": 6}),
]
write(
    "json-parse.json",
    "Strict JSON parsing (spec/encoding.md §4): input.text is a JSON text (or input.hex its UTF-8 "
    "bytes), input.limits overrides the default limits (§7); output is the value. Error paths name "
    "no member from the input (§8): they are written <unknown key>, except the forbidden keys.",
    json_vectors,
)

# ---- bodies ------------------------------------------------------------------------------------


def body(description, encoding, data, output=None, errors=None, limits=None):
    inp = {"encoding": encoding, "hex": data.hex() if isinstance(data, bytes) else data.replace(" ", "")}
    if limits is not None:
        inp["limits"] = limits
    v = {"description": description, "input": inp}
    if errors is not None:
        v["errors"] = errors
    else:
        v["output"] = output
    return v


body_vectors = [
    body("two records, MessagePack", "msgpack", "92 81a16101 81a16102", [{"a": 1}, {"a": 2}]),
    body("two records, JSON", "json", b'[{"a":1},{"a":2}]', [{"a": 1}, {"a": 2}]),
    body("an empty body", "msgpack", "90", []),
    body("the record array is bounded by maxRecords, not maxContainerLength", "json", b"[1,2,3]", [1, 2, 3], limits={"maxContainerLength": 2}),
    body("rejects more records than maxRecords (JSON)", "json", b"[1,2,3]", errors=err(LIMIT), limits={"maxRecords": 2}),
    body("checks maxRecords from the MessagePack header before reading any record", "msgpack", "dc 0005 c1c1c1c1c1", errors=err(LIMIT), limits={"maxRecords": 4}),
    body("a declared record count beyond the input is truncation", "msgpack", "dd ffffffff", errors=err(MP)),
    body("rejects a body that is not an array (MessagePack)", "msgpack", "81 a161 01", errors=err(MP)),
    body("rejects a body that is not an array (JSON)", "json", b'{"a":1}', errors=err(JS)),
    body("names the record of a duplicate key, not the key (MessagePack)", "msgpack", "92 81a16101 82a16101a16102", errors=err(DUP, "[1]" + UNKNOWN)),
    body("names the record of a duplicate key, not the key (JSON)", "json", b'[{"a":1},{"a":1,"a":2}]', errors=err(DUP, "[1]" + UNKNOWN)),
]
write(
    "body-decode.json",
    "Decoding a body, the array of records (spec/encoding.md §6): input.encoding is msgpack or "
    "json, input.hex the bytes, input.limits overrides the default limits; output is the array.",
    body_vectors,
)

# ---- digests -----------------------------------------------------------------------------------

msgs = [b"", b"abc", b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", bytes([0]), bytes(range(256))]
write(
    "digest.json",
    "Content digests (spec/encoding.md §9): input is the bytes in hex, output the digest string "
    "sha256: + unpadded base64url of the SHA-256 digest (FIPS 180-4).",
    [{"description": f"{len(m)} bytes", "input": m.hex(), "output": "sha256:" + b64url(hashlib.sha256(m).digest())} for m in msgs],
)
good = "sha256:" + b64url(hashlib.sha256(b"abc").digest())
write(
    "digest-parse.json",
    "Parsing a content digest string (spec/encoding.md §9): input is the text, output the 32 digest "
    "bytes in hex.",
    [{"description": "the digest of abc", "input": good, "output": hashlib.sha256(b"abc").hexdigest()}]
    + [
        {"description": f"rejects {why}", "input": text, "errors": err("ERR_ENVELOPE_DIGEST_INVALID")}
        for text, why in [
            ("", "an empty string"),
            (good.upper(), "upper case"),
            ("SHA256:" + good[7:], "an upper-case prefix"),
            ("sha-256:" + good[7:], "another algorithm name"),
            (good + "=", "padding"),
            (good[:-1], "a missing character"),
            (good + "A", "an extra character"),
            (good[:-1] + "1", "non-zero unused trailing bits"),
            (good.replace("-", "+").replace("_", "/"), "the standard base64 alphabet"),
            (" " + good, "whitespace"),
        ]
    ],
)
print("wrote", sorted(f for f in os.listdir(HERE) if f.endswith(".json")))
