export {
  type BulkOptions,
  type IndexedLineOutcome,
  type IndexedOutcome,
  pseudonymizeNdjsonStream,
  pseudonymizeRecordStream,
  pseudonymizeRecordsParallel,
  safePseudonymizeRecordsParallel,
} from "./bulk.js";
export {
  createPseudonymizationPool,
  type LineOutcome,
  type PoolOptions,
  type PseudonymizationPool,
  type RecordOutcome,
  safeCreatePseudonymizationPool,
} from "./pool.js";
