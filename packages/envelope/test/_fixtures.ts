/**
 * Fixed keys, agencies, times and records shared by the envelope tests. Keys are derived from
 * fixed seeds with node:crypto (independent of the code under test), so every Ed25519 envelope
 * built from them is reproducible byte for byte.
 */
import { createECDH, createHash, createPrivateKey } from "node:crypto";
import type { SharedRecord } from "@corridor/schema";
import {
  createTrustStore,
  type DecryptionKey,
  MemoryReplayStore,
  type OpenOptions,
  type RecordsInput,
  type SignerKey,
  type TrustedAgencies,
} from "../src/index.js";

export const NOW = 1_750_000_000; // 2025-06-15T15:06:40Z
export const NOW_MS = NOW * 1000;
export const KEY_NBF = 1_700_000_000;

const seed = (label: string) => createHash("sha256").update(`corridor-test-key:${label}`).digest();
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

function okpPrivateJwk(label: string, crv: "Ed25519" | "X25519"): JsonWebKey {
  const prefix =
    crv === "Ed25519" ? "302e020100300506032b657004220420" : "302e020100300506032b656e04220420";
  const der = Buffer.concat([Buffer.from(prefix, "hex"), seed(label)]);
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({
    format: "jwk",
  }) as JsonWebKey;
}

function p256PrivateJwk(label: string): JsonWebKey {
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(seed(label));
  const pub = ecdh.getPublicKey();
  return {
    kty: "EC",
    crv: "P-256",
    x: b64u(pub.subarray(1, 33)),
    y: b64u(pub.subarray(33, 65)),
    d: b64u(seed(label)),
  };
}

export function publicOf(jwk: JsonWebKey): JsonWebKey {
  const { d: _d, ...pub } = jwk;
  return pub;
}

export const KEYS = {
  /** Sender, Greece: Ed25519. */
  grcSig: okpPrivateJwk("grc-sig", "Ed25519"),
  /** Sender's second key (rollover). */
  grcSig2: okpPrivateJwk("grc-sig-2", "Ed25519"),
  /** Notary, IOM: ES256. */
  iomSig: p256PrivateJwk("iom-sig"),
  /** Recipient, Germany: X25519 and P-256 encryption keys. */
  deuEnc: okpPrivateJwk("deu-enc", "X25519"),
  deuEncP256: p256PrivateJwk("deu-enc-p256"),
  /** Recipient, Germany: Ed25519 signing key (for answers). */
  deuSig: okpPrivateJwk("deu-sig", "Ed25519"),
  /** Another agency, Italy: encryption key. */
  itaEnc: okpPrivateJwk("ita-enc", "X25519"),
  /** Federation trust anchor: Ed25519. */
  anchor: okpPrivateJwk("federation-anchor", "Ed25519"),
  /** A key nobody trusts. */
  stranger: okpPrivateJwk("stranger", "Ed25519"),
} as const;

export const SENDER = "GRC.asylum-service";
export const RECIPIENT = "DEU.bamf";
export const NOTARY = "INT.iom";
export const OTHER = "ITA.interior";
export const ANCHOR_ID = "INT.corridor-federation";

export const signer: SignerKey = { agency: SENDER, kid: "grc-sig-1", privateKey: KEYS.grcSig };
export const notary: SignerKey = { agency: NOTARY, kid: "iom-sig-1", privateKey: KEYS.iomSig };

export function agencies(
  overrides: { grcSig?: Partial<Record<string, unknown>> } = {},
): TrustedAgencies {
  return {
    [SENDER]: {
      keys: [
        {
          ...(publicOf(KEYS.grcSig) as object),
          kid: "grc-sig-1",
          use: "sig",
          nbf: KEY_NBF,
          ...overrides.grcSig,
        },
        { ...(publicOf(KEYS.grcSig2) as object), kid: "grc-sig-2", use: "sig", nbf: KEY_NBF },
      ],
    },
    [NOTARY]: {
      keys: [{ ...(publicOf(KEYS.iomSig) as object), kid: "iom-sig-1", use: "sig", nbf: KEY_NBF }],
    },
    [RECIPIENT]: {
      keys: [
        { ...(publicOf(KEYS.deuEnc) as object), kid: "deu-enc-1", use: "enc", nbf: KEY_NBF },
        { ...(publicOf(KEYS.deuEncP256) as object), kid: "deu-enc-2", use: "enc", nbf: KEY_NBF },
        { ...(publicOf(KEYS.deuSig) as object), kid: "deu-sig-1", use: "sig", nbf: KEY_NBF },
      ],
    },
    [OTHER]: {
      keys: [{ ...(publicOf(KEYS.itaEnc) as object), kid: "ita-enc-1", use: "enc", nbf: KEY_NBF }],
    },
  } as unknown as TrustedAgencies;
}

export const trust = createTrustStore(agencies());

export const deuKeys: DecryptionKey[] = [
  { kid: "deu-enc-1", privateKey: KEYS.deuEnc },
  { kid: "deu-enc-2", privateKey: KEYS.deuEncP256 },
];

/** Pseudonym values: 32 bytes in base64url. */
const pseudo = (n: number) =>
  `hmac-sha256:3:${b64u(createHash("sha256").update(`p${n}`).digest())}`;

/** A small valid shared record (an asylum application). */
export function record(n: number): SharedRecord {
  return {
    schemaVersion: "1.0",
    recordId: `GRC-2025-${String(n).padStart(6, "0")}`,
    kind: "entry",
    agency: SENDER,
    eventDate: "2025-05-01",
    person: {
      pseudonyms: {
        documents: [{ type: "passport", issuingCountry: "SYR", pseudonym: pseudo(n) }],
        linkageKeys: [pseudo(n + 1_000_000)],
      },
      attributes: { citizenship: ["SYR"], sex: n % 2 === 0 ? "F" : "M", age: 20 + (n % 40) },
    },
    details: { outcome: "admitted", border: { country: "GRC", type: "sea" } },
  } as SharedRecord;
}

export const AGREEMENT_DIGEST = `sha256:${b64u(createHash("sha256").update("agreement GRC-DEU-2025-01 v1").digest())}`;

export function input(
  records: readonly unknown[] = [record(1), record(2)],
  extra: Partial<RecordsInput> = {},
): RecordsInput {
  return {
    iss: SENDER,
    aud: [RECIPIENT],
    agreement: { id: "GRC-DEU-2025-01", version: 1, digest: AGREEMENT_DIGEST },
    purpose: "asylum-procedure",
    legalBasis: "eu-2024-1351-art-45",
    pseudonymization: { scheme: "hmac-sha256", epoch: 3 },
    records,
    jti: "test-jti-0000000001",
    ...extra,
  };
}

export function openOptions(extra: Partial<OpenOptions> = {}): OpenOptions {
  return {
    trust,
    replay: new MemoryReplayStore({ now: NOW_MS }),
    recipient: RECIPIENT,
    decryptionKeys: deuKeys,
    now: NOW_MS,
    ...extra,
  };
}
