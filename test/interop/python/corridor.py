"""A second, independent implementation of Corridor envelopes and streams, written from
spec/envelope.md, spec/streams.md and spec/encoding.md alone, on top of a non-JavaScript JOSE
library (jwcrypto) and msgpack-python — to prove the written spec is enough to interoperate.

It verifies and opens what Corridor seals (single envelopes and streams; EdDSA and ES256
signatures; JWE with ECDH-ES+A256KW over X25519 or P-256 and A256GCM), and it seals envelopes
and streams that Corridor must open. Record validation against the record schema (spec/records.md)
is not re-implemented here; everything else a receiver checks on the envelope is.

Debian packages: python3-jwcrypto (1.1), python3-msgpack (1.0), python3-cryptography (38).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct

import msgpack
from jwcrypto import jwe, jwk, jws

# --- spec/envelope.md §2: registered names -------------------------------------------------

FRAME_MAGIC = b"CRDR"
STREAM_MAGIC = b"CRDS"
JWS_TYP = "corridor-envelope+jws"
JWE_TYP = "corridor-envelope+jwe"
JWE_CTY = "corridor-envelope"
SIG_ALGS = {"EdDSA": ("OKP", "Ed25519"), "ES256": ("EC", "P-256")}
KEY_ALG = "ECDH-ES+A256KW"
ENC = "A256GCM"

# --- spec/envelope.md §4: grammars of manifest members ---------------------------------------

AGENCY = re.compile(r"^(?:[A-Z]{3}|INT)\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
JTI = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
KID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
DIGEST = re.compile(r"^sha256:[A-Za-z0-9_-]{43}$")
CODE = re.compile(r"^[a-z0-9](?:[a-z0-9.:-]{0,62}[a-z0-9])?$")
AGREEMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
SCHEMA_VERSION = re.compile(r"^(?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5})$")
SCHEME = re.compile(r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$")
MANIFEST_MEMBERS = [
    "ver", "doc", "iss", "aud", "iat", "exp", "jti", "agreement", "purpose", "legalBasis",
    "schemaVersion", "pseudonymization", "encoding", "count", "digest", "stream",
]
RECORDS_REQUIRED = ["agreement", "purpose", "legalBasis", "schemaVersion", "pseudonymization"]
STREAM_FIXED = [
    "ver", "doc", "iss", "aud", "agreement", "purpose", "legalBasis", "schemaVersion",
    "pseudonymization", "encoding",
]
MAX_SAFE = 2**53 - 1
MAX_DATE = 253402300799
CLOCK_SKEW = 300
MAX_LIFETIME = 7 * 24 * 3600


class Rejected(Exception):
    """An envelope or stream a receiver must refuse; `rule` names the spec rule (a short tag)."""

    def __init__(self, rule: str, message: str):
        super().__init__(f"{rule}: {message}")
        self.rule = rule


# --- spec/encoding.md: base64url, digests, strict MessagePack ----------------------------------

B64URL = re.compile(r"^[A-Za-z0-9_-]*$")


def b64u_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    """Canonical unpadded base64url only: alphabet, no padding, length, zero trailing bits."""
    if not isinstance(text, str) or not B64URL.match(text) or len(text) % 4 == 1:
        raise Rejected("base64url", "not canonical unpadded base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64u_encode(data) != text:
        raise Rejected("base64url", "non-zero trailing bits")
    return data


def digest(data: bytes) -> str:
    """The content digest string: sha256: and the base64url of SHA-256 (spec/encoding.md)."""
    return "sha256:" + b64u_encode(hashlib.sha256(data).digest())


FORBIDDEN_KEYS = {"__proto__", "constructor", "prototype"}


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if not isinstance(key, str):
            raise Rejected("msgpack", "map key is not a string")
        if key in out:
            raise Rejected("msgpack", "duplicate map key")
        if key in FORBIDDEN_KEYS:
            raise Rejected("msgpack", "forbidden map key")
        out[key] = value
    return out


def _reject_ext(code, data):
    raise Rejected("msgpack", "ext types are not allowed")


def _check_values(value, depth=0):
    if depth > 32:
        raise Rejected("msgpack", "nesting deeper than 32")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) > MAX_SAFE:
            raise Rejected("msgpack", "integer outside the safe range")
        return
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Rejected("msgpack", "non-finite float")
        return
    if isinstance(value, list):
        for v in value:
            _check_values(v, depth + 1)
        return
    if isinstance(value, dict):
        for v in value.values():
            _check_values(v, depth + 1)
        return
    raise Rejected("msgpack", f"type {type(value).__name__} (bin?) is not allowed")


def decode_body(body: bytes, encoding: str) -> list:
    """A body: one array of items, MessagePack (strict subset) or JSON (spec/encoding.md)."""
    if encoding == "msgpack":
        try:
            items = msgpack.unpackb(
                body,
                raw=False,  # str must be valid UTF-8
                strict_map_key=True,
                use_list=True,
                object_pairs_hook=_no_duplicates,
                ext_hook=_reject_ext,
            )
        except Rejected:
            raise
        except Exception as e:  # ExtraData, invalid UTF-8, truncated input
            raise Rejected("msgpack", f"not strict MessagePack ({type(e).__name__})") from e
    elif encoding == "json":
        try:
            items = json.loads(body.decode("utf-8"), object_pairs_hook=_no_duplicates)
        except Rejected:
            raise
        except Exception as e:
            raise Rejected("json", "not strict JSON") from e
    else:
        raise Rejected("encoding", "unknown body encoding")
    if not isinstance(items, list):
        raise Rejected("body", "the body is not an array")
    _check_values(items)
    return items


def strict_json(data: bytes):
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except Rejected:
        raise
    except Exception as e:
        raise Rejected("json", "not strict JSON") from e


# --- spec/envelope.md §3: the frame ------------------------------------------------------------


def encode_frame(jws_text: bytes, body: bytes) -> bytes:
    return FRAME_MAGIC + b"\x01" + struct.pack(">I", len(jws_text)) + jws_text + struct.pack(">I", len(body)) + body


def decode_frame(frame: bytes):
    if frame[:4] != FRAME_MAGIC:
        raise Rejected("frame", "bad magic")
    if len(frame) < 13 or frame[4] != 1:
        raise Rejected("frame", "short frame or unknown version")
    (j,) = struct.unpack(">I", frame[5:9])
    if j == 0 or 9 + j + 4 > len(frame):
        raise Rejected("frame", "bad JWS length")
    (b,) = struct.unpack(">I", frame[9 + j : 13 + j])
    if 13 + j + b != len(frame):
        raise Rejected("frame", "bad body length or bytes after the body")
    return frame[9 : 9 + j], frame[13 + j :]


# --- spec/envelope.md §4: the manifest ---------------------------------------------------------


def _int(v, lo, hi):
    return isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def check_manifest(m) -> None:
    if not isinstance(m, dict):
        raise Rejected("manifest", "not an object")
    if m.get("ver") != "1.0":
        raise Rejected("manifest.ver", "unsupported protocol version")
    for key in m:
        if key not in MANIFEST_MEMBERS:
            raise Rejected("manifest", f"unknown member {key}")
    checks = {
        "doc": lambda v: v in ("records", "agreement", "consent-withdrawal", "statistics", "receipt", "key-distribution"),
        "iss": lambda v: isinstance(v, str) and AGENCY.match(v),
        "aud": lambda v: isinstance(v, list) and 1 <= len(v) <= 64 and len(set(v)) == len(v)
        and all(isinstance(a, str) and AGENCY.match(a) for a in v),
        "iat": lambda v: _int(v, 0, MAX_DATE),
        "exp": lambda v: _int(v, 0, MAX_DATE),
        "jti": lambda v: isinstance(v, str) and JTI.match(v),
        "encoding": lambda v: v in ("msgpack", "json"),
        "count": lambda v: _int(v, 0, MAX_SAFE),
        "digest": lambda v: isinstance(v, str) and DIGEST.match(v),
    }
    for key, ok in checks.items():
        if key not in m or not ok(m[key]):
            raise Rejected(f"manifest.{key}", "missing or ill-formed")
    if m["doc"] == "records":
        for key in RECORDS_REQUIRED:
            if key not in m:
                raise Rejected(f"manifest.{key}", "required for records")
    a = m.get("agreement")
    if a is not None and not (
        isinstance(a, dict) and set(a) == {"id", "version", "digest"}
        and isinstance(a["id"], str) and AGREEMENT_ID.match(a["id"])
        and _int(a["version"], 1, 999999999)
        and isinstance(a["digest"], str) and DIGEST.match(a["digest"])
    ):
        raise Rejected("manifest.agreement", "ill-formed")
    for key in ("purpose", "legalBasis"):
        if key in m and not (isinstance(m[key], str) and CODE.match(m[key])):
            raise Rejected(f"manifest.{key}", "ill-formed code")
    if "schemaVersion" in m and not (isinstance(m["schemaVersion"], str) and SCHEMA_VERSION.match(m["schemaVersion"])):
        raise Rejected("manifest.schemaVersion", "ill-formed")
    p = m.get("pseudonymization")
    if p is not None and not (
        isinstance(p, dict) and set(p) == {"scheme", "epoch"}
        and isinstance(p["scheme"], str) and SCHEME.match(p["scheme"]) and _int(p["epoch"], 0, 999999999)
    ):
        raise Rejected("manifest.pseudonymization", "ill-formed")
    s = m.get("stream")
    if s is not None:
        # spec/streams.md §2
        if not isinstance(s, dict) or not set(s) <= {"id", "seq", "prev", "final", "total"}:
            raise Rejected("manifest.stream", "ill-formed")
        if not (isinstance(s.get("id"), str) and JTI.match(s["id"]) and _int(s.get("seq"), 0, MAX_SAFE)
                and isinstance(s.get("final"), bool)):
            raise Rejected("manifest.stream", "ill-formed id, seq or final")
        if (s["seq"] == 0) != ("prev" not in s) or ("prev" in s and not (isinstance(s["prev"], str) and DIGEST.match(s["prev"]))):
            raise Rejected("manifest.stream.prev", "required exactly when seq > 0")
        if s["final"] != ("total" in s) or ("total" in s and not _int(s["total"], 0, MAX_SAFE)):
            raise Rejected("manifest.stream.total", "required exactly on the final chunk")


# --- spec/envelope.md §5: the JWS ------------------------------------------------------------


def trusted_key(trust: dict, agency: str, kid: str, alg: str, iat: int) -> jwk.JWK:
    """spec/trust.md: the key (agency, kid), a signing key of alg, valid and not revoked at iat."""
    for k in trust.get(agency, {}).get("keys", []):
        if k.get("kid") == kid:
            kty, crv = SIG_ALGS[alg]
            if k.get("use") != "sig" or k.get("kty") != kty or k.get("crv") != crv:
                raise Rejected("signer", "not a signing key of this algorithm")
            if "revoked_at" in k and iat >= k["revoked_at"]:
                raise Rejected("signer", "key revoked at or before iat")
            if iat < k["nbf"] or ("exp" in k and iat >= k["exp"]):
                raise Rejected("signer", "iat outside the key's validity")
            public = {name: k[name] for name in ("kty", "crv", "x", "y") if name in k}
            return jwk.JWK(**public)
    raise Rejected("signer", "unknown agency or kid")


def verify_jws(jws_text: bytes, trust: dict):
    """Returns (manifest, payload bytes, [(agency, kid, alg)]) once every signature verified."""
    obj = strict_json(jws_text)
    if not isinstance(obj, dict) or set(obj) != {"payload", "signatures"}:
        raise Rejected("jws", "not the General JSON Serialization with payload and signatures")
    payload = b64u_decode(obj["payload"])
    manifest = strict_json(payload)
    check_manifest(manifest)
    sigs = obj["signatures"]
    if not isinstance(sigs, list) or not 1 <= len(sigs) <= 8:
        raise Rejected("jws", "1 to 8 signatures")
    signers = []
    for entry in sigs:
        if not isinstance(entry, dict) or set(entry) != {"protected", "signature"}:
            raise Rejected("jws", "signature entry must be exactly protected and signature")
        header = strict_json(b64u_decode(entry["protected"]))
        if not isinstance(header, dict) or set(header) != {"alg", "typ", "kid", "agency"}:
            raise Rejected("header", "protected header must be exactly alg, typ, kid, agency")
        if header["alg"] not in SIG_ALGS:
            raise Rejected("algorithm", "alg not allowed")
        if header["typ"] != JWS_TYP:
            raise Rejected("header", "typ")
        if not (isinstance(header["kid"], str) and KID.match(header["kid"]) and isinstance(header["agency"], str) and AGENCY.match(header["agency"])):
            raise Rejected("header", "kid or agency")
        key = trusted_key(trust, header["agency"], header["kid"], header["alg"], manifest["iat"])
        if len(b64u_decode(entry["signature"])) != 64:
            raise Rejected("signature", "not 64 bytes")
        one = jws.JWS()
        one.deserialize(json.dumps({"payload": obj["payload"], "protected": entry["protected"], "signature": entry["signature"]}))
        try:
            one.verify(key, alg=header["alg"])
        except Exception as e:
            raise Rejected("signature", "does not verify") from e
        signers.append((header["agency"], header["kid"], header["alg"]))
    if len({(a, k) for a, k, _ in signers}) != len(signers):
        raise Rejected("jws", "the same agency and kid sign twice")
    if manifest["iss"] not in [a for a, _, _ in signers]:
        raise Rejected("signature", "no signature by the sender")
    return manifest, payload, signers


# --- spec/envelope.md §6: the JWE --------------------------------------------------------------


def decrypt(jwe_text: bytes, keys: list) -> bytes:
    obj = strict_json(jwe_text)
    if not isinstance(obj, dict) or set(obj) != {"protected", "recipients", "iv", "ciphertext", "tag"}:
        raise Rejected("jwe", "not the General JSON Serialization")
    protected = strict_json(b64u_decode(obj["protected"]))
    if not set(protected) <= {"enc", "typ", "cty", "epk"}:
        raise Rejected("jwe", "unknown protected header member")
    if protected.get("enc") != ENC or protected.get("typ") != JWE_TYP or protected.get("cty") != JWE_CTY:
        raise Rejected("jwe", "enc, typ or cty")
    for r in obj["recipients"]:
        if set(r) != {"header", "encrypted_key"} or r["header"].get("alg") != KEY_ALG:
            raise Rejected("jwe", "recipient entry")
    for key in keys:
        for r in obj["recipients"]:
            if r["header"].get("kid") != key["kid"]:
                continue
            one = jwe.JWE()
            flat = {k: obj[k] for k in ("protected", "iv", "ciphertext", "tag")}
            flat.update(header=r["header"], encrypted_key=r["encrypted_key"])
            try:
                one.deserialize(json.dumps(flat), jwk.JWK(**key["privateKey"]))
                return one.payload
            except Exception:
                continue
    raise Rejected("decrypt", "no recipient entry opens with these keys")


def encrypt(frame: bytes, recipients: list) -> bytes:
    """JWE General JSON: protected {enc, typ, cty}; per recipient {alg, kid, epk}."""
    protected = json.dumps({"enc": ENC, "typ": JWE_TYP, "cty": JWE_CTY}, separators=(",", ":"))
    e = jwe.JWE(plaintext=frame, protected=protected)
    for r in recipients:
        e.add_recipient(jwk.JWK(**r["publicKey"]), header=json.dumps({"alg": KEY_ALG, "kid": r["kid"]}))
    out = json.loads(e.serialize(compact=False))
    if "recipients" not in out:  # jwcrypto writes the flattened form for one recipient
        out = {
            "protected": out["protected"],
            "recipients": [{"header": out["header"], "encrypted_key": out["encrypted_key"]}],
            "iv": out["iv"],
            "ciphertext": out["ciphertext"],
            "tag": out["tag"],
        }
    for r in out["recipients"]:
        r["header"]["epk"] = {k: v for k, v in r["header"]["epk"].items() if k in ("kty", "crv", "x", "y")}
    return json.dumps(out, separators=(",", ":")).encode("utf-8")


# --- spec/envelope.md §7: opening ---------------------------------------------------------------


def open_envelope(data: bytes, *, trust: dict, recipient: str, now: int, keys: list, seen: set):
    """Every check of §7 but record validation. Returns a dict with manifest, records, digest."""
    encrypted = data[:1] == b"{"
    frame = decrypt(data, keys) if encrypted else data
    jws_text, body = decode_frame(frame)
    manifest, payload, signers = verify_jws(jws_text, trust)
    if recipient not in manifest["aud"]:
        raise Rejected("audience", "aud does not name the recipient")
    if manifest["iat"] > now + CLOCK_SKEW:
        raise Rejected("issued-at", "in the future")
    if manifest["exp"] <= manifest["iat"] or manifest["exp"] - manifest["iat"] > MAX_LIFETIME:
        raise Rejected("expiry", "lifetime")
    if now >= manifest["exp"] + CLOCK_SKEW:
        raise Rejected("expiry", "expired")
    if (manifest["iss"], manifest["jti"]) in seen:
        raise Rejected("replay", "seen before")
    if digest(body) != manifest["digest"]:
        raise Rejected("content", "body digest differs from the signed digest")
    items = decode_body(body, manifest["encoding"])
    if len(items) != manifest["count"]:
        raise Rejected("content", "count")
    return {
        "manifest": manifest,
        "records": items,
        "payloadDigest": digest(payload),
        "signers": signers,
        "encrypted": encrypted,
    }


# --- spec/streams.md -----------------------------------------------------------------------------


def read_stream(data: bytes):
    """§3: header, then (u32 length, chunk)*; truncation anywhere is an error."""
    if len(data) < 5:
        raise Rejected("truncated", "no stream header")
    if data[:4] != STREAM_MAGIC:
        raise Rejected("framing", "bad magic")
    if data[4] != 1:
        raise Rejected("framing", "unknown version")
    chunks, o = [], 5
    while o < len(data):
        if o + 4 > len(data):
            raise Rejected("truncated", "inside a length")
        (n,) = struct.unpack(">I", data[o : o + 4])
        if n == 0:
            raise Rejected("framing", "zero length")
        if o + 4 + n > len(data):
            raise Rejected("truncated", "inside a chunk")
        chunks.append(data[o + 4 : o + 4 + n])
        o += 4 + n
    return chunks


def open_stream(data: bytes, *, trust: dict, recipient: str, now: int, keys: list):
    """§5: every chunk opened, then one stream, same fixed members, seq, chain, final total."""
    chunks = read_stream(data)
    first, prev, total, final, records, jtis = None, None, 0, None, [], set()
    for k, chunk in enumerate(chunks):
        if final is not None:
            raise Rejected("sequence", "a chunk after the final chunk")
        opened = open_envelope(chunk, trust=trust, recipient=recipient, now=now, keys=keys, seen=set())
        m = opened["manifest"]
        s = m.get("stream")
        if s is None:
            raise Rejected("mixed", "not a chunk")
        if first is None:
            first = opened
        else:
            if s["id"] != first["manifest"]["stream"]["id"]:
                raise Rejected("mixed", "another stream")
            for key in STREAM_FIXED:
                if m.get(key) != first["manifest"].get(key):
                    raise Rejected("mixed", f"{key} changed")
            if opened["encrypted"] != first["encrypted"]:
                raise Rejected("mixed", "encryption changed")
        if s["seq"] != k:
            raise Rejected("sequence", f"seq {s['seq']} at position {k}")
        if k > 0 and s["prev"] != prev:
            raise Rejected("chain", "prev is not the payload digest of the chunk before")
        if (m["iss"], m["jti"]) in jtis:
            raise Rejected("replay", "jti reused within the stream")
        jtis.add((m["iss"], m["jti"]))
        total += m["count"]
        records.extend(opened["records"])
        if s["final"]:
            if s["total"] != total:
                raise Rejected("count", "total differs from the sum of the counts")
            final = opened
        prev = opened["payloadDigest"]
    if final is None:
        raise Rejected("truncated", "no final chunk")
    return {
        "id": final["manifest"]["stream"]["id"],
        "chunks": len(chunks),
        "total": total,
        "digest": final["payloadDigest"],
        "records": records,
        "encrypted": final["encrypted"],
    }


# --- sealing (spec/envelope.md §3–6, spec/streams.md §2–3) -----------------------------------


def seal(fields: dict, records: list, signer: dict, *, jti: str, iat: int, lifetime: int = 86400, stream=None, encoding="msgpack"):
    """Builds manifest + body + JWS (General JSON) + frame from the spec's description.

    Returns (frame bytes, payload digest)."""
    if encoding == "msgpack":
        body = msgpack.packb(records, use_bin_type=True)
    else:
        body = json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    manifest = {"ver": "1.0", "doc": "records", **fields, "iat": iat, "exp": iat + lifetime, "jti": jti,
                "encoding": encoding, "count": len(records), "digest": digest(body)}
    if stream is not None:
        manifest["stream"] = stream
    payload = json.dumps(manifest, separators=(",", ":")).encode("utf-8")
    key = jwk.JWK(**signer["privateKey"])
    alg = "EdDSA" if signer["privateKey"]["kty"] == "OKP" else "ES256"
    header = json.dumps({"alg": alg, "typ": JWS_TYP, "kid": signer["kid"], "agency": signer["agency"]}, separators=(",", ":"))
    s = jws.JWS(payload)
    s.add_signature(key, alg=None, protected=header)
    flat = json.loads(s.serialize(compact=False))
    general = {"payload": flat["payload"], "signatures": [{"protected": flat["protected"], "signature": flat["signature"]}]}
    jws_text = json.dumps(general, separators=(",", ":")).encode("utf-8")
    return encode_frame(jws_text, body), digest(payload)


def seal_stream(fields: dict, records: list, signer: dict, *, stream_id: str, chunk_size: int, iat: int, recipients=None):
    """Cuts records into chunks of chunk_size, chains them by payload digest, frames them."""
    parts = [records[i : i + chunk_size] for i in range(0, len(records), chunk_size)] or [[]]
    out, prev, done = [STREAM_MAGIC + b"\x01"], None, 0
    for seq, part in enumerate(parts):
        final = seq == len(parts) - 1
        done += len(part)
        position = {"id": stream_id, "seq": seq}
        if prev is not None:
            position["prev"] = prev
        position["final"] = final
        if final:
            position["total"] = done
        frame, prev = seal(fields, part, signer, jti=f"{stream_id}-py-{seq:06d}", iat=iat, stream=position)
        chunk = encrypt(frame, recipients) if recipients else frame
        out.append(struct.pack(">I", len(chunk)) + chunk)
    return b"".join(out), prev
