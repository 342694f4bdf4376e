import { z } from "zod";
import { COUNTRY_CODES, ISO_3166_ALPHA3 } from "./codelists/countries.js";

/*
 * Every constraint here is expressible in JSON Schema 2020-12 (patterns, enums, bounds): no zod
 * refinements or transforms, so the exported JSON Schema accepts and rejects exactly what zod does.
 * Patterns use only syntax shared by ECMA-262 and the common regex engines of other languages.
 */

/** Years 1800–2199. Leap years in that range: divisible by 4, except 1800, 1900 and 2100. */
const YEAR = "(?:1[89]|2[01])[0-9]{2}";
const LEAP_YEAR = "(?:(?:1[89]|2[01])(?:0[48]|[2468][048]|[13579][26])|2000)";
const MONTH_DAY =
  "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))";

/**
 * A partial calendar date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ISO 8601 reduced precision), years
 * 1800–2199, only days that exist (29 February in leap years only).
 */
export const PARTIAL_DATE_PATTERN = `^(?:${YEAR}(?:-(?:0[1-9]|1[0-2]))?|${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)$`;
export const PartialDate = z.string().regex(new RegExp(PARTIAL_DATE_PATTERN)).meta({
  id: "PartialDate",
  description: "YYYY, YYYY-MM or YYYY-MM-DD; years 1800-2199; only real calendar days.",
});
export type PartialDate = z.infer<typeof PartialDate>;

export const CountryCode = z.enum(COUNTRY_CODES).meta({
  id: "CountryCode",
  description: "ISO 3166-1 alpha-3, or XKX (Kosovo), XXA (stateless), XXX (unknown).",
});
export type CountryCode = z.infer<typeof CountryCode>;

const ISO_PREFIX = `(?:${[...ISO_3166_ALPHA3, "XKX", "INT"].join("|")})`;

/** `CCC.local-name` (ISO 3166-1 alpha-3 country, or `INT` for an international organisation). */
export const AGENCY_ID_PATTERN = `^${ISO_PREFIX}\\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$`;
export const AgencyId = z
  .string()
  .regex(new RegExp(AGENCY_ID_PATTERN))
  .meta({
    id: "AgencyId",
    description:
      "Agency id: ISO 3166-1 alpha-3 country code (or XKX, or INT for international organisations), a dot, then a lower-case local name of letters, digits and inner hyphens (max 64).",
    examples: ["GRC.asylum-service", "INT.iom"],
  });
export type AgencyId = z.infer<typeof AgencyId>;

/** An opaque record identifier, unique within the reporting agency. Must not encode personal data. */
export const RECORD_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
export const RecordId = z.string().regex(new RegExp(RECORD_ID_PATTERN)).meta({
  id: "RecordId",
  description:
    "Opaque id, unique within the reporting agency: 1-128 of A-Z a-z 0-9 . _ : - (first alphanumeric). Must not contain personal data.",
});

/** A short machine code (crossing points, licence numbers): upper-case letters, digits, hyphens. */
export const Code = z
  .string()
  .regex(/^[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])?$/)
  .meta({ id: "Code", description: "Upper-case code, 1-32 of A-Z 0-9 and inner hyphens." });

/**
 * Free text of one line: 1–200 characters (Unicode code points), no control characters, no
 * unpaired surrogates.
 */
export const TEXT_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF]{1,200}$";
export const Text = z.string().regex(new RegExp(TEXT_PATTERN, "u")).meta({
  id: "Text",
  description: "1-200 code points, no control characters or unpaired surrogates.",
});

/**
 * A pseudonym, as it travels in shared records: `<scheme>:<epoch>:<value>`. The scheme names the
 * pseudonymization method (defined in spec/pseudonym.md), the epoch is the key epoch of the
 * agreement, the value is 16 to 64 bytes in unpadded base64url.
 */
export const PSEUDONYM_PATTERN =
  "^[a-z][a-z0-9-]{0,30}[a-z0-9]:(?:0|[1-9][0-9]{0,8}):[A-Za-z0-9_-]{22,86}$";
export const Pseudonym = z.string().regex(new RegExp(PSEUDONYM_PATTERN)).meta({
  id: "Pseudonym",
  description:
    "<scheme>:<epoch>:<value>: scheme of 2-32 lower-case letters, digits, hyphens; key epoch 0-999999999; value of 16-64 bytes as unpadded base64url.",
});
export type Pseudonym = z.infer<typeof Pseudonym>;

/**
 * A tolerant-linkage encoding (e.g. a Bloom-filter CLK), carrying what a recipient needs to refuse
 * comparing encodings made under different linkage schemas or key epochs. The formats are defined
 * in spec/pseudonym.md.
 */
export const LinkageEncoding = z
  .strictObject({
    scheme: z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/),
    epoch: z.int().min(0).max(999_999_999),
    schemaDigest: z.string().regex(/^sha256:[A-Za-z0-9_-]{43}$/),
    encoderVersion: z.string().regex(/^(?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5})$/),
    data: z.string().regex(/^[A-Za-z0-9_-]{2,1366}$/),
  })
  .meta({
    id: "LinkageEncoding",
    description:
      "Tolerant-linkage encoding: scheme, key epoch, digest of the linkage schema (sha256:<base64url>), encoder version, and the encoding as unpadded base64url (at most 1024 bytes).",
  });
export type LinkageEncoding = z.infer<typeof LinkageEncoding>;

/** A reference to another record, optionally held by another agency. */
export const RecordRef = z
  .strictObject({
    agency: AgencyId.optional(),
    recordId: RecordId,
  })
  .meta({
    id: "RecordRef",
    description: "A record, by id; agency defaults to the reporting agency.",
  });
export type RecordRef = z.infer<typeof RecordRef>;
