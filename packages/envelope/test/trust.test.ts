import { describe, expect, it } from "vitest";
import {
  createTrustStore,
  loadTrustList,
  open,
  seal,
  signTrustList,
  type TrustAnchor,
  type TrustedAgencies,
  type TrustList,
} from "../src/index.js";
import {
  ANCHOR_ID,
  agencies,
  input,
  KEY_NBF,
  KEYS,
  NOW,
  NOW_MS,
  openOptions,
  publicOf,
  RECIPIENT,
  SENDER,
  signer,
} from "./_fixtures.js";
import { b64u, unb64u } from "./_tamper.js";

const ed = (label: keyof typeof KEYS, extra: Record<string, unknown> = {}) => ({
  ...(publicOf(KEYS[label]) as object),
  kid: `${label}-1`,
  use: "sig",
  nbf: KEY_NBF,
  ...extra,
});
const store = (keys: unknown[]) =>
  createTrustStore({ [SENDER]: { keys } } as unknown as TrustedAgencies);

describe("createTrustStore refuses keys it could not use safely", () => {
  const cases: [string, unknown, string, (string | number)[]][] = [
    [
      "a private key (d)",
      { ...(KEYS.grcSig as object), kid: "k", use: "sig", nbf: 0 },
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "d"],
    ],
    [
      "an RSA key",
      { kty: "RSA", n: "AQAB", e: "AQAB", kid: "k", use: "sig", nbf: 0 },
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0],
    ],
    [
      "a symmetric key",
      { kty: "oct", k: "AAAA", kid: "k", use: "sig", nbf: 0 },
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "k"],
    ],
    [
      "an Ed448 key",
      { kty: "OKP", crv: "Ed448", x: "AAAA", kid: "k", use: "sig", nbf: 0 },
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0],
    ],
    [
      "Ed25519 for encryption",
      ed("grcSig", { use: "enc" }),
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "crv"],
    ],
    [
      "X25519 for signing",
      { ...(publicOf(KEYS.deuEnc) as object), kid: "k", use: "sig", nbf: 0 },
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "crv"],
    ],
    [
      "an alg that contradicts the key",
      ed("grcSig", { alg: "ES256" }),
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "alg"],
    ],
    [
      "key_ops other than verify",
      ed("grcSig", { key_ops: ["encrypt"] }),
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "key_ops"],
    ],
    [
      "an embedded certificate chain",
      ed("grcSig", { x5c: ["MIIB"] }),
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "x5c"],
    ],
    [
      "a coordinate of the wrong length",
      ed("grcSig", { x: "AAAA" }),
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "x"],
    ],
    [
      "a non-canonical coordinate",
      ed("grcSig", { x: `${KEYS.grcSig.x}=` }),
      "ERR_TRUST_KEY_INVALID",
      ["agencies", SENDER, "keys", 0, "x"],
    ],
    [
      "no use",
      { ...(publicOf(KEYS.grcSig) as object), kid: "k", nbf: 0 },
      "ERR_TRUST_LIST_INVALID",
      ["agencies", SENDER, "keys", 0, "use"],
    ],
    [
      "no kid",
      { ...(publicOf(KEYS.grcSig) as object), use: "sig", nbf: 0 },
      "ERR_TRUST_LIST_INVALID",
      ["agencies", SENDER, "keys", 0, "kid"],
    ],
    [
      "no nbf",
      { ...(publicOf(KEYS.grcSig) as object), kid: "k", use: "sig" },
      "ERR_TRUST_LIST_INVALID",
      ["agencies", SENDER, "keys", 0, "nbf"],
    ],
    [
      "exp not after nbf",
      ed("grcSig", { exp: KEY_NBF }),
      "ERR_TRUST_LIST_INVALID",
      ["agencies", SENDER, "keys", 0, "exp"],
    ],
  ];
  for (const [name, key, code, path] of cases) {
    it(name, () => {
      let caught: unknown;
      try {
        store([key]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code, path });
    });
  }

  it("duplicate kids within an agency, and malformed agency ids", () => {
    expect(() => store([ed("grcSig"), ed("grcSig2", { kid: "grcSig-1" })])).toThrow(
      expect.objectContaining({
        code: "ERR_TRUST_LIST_INVALID",
        path: ["agencies", SENDER, "keys", 1, "kid"],
      }),
    );
    expect(() => createTrustStore({ greece: { keys: [] } } as unknown as TrustedAgencies)).toThrow(
      expect.objectContaining({
        code: "ERR_TRUST_LIST_INVALID",
        path: ["agencies", "<unknown key>"],
      }),
    );
  });

  it("a P-256 point off the curve is refused when the key is first used", async () => {
    const { x, y } = KEYS.iomSig;
    const bad = {
      kty: "EC",
      crv: "P-256",
      x,
      y: b64u(unb64u(y!).map((b, i) => (i === 31 ? b ^ 1 : b))),
      kid: "p",
      use: "sig",
      nbf: 0,
    };
    const trust = store([bad]);
    const key = trust.get(SENDER, "p")!;
    await expect(trust.cryptoKey(key)).rejects.toMatchObject({ code: "ERR_TRUST_KEY_INVALID" });
  });
});

