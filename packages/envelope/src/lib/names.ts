import type { PathSegment } from "@corridor/errors";
import { UNKNOWN_KEY } from "../codec/index.js";

/**
 * Every member name the envelope specification defines (spec/envelope.md, spec/trust.md): JWS and
 * JWE members, JOSE header parameters (including those Corridor refuses), JWK members, manifest
 * and trust-list members. Only these are written in error paths and messages; any other name
 * taken from the input is written `<unknown key>`, since it may itself be personal data
 * (spec/errors.md, Messages never contain values).
 */
export const SPEC_NAMES: ReadonlySet<string> = new Set([
  // JWS / JWE General JSON (RFC 7515 §7.2.1, RFC 7516 §7.2.1)
  "payload",
  "signatures",
  "protected",
  "header",
  "signature",
  "recipients",
  "encrypted_key",
  "unprotected",
  "iv",
  "ciphertext",
  "tag",
  "aad",
  // JOSE header parameters (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6.1) and Corridor's `agency`
  "alg",
  "enc",
  "zip",
  "kid",
  "typ",
  "cty",
  "crit",
  "epk",
  "apu",
  "apv",
  "jwk",
  "jku",
  "x5u",
  "x5c",
  "x5t",
  "x5t#S256",
  "agency",
  "b64",
  // JWK members (RFC 7517 §4, RFC 7518 §6) and the trust store's key metadata
  "kty",
  "crv",
  "x",
  "y",
  "d",
  "use",
  "key_ops",
  "nbf",
  "exp",
  "revoked_at",
  // manifest (spec/envelope.md §4) and its objects
  "ver",
  "doc",
  "iss",
  "aud",
  "iat",
  "jti",
  "agreement",
  "purpose",
  "legalBasis",
  "schemaVersion",
  "pseudonymization",
  "encoding",
  "count",
  "digest",
  "stream",
  "id",
  "version",
  "scheme",
  "epoch",
  "seq",
  "prev",
  "final",
  "total",
  // trust list (spec/trust.md)
  "agencies",
  "keys",
]);

/** `knownNames` for the strict decoders: the names the specification defines. */
export const isSpecName = (name: string): boolean => SPEC_NAMES.has(name);

/** A member name taken from the input, as it may be written in a path or message. */
export function shownName(name: string): PathSegment {
  return SPEC_NAMES.has(name) ? name : UNKNOWN_KEY;
}
