/** Codes of the record model (`@corridor/schema`). */
export const RECORD_CODES = [
  /** A record fails validation; `issues` lists every problem with its path. */
  "ERR_RECORD_INVALID",
  /** A record (or batch item) is not valid JSON-compatible data: cycles, functions, non-plain objects. */
  "ERR_RECORD_NOT_PLAIN_DATA",
  /** The record states a schema version this implementation does not know. */
  "ERR_SCHEMA_VERSION_UNSUPPORTED",
  /** No upgrade path exists from the record's schema version to the requested one. */
  "ERR_SCHEMA_UPGRADE_FAILED",
] as const;
