import type { z } from "zod";
import { HeldRecordV1_0, SharedRecordV1_0 } from "./record.js";

/**
 * Every published schema version, oldest first. A version is `MAJOR.MINOR`; see spec/README.md
 * for the versioning policy. A published version is never changed: a change is a new version
 * with an upgrade step from the one before.
 */
export const SCHEMA_VERSIONS = ["1.0"] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

/** The version new records are written in. */
export const CURRENT_SCHEMA_VERSION = "1.0" satisfies SchemaVersion;

/** The zod schemas of every published version, by form. */
export const RECORD_SCHEMAS = {
  "1.0": { held: HeldRecordV1_0, shared: SharedRecordV1_0 },
} as const satisfies Record<SchemaVersion, { held: z.ZodType; shared: z.ZodType }>;

/** A record in the current version, as the sending agency holds it. */
export type HeldRecord = HeldRecordV1_0;
/** A record in the current version, as it is shared. */
export type SharedRecord = SharedRecordV1_0;
/** A record in the current version, in either form. */
export type MigrationRecord = HeldRecord | SharedRecord;

/** True when `value` names a published schema version. */
export function isSchemaVersion(value: unknown): value is SchemaVersion {
  return typeof value === "string" && (SCHEMA_VERSIONS as readonly string[]).includes(value);
}
