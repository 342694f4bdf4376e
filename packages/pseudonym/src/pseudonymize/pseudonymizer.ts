/**
 * Keyed pseudonyms of identifiers (spec/pseudonym.md §4–§6): HMAC-SHA256 under the field's key over
 * the UTF-8 bytes of the identifier's normalized form, written as `hs256:<epoch>:<base64url>`.
 */
import {
  CorridorError,
  formatPath,
  type PathSegment,
  type Result,
  toResult,
} from "@corridor/errors";
import type {
  ClearIdentifiers,
  PersonAttributes,
  PersonName,
  Pseudonym,
  Pseudonyms,
} from "@corridor/schema";
import { KeyedHmacSha256 } from "../_hmac-sha256.js";
import {
  assertAgreementId,
  assertEpoch,
  assertFieldKeys,
  type FieldKeys,
  PSEUDONYM_FIELDS,
  PSEUDONYM_SCHEME,
  type PseudonymField,
} from "./keys.js";
import {
  type DocumentType,
  normalizeDocument,
  normalizeName,
  normalizePartialDate,
  normalizeText,
} from "./normalize.js";

/** Kinds of composite linkage key (spec/pseudonym.md §6). */
export const LINKAGE_KEY_KINDS = ["name-dob-sex", "name-yob-sex", "name-dob", "name-yob"] as const;
/** A kind of composite linkage key. */
export type LinkageKeyKind = (typeof LINKAGE_KEY_KINDS)[number];
/** The kinds computed unless an agreement chooses others. */
export const DEFAULT_LINKAGE_KEY_KINDS: readonly LinkageKeyKind[] = [
  "name-dob-sex",
  "name-yob-sex",
];

/** An identity document in clear, as in the record model. */
export interface ClearDocument {
  readonly type: DocumentType;
  readonly issuingCountry: string;
  readonly number: string;
}

/** Options of {@link createPseudonymizer}. */
export interface PseudonymizerOptions {
  /** The key epoch the agreement currently requires; keys of another epoch are refused. */
  readonly epoch?: number;
  /** The agreement the caller expects; keys of another agreement are refused. */
  readonly agreementId?: string;
  /**
   * The composite linkage keys to compute, in this order (default `name-dob-sex`, `name-yob-sex`);
   * `[]` computes none. All parties of an agreement must use the same list.
   */
  readonly linkageKeys?: readonly LinkageKeyKind[];
}

/**
 * Pseudonymizes identifiers under the field keys of one agreement and epoch. Every method throws
 * {@link CorridorError} with the path of the offending field and has a `safe*` twin returning a
 * {@link Result}. Reuse one instance for many records: the keyed HMAC states are computed once.
 */
export interface Pseudonymizer {
  readonly scheme: typeof PSEUDONYM_SCHEME;
  readonly agreementId: string;
  readonly epoch: number;
  /** The composite linkage keys this instance computes. */
  readonly linkageKeyKinds: readonly LinkageKeyKind[];
  /**
   * Pseudonym of a document: HMAC over `<class>|<issuing country>|<number>` (see
   * {@link normalizeDocument}), so equal numbers from different countries or classes differ.
   */
  pseudonymizeDocument(doc: ClearDocument, path?: readonly PathSegment[]): Pseudonym;
  /** Pseudonym of a name: HMAC over {@link normalizeName} (name order does not matter). */
  pseudonymizeName(name: PersonName, path?: readonly PathSegment[]): Pseudonym;
  /** Pseudonym of a (partial) date of birth: HMAC over {@link normalizePartialDate}. */
  pseudonymizeDateOfBirth(date: string, path?: readonly PathSegment[]): Pseudonym;
  /** Pseudonym of a place of birth: HMAC over {@link normalizeText}. */
  pseudonymizePlaceOfBirth(place: string, path?: readonly PathSegment[]): Pseudonym;
  /**
   * The composite linkage keys of a person (spec/pseudonym.md §6), in the order of
   * `linkageKeyKinds`; a kind is left out when the person lacks one of its parts (no name, no
   * full date of birth, sex unknown). Never throws for missing parts; may return `[]`.
   */
  linkageKeys(identifiers: ClearIdentifiers, attributes: PersonAttributes): Pseudonym[];
  /** Every identifier replaced by its pseudonym, plus the linkage keys: the `pseudonyms` block. */
  pseudonymizeIdentifiers(
    identifiers: ClearIdentifiers,
    attributes: PersonAttributes,
    path?: readonly PathSegment[],
  ): Pseudonyms;
  /**
   * Low level: the pseudonym of an already normalized value under one field's key. Used by the
   * test vectors and by implementations that normalize elsewhere. Throws
   * `ERR_PSEUDONYM_INPUT_UNNORMALIZABLE` for "".
   */
  pseudonymizeNormalized(field: PseudonymField, normalized: string): Pseudonym;