describe("key validity and revocation are judged at the envelope's iat", () => {
  const trust = createTrustStore(agencies({ grcSig: { nbf: 100, exp: 200, revoked_at: 150 } }));
  const at = (t: number) => trust.checkSigningKey(SENDER, "grc-sig-1", "EdDSA", t);
  it("window [nbf, exp) and revocation at revoked_at", () => {
    expect(at(99)).toMatchObject({ ok: false, code: "ERR_ENVELOPE_KEY_NOT_VALID" });
    expect(at(100).ok).toBe(true);
    expect(at(149).ok).toBe(true);
    expect(at(150)).toMatchObject({ ok: false, code: "ERR_ENVELOPE_KEY_REVOKED" });
    expect(at(199)).toMatchObject({ ok: false, code: "ERR_ENVELOPE_KEY_REVOKED" });
  });
  it("unknown kid, unknown agency, wrong algorithm", () => {
    expect(trust.checkSigningKey(SENDER, "nope", "EdDSA", 120)).toMatchObject({
      code: "ERR_ENVELOPE_SIGNER_UNKNOWN",
    });
    expect(trust.checkSigningKey("ESP.police", "grc-sig-1", "EdDSA", 120)).toMatchObject({
      code: "ERR_ENVELOPE_SIGNER_UNKNOWN",
    });
    expect(trust.checkSigningKey(SENDER, "grc-sig-1", "ES256", 120)).toMatchObject({
      code: "ERR_ENVELOPE_KEY_NOT_VALID",
    });
    expect(trust.checkSigningKey(RECIPIENT, "deu-enc-1", "EdDSA", NOW)).toMatchObject({
      code: "ERR_ENVELOPE_KEY_NOT_VALID",
    });
  });
  it("encryption keys for a time, both during a rollover", () => {
    const rollover = createTrustStore({
      [RECIPIENT]: {
        keys: [
          { ...(publicOf(KEYS.deuEnc) as object), kid: "old", use: "enc", nbf: 0, exp: 1000 },
          { ...(publicOf(KEYS.deuEncP256) as object), kid: "new", use: "enc", nbf: 900 },
        ],
      },
    } as unknown as TrustedAgencies);
    expect(rollover.encryptionKeys(RECIPIENT, 500).map((k) => k.kid)).toEqual(["old"]);
    expect(rollover.encryptionKeys(RECIPIENT, 950).map((k) => k.kid)).toEqual(["old", "new"]);
    expect(rollover.recipientKeys([RECIPIENT], 1000).map((k) => k.kid)).toEqual(["new"]);
    expect(() => rollover.recipientKeys(["ITA.interior"], 1000)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }),
    );
  });
});

