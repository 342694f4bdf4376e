/**
 * Feature extraction (spec/linkage.md §3): the strings that are hashed into a Bloom filter, per
 * schema field, computed from the NORMALIZED identifiers. Normalization itself (Unicode, case,
 * diacritics, transliteration, name tokens, partial dates) is the job of
 * `../pseudonymize/normalize.ts`, shared with the exact pseudonyms, so both kinds of linkage see
 * the same strings.
 */
import type { ClearIdentifiers, PersonAttributes } from "@corridor/schema";
import {
  normalizeNameTokens,
  normalizePartialDate,
  normalizeText,
} from "../pseudonymize/normalize.js";
import type { LinkageField, SaltSource } from "./schema.js";

/** What a Bloom-filter encoding is computed from: the held identifiers and clear attributes. */
export interface LinkageInput {
  readonly identifiers: ClearIdentifiers;
  readonly attributes?: PersonAttributes | undefined;
}

/** Padding character of q-grams (never produced by normalization). */
export const PAD = "_";

/**
 * Distinct q-grams of the tokens, each token padded with q−1 `_` on both sides, in order of first
 * appearance; q-grams are sequences of q Unicode code points.
 */
export function qgrams(tokens: readonly string[], q: number): string[] {
  const out = new Set<string>();
  const pad = PAD.repeat(q - 1);
  for (const token of tokens) {
    if (token === "") continue;
    const padded = pad + token + pad;
    if (!/[\uD800-\uDFFF]/.test(padded)) {
      // No surrogate pairs: code units are code points.
      for (let i = 0; i + q <= padded.length; i++) out.add(padded.substring(i, i + q));
    } else {
      const cps = Array.from(padded);
      for (let i = 0; i + q <= cps.length; i++) out.add(cps.slice(i, i + q).join(""));
    }
  }
  return [...out];
}

/** Splits normalized text on spaces into non-empty tokens. */
function words(text: string): string[] {
  return text.split(" ").filter((t) => t !== "");
}

function nameTokens(name: ClearIdentifiers["name"], part: "all" | "given" | "family"): string[] {
  if (name === undefined) return [];
  if (part === "all") return normalizeNameTokens(name);
  const value = part === "given" ? ("given" in name ? name.given : undefined) : name.family;
  if (value === undefined) return [];
  return part === "given"
    ? normalizeNameTokens({ given: value })
    : normalizeNameTokens({ family: value });
}

/** The normalized date of birth, or undefined when absent. */
function dob(input: LinkageInput): string | undefined {
  const d = input.identifiers.dateOfBirth;
  return d === undefined ? undefined : normalizePartialDate(d);
}

/**
 * The normalized tokens of a q-gram field (name, given name, family name, place of birth), whose
 * features are {@link qgrams} of them; undefined for the other fields.
 */
export function qgramTokens(field: LinkageField, input: LinkageInput): string[] | undefined {
  const id = input.identifiers;
  switch (field.source) {
    case "name":
      return nameTokens(id.name, "all");
    case "givenName":
      return nameTokens(id.name, "given");
    case "familyName":
      return nameTokens(id.name, "family");
    case "placeOfBirth":
      return id.placeOfBirth === undefined ? [] : words(normalizeText(id.placeOfBirth));
    default:
      return undefined;
  }
}

/** The features of one schema field for one record (may be empty). */
export function fieldFeatures(field: LinkageField, input: LinkageInput): string[] {
  const attrs = input.attributes;
  switch (field.source) {
    case "name":
    case "givenName":
    case "familyName":
    case "placeOfBirth":
      return qgrams(qgramTokens(field, input)!, field.q);
    case "dateOfBirth": {
      const d = dob(input);
      if (d === undefined) return [];
      const [y, m, day] = d.split("-");
      const out = [`y${y}`];
      if (m !== undefined) out.push(`m${m}`);
      if (day !== undefined) out.push(`d${day}`);
      return out;
    }
    case "sex":
      // "U" (unknown) is absence of information, not a value to match on.
      return attrs?.sex === undefined || attrs.sex === "U" ? [] : [`s${attrs.sex}`];
    case "countryOfBirth":
      return attrs?.countryOfBirth === undefined || attrs.countryOfBirth === "XXX"
        ? []
        : [`c${attrs.countryOfBirth}`];
    case "citizenship":
      return [...new Set(attrs?.citizenship ?? [])].filter((c) => c !== "XXX").map((c) => `n${c}`);
  }
}

/** The salt value of a record (`""` when the salt attribute is absent). */
export function saltValue(salt: SaltSource | undefined, input: LinkageInput): string {
  if (salt === undefined) return "";
  const d = dob(input);
  return d === undefined ? "" : d.slice(0, 4);
}