  safePseudonymizeDocument(doc: ClearDocument): Result<Pseudonym>;
  safePseudonymizeName(name: PersonName): Result<Pseudonym>;
  safePseudonymizeDateOfBirth(date: string): Result<Pseudonym>;
  safePseudonymizePlaceOfBirth(place: string): Result<Pseudonym>;
  safeLinkageKeys(identifiers: ClearIdentifiers, attributes: PersonAttributes): Result<Pseudonym[]>;
  safePseudonymizeIdentifiers(
    identifiers: ClearIdentifiers,
    attributes: PersonAttributes,
  ): Result<Pseudonyms>;
}

const WHITESPACE_ONLY_RE = /^\s*$/u;
/** True for "" and strings of white space only (a quick look at the first character first). */
const isBlank = (v: string): boolean =>
  v.length === 0 ||
  (v.charCodeAt(0) <= 0x20 || v.charCodeAt(0) >= 0x80 ? WHITESPACE_ONLY_RE.test(v) : false);

// Default paths, shared (never mutated) so that no array is allocated per call.
const DOCUMENT_PATH: readonly PathSegment[] = Object.freeze(["document"]);
const NAME_PATH: readonly PathSegment[] = Object.freeze(["name"]);
const DATE_OF_BIRTH_PATH: readonly PathSegment[] = Object.freeze(["dateOfBirth"]);
const PLACE_OF_BIRTH_PATH: readonly PathSegment[] = Object.freeze(["placeOfBirth"]);
const IDENTIFIERS_PATH: readonly PathSegment[] = Object.freeze(["identifiers"]);

function empty(path: readonly PathSegment[]): CorridorError {
  return new CorridorError(
    "ERR_PSEUDONYM_INPUT_EMPTY",
    `${formatPath(path)}: identifier is missing or empty`,
    { path },
  );
}

function unnormalizable(path: readonly PathSegment[], what: string): CorridorError {
  return new CorridorError("ERR_PSEUDONYM_INPUT_UNNORMALIZABLE", `${formatPath(path)}: ${what}`, {
    path,
  });
}

function requireString(value: unknown, path: readonly PathSegment[]): string {
  if (value === undefined || value === null) throw empty(path);
  if (typeof value !== "string") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", `${formatPath(path)}: expected a string`, {
      path,
    });
  }
  if (isBlank(value)) throw empty(path);
  return value;
}

class HmacPseudonymizer implements Pseudonymizer {
  readonly scheme = PSEUDONYM_SCHEME;
  readonly agreementId: string;
  readonly epoch: number;
  readonly linkageKeyKinds: readonly LinkageKeyKind[];
  readonly #macs: Record<PseudonymField, KeyedHmacSha256>;
  readonly #prefix: string;
  #buf = new Uint8Array(256);

  constructor(keys: FieldKeys, kinds: readonly LinkageKeyKind[]) {
    this.agreementId = keys.agreementId;
    this.epoch = keys.epoch;
    this.linkageKeyKinds = Object.freeze([...kinds]);
    this.#prefix = `${PSEUDONYM_SCHEME}:${keys.epoch}:`;
    const macs = {} as Record<PseudonymField, KeyedHmacSha256>;
    for (const field of PSEUDONYM_FIELDS) macs[field] = new KeyedHmacSha256(keys.keys[field]);
    this.#macs = macs;
  }

