#!/usr/bin/env python3
"""Independent generator of the tolerant-linkage test vectors (spec/linkage.md).

Written from the spec text with the Python standard library only (hashlib, hmac, json, base64),
not from the TypeScript code, so the vectors check the reference implementation rather than
copy it. Run from the repository root:  python3 spec/test-vectors/linkage/generate.py

Normalization (spec/normalization.md) is NOT reimplemented here: every record below uses lower-
case ASCII names, so normalization reduces to splitting on non-alphanumerics and sorting, and
dates are already canonical.
"""
import base64, hashlib, hmac, json, os, re

OUT = os.path.dirname(os.path.abspath(__file__))
SALT = b"corridor/linkage/clk/1"


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jcs(v) -> str:
    # RFC 8785 for documents of ASCII strings, integers, arrays and objects.
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + jcs(v[k]) for k in sorted(v)) + "}"
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    return json.dumps(v)


def digest(doc) -> str:
    return "sha256:" + b64u(hashlib.sha256(jcs(doc).encode()).digest())


def hkdf(ikm: bytes, salt: bytes, info: bytes, length=32) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    okm, t, i = b"", b"", 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:length]


AGREEMENT = "GRC-ITA-2025-07"


def derive(secret: bytes, dig: str, epoch: int, purpose: str, index: int, agreement: str = AGREEMENT) -> bytes:
    return hkdf(secret, SALT, f"{purpose}\0{agreement}\0{epoch}\0{dig}\0{index}".encode())


def positions(key: bytes, salt: str, feature: str, length: int, k: int):
    mac = hmac.new(key, salt.encode() + b"\x00" + feature.encode(), hashlib.sha256).digest()
    m = length.bit_length() - 1
    bits = int.from_bytes(mac, "big")
    return mac, [(bits >> (256 - (i + 1) * m)) & (length - 1) for i in range(k)]


def permutation(key: bytes, n: int):
    def stream():
        ctr = 0
        while True:
            block = hmac.new(key, ctr.to_bytes(4, "big"), hashlib.sha256).digest()
            ctr += 1
            for j in range(8):
                yield int.from_bytes(block[4 * j : 4 * j + 4], "big")

    s, a = stream(), list(range(n))
    for i in range(n - 1, 0, -1):
        bound = i + 1
        limit = 2**32 - (2**32 % bound)
        x = next(s)
        while x >= limit:
            x = next(s)
        r = x % bound
        a[i], a[r] = a[r], a[i]
    return a


def qgrams(tokens, q):
    out = []
    pad = "_" * (q - 1)
    for t in tokens:
        p = pad + t + pad
        for i in range(len(p) - q + 1):
            g = p[i : i + q]
            if g not in out:
                out.append(g)
    return out


def name_tokens(name, part="all"):
    parts = []
    if part in ("all", "given") and "given" in name:
        parts.append(name["given"])
    if part in ("all", "family") and "family" in name:
        parts.append(name["family"])
    return sorted(w for w in re.split(r"[^a-z0-9]+", " ".join(parts).lower()) if w)


def features(field, rec):
    ids, attrs = rec["identifiers"], rec.get("attributes", {})
    src = field["source"]
    if src in ("name", "givenName", "familyName"):
        if "name" not in ids:
            return []
        part = {"name": "all", "givenName": "given", "familyName": "family"}[src]
        return qgrams(name_tokens(ids["name"], part), field["q"])
    if src == "placeOfBirth":
        if "placeOfBirth" not in ids:
            return []
        return qgrams([w for w in re.split(r"[^a-z0-9]+", ids["placeOfBirth"].lower()) if w], field["q"])
    if src == "dateOfBirth":
        if "dateOfBirth" not in ids:
            return []
        return [p + v for p, v in zip("ymd", ids["dateOfBirth"].split("-"))]
    if src == "sex":
        return [] if attrs.get("sex") in (None, "U") else ["s" + attrs["sex"]]
    if src == "countryOfBirth":
        return [] if attrs.get("countryOfBirth") in (None, "XXX") else ["c" + attrs["countryOfBirth"]]
    if src == "citizenship":
        out = []
        for c in attrs.get("citizenship", []):
            if c != "XXX" and "n" + c not in out:
                out.append("n" + c)
        return out
    raise ValueError(src)


def salt_value(field, rec):
    if "salt" not in field or "dateOfBirth" not in rec["identifiers"]:
        return ""
    return rec["identifiers"]["dateOfBirth"][:4]


def get_bit(bits: bytes, p: int) -> int:
    return (bits[p >> 3] >> (7 - (p & 7))) & 1


