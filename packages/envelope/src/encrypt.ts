import { type Result, toResultAsync } from "@corridor/errors";
import { encodeBase64url, utf8Encode } from "./codec/index.js";
import {
  CONTENT_ENCRYPTION_ALGORITHM,
  KEY_MANAGEMENT_ALGORITHM,
  MEDIA_TYPES,
} from "./constants.js";
import { invalidArgument } from "./lib/fail.js";
import { looksLikeFrame } from "./lib/frame.js";
import { agree, contentKey, ephemeralKeyPair, sealContent, wrapContentKey } from "./lib/jwe.js";
import { checkPublicJwk, importPublicKey, isCryptoKey, isPlainObject } from "./lib/keys.js";
import { KID } from "./lib/patterns.js";

/** A recipient's public key-agreement key (X25519 or P-256). */
export interface RecipientKey {
  /** The recipient agency (informational; `seal` checks it is in `aud`). */
  readonly agency?: string;
  /** The key id the recipient will look for. */
  readonly kid: string;
  /** A public X25519 or P-256 JWK, or the WebCrypto key of one. */
  readonly publicKey: CryptoKey | JsonWebKey;
}

async function resolveRecipientKey(recipient: RecipientKey, index: number): Promise<CryptoKey> {
  const path = ["recipients", index, "publicKey"];
  const input = recipient.publicKey;
  if (isCryptoKey(input)) {
    const algorithm = input.algorithm as EcKeyAlgorithm;
    const ok =
      input.type === "public" &&
      (algorithm.name === "X25519" ||
        (algorithm.name === "ECDH" && algorithm.namedCurve === "P-256"));
    if (!ok) throw invalidArgument(path, "expected a public X25519 or P-256 key-agreement key");
    return input;
  }
  if (!isPlainObject(input)) throw invalidArgument(path, "expected a CryptoKey or a public JWK");
  const { jwk, alg } = checkPublicJwk(input, "enc", path);
  return importPublicKey(jwk, alg, path);
}

/**
 * Encrypts an envelope frame to one or more recipients: a JWE in General JSON Serialization
 * (RFC 7516 §7.2.1) with ECDH-ES+A256KW per recipient and A256GCM content encryption
 * (spec/envelope.md §6). Sign first, then encrypt: the signed `aud` names the recipients, so a
 * recipient who decrypts cannot re-encrypt the envelope to a third agency as if it were theirs.
 *
 * Returns the UTF-8 bytes of the JWE JSON text.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` for a bad recipient key or input.
 * @example
 * ```ts
 * import { encrypt } from "@corridor/envelope";
 * const jwe = await encrypt(sealed.envelope, {
 *   recipients: trust.recipientKeys(["DEU.bamf"], Math.floor(Date.now() / 1000)),
 * });
 * ```
 */
export async function encrypt(
  envelope: Uint8Array,
  options: { readonly recipients: readonly RecipientKey[] },
): Promise<Uint8Array> {
  if (!(envelope instanceof Uint8Array) || !looksLikeFrame(envelope)) {
    throw invalidArgument(["envelope"], "expected the bytes of an envelope frame");
  }
  const recipients = options?.recipients;
  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw invalidArgument(["recipients"], "expected at least one recipient key");
  }
  const keys = await Promise.all(recipients.map(resolveRecipientKey));
  recipients.forEach((recipient, i) => {
    if (typeof recipient.kid !== "string" || !KID.test(recipient.kid)) {
      throw invalidArgument(["recipients", i, "kid"], "required, 1-128 of A-Z a-z 0-9 . _ : -");
    }
  });
  // RFC 7518 §4.6 per recipient: a fresh ephemeral key, Z = ECDH(ephemeral, recipient), the
  // Concat KDF of Z wraps one random content key with AES-KW.
  const cek = await contentKey();
  const entries = await Promise.all(
    keys.map(async (key) => {
      const ephemeral = await ephemeralKeyPair(key);
      const z = await agree(key, ephemeral.privateKey);
      const wrapped = await wrapContentKey(z, cek);
      const pub = await crypto.subtle.exportKey("jwk", ephemeral.publicKey);
      const epk =
        pub.kty === "EC"
          ? { kty: "EC", crv: "P-256", x: pub.x, y: pub.y }
          : { kty: "OKP", crv: "X25519", x: pub.x };
      return { epk, encryptedKey: encodeBase64url(wrapped) };
    }),
  );
  // One recipient: its epk goes in the protected header (covered by the AAD); several: each in
  // its recipient's header (spec/envelope.md §6).
  const single = entries.length === 1;
  const protectedB64 = encodeBase64url(
    utf8Encode(
      JSON.stringify({
        enc: CONTENT_ENCRYPTION_ALGORITHM,
        typ: MEDIA_TYPES.envelopeJwe,
        cty: MEDIA_TYPES.envelope,
        ...(single ? { epk: entries[0]!.epk } : {}),
      }),
    ),
  );
  const { iv, ciphertext, tag } = await sealContent(cek, protectedB64, envelope);
  const recipientsJson = JSON.stringify(
    entries.map((e, i) => ({
      header: {
        alg: KEY_MANAGEMENT_ALGORITHM,
        kid: recipients[i]!.kid,
        ...(single ? {} : { epk: e.epk }),
      },
      encrypted_key: e.encryptedKey,
    })),
  );
  // base64url text needs no JSON escaping
  return utf8Encode(
    `{"protected":"${protectedB64}","recipients":${recipientsJson},"iv":"${encodeBase64url(iv)}","ciphertext":"${encodeBase64url(ciphertext)}","tag":"${encodeBase64url(tag)}"}`,
  );
}

/** {@link encrypt} without throwing. */
export function safeEncrypt(
  envelope: Uint8Array,
  options: { readonly recipients: readonly RecipientKey[] },
): Promise<Result<Uint8Array>> {
  return toResultAsync(() => encrypt(envelope, options));
}