  /** HMAC of the UTF-8 bytes of `text` under the field key, in text form. */
  #mac(field: PseudonymField, text: string): Pseudonym {
    let buf = this.#buf;
    if (buf.length < text.length * 3) buf = this.#buf = new Uint8Array(text.length * 3 + 64);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        buf[n++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          buf[n++] = 0xf0 | (c >>> 18);
          buf[n++] = 0x80 | ((c >>> 12) & 63);
          buf[n++] = 0x80 | ((c >>> 6) & 63);
          buf[n++] = 0x80 | (c & 63);
          continue;
        }
        c = 0xfffd; // lone surrogate, as TextEncoder does
      }
      if (c < 0x800) {
        buf[n++] = 0xc0 | (c >>> 6);
        buf[n++] = 0x80 | (c & 63);
      } else {
        buf[n++] = 0xe0 | (c >>> 12);
        buf[n++] = 0x80 | ((c >>> 6) & 63);
        buf[n++] = 0x80 | (c & 63);
      }
    }
    return this.#macs[field].macBase64url(buf, n, this.#prefix);
  }

  pseudonymizeNormalized(field: PseudonymField, normalized: string): Pseudonym {
    if (!Object.hasOwn(this.#macs, field)) {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "field: not a pseudonym field", {
        path: ["field"],
      });
    }
    if (typeof normalized !== "string") {
      throw new CorridorError("ERR_INVALID_ARGUMENT", "normalized: expected a string", {
        path: ["normalized"],
      });
    }
    if (normalized === "") throw unnormalizable(["normalized"], "empty value");
    return this.#mac(field, normalized);
  }

  pseudonymizeDocument(
    doc: ClearDocument,
    path: readonly PathSegment[] = DOCUMENT_PATH,
  ): Pseudonym {
    if (typeof doc !== "object" || doc === null) throw empty(path);
    const number: unknown = doc.number;
    if (typeof number !== "string" || isBlank(number)) requireString(number, [...path, "number"]);
    let input: string;
    try {
      input = normalizeDocument(doc);
    } catch (error) {
      // re-root the path of a bad type or country under the caller's path
      if (error instanceof CorridorError && error.path !== undefined) {
        const at = [...path, ...error.path];
        throw new CorridorError(error.code, `${formatPath(at)}: ${error.message}`, { path: at });
      }
      throw error;
    }
    if (input === "") {
      throw unnormalizable([...path, "number"], "document number has no letter or digit");
    }
    return this.#mac("document", input);
  }

  pseudonymizeName(name: PersonName, path: readonly PathSegment[] = NAME_PATH): Pseudonym {
    if (typeof name !== "object" || name === null) throw empty(path);
    const given: unknown = "given" in name ? name.given : undefined;
    const family: unknown = name.family;
    if (given !== undefined && typeof given !== "string") requireType(given, [...path, "given"]);
    if (family !== undefined && typeof family !== "string")
      requireType(family, [...path, "family"]);
    const blankGiven = given === undefined || isBlank(given as string);
    if (blankGiven && (family === undefined || isBlank(family as string))) throw empty(path);
    const normalized = normalizeName(name);
    if (normalized === "") throw unnormalizable(path, "name has no letter or digit");
    return this.#mac("name", normalized);
  }

  pseudonymizeDateOfBirth(
    date: string,
    path: readonly PathSegment[] = DATE_OF_BIRTH_PATH,
  ): Pseudonym {
    const text = requireString(date, path);
    const normalized = normalizePartialDate(text);
    if (normalized === "") throw unnormalizable(path, "not a year-first partial date");
    return this.#mac("date-of-birth", normalized);
  }

  pseudonymizePlaceOfBirth(
    place: string,
    path: readonly PathSegment[] = PLACE_OF_BIRTH_PATH,
  ): Pseudonym {
    const text = requireString(place, path);
    const normalized = normalizeText(text);
    if (normalized === "") throw unnormalizable(path, "place has no letter or digit");
    return this.#mac("place-of-birth", normalized);
  }

  linkageKeys(identifiers: ClearIdentifiers, attributes: PersonAttributes): Pseudonym[] {
    const out: Pseudonym[] = [];
    if (this.linkageKeyKinds.length === 0) return out;
    const inputs = linkageKeyInputs(identifiers, attributes);
    for (const kind of this.linkageKeyKinds) {
      const input = inputs[kind];
      if (input !== undefined) out.push(this.#mac(`link-${kind}`, input));
    }
    return out;
  }

  pseudonymizeIdentifiers(
    identifiers: ClearIdentifiers,
    attributes: PersonAttributes,
    path: readonly PathSegment[] = IDENTIFIERS_PATH,
  ): Pseudonyms {
    if (typeof identifiers !== "object" || identifiers === null) throw empty(path);
    const out: {
      documents?: { type: DocumentType; issuingCountry: string; pseudonym: Pseudonym }[];
      name?: Pseudonym;
      dateOfBirth?: Pseudonym;
      placeOfBirth?: Pseudonym;
      linkageKeys?: Pseudonym[];
    } = {};
    if (identifiers.documents !== undefined) {
      out.documents = identifiers.documents.map((doc, i) => ({
        type: doc.type,
        issuingCountry: doc.issuingCountry,
        pseudonym: this.pseudonymizeDocument(doc, [...path, "documents", i]),
      }));
    }
    if (identifiers.name !== undefined) {
      out.name = this.pseudonymizeName(identifiers.name, [...path, "name"]);
    }
    if (identifiers.dateOfBirth !== undefined) {
      out.dateOfBirth = this.pseudonymizeDateOfBirth(identifiers.dateOfBirth, [
        ...path,
        "dateOfBirth",
      ]);
    }
    if (identifiers.placeOfBirth !== undefined) {
      out.placeOfBirth = this.pseudonymizePlaceOfBirth(identifiers.placeOfBirth, [
        ...path,
        "placeOfBirth",
      ]);
    }
    const links = this.linkageKeys(identifiers, attributes);
    if (links.length > 0) out.linkageKeys = links;
    return out as Pseudonyms;
  }

  safePseudonymizeDocument(doc: ClearDocument): Result<Pseudonym> {
    return toResult(() => this.pseudonymizeDocument(doc));
  }
  safePseudonymizeName(name: PersonName): Result<Pseudonym> {
    return toResult(() => this.pseudonymizeName(name));
  }
  safePseudonymizeDateOfBirth(date: string): Result<Pseudonym> {
    return toResult(() => this.pseudonymizeDateOfBirth(date));
  }
  safePseudonymizePlaceOfBirth(place: string): Result<Pseudonym> {
    return toResult(() => this.pseudonymizePlaceOfBirth(place));
  }
  safeLinkageKeys(
    identifiers: ClearIdentifiers,
    attributes: PersonAttributes,
  ): Result<Pseudonym[]> {
    return toResult(() => this.linkageKeys(identifiers, attributes));
  }
  safePseudonymizeIdentifiers(
    identifiers: ClearIdentifiers,
    attributes: PersonAttributes,
  ): Result<Pseudonyms> {
    return toResult(() => this.pseudonymizeIdentifiers(identifiers, attributes));
  }
}