def set_bit(bits: bytearray, p: int):
    bits[p >> 3] |= 0x80 >> (p & 7)


def encode(doc, secret: bytes, epoch: int, rec):
    dig = digest(doc)
    length = doc["filter"]["length"]
    raw = bytearray(length // 8)
    feats, salts = [], []
    for i, field in enumerate(doc["fields"]):
        key = derive(secret, dig, epoch, "field", i)
        salt = salt_value(field, rec)
        fs = features(field, rec)
        feats.append(fs)
        salts.append(salt)
        for f in fs:
            for p in positions(key, salt, f, length, field["k"])[1]:
                set_bit(raw, p)
    cur, n = bytes(raw), length
    for j, step in enumerate(doc["hardening"]):
        if step["step"] == "xor-fold":
            half = n // 2
            out = bytearray(half // 8)
            for p in range(half):
                if get_bit(cur, p) ^ get_bit(cur, p + half):
                    set_bit(out, p)
            cur, n = bytes(out), half
        else:
            perm = permutation(derive(secret, dig, epoch, "balance", j), 2 * n)
            out = bytearray(2 * n // 8)
            for i in range(2 * n):
                p = perm[i]
                bit = get_bit(cur, p) if p < n else 1 - get_bit(cur, p - n)
                if bit:
                    set_bit(out, i)
            cur, n = bytes(out), 2 * n
    return dig, feats, salts, raw.hex(), cur


def dice(a: bytes, b: bytes) -> float:
    pa = sum(bin(x).count("1") for x in a)
    pb = sum(bin(x).count("1") for x in b)
    inter = sum(bin(x & y).count("1") for x, y in zip(a, b))
    return 0.0 if pa + pb == 0 else 2 * inter / (pa + pb)


DEFAULT = {
    "format": "corridor-linkage-schema",
    "version": 1,
    "name": "corridor-person-default",
    "filter": {"length": 1024, "hash": "hmac-sha256"},
    "fields": [
        {"source": "name", "q": 2, "k": 20, "salt": "yearOfBirth"},
        {"source": "dateOfBirth", "k": 20, "salt": "yearOfBirth"},
        {"source": "sex", "k": 10, "salt": "yearOfBirth"},
    ],
    "hardening": [{"step": "balance"}],
}
SMALL = {
    "format": "corridor-linkage-schema",
    "version": 1,
    "name": "vector-small",
    "filter": {"length": 128, "hash": "hmac-sha256"},
    "fields": [
        {"source": "givenName", "q": 2, "k": 4, "salt": "yearOfBirth"},
        {"source": "familyName", "q": 3, "k": 4},
        {"source": "dateOfBirth", "k": 3},
        {"source": "citizenship", "k": 2},
        {"source": "placeOfBirth", "q": 2, "k": 2},
        {"source": "countryOfBirth", "k": 2},
    ],
    "hardening": [],
}
FOLD = dict(SMALL, name="vector-fold", hardening=[{"step": "xor-fold"}, {"step": "balance"}])
BAL64 = dict(SMALL, name="vector-balance-64", filter={"length": 64, "hash": "hmac-sha256"},
             fields=[{"source": "name", "q": 2, "k": 3}], hardening=[{"step": "balance"}])

SECRET = bytes(range(32))
SECRET2 = bytes(range(1, 33))


def write(name, description, vectors):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump({"description": description, "vectors": vectors}, f, indent=2, ensure_ascii=False)
        f.write("\n")


# --- schema-digest.json
vecs = []
for doc in (DEFAULT, SMALL, FOLD, BAL64):
    vecs.append({"description": f"canonical form and digest of {doc['name']}",
                 "input": {"document": doc}, "output": {"canonical": jcs(doc), "digest": digest(doc)}})
bad = [
    ("unknown top-level field", dict(DEFAULT, extra=1)),
    ("unknown field in a field", dict(DEFAULT, fields=[{"source": "name", "q": 2, "k": 20, "weight": 2}])),
    ("q on a token source", dict(DEFAULT, fields=[{"source": "sex", "q": 2, "k": 20}])),
    ("filter length not a power of two", dict(DEFAULT, filter={"length": 1000, "hash": "hmac-sha256"})),
    ("k x log2(length) above 256", dict(DEFAULT, fields=[{"source": "name", "q": 2, "k": 26}])),
    ("source used twice", dict(DEFAULT, fields=[{"source": "sex", "k": 2}, {"source": "sex", "k": 3}])),
    ("no fields", dict(DEFAULT, fields=[])),
    ("unknown hardening step", dict(DEFAULT, hardening=[{"step": "rule90"}])),
    ("balanced length above 8192 bits", dict(DEFAULT, filter={"length": 8192, "hash": "hmac-sha256"},
                                             fields=[{"source": "name", "q": 2, "k": 10}])),
    ("folded below 32 bits", dict(DEFAULT, filter={"length": 64, "hash": "hmac-sha256"},
                                  hardening=[{"step": "xor-fold"}, {"step": "xor-fold"}])),
    ("version 2 is not defined", dict(DEFAULT, version=2)),
]
for d, doc in bad:
    vecs.append({"description": f"rejected: {d}", "input": {"document": doc},
                 "errors": [{"code": "ERR_LINKAGE_SCHEMA_INVALID"}]})
write("schema-digest.json", "Linkage schema documents: validation, RFC 8785 canonical form and digest (spec/linkage.md §2)", vecs)

# --- keys.json
vecs = []
for purpose, idx, epoch, sec in (("field", 0, 0, SECRET), ("field", 1, 0, SECRET), ("field", 0, 7, SECRET),
                                 ("balance", 0, 0, SECRET), ("field", 0, 0, SECRET2)):
    dig = digest(DEFAULT)
    vecs.append({"description": f"{purpose} key {idx}, epoch {epoch}",
                 "input": {"secret": sec.hex(), "agreementId": AGREEMENT, "epoch": epoch, "schemaDigest": dig, "purpose": purpose, "index": idx},
                 "output": {"key": derive(sec, dig, epoch, purpose, idx).hex()}})
write("keys.json", "HKDF-SHA256 derivation of field and balancing keys (spec/linkage.md §4.1)", vecs)

# --- bit-positions.json
vecs = []
fk = derive(SECRET, digest(DEFAULT), 0, "field", 0)
for salt, feat, length, k in (("", "_a", 1024, 20), ("", "an", 1024, 20), ("1990", "an", 1024, 20),
                              ("", "y1990", 1024, 20), ("", "ü_", 8192, 19), ("", "ab", 64, 42), ("1985", "xyz", 128, 36)):
    mac, pos = positions(fk, salt, feat, length, k)
    vecs.append({"description": f"feature {feat!r} salt {salt!r}, l={length}, k={k}",
                 "input": {"key": fk.hex(), "salt": salt, "feature": feat, "filterLength": length, "k": k},
                 "output": {"hmac": mac.hex(), "positions": pos}})
write("bit-positions.json", "One HMAC-SHA256 per feature, cut into k bit positions (spec/linkage.md §4.2)", vecs)

# --- permutation.json
vecs = []
pk = derive(SECRET, digest(DEFAULT), 0, "balance", 0)
p64 = permutation(pk, 64)
vecs.append({"description": "balancing permutation of 64 positions", "input": {"key": pk.hex(), "n": 64},
             "output": {"permutation": p64}})
p2048 = permutation(pk, 2048)
vecs.append({"description": "balancing permutation of 2048 positions (first 32, and SHA-256 of all as uint16 big-endian)",
             "input": {"key": pk.hex(), "n": 2048},
             "output": {"prefix": p2048[:32],
                        "sha256": hashlib.sha256(b"".join(x.to_bytes(2, "big") for x in p2048)).hexdigest()}})
write("permutation.json", "Keyed Fisher-Yates permutation of a balancing step (spec/linkage.md §5.2)", vecs)

# --- encode.json
RECORDS = [
    {"identifiers": {"name": {"given": "anna maria", "family": "schmidt"}, "dateOfBirth": "1990-04-17"},
     "attributes": {"sex": "F"}},
    {"identifiers": {"name": {"given": "schmidt", "family": "anna maria"}, "dateOfBirth": "1990-04-17"},
     "attributes": {"sex": "F"}},
    {"identifiers": {"name": {"given": "ana", "family": "schmitt"}, "dateOfBirth": "1990-04"},
     "attributes": {"sex": "F"}},
    {"identifiers": {"name": {"family": "haddad"}}, "attributes": {"sex": "U"}},
    {"identifiers": {"name": {"given": "omar", "family": "al hassan"}, "dateOfBirth": "1985",
                     "placeOfBirth": "aleppo"},
     "attributes": {"sex": "M", "citizenship": ["SYR", "XXX", "SYR"], "countryOfBirth": "SYR"}},
]
vecs = []
encodings = {}
for doc in (DEFAULT, SMALL, FOLD, BAL64):
    for ri, rec in enumerate(RECORDS):
        for epoch, sec in ((0, SECRET), (5, SECRET)) if ri == 0 else ((0, SECRET),):
            dig, feats, salts, raw, final = encode(doc, sec, epoch, rec)
            enc = {"scheme": "clk", "epoch": epoch, "schemaDigest": dig, "encoderVersion": "1.0", "data": b64u(final)}
            encodings[(doc["name"], ri, epoch)] = (enc, final)
            vecs.append({"description": f"{doc['name']}: record {ri}, epoch {epoch}",
                         "input": {"document": doc, "secret": sec.hex(), "agreementId": AGREEMENT, "epoch": epoch, "record": rec},
                         "output": {"features": feats, "salts": salts, "rawFilter": raw, "encoding": enc}})
vecs.append({"description": "no encodable identifier", "input": {"document": DEFAULT, "secret": SECRET.hex(), "agreementId": AGREEMENT, "epoch": 0,
             "record": {"identifiers": {"placeOfBirth": "aleppo"}, "attributes": {"sex": "U"}}},
             "errors": [{"code": "ERR_LINKAGE_NO_IDENTIFIERS"}]})
write("encode.json", "Bloom-filter encoding of records, end to end (spec/linkage.md §3-§6); names are lower-case ASCII so normalization is trivial", vecs)

# --- dice.json
vecs = []
raw_pairs = [("ff00", "ff00"), ("ff00", "00ff"), ("f0f0", "ff00"), ("0000", "0000"), ("8000", "8001"),
             ("ffffffff" * 4, "fffffffe" * 4)]
for a, b in raw_pairs:
    vecs.append({"description": f"Dice of {a[:8]}.. and {b[:8]}..", "input": {"a": a, "b": b},
                 "output": {"dice": dice(bytes.fromhex(a), bytes.fromhex(b))}})
e0, f0 = encodings[("corridor-person-default", 0, 0)]
e1, f1 = encodings[("corridor-person-default", 1, 0)]
e2, f2 = encodings[("corridor-person-default", 2, 0)]
e3, f3 = encodings[("corridor-person-default", 3, 0)]
e5, _ = encodings[("corridor-person-default", 0, 5)]
s0, _ = encodings[("vector-small", 0, 0)]
for d, a, b, fa, fb in (("same person, name order swapped", e0, e1, f0, f1),
                        ("same person, typos and missing day", e0, e2, f0, f2),
                        ("different people", e0, e3, f0, f3)):
    vecs.append({"description": f"encodings: {d}", "input": {"a": a, "b": b}, "output": {"dice": dice(fa, fb)}})
vecs.append({"description": "refused: different epochs", "input": {"a": e0, "b": e5},
             "errors": [{"code": "ERR_LINKAGE_EPOCH_MISMATCH"}]})
vecs.append({"description": "refused: different schemas", "input": {"a": e0, "b": s0},
             "errors": [{"code": "ERR_LINKAGE_SCHEMA_MISMATCH"}]})
vecs.append({"description": "refused: different encoder versions", "input": {"a": e0, "b": dict(e0, encoderVersion="1.1")},
             "errors": [{"code": "ERR_LINKAGE_ENCODER_VERSION_MISMATCH"}]})
vecs.append({"description": "refused: unknown scheme", "input": {"a": e0, "b": dict(e0, scheme="rbf")},
             "errors": [{"code": "ERR_LINKAGE_SCHEME_UNSUPPORTED"}]})
write("dice.json", "Sorensen-Dice similarity of bit arrays and of encodings, and refusals (spec/linkage.md §6)", vecs)

# --- decode.json
good = e0
vecs = [{"description": "a valid encoding decodes to its bytes", "input": good, "output": {"bytes": f0.hex()}}]
for d, enc in (
    ("padding character", dict(good, data=good["data"] + "=")),
    ("standard base64 alphabet", dict(good, data=good["data"][:-2] + "+/")),
    ("non-zero unused bits in the last character", dict(good, data="AAAAAB")),
    ("length 1 mod 4", dict(good, data="AAAAA")),
    ("filter not a multiple of 32 bits", dict(good, data="AAAA")),
    ("unknown field", dict(good, extra="x")),
    ("missing data", {k: v for k, v in good.items() if k != "data"}),
    ("digest not sha256", dict(good, schemaDigest="md5:abc")),
    ("negative epoch", dict(good, epoch=-1)),
    ("encoder version not N.N", dict(good, encoderVersion="1")),
):
    vecs.append({"description": f"rejected: {d}", "input": enc, "errors": [{"code": "ERR_LINKAGE_ENCODING_MALFORMED"}]})
write("decode.json", "Strict decoding of LinkageEncoding values (spec/linkage.md §6.1)", vecs)
print("ok")
