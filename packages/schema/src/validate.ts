import { CorridorError, type Result, toResult } from "@corridor/errors";
import type { z } from "zod";
import { checkHeldRecord_1_0 } from "./generated/record-1.0.held.check.js";
import { checkSharedRecord_1_0 } from "./generated/record-1.0.shared.check.js";
import { toCorridorIssues } from "./issues.js";
import { knownFieldNames } from "./json-schema.js";
import type { RecordForm } from "./record.js";
import {
  CURRENT_SCHEMA_VERSION,
  type HeldRecord,
  isSchemaVersion,
  RECORD_SCHEMAS,
  type SchemaVersion,
  type SharedRecord,
} from "./versions.js";

/** The record type of each form, in the current version. */
export type RecordOfForm<F extends RecordForm> = F extends "held" ? HeldRecord : SharedRecord;

/** Options of the validating functions. */
export interface ValidateOptions {
  /**
   * Accept records of this published version only. Default: the current version. Use
   * {@link upgradeRecord} to accept older versions and bring them to the current one.
   */
  readonly version?: SchemaVersion;
  /**
   * `true`: return the input itself once it is validated, typed as a record, instead of a fresh
   * copy. For values nobody else holds or changes, such as records just decoded from bytes: it
   * saves the copy. Default `false`.
   */
  readonly inPlace?: boolean;
}

function schemaFor(form: RecordForm, version: SchemaVersion): z.ZodType {
  return RECORD_SCHEMAS[version][form];
}

/**
 * The fast checks of every published version, generated from its JSON Schema in spec/schemas/
 * (scripts/check-codegen.ts): true when the schema accepts the value, nothing else.
 */
const RECORD_CHECKS = {
  "1.0": { held: checkHeldRecord_1_0, shared: checkSharedRecord_1_0 },
} as const satisfies Record<SchemaVersion, Record<RecordForm, (value: unknown) => boolean>>;

/**
 * Validates one record against one published version: returns a fresh copy (or, `inPlace`, the
 * input itself); throws ERR_RECORD_INVALID with every issue.
 *
 * Valid records take the fast path, the check generated from the published JSON Schema; an
 * invalid one then goes through zod, which names every issue. The two agree on every input
 * (test/json-schema.test.ts); were they ever to disagree, that is ERR_INTERNAL, not a verdict.
 */
export function validateAgainst(
  input: unknown,
  form: RecordForm,
  version: SchemaVersion,
  inPlace = false,
): unknown {
  const accepted = RECORD_CHECKS[version][form](input);
  if (accepted) {
    if (inPlace) return input;
    const copy = copyData(input);
    if (copy !== NOT_PLAIN) return copy;
  }
  const parsed = schemaFor(form, version).safeParse(input);
  if (parsed.success) {
    // An accepted record of other than plain objects (class instances, inherited members):
    // zod's copy reads members as the check did.
    if (accepted) return parsed.data;
    throw new CorridorError(
      "ERR_INTERNAL",
      `${form} record (schema ${version}): the JSON Schema check refuses a record zod accepts`,
    );
  }
  const issues = toCorridorIssues(parsed.error.issues, form, knownFieldNames(), input);
  const first = issues[0];
  throw new CorridorError(
    "ERR_RECORD_INVALID",
    `${form} record (schema ${version}) is invalid: ${issues.length} issue${issues.length === 1 ? "" : "s"}${first ? `, first: ${first.message}` : ""}`,
    { issues, path: first?.path },
  );
}

/**
 * Validates a record in the given form and returns a fresh copy holding exactly the schema's
 * fields. Throws {@link CorridorError} `ERR_RECORD_INVALID` listing every issue (path and
 * reason); a record is either returned whole or not at all.
 *
 * A shared record that carries any clear identifier is invalid (issue reason `clear_identifier`),
 * as is a pseudonym slot holding anything but a pseudonym (`not_a_pseudonym`).
 *
 * @example
 * ```ts
 * import { parseRecord } from "@corridor/schema";
 * const record = parseRecord(JSON.parse(text), "shared");
 * ```
 */
export function parseRecord<F extends RecordForm>(
  input: unknown,
  form: F,
  options: ValidateOptions = {},
): RecordOfForm<F> {
  assertForm(form);
  const version = versionOf(options);
  return validateAgainst(input, form, version, options.inPlace === true) as RecordOfForm<F>;
}

/**
 * Whether `input` is a valid record of the form (in `options.version`, default the current one):
 * the fast check alone, no copy, no issues. Use {@link parseRecord} to learn what is wrong.
 */
export function isRecord<F extends RecordForm>(
  input: unknown,
  form: F,
  options: ValidateOptions = {},
): input is RecordOfForm<F> {
  assertForm(form);
  const version = versionOf(options);
  return RECORD_CHECKS[version][form](input);
}

/** {@link parseRecord} without throwing: `{ success, data }` or `{ success, error }`. */
export function safeParseRecord<F extends RecordForm>(
  input: unknown,
  form: F,
  options: ValidateOptions = {},
): Result<RecordOfForm<F>> {
  return toResult(() => parseRecord(input, form, options));
}

/** Shorthand for `parseRecord(input, "held")`. */
export const parseHeldRecord = (input: unknown, options?: ValidateOptions): HeldRecord =>
  parseRecord(input, "held", options);
/** Shorthand for `parseRecord(input, "shared")`. */
export const parseSharedRecord = (input: unknown, options?: ValidateOptions): SharedRecord =>
  parseRecord(input, "shared", options);

/** The outcome of validating a batch: valid records and failures apart, each with its input index. */
export interface BatchResult<T> {
  readonly valid: { readonly index: number; readonly record: T }[];
  readonly invalid: { readonly index: number; readonly error: CorridorError }[];
}

/**
 * Validates every item of a batch and keeps the valid records apart from the invalid ones: nothing
 * valid is lost, nothing invalid slips through, and every failure names its index in the input.
 * Never throws for bad records; throws ERR_INVALID_ARGUMENT if `inputs` is not an array.
 */
export function validateBatch<F extends RecordForm>(
  inputs: readonly unknown[],
  form: F,
  options: ValidateOptions = {},
): BatchResult<RecordOfForm<F>> {
  if (!Array.isArray(inputs)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "inputs: expected an array of records");
  }
  const valid: { index: number; record: RecordOfForm<F> }[] = [];
  const invalid: { index: number; error: CorridorError }[] = [];
  for (let index = 0; index < inputs.length; index++) {
    const result = safeParseRecord(inputs[index], form, options);
    if (result.success) valid.push({ index, record: result.data });
    else invalid.push({ index, error: result.error });
  }
  return { valid, invalid };
}

const NOT_PLAIN: unique symbol = Symbol("not plain data");

/**
 * A deep copy of a value the record check accepted: fresh objects and arrays, members in the
 * input's order. {@link NOT_PLAIN} when an object is not a plain one (its prototype is neither
 * Object.prototype nor null), whose inherited members the check may have read.
 */
function copyData(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyData(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    const copy = copyData(member);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copy;
  }
  return out;
}

function versionOf(options: ValidateOptions): SchemaVersion {
  const version = options.version ?? CURRENT_SCHEMA_VERSION;
  if (!isSchemaVersion(version)) {
    throw new CorridorError(
      "ERR_SCHEMA_VERSION_UNSUPPORTED",
      "options.version: not a published schema version",
    );
  }
  return version;
}

function assertForm(form: unknown): asserts form is RecordForm {
  if (form !== "held" && form !== "shared") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", 'form: expected "held" or "shared"');
  }
}
