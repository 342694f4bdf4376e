export * from "./codec/index.js";
export {
  CONTENT_ENCODINGS,
  CONTENT_ENCRYPTION_ALGORITHM,
  type ContentEncoding,
  DEFAULT_CLOCK_SKEW,
  DEFAULT_LIFETIME,
  DEFAULT_MAX_LIFETIME,
  DOCUMENT_TYPES,
  type DocumentType,
  KEY_MANAGEMENT_ALGORITHM,
  MEDIA_TYPES,
  PROTOCOL_VERSION,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
} from "./constants.js";
export { cosign, safeCosign } from "./cosign.js";
export {
  type Decrypted,
  type DecryptionKey,
  type DecryptOptions,
  decrypt,
  safeDecrypt,
} from "./decrypt.js";
export { encrypt, type RecipientKey, safeEncrypt } from "./encrypt.js";
export { type Inspection, inspect, safeInspect } from "./inspect.js";
export { type GeneratedKeyPair, type GeneratedPublicJwk, generateKeyPair } from "./keys.js";
export type { KeyUse, PublicJwk } from "./lib/keys.js";
export type { Clock } from "./lib/time.js";
export {
  DEFAULT_ENVELOPE_LIMITS,
  type EnvelopeLimits,
  type ResolvedEnvelopeLimits,
  resolveEnvelopeLimits,
} from "./limits.js";
export type { AgreementRef, Manifest, Pseudonymization, StreamPosition } from "./manifest.js";
export {
  OPEN_CHECKS,
  type OpenCheck,
  type OpenedEnvelope,
  type OpenFailure,
  type OpenOptions,
  type OpenResult,
  open,
  safeOpen,
  type VerifiedSignature,
} from "./open.js";
export { MemoryReplayStore, type MemoryReplayStoreOptions, type ReplayStore } from "./replay.js";
export {
  type DocumentInput,
  type RecordsInput,
  type Sealed,
  type SealOptions,
  type SignerKey,
  safeSeal,
  seal,
} from "./seal.js";
export * from "./stream/index.js";
export {
  type LoadTrustListOptions,
  loadTrustList,
  safeLoadTrustList,
  safeSignTrustList,
  signTrustList,
  type TrustAnchor,
  type TrustList,
} from "./trust-list.js";
export {
  createTrustStore,
  type KeyVerdict,
  safeCreateTrustStore,
  type TrustedAgencies,
  type TrustedJwk,
  type TrustedKey,
  type TrustListInfo,
  TrustStore,
} from "./trust-store.js";
