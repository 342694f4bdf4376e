import { z } from "zod";
import { LINK_RELATIONS } from "./codelists/enums.js";
import { DETAILS_BY_KIND, type RecordKind } from "./details.js";
import { HeldPerson, SharedPerson } from "./person.js";
import { AgencyId, PartialDate, RecordId, RecordRef } from "./primitives.js";

/** A link from one record to another (a family member's record, a previous application, ...). */
export const RecordLink = z
  .strictObject({ relation: z.enum(LINK_RELATIONS), record: RecordRef })
  .meta({ id: "RecordLink", description: "How this record relates to another record." });
export type RecordLink = z.infer<typeof RecordLink>;

/** The two forms of a record: as the sending agency holds it, and as it is shared. */
export type RecordForm = "held" | "shared";

const pascal = (kind: string): string =>
  kind.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());

function kindSchema<K extends RecordKind, P extends z.ZodType, V extends string>(
  version: V,
  form: RecordForm,
  person: P,
  kind: K,
) {
  return z
    .strictObject({
      schemaVersion: z.literal(version),
      recordId: RecordId,
      kind: z.literal(kind),
      agency: AgencyId,
      eventDate: PartialDate,
      person,
      links: z.array(RecordLink).min(1).max(50).optional(),
      details: DETAILS_BY_KIND[kind],
    })
    .meta({
      id: `${form === "held" ? "Held" : "Shared"}${pascal(kind)}Record`,
      description: `A ${kind} record, ${form} form.`,
    });
}

function recordSchema<P extends z.ZodType, V extends string>(
  version: V,
  form: RecordForm,
  person: P,
) {
  const k = <K extends RecordKind>(kind: K) => kindSchema(version, form, person, kind);
  return z.discriminatedUnion("kind", [
    k("entry"),
    k("exit"),
    k("residence-permit"),
    k("asylum-application"),
    k("asylum-decision"),
    k("appeal"),
    k("work-permit"),
    k("recruitment"),
    k("grievance"),
    k("family-reunification"),
    k("irregular-stay"),
    k("smuggling-incident"),
    k("return"),
    k("status-change"),
  ]);
}

/** Schema version 1.0, held form: identifiers in clear. Never leaves the agency. */
export const HeldRecordV1_0 = recordSchema("1.0", "held", HeldPerson);
/** Schema version 1.0, shared form: identifiers replaced by pseudonyms. */
export const SharedRecordV1_0 = recordSchema("1.0", "shared", SharedPerson);

export type HeldRecordV1_0 = z.infer<typeof HeldRecordV1_0>;
export type SharedRecordV1_0 = z.infer<typeof SharedRecordV1_0>;
