/*
 * The two JWE algorithms Corridor uses (spec/envelope.md §6), on WebCrypto and the codec's
 * base64url: ECDH-ES+A256KW key management (RFC 7518 §4.6: ECDH, Concat KDF with SHA-256, AES Key
 * Wrap) and A256GCM content encryption (RFC 7518 §5.3, RFC 7516 §5.1 step 14 for the AAD).
 * Everything the profile requires of the JWE text is checked by `parseJwe` before any of this
 * runs; nothing here decides what is accepted.
 */
import { utf8Encode } from "../codec/index.js";
import { KEY_MANAGEMENT_ALGORITHM } from "../constants.js";

const subtle = () => globalThis.crypto.subtle;

/** `len32(x) || x` for the Concat KDF's OtherInfo (RFC 7518 §4.6.2). */
function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

/**
 * OtherInfo of the Concat KDF for ECDH-ES+A256KW without `apu` / `apv` (Corridor sets neither):
 * AlgorithmID = len32("ECDH-ES+A256KW") || "ECDH-ES+A256KW", PartyUInfo = PartyVInfo = len32(""),
 * SuppPubInfo = keydatalen in bits as 32-bit big-endian (256).
 */
const OTHER_INFO = (() => {
  const alg = lengthPrefixed(utf8Encode(KEY_MANAGEMENT_ALGORITHM));
  const out = new Uint8Array(alg.length + 4 + 4 + 4);
  out.set(alg, 0);
  new DataView(out.buffer).setUint32(alg.length + 8, 256);
  return out;
})();

/**
 * Concat KDF (NIST SP 800-56A §5.8.1 as RFC 7518 §4.6.2 uses it) for a 256-bit key: one round,
 * SHA-256(counter 1 || Z || OtherInfo), imported as an AES-KW key.
 */
async function keyEncryptionKey(z: Uint8Array, usage: "wrapKey" | "unwrapKey"): Promise<CryptoKey> {
  const input = new Uint8Array(4 + z.length + OTHER_INFO.length);
  input[3] = 1;
  input.set(z, 4);
  input.set(OTHER_INFO, 4 + z.length);
  const derived = await subtle().digest("SHA-256", input);
  return subtle().importKey("raw", derived, { name: "AES-KW" }, false, [usage]);
}

/** The ECDH shared secret Z (32 bytes for X25519 and P-256). */
export async function agree(publicKey: CryptoKey, privateKey: CryptoKey): Promise<Uint8Array> {
  const name = publicKey.algorithm.name === "X25519" ? "X25519" : "ECDH";
  return new Uint8Array(
    await subtle().deriveBits({ name, public: publicKey } as EcdhKeyDeriveParams, privateKey, 256),
  );
}

/** A fresh ephemeral key pair on the recipient key's curve (RFC 7518 §4.6: one per recipient). */
export async function ephemeralKeyPair(recipient: CryptoKey): Promise<CryptoKeyPair> {
  const params =
    recipient.algorithm.name === "X25519"
      ? { name: "X25519" }
      : { name: "ECDH", namedCurve: "P-256" };
  return (await subtle().generateKey(params, true, ["deriveBits"])) as CryptoKeyPair;
}

/** AES-KW wraps the content encryption key under the key derived from Z (RFC 7518 §4.6, §4.4). */
export async function wrapContentKey(z: Uint8Array, cek: CryptoKey): Promise<Uint8Array> {
  const kek = await keyEncryptionKey(z, "wrapKey");
  return new Uint8Array(await subtle().wrapKey("raw", cek, kek, { name: "AES-KW" }));
}

/** AES-KW unwraps the content encryption key (throws when the integrity check fails). */
export async function unwrapContentKey(z: Uint8Array, wrapped: Uint8Array): Promise<CryptoKey> {
  const kek = await keyEncryptionKey(z, "unwrapKey");
  return subtle().unwrapKey(
    "raw",
    wrapped as BufferSource,
    kek,
    { name: "AES-KW" },
    { name: "AES-GCM", length: 256 },
    false,
    ["decrypt"],
  );
}

/** A fresh 256-bit AES-GCM content encryption key, extractable only so it can be wrapped. */
export async function contentKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt"]);
}

/**
 * A256GCM (RFC 7518 §5.3): a 96-bit random IV, a 128-bit tag, and as additional authenticated
 * data the ASCII of the encoded protected header (RFC 7516 §5.1 step 14; no `aad` member).
 */
export async function sealContent(
  cek: CryptoKey,
  protectedB64: string,
  plaintext: Uint8Array,
): Promise<{ iv: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array }> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const out = new Uint8Array(
    await subtle().encrypt(
      {
        name: "AES-GCM",
        iv: iv as BufferSource,
        additionalData: utf8Encode(protectedB64) as BufferSource,
        tagLength: 128,
      },
      cek,
      plaintext as BufferSource,
    ),
  );
  const split = out.length - 16;
  return { iv, ciphertext: out.subarray(0, split), tag: out.subarray(split) };
}

/** Authenticated A256GCM decryption; throws when the tag does not verify. */
export async function openContent(
  cek: CryptoKey,
  protectedB64: string,
  iv: Uint8Array,
  ciphertextAndTag: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(
    await subtle().decrypt(
      {
        name: "AES-GCM",
        iv: iv as BufferSource,
        additionalData: utf8Encode(protectedB64) as BufferSource,
        tagLength: 128,
      },
      cek,
      ciphertextAndTag as BufferSource,
    ),
  );
}