function requireType(value: unknown, path: readonly PathSegment[]): void {
  if (typeof value !== "string") {
    throw new CorridorError("ERR_INVALID_ARGUMENT", `${formatPath(path)}: expected a string`, {
      path,
    });
  }
}

/**
 * The inputs of the composite linkage keys (spec/pseudonym.md §6): the normalized name, the
 * normalized date of birth (or its year) and the sex code, joined by `|`, e.g.
 * `ali hassan|1990-05-17|M`. A kind is absent when a part is missing: no name words, a date of
 * birth without day (for `*-dob*`), or sex absent or `U` (for `*-sex`).
 *
 * @example
 * ```ts
 * import { linkageKeyInputs } from "@corridor/pseudonym";
 * linkageKeyInputs({ name: { given: "Ali", family: "Hassan" }, dateOfBirth: "1990-05" }, { sex: "M" });
 * // { "name-yob-sex": "ali hassan|1990|M", "name-yob": "ali hassan|1990" }
 * ```
 */
export function linkageKeyInputs(
  identifiers: ClearIdentifiers,
  attributes: PersonAttributes,
): Partial<Record<LinkageKeyKind, string>> {
  const out: Partial<Record<LinkageKeyKind, string>> = {};
  if (identifiers?.name === undefined || typeof identifiers.dateOfBirth !== "string") return out;
  const name = normalizeName(identifiers.name);
  const dob = normalizePartialDate(identifiers.dateOfBirth);
  if (name === "" || dob === "") return out;
  const sex = attributes?.sex;
  const knownSex = sex === "F" || sex === "M" || sex === "O" ? sex : undefined;
  const year = dob.slice(0, 4);
  const full = dob.length === 10 ? dob : undefined;
  if (full !== undefined && knownSex !== undefined)
    out["name-dob-sex"] = `${name}|${full}|${knownSex}`;
  if (knownSex !== undefined) out["name-yob-sex"] = `${name}|${year}|${knownSex}`;
  if (full !== undefined) out["name-dob"] = `${name}|${full}`;
  out["name-yob"] = `${name}|${year}`;
  return out;
}

