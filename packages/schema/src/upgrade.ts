import { CorridorError, type Result, toResult } from "@corridor/errors";
import type { RecordForm } from "./record.js";
import { type RecordOfForm, validateAgainst } from "./validate.js";
import {
  CURRENT_SCHEMA_VERSION,
  isSchemaVersion,
  SCHEMA_VERSIONS,
  type SchemaVersion,
} from "./versions.js";

/**
 * One upgrade step: from a version to the next, for a record of either form. The input has been
 * validated against `from`; the output is validated against `to` before it is returned.
 */
export interface UpgradeStep<V extends string = string> {
  readonly from: V;
  readonly to: V;
  readonly upgrade: (record: Record<string, unknown>, form: RecordForm) => Record<string, unknown>;
}

/** A chain of published versions and the steps between them. */
export interface VersionChain<V extends string = string> {
  readonly versions: readonly V[];
  readonly steps: readonly UpgradeStep<V>[];
  readonly validate: (input: unknown, form: RecordForm, version: V) => unknown;
}

/**
 * The upgrade steps between published versions. Empty while 1.0 is the only published version:
 * the first change to the record model adds a version to SCHEMA_VERSIONS and its step here, with
 * a test of that step.
 */
export const UPGRADE_STEPS: readonly UpgradeStep<SchemaVersion>[] = [];

/**
 * Upgrades a record through a chain: validates it against the version it states, applies each step
 * in order, validating after every step. Exported for tests of the chain mechanics and for
 * deployments that publish their own extensions.
 */
export function upgradeThrough<V extends string>(
  chain: VersionChain<V>,
  input: unknown,
  form: RecordForm,
  target: V,
): unknown {
  const stated =
    typeof input === "object" && input !== null && !Array.isArray(input)
      ? (input as { schemaVersion?: unknown }).schemaVersion
      : undefined;
  if (typeof stated !== "string" || !(chain.versions as readonly string[]).includes(stated)) {
    throw new CorridorError(
      "ERR_SCHEMA_VERSION_UNSUPPORTED",
      "schemaVersion: missing, or not a published schema version",
      { path: ["schemaVersion"] },
    );
  }
  const from = chain.versions.indexOf(stated as V);
  const to = chain.versions.indexOf(target);
  if (to < 0 || to < from) {
    throw new CorridorError(
      "ERR_SCHEMA_UPGRADE_FAILED",
      `no upgrade path from schema ${stated} to ${String(target)}`,
      { path: ["schemaVersion"] },
    );
  }
  let record = chain.validate(input, form, stated as V) as Record<string, unknown>;
  for (let i = from; i < to; i++) {
    const step = chain.steps.find(
      (s) => s.from === chain.versions[i] && s.to === chain.versions[i + 1],
    );
    if (!step) {
      throw new CorridorError(
        "ERR_SCHEMA_UPGRADE_FAILED",
        `no upgrade step from schema ${String(chain.versions[i])} to ${String(chain.versions[i + 1])}`,
      );
    }
    const upgraded = step.upgrade(structuredClone(record), form);
    record = chain.validate(upgraded, form, step.to) as Record<string, unknown>;
  }
  return record;
}

const PUBLISHED: VersionChain<SchemaVersion> = {
  versions: SCHEMA_VERSIONS,
  steps: UPGRADE_STEPS,
  validate: validateAgainst,
};

/**
 * Validates a record of any published version against the version it states, then upgrades it to
 * the current version. Throws ERR_SCHEMA_VERSION_UNSUPPORTED for an unknown version and
 * ERR_RECORD_INVALID if the record is invalid in its own version.
 */
export function upgradeRecord<F extends RecordForm>(input: unknown, form: F): RecordOfForm<F> {
  if (!isSchemaVersion(CURRENT_SCHEMA_VERSION))
    throw new CorridorError("ERR_INTERNAL", "current version unpublished");
  return upgradeThrough(PUBLISHED, input, form, CURRENT_SCHEMA_VERSION) as RecordOfForm<F>;
}

/** {@link upgradeRecord} without throwing. */
export function safeUpgradeRecord<F extends RecordForm>(
  input: unknown,
  form: F,
): Result<RecordOfForm<F>> {
  return toResult(() => upgradeRecord(input, form));
}
