#!/usr/bin/env python3
"""Command line of the Python interoperability check (run by test/interop/jose-python.test.ts).

    python3 interop.py verify  request.json   # open what Corridor sealed; print results as JSON
    python3 interop.py produce request.json   # seal envelopes and streams; print them as JSON

verify request:  {trust, recipient, now, keys: [{kid, privateKey}], cases: [{name, kind, data}]}
                 kind "envelope" or "stream"; data is base64url. Prints {results: [{name, ok,
                 result | rule, message}]}.
produce request: {fields, iat, records, signers: {name: {agency, kid, privateKey}}, recipients:
                 {name: [{kid, publicKey}]}, streamId, chunkSize}. Prints {envelopes: [{name,
                 kind, data, payloadDigest | streamDigest, records}]}.
"""

import json
import sys

import corridor


def verify(request):
    results = []
    for case in request["cases"]:
        data = corridor.b64u_decode(case["data"])
        common = dict(trust=request["trust"], recipient=request["recipient"], now=request["now"], keys=request["keys"])
        try:
            if case["kind"] == "stream":
                result = corridor.open_stream(data, **common)
            else:
                result = corridor.open_envelope(data, seen=set(), **common)
                result["signers"] = [list(s) for s in result["signers"]]
            results.append({"name": case["name"], "ok": True, "result": result})
        except corridor.Rejected as e:
            results.append({"name": case["name"], "ok": False, "rule": e.rule, "message": str(e)})
    return {"results": results}


def produce(request):
    fields, iat, records = request["fields"], request["iat"], request["records"]
    signers, recipients = request["signers"], request["recipients"]
    out = []

    def single(name, signer, *, encoding="msgpack", to=None, extra=None):
        f = dict(fields, **(extra or {}))
        frame, payload_digest = corridor.seal(f, records, signers[signer], jti=f"py-{name}-0000000000", iat=iat, encoding=encoding)
        data = corridor.encrypt(frame, recipients[to]) if to else frame
        out.append({"name": name, "kind": "envelope", "data": corridor.b64u_encode(data),
                    "payloadDigest": payload_digest, "records": records})

    single("eddsa-msgpack", "eddsa")
    single("eddsa-json", "eddsa", encoding="json")
    single("es256-msgpack", "es256", extra={"iss": signers["es256"]["agency"]})
    single("eddsa-encrypted-x25519-and-p256", "eddsa", to="both")
    single("es256-encrypted-p256", "es256", to="p256", extra={"iss": signers["es256"]["agency"]})
    single("eddsa-encrypted-x25519", "eddsa", to="x25519")
    for name, to in (("stream", None), ("stream-encrypted", "both")):
        data, stream_digest = corridor.seal_stream(
            fields, records, signers["eddsa"], stream_id=f"{request['streamId']}{name.replace('-', '')}",
            chunk_size=request["chunkSize"], iat=iat, recipients=recipients[to] if to else None)
        out.append({"name": name, "kind": "stream", "data": corridor.b64u_encode(data),
                    "streamDigest": stream_digest, "records": records})
    return {"envelopes": out}


def main():
    command, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        request = json.load(f)
    result = verify(request) if command == "verify" else produce(request)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