describe("signed trust lists", () => {
  const anchor: TrustAnchor = { id: ANCHOR_ID, kid: "fed-1", jwk: publicOf(KEYS.anchor) };
  const anchorSigner = { id: ANCHOR_ID, kid: "fed-1", privateKey: KEYS.anchor };
  const list: TrustList = {
    ver: "1.0",
    doc: "trust-list",
    iss: ANCHOR_ID,
    seq: 7,
    iat: NOW - 3600,
    exp: NOW + 86_400,
    agencies: agencies(),
  };
  const load = (bytes: Uint8Array | string, extra: Record<string, unknown> = {}) =>
    loadTrustList(bytes, { anchors: [anchor], now: NOW_MS, ...extra });

  it("round-trips, and the loaded store opens envelopes", async () => {
    const signed = await signTrustList(list, anchorSigner);
    const trust = await load(signed);
    expect(trust.list).toEqual({
      issuer: ANCHOR_ID,
      sequence: 7,
      issuedAt: NOW - 3600,
      expiresAt: NOW + 86_400,
    });
    expect(trust.agencies()).toContain(SENDER);
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const opened = await open(sealed.envelope, openOptions({ trust }));
    expect(opened.records).toHaveLength(2);
  });

  it("the signed document is a standard JWS (typ corridor-trust-list+jws) over the list's JSON", async () => {
    const signed = JSON.parse(Buffer.from(await signTrustList(list, anchorSigner)).toString());
    const header = JSON.parse(unb64u(signed.signatures[0].protected).toString());
    expect(header).toEqual({
      alg: "EdDSA",
      typ: "corridor-trust-list+jws",
      kid: "fed-1",
      agency: ANCHOR_ID,
    });
    expect(JSON.parse(unb64u(signed.payload).toString())).toEqual(list);
  });

  it("refuses a changed list, an unknown anchor, a stale list, a rollback", async () => {
    const signed = JSON.parse(Buffer.from(await signTrustList(list, anchorSigner)).toString());
    const changed = { ...signed, payload: b64u(JSON.stringify({ ...list, seq: 8 })) };
    await expect(load(JSON.stringify(changed))).rejects.toMatchObject({
      code: "ERR_ENVELOPE_SIGNATURE_INVALID",
    });
    await expect(
      loadTrustList(JSON.stringify(signed), {
        anchors: [{ ...anchor, kid: "fed-2" }],
        now: NOW_MS,
      }),
    ).rejects.toMatchObject({ code: "ERR_ENVELOPE_SIGNER_UNKNOWN" });
    await expect(
      load(JSON.stringify(signed), { now: (NOW + 86_400 + 300) * 1000 }),
    ).rejects.toMatchObject({ code: "ERR_TRUST_LIST_EXPIRED" });
    await expect(
      load(JSON.stringify(signed), { now: (NOW - 3600 - 301) * 1000 }),
    ).rejects.toMatchObject({ code: "ERR_TRUST_LIST_EXPIRED" });
    await expect(load(JSON.stringify(signed), { minSequence: 8 })).rejects.toMatchObject({
      code: "ERR_TRUST_LIST_ROLLBACK",
    });
    await expect(load(JSON.stringify(signed), { minSequence: 7 })).resolves.toBeDefined();
  });

  it("refuses a list signed by an anchor that is not its issuer", async () => {
    const other = { ...list, iss: "INT.other-federation" };
    const signed = await signTrustList(other, { ...anchorSigner, id: "INT.other-federation" });
    await expect(
      loadTrustList(signed, {
        anchors: [anchor, { ...anchor, id: "INT.other-federation" }],
        now: NOW_MS,
      }),
    ).resolves.toBeDefined();
    const forged = JSON.parse(Buffer.from(signed).toString());
    // re-label the signature as the configured anchor's: the header is signed, so it no longer verifies
    const header = JSON.parse(unb64u(forged.signatures[0].protected).toString());
    forged.signatures[0].protected = b64u(JSON.stringify({ ...header, agency: ANCHOR_ID }));
    await expect(load(JSON.stringify(forged))).rejects.toMatchObject({
      code: "ERR_ENVELOPE_SIGNATURE_INVALID",
    });
  });

  it("refuses strict-JSON violations and bad content in the list", async () => {
    const signed = Buffer.from(await signTrustList(list, anchorSigner)).toString();
    await expect(
      load(signed.replace('{"payload":', '{"payload":"e30","payload":')),
    ).rejects.toMatchObject({ code: "ERR_ENVELOPE_DUPLICATE_KEY" });
    await expect(signTrustList({ ...list, seq: -1 }, anchorSigner)).rejects.toMatchObject({
      code: "ERR_TRUST_LIST_INVALID",
      path: ["seq"],
    });
    const withPrivate = {
      ...list,
      agencies: {
        [SENDER]: { keys: [{ ...(KEYS.grcSig as object), kid: "k", use: "sig", nbf: 0 }] },
      },
    } as unknown as TrustList;
    await expect(signTrustList(withPrivate, anchorSigner)).rejects.toMatchObject({
      code: "ERR_TRUST_KEY_INVALID",
    });
    await expect(
      signTrustList(list, { ...anchorSigner, id: "INT.someone-else" }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_ARGUMENT" });
  });

  it("refuses a trust list whose JWS header breaks the profile (typ of an envelope)", async () => {
    const signed = JSON.parse(Buffer.from(await signTrustList(list, anchorSigner)).toString());
    const header = JSON.parse(unb64u(signed.signatures[0].protected).toString());
    signed.signatures[0].protected = b64u(
      JSON.stringify({ ...header, typ: "corridor-envelope+jws" }),
    );
    await expect(load(JSON.stringify(signed))).rejects.toMatchObject({
      code: "ERR_ENVELOPE_TYPE_MISMATCH",
    });
  });
});
