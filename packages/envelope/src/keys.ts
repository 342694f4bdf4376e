import { calculateJwkThumbprint, exportJWK, generateKeyPair as joseGenerateKeyPair } from "jose";
import { invalidArgument } from "./lib/fail.js";
import type { TrustedJwk } from "./trust-store.js";

/** A public JWK as generated: everything a trust store entry needs but its validity window. */
export type GeneratedPublicJwk = Pick<TrustedJwk, "kty" | "crv" | "x" | "y" | "kid" | "use">;

/** A freshly generated key pair, ready for a trust list and for `seal` / `open`. */
export interface GeneratedKeyPair {
  /** RFC 7638 JWK thumbprint of the public key: a good default kid. */
  readonly kid: string;
  /** The public JWK with `kid` and `use` (add `nbf` to publish it in a trust list). */
  readonly publicJwk: GeneratedPublicJwk;
  /** The private JWK (keep it secret; store it encrypted). */
  readonly privateJwk: JsonWebKey;
}

/**
 * Generates a Corridor key pair: `"Ed25519"` (EdDSA signatures, the default for signing),
 * `"P-256-sig"` (ES256 signatures), `"X25519"` or `"P-256-enc"` (ECDH-ES+A256KW encryption).
 *
 * @example
 * ```ts
 * import { generateKeyPair } from "@corridor/envelope";
 * const { kid, publicJwk, privateJwk } = await generateKeyPair("Ed25519");
 * ```
 */
export async function generateKeyPair(
  type: "Ed25519" | "P-256-sig" | "X25519" | "P-256-enc",
): Promise<GeneratedKeyPair> {
  const spec = {
    Ed25519: { alg: "EdDSA", crv: "Ed25519", use: "sig" },
    "P-256-sig": { alg: "ES256", crv: "P-256", use: "sig" },
    X25519: { alg: "ECDH-ES+A256KW", crv: "X25519", use: "enc" },
    "P-256-enc": { alg: "ECDH-ES+A256KW", crv: "P-256", use: "enc" },
  } as const;
  const s = spec[type];
  if (s === undefined)
    throw invalidArgument(["type"], "expected Ed25519, P-256-sig, X25519 or P-256-enc");
  const { publicKey, privateKey } = await joseGenerateKeyPair(s.alg, {
    crv: s.crv,
    extractable: true,
  });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, "sha256");
  return {
    kid,
    publicJwk: {
      kty: s.crv === "P-256" ? "EC" : "OKP",
      crv: s.crv,
      x: pub.x as string,
      ...(pub.y === undefined ? {} : { y: pub.y }),
      kid,
      use: s.use,
    },
    privateJwk: await exportJWK(privateKey),
  };
}
