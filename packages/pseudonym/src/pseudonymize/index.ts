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
export { TABLES, type TranslitRow } from "./tables.js";
