import { describe, expect, it } from "vitest";
import { createTrustStore, generateKeyPair, MemoryReplayStore, open, seal } from "../src/index.js";
import { input, RECIPIENT, SENDER } from "./_fixtures.js";

describe("generateKeyPair", () => {
  it("gives a public JWK a trust store takes as it is (plus nbf), and a key that seals", async () => {
    const now = 1_750_000_000_000;
    const pair = await generateKeyPair("Ed25519");
    expect(pair.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", use: "sig", kid: pair.kid });
    expect("d" in pair.publicJwk).toBe(false);
    const trust = createTrustStore({
      [SENDER]: { keys: [{ ...pair.publicJwk, nbf: now / 1000 - 60 }] },
    });
    const sealed = await seal(input(), {
      signer: { agency: SENDER, kid: pair.kid, privateKey: pair.privateJwk },
      now,
    });
    const opened = await open(sealed.envelope, {
      trust,
      replay: new MemoryReplayStore({ now }),
      recipient: RECIPIENT,
      now,
    });
    expect(opened.records).toHaveLength(2);
  });

  it("makes P-256 keys with both coordinates and encryption keys with use enc", async () => {
    const sig = await generateKeyPair("P-256-sig");
    expect(sig.publicJwk).toMatchObject({ kty: "EC", crv: "P-256", use: "sig" });
    expect(typeof sig.publicJwk.y).toBe("string");
    const enc = await generateKeyPair("X25519");
    expect(enc.publicJwk).toMatchObject({ kty: "OKP", crv: "X25519", use: "enc" });
    expect(enc.publicJwk.y).toBeUndefined();
  });
});
