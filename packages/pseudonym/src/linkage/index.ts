/**
 * Tolerant (fuzzy) record linkage: Bloom-filter encodings (CLKs) of normalized identifiers,
 * hardening, Dice similarity, blocking, one-to-one linkage, multi-sender clustering and a
 * pre-export frequency-attack self-check. Normative description: spec/linkage.md.
 */

export { type DiceBackend, diceBackend } from "./_dice-wasm.js";
export {
  type Blocking,
  type BlockingStats,
  DEFAULT_BLOCKING,
  type LshBlocking,
  type NoBlocking,
} from "./blocking.js";
export { CLK_ENCODER_VERSION, CLK_SCHEME } from "./constants.js";
export { diceBytes } from "./dice.js";
export {
  ClkEncoder,
  type ClkEncoderOptions,
  createClkEncoder,
  safeCreateClkEncoder,
} from "./encoder.js";
export {
  assertComparable,
  ClkSet,
  type DecodedEncoding,
  decodeLinkageEncoding,
  diceSimilarity,
  type EncodingExpectation,
  type EncodingMetadata,
  safeDecodeLinkageEncoding,
  safeDiceSimilarity,
} from "./encoding.js";
export type { LinkageInput } from "./features.js";
export { deriveLinkageKey, LINKAGE_HKDF_SALT, type LinkageKey } from "./keys.js";
export {
  assignOneToOne,
  type CandidatePairs,
  type Clustering,
  type ClusterMember,
  type ClusterOptions,
  candidatePairs,
  clusterSets,
  type LinkOptions,
  linkTwo,
  type Match,
  safeClusterSets,
  safeLinkTwo,
} from "./link.js";
export {
  canonicalJson,
  DEFAULT_LINKAGE_SCHEMA,
  type HardeningStep,
  type LinkageField,
  type LinkageSchema,
  LinkageSchemaDocument,
  linkageSchemaDigest,
  parseLinkageSchema,
  safeParseLinkageSchema,
} from "./schema.js";
export {
  assertSelfCheck,
  DEFAULT_ACCEPTABLE_REIDENTIFICATION_RATE,
  runSelfCheck,
  type SelfCheckOptions,
  type SelfCheckReport,
  safeAssertSelfCheck,
} from "./self-check.js";
