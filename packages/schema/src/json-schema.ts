import { z } from "zod";
import { PersonName } from "./person.js";
import type { RecordForm } from "./record.js";
import { RECORD_SCHEMAS, SCHEMA_VERSIONS, type SchemaVersion } from "./versions.js";

/** The `$id` of a record JSON Schema. */
export function recordSchemaId(version: SchemaVersion, form: RecordForm): string {
  return `https://corridor.dev/spec/schemas/record-${version}.${form}.schema.json`;
}

/**
 * The JSON Schema (draft 2020-12) of one published version and form, generated from the zod
 * definitions. `spec/schemas/` holds these files; CI fails when they drift from the code.
 */
export function recordJsonSchema(
  version: SchemaVersion,
  form: RecordForm,
): Record<string, unknown> {
  const generated = z.toJSONSchema(RECORD_SCHEMAS[version][form], {
    target: "draft-2020-12",
    unrepresentable: "throw",
    io: "input",
    override: (ctx) => {
      // The refinement of PersonName (at least one member) as JSON Schema states it.
      if (ctx.zodSchema === PersonName) ctx.jsonSchema.minProperties = 1;
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: recordSchemaId(version, form),
    title: `Corridor migration record, schema ${version}, ${form} form`,
    ...rest,
  };
}

let knownKeys: ReadonlySet<string> | undefined;

/** Every property name the published schemas define (used to decide which keys are safe to echo). */
export function knownFieldNames(): ReadonlySet<string> {
  if (knownKeys) return knownKeys;
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "properties" && typeof value === "object" && value !== null) {
          for (const name of Object.keys(value)) names.add(name);
        }
        walk(value);
      }
    }
  };
  for (const version of SCHEMA_VERSIONS) {
    walk(recordJsonSchema(version, "held"));
    walk(recordJsonSchema(version, "shared"));
  }
  knownKeys = names;
  return names;
}
