/**
 * The linkage schema: a versioned JSON document that fixes everything two agencies must agree on to
 * compare Bloom-filter encodings (which identifiers, q-gram length, bits per q-gram, filter length,
 * salting, hardening steps). It is identified by the SHA-256 digest of its RFC 8785 (JCS)
 * canonical form, and every encoding carries that digest. Format: spec/linkage.md §2.
 *
 * The schema travels with the data-sharing agreement, signed by every party (agreements are a
 * later issue; until then the caller supplies the document).
 */
import {
  CorridorError,
  type CorridorIssue,
  type PathSegment,
  type Result,
  toResult,
} from "@corridor/errors";
import { sha256 } from "@noble/hashes/sha2.js";
import { z } from "zod";
import { toBase64Url } from "../_base64url.js";

/** Identifier sources whose values are split into q-grams (after normalization). */
export const TEXT_SOURCES = ["name", "givenName", "familyName", "placeOfBirth"] as const;
/** Identifier sources whose values are whole tokens (no q-grams). */
export const TOKEN_SOURCES = ["dateOfBirth", "sex", "countryOfBirth", "citizenship"] as const;
/** Attributes that can salt the q-grams of a field. */
export const SALT_SOURCES = ["yearOfBirth"] as const;

export type TextSource = (typeof TEXT_SOURCES)[number];
export type TokenSource = (typeof TOKEN_SOURCES)[number];
export type SaltSource = (typeof SALT_SOURCES)[number];

/** Filter lengths allowed before hardening: powers of two from 64 to 8192 bits. */
const LENGTHS = [64, 128, 256, 512, 1024, 2048, 4096, 8192] as const;
/** Bounds on the length of the transmitted (hardened) filter: `LinkageEncoding.data` holds at most 1024 bytes. */
export const MIN_ENCODED_BITS = 32;
export const MAX_ENCODED_BITS = 8192;

const TextField = z.strictObject({
  source: z.enum(TEXT_SOURCES),
  q: z.int().min(1).max(4),
  k: z.int().min(1).max(64),
  salt: z.enum(SALT_SOURCES).optional(),
});
const TokenField = z.strictObject({
  source: z.enum(TOKEN_SOURCES),
  k: z.int().min(1).max(64),
  salt: z.enum(SALT_SOURCES).optional(),
});

const HardeningStep = z.discriminatedUnion("step", [
  z.strictObject({ step: z.literal("xor-fold") }),
  z.strictObject({ step: z.literal("balance") }),
]);

/** The zod schema of a linkage schema document (format 1). Unknown fields are rejected. */
export const LinkageSchemaDocument = z
  .strictObject({
    format: z.literal("corridor-linkage-schema"),
    version: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,62}[a-z0-9]$/),
    filter: z.strictObject({
      length: z.literal(LENGTHS),
      hash: z.literal("hmac-sha256"),
    }),
    fields: z
      .array(z.union([TextField, TokenField]))
      .min(1)
      .max(8),
    hardening: z.array(HardeningStep).max(4),
  })
  .meta({
    id: "LinkageSchemaDocument",
    description:
      "Linkage schema (spec/linkage.md): identifiers encoded, q-gram length, bits per q-gram, filter length, salting and hardening steps.",
  });
export type LinkageSchemaDocument = z.infer<typeof LinkageSchemaDocument>;
export type LinkageField = LinkageSchemaDocument["fields"][number];
export type HardeningStep = z.infer<typeof HardeningStep>;

/** A validated linkage schema with its canonical form and digest. */
export interface LinkageSchema {
  readonly document: LinkageSchemaDocument;
  /** RFC 8785 canonical JSON of the document. */
  readonly canonical: string;
  /** `sha256:` + unpadded base64url of SHA-256 over the UTF-8 canonical form. */
  readonly digest: string;
  /** log2 of the filter length before hardening. */
  readonly indexBits: number;
  /** Length in bits of the encoding as transmitted (after every hardening step). */
  readonly encodedBits: number;
}

/**
 * RFC 8785 (JCS) canonical JSON of a JSON value: object members sorted by the UTF-16 code units of
 * their names, no whitespace, strings and numbers serialized as ECMAScript `JSON.stringify` does
 * (which is what JCS specifies). Non-finite numbers, `undefined` and non-plain values are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "canonicalJson: non-finite number");
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new CorridorError("ERR_INVALID_ARGUMENT", "canonicalJson: value is not plain JSON data");
}

/** The digest of a (validated) linkage schema document: `sha256:<43 base64url>`. */
export function linkageSchemaDigest(document: LinkageSchemaDocument): string {
  return `sha256:${toBase64Url(sha256(new TextEncoder().encode(canonicalJson(document))))}`;
}

