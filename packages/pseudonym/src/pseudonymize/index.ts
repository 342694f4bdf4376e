export {
  type BuildEpochTranslationOptions,
  buildEpochTranslation,
  type EpochTranslation,
  parseEpochTranslation,
  safeBuildEpochTranslation,
  safeParseEpochTranslation,
  safeTranslatePseudonym,
  safeTranslateSharedRecord,
  type TranslateSharedRecordOptions,
  translatePseudonym,
  translateSharedRecord,
} from "./epoch.js";
export {
  AGREEMENT_ID_PATTERN,
  type AgreementSecret,
  assertFieldKeys,
  deriveFieldKeys,
  type FieldKeys,
  fieldKeyInfo,
  PSEUDONYM_FIELDS,
  PSEUDONYM_HKDF_SALT,
  PSEUDONYM_SCHEME,
  type PseudonymField,
  SECRET_LENGTH,
  safeDeriveFieldKeys,
} from "./keys.js";
export {
  compareCodePoints,
  DOCUMENT_CLASSES,
  type DocumentType,
  normalizeDocument,
  normalizeDocumentNumber,
  normalizeName,
  normalizeNameTokens,
  normalizePartialDate,
  normalizeText,
} from "./normalize.js";
export {
  formatPseudonym,
  type ParsedPseudonym,
  parsePseudonym,
  safeParsePseudonym,
} from "./pseudonym.js";
export {
  type ClearDocument,
  createPseudonymizer,
  DEFAULT_LINKAGE_KEY_KINDS,
  LINKAGE_KEY_KINDS,
  type LinkageKeyKind,
  linkageKeyInputs,
  type Pseudonymizer,
  type PseudonymizerOptions,
  safeCreatePseudonymizer,
} from "./pseudonymizer.js";
export {
  type LinkageEncoder,
  type PseudonymizeRecordOptions,
  pseudonymizeRecord,
  safePseudonymizeRecord,
} from "./record.js";
export { TABLES, type TranslitRow } from "./tables.js";
