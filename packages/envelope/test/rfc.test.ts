/**
 * Examples from the RFCs, reproduced through Corridor's JWS layer where they apply. Values are
 * copied from the RFC text (section in each title). Ed25519 is deterministic, so RFC 8037's
 * signature is re-created byte for byte; ECDSA examples can only be verified.
 */
import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import { decodeBase64url, encodeBase64url } from "../src/codec/index.js";
import {
  checkProtectedHeader,
  readGeneralJws,
  signBytes,
  signingInput,
  verifySignatureBytes,
} from "../src/lib/jws.js";
import { checkPublicJwk, importPublicKey, importSigningKey } from "../src/lib/keys.js";

const ENVELOPE_PROFILE = { typ: "corridor-envelope+jws", agency: true } as const;

describe("RFC 8037 Appendix A (Ed25519)", () => {
  // A.1: the key
  const jwk = {
    kty: "OKP",
    crv: "Ed25519",
    d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  };
  // A.4: header, payload, signature
  const protectedB64 = "eyJhbGciOiJFZERTQSJ9";
  const payloadB64 = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
  const signatureB64 =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

  it("A.3: the JWK thumbprint (Corridor's default kid)", async () => {
    expect(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x })).toBe(
      "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
    );
  });

  it("A.4: signing reproduces the signature byte for byte", async () => {
    expect(encodeBase64url(new TextEncoder().encode('{"alg":"EdDSA"}'))).toBe(protectedB64);
    expect(encodeBase64url(new TextEncoder().encode("Example of Ed25519 signing"))).toBe(
      payloadB64,
    );
    const { key, alg } = await importSigningKey(jwk, ["key"]);
    expect(alg).toBe("EdDSA");
    const signature = await signBytes(alg, key, signingInput(protectedB64, payloadB64));
    expect(encodeBase64url(signature)).toBe(signatureB64);
  });

  it("A.5: verification succeeds, and fails for any changed byte", async () => {
    const { jwk: pub, alg } = checkPublicJwk({ kty: "OKP", crv: "Ed25519", x: jwk.x }, "sig");
    const key = await importPublicKey(pub, alg);
    const input = signingInput(protectedB64, payloadB64);
    const signature = decodeBase64url(signatureB64);
    expect(await verifySignatureBytes("EdDSA", key, input, signature)).toBe(true);
    for (const i of [0, 31, 32, 63]) {
      const changed = new Uint8Array(signature);
      changed[i]! ^= 1;
      expect(await verifySignatureBytes("EdDSA", key, input, changed)).toBe(false);
    }
    const changedInput = signingInput(protectedB64, "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmd");
    expect(await verifySignatureBytes("EdDSA", key, changedInput, signature)).toBe(false);
  });

  it("the example's header lacks what Corridor requires (kid, typ, agency)", () => {
    const { problems } = checkProtectedHeader(protectedB64, false, ENVELOPE_PROFILE, []);
    expect(problems.map((p) => [p.code, p.path.join(".")])).toEqual([
      ["ERR_ENVELOPE_TYPE_MISMATCH", "protected.typ"],
      ["ERR_ENVELOPE_HEADER_INVALID", "protected.kid"],
      ["ERR_ENVELOPE_HEADER_INVALID", "protected.agency"],
    ]);
  });
});

