import fc from "fast-check";
import { GeneralEncrypt, generalDecrypt, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { isCanonicalX25519 } from "../src/decrypt.js";
import { decrypt, encrypt, inspect, open, safeOpen, seal } from "../src/index.js";
import {
  deuKeys,
  input,
  KEYS,
  NOW,
  NOW_MS,
  OTHER,
  openOptions,
  publicOf,
  RECIPIENT,
  record,
  signer,
  trust,
} from "./_fixtures.js";
import { unb64u } from "./_tamper.js";

const toDeu = () => trust.recipientKeys([RECIPIENT], NOW);

describe("sign, then encrypt to every recipient", () => {
  it("opens with either of the recipient's keys (X25519, P-256), with the same payload digest", async () => {
    const plain = await seal(input(), { signer, now: NOW_MS });
    const sealed = await seal(input(), { signer, now: NOW_MS, encryptTo: toDeu() });
    expect(sealed.encrypted).toBe(true);
    for (const key of deuKeys) {
      const opened = await open(
        sealed.envelope,
        openOptions({ decryptionKeys: [key], requireEncryption: true }),
      );
      expect(opened.encrypted).toBe(true);
      expect(opened.decryptedWith).toBe(key.kid);
      expect(opened.payloadDigest).toBe(plain.payloadDigest);
      expect(opened.records).toEqual([record(1), record(2)]);
    }
  });

  it("writes the profile: protected {enc, typ, cty}, per recipient {alg, kid}, 12-byte iv, 16-byte tag", async () => {
    const jwe = JSON.parse(
      Buffer.from(
        (await seal(input(), { signer, now: NOW_MS, encryptTo: toDeu() })).envelope,
      ).toString(),
    );
    expect(Object.keys(jwe).sort()).toEqual(["ciphertext", "iv", "protected", "recipients", "tag"]);
    expect(JSON.parse(unb64u(jwe.protected).toString())).toEqual({
      enc: "A256GCM",
      typ: "corridor-envelope+jwe",
      cty: "corridor-envelope",
    });
    expect(
      jwe.recipients.map((r: { header: { alg: string; kid: string } }) => [
        r.header.alg,
        r.header.kid,
      ]),
    ).toEqual([
      ["ECDH-ES+A256KW", "deu-enc-1"],
      ["ECDH-ES+A256KW", "deu-enc-2"],
    ]);
    expect(
      jwe.recipients.every((r: { header: { epk: unknown } }) => r.header.epk !== undefined),
    ).toBe(true);
    expect(unb64u(jwe.iv)).toHaveLength(12);
    expect(unb64u(jwe.tag)).toHaveLength(16);
    expect(await inspect(new Uint8Array(Buffer.from(JSON.stringify(jwe))))).toEqual({
      kind: "encrypted",
      recipients: ["deu-enc-1", "deu-enc-2"],
    });
  });

  it("another JOSE implementation (jose) decrypts it, and Corridor decrypts what jose encrypts", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS, encryptTo: toDeu() });
    const jwe = JSON.parse(Buffer.from(sealed.envelope).toString());
    const byJose = await generalDecrypt(jwe, await importJWK(KEYS.deuEnc, "ECDH-ES+A256KW"));
    const plain = await seal(input(), { signer, now: NOW_MS });
    expect(Buffer.from(byJose.plaintext).equals(Buffer.from(plain.envelope))).toBe(true);

    const other = await new GeneralEncrypt(plain.envelope)
      .setProtectedHeader({
        enc: "A256GCM",
        typ: "corridor-envelope+jwe",
        cty: "corridor-envelope",
      })
      .addRecipient(await importJWK(publicOf(KEYS.deuEncP256), "ECDH-ES+A256KW"))
      .setUnprotectedHeader({ alg: "ECDH-ES+A256KW", kid: "deu-enc-2" })
      .addRecipient(await importJWK(publicOf(KEYS.itaEnc), "ECDH-ES+A256KW"))
      .setUnprotectedHeader({ alg: "ECDH-ES+A256KW", kid: "ita-enc-1" })
      .encrypt();
    const { envelope, kid } = await decrypt(new Uint8Array(Buffer.from(JSON.stringify(other))), {
      keys: deuKeys,
    });
    expect(kid).toBe("deu-enc-2");
    expect(Buffer.from(envelope).equals(Buffer.from(plain.envelope))).toBe(true);
  });

  it("jose and Corridor agree for each curve and for one recipient (epk in the protected header)", async () => {
    const plain = await seal(input(), { signer, now: NOW_MS });
    const cases = [
      { kid: "deu-enc-1", priv: KEYS.deuEnc },
      { kid: "deu-enc-2", priv: KEYS.deuEncP256 },
    ];
    for (const { kid, priv } of cases) {
      const ours = await encrypt(plain.envelope, {
        recipients: [{ kid, publicKey: publicOf(priv) }],
      });
      const jwe = JSON.parse(Buffer.from(ours).toString());
      expect(JSON.parse(unb64u(jwe.protected).toString()).epk).toBeDefined();
      expect(jwe.recipients[0].header.epk).toBeUndefined();
      const byJose = await generalDecrypt(jwe, await importJWK(priv, "ECDH-ES+A256KW"));
      expect(Buffer.from(byJose.plaintext).equals(Buffer.from(plain.envelope))).toBe(true);
      const theirs = await new GeneralEncrypt(plain.envelope)
        .setProtectedHeader({
          enc: "A256GCM",
          typ: "corridor-envelope+jwe",
          cty: "corridor-envelope",
        })
        .addRecipient(await importJWK(publicOf(priv), "ECDH-ES+A256KW"))
        .setUnprotectedHeader({ alg: "ECDH-ES+A256KW", kid })
        .encrypt();
      const opened = await decrypt(new Uint8Array(Buffer.from(JSON.stringify(theirs))), {
        keys: deuKeys,
      });
      expect(opened.kid).toBe(kid);
      expect(Buffer.from(opened.envelope).equals(Buffer.from(plain.envelope))).toBe(true);
    }
  });

  it("each recipient in aud opens its copy; a recipient outside aud cannot, even holding a decryptable copy", async () => {
    const both = await seal(input([record(1)], { aud: [RECIPIENT, OTHER] }), {
      signer,
      now: NOW_MS,
      encryptTo: trust.recipientKeys([RECIPIENT, OTHER], NOW),
    });
    const ita = [{ kid: "ita-enc-1", privateKey: KEYS.itaEnc }];
    expect(
      (await open(both.envelope, openOptions({ recipient: OTHER, decryptionKeys: ita }))).records,
    ).toHaveLength(1);
    expect((await open(both.envelope, openOptions())).records).toHaveLength(1);

    // DEU decrypts its envelope and re-encrypts it to ITA: ITA must refuse it
    const forDeu = await seal(input([record(1)]), { signer, now: NOW_MS, encryptTo: toDeu() });
    const inner = (await decrypt(forDeu.envelope, { keys: deuKeys })).envelope;
    const forwarded = await encrypt(inner, {
      recipients: [{ kid: "ita-enc-1", publicKey: publicOf(KEYS.itaEnc) }],
    });
    const result = await safeOpen(
      forwarded,
      openOptions({ recipient: OTHER, decryptionKeys: ita }),
    );
    expect(result.success ? [] : result.failures.map((f) => f.code)).toEqual([
      "ERR_ENVELOPE_AUDIENCE_MISMATCH",
    ]);
  });

  it("fails without keys, with someone else's keys, and on a changed tag", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS, encryptTo: toDeu() });
    const none = await safeOpen(sealed.envelope, openOptions({ decryptionKeys: [] }));
    expect(none.success ? [] : none.failures.map((f) => f.code)).toEqual([
      "ERR_ENVELOPE_DECRYPTION_FAILED",
    ]);
    await expect(
      decrypt(sealed.envelope, { keys: [{ kid: "deu-enc-1", privateKey: KEYS.itaEnc }] }),
    ).rejects.toMatchObject({
      code: "ERR_ENVELOPE_DECRYPTION_FAILED",
    });
    const jwe = JSON.parse(Buffer.from(sealed.envelope).toString());
    const tag = unb64u(jwe.tag);
    tag[0]! ^= 0x80;
    jwe.tag = tag.toString("base64url");
    await expect(
      decrypt(new Uint8Array(Buffer.from(JSON.stringify(jwe))), { keys: deuKeys }),
    ).rejects.toMatchObject({
      code: "ERR_ENVELOPE_DECRYPTION_FAILED",
    });
  });

  it("refuses an epk in both headers, and a protected epk shared by several recipients", async () => {
    const single = JSON.parse(
      Buffer.from(
        (await seal(input(), { signer, now: NOW_MS, encryptTo: [toDeu()[0]!] })).envelope,
      ).toString(),
    );
    const epk = JSON.parse(unb64u(single.protected).toString()).epk;
    expect(epk).toBeDefined(); // one recipient: jose puts epk in the protected header
    single.recipients[0].header.epk = epk;
    await expect(
      decrypt(new Uint8Array(Buffer.from(JSON.stringify(single))), { keys: deuKeys }),
    ).rejects.toMatchObject({
      code: "ERR_ENVELOPE_HEADER_INVALID",
    });
    const multi = JSON.parse(
      Buffer.from(
        (await seal(input(), { signer, now: NOW_MS, encryptTo: toDeu() })).envelope,
      ).toString(),
    );
    const header = JSON.parse(unb64u(multi.protected).toString());
    multi.protected = Buffer.from(
      JSON.stringify({ ...header, epk: multi.recipients[0].header.epk }),
    ).toString("base64url");
    await expect(
      decrypt(new Uint8Array(Buffer.from(JSON.stringify(multi))), { keys: deuKeys }),
    ).rejects.toMatchObject({
      code: "ERR_ENVELOPE_HEADER_INVALID",
      path: ["jwe", "protected", "epk"],
    });
  });

  it("refuses bad recipient keys when encrypting", async () => {
    const plain = (await seal(input(), { signer, now: NOW_MS })).envelope;
    await expect(
      encrypt(plain, { recipients: [{ kid: "k", publicKey: publicOf(KEYS.grcSig) }] }),
    ).rejects.toMatchObject({
      code: "ERR_TRUST_KEY_INVALID",
    });
    await expect(
      encrypt(plain, { recipients: [{ kid: "k", publicKey: KEYS.deuEnc }] }),
    ).rejects.toMatchObject({
      code: "ERR_TRUST_KEY_INVALID",
    });
    await expect(encrypt(new Uint8Array([1, 2, 3]), { recipients: toDeu() })).rejects.toMatchObject(
      { code: "ERR_INVALID_ARGUMENT" },
    );
  });
});