function issue(path: PathSegment[], reason: string, message: string): CorridorIssue {
  return { path, reason, message };
}

/**
 * Validates a linkage schema document (e.g. the parsed JSON of an agreement annex) and computes its
 * digest. Throws `ERR_LINKAGE_SCHEMA_INVALID` with one issue per problem.
 *
 * @example
 * ```ts
 * import { parseLinkageSchema, DEFAULT_LINKAGE_SCHEMA } from "@corridor/pseudonym";
 * const schema = parseLinkageSchema(JSON.parse(JSON.stringify(DEFAULT_LINKAGE_SCHEMA)));
 * schema.digest; // "sha256:…"
 * ```
 */
export function parseLinkageSchema(input: unknown): LinkageSchema {
  const parsed = LinkageSchemaDocument.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === "symbol" ? String(p.description) : p));
      const where = path.length === 0 ? "$" : path.join(".");
      return issue(
        i.code === "unrecognized_keys" ? [...path, ...i.keys] : path,
        i.code === "unrecognized_keys" ? "unrecognized_key" : i.code,
        i.code === "unrecognized_keys"
          ? `${where}: field is not part of the linkage schema format`
          : `${where}: ${i.code.replaceAll("_", " ")}`,
      );
    });
    throw new CorridorError("ERR_LINKAGE_SCHEMA_INVALID", "linkage schema is not valid", {
      issues,
    });
  }
  const doc = parsed.data;
  const indexBits = Math.log2(doc.filter.length);
  const issues: CorridorIssue[] = [];
  const seen = new Set<string>();
  doc.fields.forEach((field, i) => {
    if (seen.has(field.source)) {
      issues.push(issue(["fields", i, "source"], "duplicate", "a source may appear only once"));
    }
    seen.add(field.source);
    if (field.k * indexBits > 256) {
      issues.push(
        issue(
          ["fields", i, "k"],
          "too_big",
          "k × log2(filter.length) must not exceed the 256 bits of one HMAC-SHA256",
        ),
      );
    }
  });
  let bits: number = doc.filter.length;
  doc.hardening.forEach((step, i) => {
    bits = step.step === "balance" ? bits * 2 : bits / 2;
    if (bits < MIN_ENCODED_BITS || bits > MAX_ENCODED_BITS) {
      issues.push(
        issue(
          ["hardening", i],
          "out_of_range",
          `the encoded length after each step must stay within ${MIN_ENCODED_BITS}..${MAX_ENCODED_BITS} bits`,
        ),
      );
    }
  });
  if (issues.length > 0) {
    throw new CorridorError("ERR_LINKAGE_SCHEMA_INVALID", "linkage schema is not valid", {
      issues,
    });
  }
  const canonical = canonicalJson(doc);
  return Object.freeze({
    document: doc,
    canonical,
    digest: `sha256:${toBase64Url(sha256(new TextEncoder().encode(canonical)))}`,
    indexBits,
    encodedBits: bits,
  });
}

/** {@link parseLinkageSchema} returning a {@link Result} instead of throwing. */
export function safeParseLinkageSchema(input: unknown): Result<LinkageSchema> {
  return toResult(() => parseLinkageSchema(input));
}

/**
 * The default linkage schema (spec/linkage.md §2.4): all name tokens as padded bigrams salted by
 * year of birth, date of birth as year/month/day tokens, sex; 1024-bit filter, balanced to 2048.
 */
export const DEFAULT_LINKAGE_SCHEMA: LinkageSchemaDocument = Object.freeze({
  format: "corridor-linkage-schema",
  version: 1,
  name: "corridor-person-default",
  filter: { length: 1024, hash: "hmac-sha256" },
  fields: [
    { source: "name", q: 2, k: 20, salt: "yearOfBirth" },
    { source: "dateOfBirth", k: 20, salt: "yearOfBirth" },
    { source: "sex", k: 10, salt: "yearOfBirth" },
  ],
  hardening: [{ step: "balance" }],
}) as LinkageSchemaDocument;