describe("RFC 7515 Appendix A.3 and A.6 (ES256, General JSON Serialization)", () => {
  // A.3.1: the P-256 key
  const pub = {
    kty: "EC",
    crv: "P-256",
    x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
  };
  const payload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
  const es256 =
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
  // A.6.4: the complete General JSON Serialization
  const general = {
    payload,
    signatures: [
      {
        protected: "eyJhbGciOiJSUzI1NiJ9",
        header: { kid: "2010-12-29" },
        signature:
          "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw",
      },
      {
        protected: "eyJhbGciOiJFUzI1NiJ9",
        header: { kid: "e9bc097a-ce51-4036-9562-d2ade882db0d" },
        signature: es256,
      },
    ],
  };

  it("A.3: the ES256 signature verifies; a changed payload does not", async () => {
    const { jwk, alg } = checkPublicJwk(pub, "sig");
    const key = await importPublicKey(jwk, alg);
    expect(
      await verifySignatureBytes(
        "ES256",
        key,
        signingInput("eyJhbGciOiJFUzI1NiJ9", payload),
        decodeBase64url(es256),
      ),
    ).toBe(true);
    expect(
      await verifySignatureBytes(
        "ES256",
        key,
        signingInput("eyJhbGciOiJFUzI1NiJ9", `${payload}A`),
        decodeBase64url(es256),
      ),
    ).toBe(false);
  });

  it("A.6: the General JSON structure is read; each signature gets its own verdict", () => {
    const jws = readGeneralJws(general, 8);
    expect(jws.signatures).toHaveLength(2);
    const verdicts = jws.signatures.map((s, i) =>
      checkProtectedHeader(s.protected, s.hasUnprotectedHeader, ENVELOPE_PROFILE, [
        "signatures",
        i,
      ]).problems.map((p) => p.code),
    );
    // RS256 is outside the allow-list; both put kid in the unprotected header, which Corridor refuses
    expect(verdicts[0]).toContain("ERR_ENVELOPE_ALG_NOT_ALLOWED");
    expect(verdicts[0]).toContain("ERR_ENVELOPE_HEADER_INVALID");
    expect(verdicts[1]).not.toContain("ERR_ENVELOPE_ALG_NOT_ALLOWED");
    expect(verdicts[1]).toContain("ERR_ENVELOPE_HEADER_INVALID");
  });
});

describe("RFC 7520 §4 (JWS examples): outside Corridor's profile, and refused for the right reason", () => {
  const payload = encodeBase64url(
    new TextEncoder().encode(
      "It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't keep your feet, there\u2019s no knowing where you might be swept off to.",
    ),
  );
  it("the payload of §4 (Figure 72) encodes as the RFC shows", () => {
    expect(payload.slice(0, 40)).toBe("SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBG");
    expect(payload.endsWith("IHN3ZXB0IG9mZiB0by4")).toBe(true);
  });

  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "§4.1 RSA v1.5 (RS256)",
      {
        protected: "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9",
        signature:
          "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg",
      },
      ["ERR_ENVELOPE_ALG_NOT_ALLOWED"],
    ],
    [
      "§4.3 ECDSA P-521 (ES512)",
      {
        protected: "eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9",
        signature:
          "AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2",
      },
      ["ERR_ENVELOPE_ALG_NOT_ALLOWED"],
    ],
    [
      "§4.4 HMAC-SHA2 (HS256)",
      {
        protected:
          "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9",
        signature: "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0",
      },
      ["ERR_ENVELOPE_ALG_NOT_ALLOWED"],
    ],
    [
      "§4.6 protecting specific header fields (kid unprotected)",
      {
        protected: "eyJhbGciOiJIUzI1NiJ9",
        header: { kid: "018c0ae5-4d9b-471b-bfd6-eef314bc7037" },
        signature: "bWUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr20",
      },
      ["ERR_ENVELOPE_HEADER_INVALID", "ERR_ENVELOPE_ALG_NOT_ALLOWED"],
    ],
  ];
  for (const [title, signature, expected] of cases) {
    it(title, () => {
      const jws = readGeneralJws({ payload, signatures: [signature] }, 8);
      const s = jws.signatures[0]!;
      const { header, problems } = checkProtectedHeader(
        s.protected,
        s.hasUnprotectedHeader,
        ENVELOPE_PROFILE,
        [],
      );
      expect(header).toBeUndefined();
      for (const code of expected) expect(problems.map((p) => p.code)).toContain(code);
    });
  }

  it("§4.7 protecting content only (no protected header): not even read", () => {
    expect(() =>
      readGeneralJws(
        {
          payload,
          signatures: [
            {
              header: { alg: "HS256", kid: "018c0ae5-4d9b-471b-bfd6-eef314bc7037" },
              signature: "xuLifqLGiblpv9zBpuZczWhNj1gARaLV3UxvxhJxZuk",
            },
          ],
        },
        8,
      ),
    ).toThrow(
      expect.objectContaining({
        code: "ERR_ENVELOPE_MALFORMED",
        path: ["jws", "signatures", 0, "protected"],
      }),
    );
  });
});