describe("X25519 ephemeral keys must be canonical (RFC 7748 §5)", () => {
  const P = (1n << 255n) - 19n;
  const le = (n: bigint) => {
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
    return out;
  };

  it("isCanonicalX25519: top bit clear and u < 2^255 - 19, checked against bigint arithmetic", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
          fc.bigInt({ min: P - 40n, max: P + 40n }),
          fc.bigInt({ min: (1n << 255n) - 40n, max: (1n << 255n) + 40n }),
        ),
        (u) => {
          expect(isCanonicalX25519(le(u))).toBe(u < P);
        },
      ),
    );
    expect(isCanonicalX25519(new Uint8Array(31))).toBe(false);
  });

  it("refuses a recipient epk.x with the top bit flipped (X25519 would ignore that bit)", async () => {
    const sealed = await seal(input(), { signer, now: NOW_MS, encryptTo: toDeu() });
    const jwe = JSON.parse(Buffer.from(sealed.envelope).toString());
    // two recipients: each epk is in its own (unprotected) recipient header, outside the AAD
    const entry = jwe.recipients.find(
      (r: { header: { kid: string } }) => r.header.kid === "deu-enc-1",
    );
    const x = unb64u(entry.header.epk.x);
    expect(x[31]! & 0x80).toBe(0);
    x[31] = x[31]! | 0x80;
    entry.header.epk.x = x.toString("base64url");
    const tampered = new Uint8Array(Buffer.from(JSON.stringify(jwe)));
    const x25519Key = deuKeys.filter((k) => k.kid === "deu-enc-1");
    const failed = await decrypt(tampered, { keys: x25519Key }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toMatchObject({
      code: "ERR_ENVELOPE_DECRYPTION_FAILED",
      cause: { code: "ERR_ENVELOPE_HEADER_INVALID" },
    });
    await expect(open(tampered, openOptions({ decryptionKeys: x25519Key }))).rejects.toMatchObject({
      code: "ERR_ENVELOPE_DECRYPTION_FAILED",
    });
    // the untouched JWE still opens with that key
    await expect(decrypt(sealed.envelope, { keys: x25519Key })).resolves.toMatchObject({
      kid: "deu-enc-1",
    });
  });
});
