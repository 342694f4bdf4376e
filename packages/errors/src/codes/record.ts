/** Codes of the record model (`@corridor/schema`). */
export const RECORD_CODES = [
  /** A record fails validation; `issues` lists every problem with its path. */
  "ERR_RECORD_INVALID",
  /** The record states a schema version this implementation does not know. */
  "ERR_SCHEMA_VERSION_UNSUPPORTED",
  /** No upgrade path exists from the record's schema version to the requested one. */
  "ERR_SCHEMA_UPGRADE_FAILED",
] as const;