/**
 * Makes a {@link Pseudonymizer} from the field keys of one agreement and epoch.
 *
 * @param keys - From {@link deriveFieldKeys}.
 * @param options - Expected epoch and agreement (refused otherwise), linkage-key kinds.
 * @throws CorridorError `ERR_PSEUDONYM_KEY_INVALID` (a key is not 32 bytes, a bad epoch or
 *   agreement id), `ERR_PSEUDONYM_EPOCH_MISMATCH`, `ERR_PSEUDONYM_AGREEMENT_MISMATCH`,
 *   `ERR_INVALID_ARGUMENT` (an unknown linkage-key kind).
 *
 * @example
 * ```ts
 * import { createPseudonymizer, deriveFieldKeys } from "@corridor/pseudonym";
 * const p = createPseudonymizer(deriveFieldKeys({ agreementId: "GRC-ITA-2025-07", epoch: 3, secret }), {
 *   epoch: 3,
 * });
 * p.pseudonymizeName({ given: "Ali", family: "Hassan" }); // "hs256:3:…" (43 base64url characters)
 * p.pseudonymizeDocument({ type: "passport", issuingCountry: "SYR", number: "N 0123-4567" });
 * ```
 */
export function createPseudonymizer(
  keys: FieldKeys,
  options: PseudonymizerOptions = {},
): Pseudonymizer {
  assertFieldKeys(keys);
  if (options.epoch !== undefined) {
    assertEpoch(options.epoch, ["options", "epoch"]);
    if (options.epoch !== keys.epoch) {
      throw new CorridorError(
        "ERR_PSEUDONYM_EPOCH_MISMATCH",
        "keys: key epoch differs from the expected epoch",
        { path: ["keys", "epoch"] },
      );
    }
  }
  if (options.agreementId !== undefined) {
    assertAgreementId(options.agreementId, ["options", "agreementId"]);
    if (options.agreementId !== keys.agreementId) {
      throw new CorridorError(
        "ERR_PSEUDONYM_AGREEMENT_MISMATCH",
        "keys: keys belong to another agreement",
        { path: ["keys", "agreementId"] },
      );
    }
  }
  const kinds = options.linkageKeys ?? DEFAULT_LINKAGE_KEY_KINDS;
  if (!Array.isArray(kinds)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "options.linkageKeys: expected an array", {
      path: ["options", "linkageKeys"],
    });
  }
  kinds.forEach((kind, i) => {
    if (!(LINKAGE_KEY_KINDS as readonly string[]).includes(kind) || kinds.indexOf(kind) !== i) {
      throw new CorridorError(
        "ERR_INVALID_ARGUMENT",
        `options.linkageKeys[${i}]: unknown or repeated linkage-key kind`,
        { path: ["options", "linkageKeys", i] },
      );
    }
  });
  return new HmacPseudonymizer(keys, kinds);
}

/**
 * {@link createPseudonymizer} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeCreatePseudonymizer } from "@corridor/pseudonym";
 * const r = safeCreatePseudonymizer(keys, { epoch: agreement.currentEpoch });
 * if (!r.success && r.error.code === "ERR_PSEUDONYM_EPOCH_MISMATCH") rotateKeys();
 * ```
 */
export function safeCreatePseudonymizer(
  keys: FieldKeys,
  options?: PseudonymizerOptions,
): Result<Pseudonymizer> {
  return toResult(() => createPseudonymizer(keys, options));
}
