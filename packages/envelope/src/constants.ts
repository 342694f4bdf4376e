/**
 * The fixed names and numbers of the Corridor envelope protocol (spec/envelope.md §2). Everything
 * here is part of the wire format: changing a value is a new protocol version.
 */

/** The protocol version every manifest states in `ver` (spec/envelope.md §4). */
export const PROTOCOL_VERSION = "1.0";

/** The frame version byte (spec/envelope.md §3). */
export const FRAME_VERSION = 1;

/**
 * JOSE `typ` and `cty` values (RFC 7515 §4.1.9–10, without the `application/` prefix as §4.1.9
 * recommends). A verifier compares them exactly, case included.
 */
export const MEDIA_TYPES = {
  /** `typ` of the JWS inside an envelope frame. */
  envelopeJws: "corridor-envelope+jws",
  /** `typ` of the JWE that carries an envelope to its recipients. */
  envelopeJwe: "corridor-envelope+jwe",
  /** `cty` of that JWE: its plaintext is a whole envelope frame. */
  envelope: "corridor-envelope",
  /** `typ` of the JWS of a signed trust list (spec/trust.md §3). */
  trustList: "corridor-trust-list+jws",
} as const;

/** The only JWS algorithms Corridor signs with or accepts (RFC 8037 EdDSA with Ed25519; RFC 7518 ES256). */
export const SIGNATURE_ALGORITHMS = ["EdDSA", "ES256"] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

/** The only JWE key management algorithm Corridor uses or accepts (RFC 7518 §4.6). */
export const KEY_MANAGEMENT_ALGORITHM = "ECDH-ES+A256KW";
/** The only JWE content encryption algorithm Corridor uses or accepts (RFC 7518 §5.3). */
export const CONTENT_ENCRYPTION_ALGORITHM = "A256GCM";

/** The curves of Corridor keys, by use. */
export const SIGNING_CURVES = ["Ed25519", "P-256"] as const;
export const ENCRYPTION_CURVES = ["X25519", "P-256"] as const;

/**
 * Document types an envelope can carry (the manifest's `doc`). `records` is defined here; the
 * others are reserved for the packages that define their bodies (agreements and withdrawals in
 * consent, statistics in stats, receipts and key distribution in later protocol parts).
 */
export const DOCUMENT_TYPES = [
  "records",
  "agreement",
  "consent-withdrawal",
  "statistics",
  "receipt",
  "key-distribution",
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Content encodings of a body (spec/encoding.md). */
export const CONTENT_ENCODINGS = ["msgpack", "json"] as const;
export type ContentEncoding = (typeof CONTENT_ENCODINGS)[number];

/** Default tolerated clock difference between agencies, in seconds (spec/envelope.md §7.3). */
export const DEFAULT_CLOCK_SKEW = 300;
/** Default ceiling of exp - iat a recipient accepts, in seconds: 7 days (spec/envelope.md §7.4). */
export const DEFAULT_MAX_LIFETIME = 7 * 24 * 60 * 60;
/** Default lifetime `seal` gives an envelope, in seconds: 24 hours. */
export const DEFAULT_LIFETIME = 24 * 60 * 60;
