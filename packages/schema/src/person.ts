import { z } from "zod";
import { AGE_BANDS, DOCUMENT_TYPES, SEX, VULNERABILITIES } from "./codelists/enums.js";
import { CountryCode, LinkageEncoding, PartialDate, Pseudonym, Text } from "./primitives.js";

/**
 * Non-identifying attributes: they travel in clear in both forms. `vulnerabilities` are
 * special-category data (GDPR Art. 9) that an agreement must allow explicitly.
 */
export const PersonAttributes = z
  .strictObject({
    citizenship: z.array(CountryCode).min(1).max(5).optional(),
    countryOfBirth: CountryCode.optional(),
    sex: z.enum(SEX).optional(),
    age: z.int().min(0).max(130).optional(),
    ageBand: z.enum(AGE_BANDS).optional(),
    vulnerabilities: z.array(z.enum(VULNERABILITIES)).min(1).max(11).optional(),
  })
  .meta({
    id: "PersonAttributes",
    description:
      "Non-identifying attributes, in clear in both forms. Age is in completed years at the event date. vulnerabilities are special-category data.",
  });
export type PersonAttributes = z.infer<typeof PersonAttributes>;

/** Document number: 1-40 of A-Z 0-9 and the separators agencies type (space, hyphen, slash, dot). */
const DocumentNumber = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9 ./-]{0,38}[A-Za-z0-9])?$/);

export const IdentityDocument = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES),
    issuingCountry: CountryCode,
    number: DocumentNumber,
  })
  .meta({ id: "IdentityDocument", description: "An identity or travel document, in clear." });

/**
 * A name: given names, family names, or both (at least one). A mononym goes in `given`.
 * The at-least-one rule is a zod refinement here and `minProperties: 1` in the JSON Schema
 * export (see json-schema.ts), so both accept and reject the same values.
 */
export const PersonName = z
  .strictObject({ given: Text.optional(), family: Text.optional() })
  .refine((name) => name.given !== undefined || name.family !== undefined, {
    message: "at least one of given, family is required",
    params: { reason: "too_small" },
  })
  .meta({
    id: "PersonName",
    description: "Given names and/or family names (at least one), as the agency wrote them.",
  });
export type PersonName = z.infer<typeof PersonName>;

/** Identifiers in clear: they never leave the agency that holds them. */
export const ClearIdentifiers = z
  .strictObject({
    documents: z.array(IdentityDocument).min(1).max(10).optional(),
    name: PersonName.optional(),
    dateOfBirth: PartialDate.optional(),
    placeOfBirth: Text.optional(),
  })
  .meta({
    id: "ClearIdentifiers",
    description: "Personal identifiers in clear. Held form only: never shared.",
  });
export type ClearIdentifiers = z.infer<typeof ClearIdentifiers>;

/** The person as the sending agency holds it. */
export const HeldPerson = z
  .strictObject({
    identifiers: ClearIdentifiers,
    attributes: PersonAttributes,
  })
  .meta({ id: "HeldPerson", description: "Person block of a held record." });
export type HeldPerson = z.infer<typeof HeldPerson>;

export const PseudonymousDocument = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES),
    issuingCountry: CountryCode,
    pseudonym: Pseudonym,
  })
  .meta({ id: "PseudonymousDocument", description: "A document whose number is pseudonymized." });

/** Each clear identifier replaced by its pseudonym. */
export const Pseudonyms = z
  .strictObject({
    documents: z.array(PseudonymousDocument).min(1).max(10).optional(),
    name: Pseudonym.optional(),
    dateOfBirth: Pseudonym.optional(),
    placeOfBirth: Pseudonym.optional(),
    linkageKeys: z.array(Pseudonym).min(1).max(8).optional(),
  })
  .meta({
    id: "Pseudonyms",
    description:
      "Pseudonyms of the identifiers; linkageKeys are composite keys (e.g. name + date of birth + sex) for people without documents.",
  });
export type Pseudonyms = z.infer<typeof Pseudonyms>;

/** The person as it is shared: no clear identifier may appear. */
export const SharedPerson = z
  .strictObject({
    pseudonyms: Pseudonyms,
    linkage: LinkageEncoding.optional(),
    attributes: PersonAttributes,
  })
  .meta({
    id: "SharedPerson",
    description: "Person block of a shared record: pseudonyms and attributes, never identifiers.",
  });
export type SharedPerson = z.infer<typeof SharedPerson>;

/** Field names that carry clear identifiers: their presence in a shared record is its own error. */
export const CLEAR_IDENTIFIER_KEYS = [
  "identifiers",
  "documents",
  "number",
  "name",
  "given",
  "family",
] as const;
