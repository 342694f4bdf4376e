/**
 * Linkage across key epochs (spec/pseudonym.md §9). Rotating the epoch changes every pseudonym. A
 * sender that wants recipients to keep linking its records across the rotation issues a
 * translation table for its own records: each epoch-n pseudonym next to its epoch-n+1 pseudonym.
 * Only a holder of both epochs' secrets (a sender) can build one; a recipient applies it.
 */
import {
  CorridorError,
  formatPath,
  type PathSegment,
  type Result,
  toResult,
} from "@corridor/errors";
import { type HeldRecord, type Pseudonym, parseRecord, type SharedRecord } from "@corridor/schema";
import { assertAgreementId, assertEpoch, PSEUDONYM_SCHEME } from "./keys.js";
import { parsePseudonym } from "./pseudonym.js";
import type { Pseudonymizer } from "./pseudonymizer.js";

/** A translation table from one key epoch to another, for the records of one sender. */
export interface EpochTranslation {
  readonly scheme: typeof PSEUDONYM_SCHEME;
  readonly agreementId: string;
  readonly fromEpoch: number;
  readonly toEpoch: number;
  /** `[old, new]` pairs, sorted by `old` (code-unit order of the ASCII text), each `old` once. */
  readonly entries: readonly (readonly [Pseudonym, Pseudonym])[];
}

/** Options of {@link buildEpochTranslation}. */
export interface BuildEpochTranslationOptions {
  /** The records are already the output of `parseRecord(…, "held")`: skip validating them. */
  readonly inputValidated?: boolean;
}

function pairsOf(
  held: HeldRecord,
  from: Pseudonymizer,
  to: Pseudonymizer,
  index: number,
): [Pseudonym, Pseudonym][] {
  const { identifiers, attributes } = held.person;
  const path: PathSegment[] = [index, "person", "identifiers"];
  const a = from.pseudonymizeIdentifiers(identifiers, attributes, path);
  const b = to.pseudonymizeIdentifiers(identifiers, attributes, path);
  const out: [Pseudonym, Pseudonym][] = [];
  a.documents?.forEach((doc, i) => {
    out.push([doc.pseudonym, b.documents![i]!.pseudonym]);
  });
  if (a.name !== undefined) out.push([a.name, b.name!]);
  if (a.dateOfBirth !== undefined) out.push([a.dateOfBirth, b.dateOfBirth!]);
  if (a.placeOfBirth !== undefined) out.push([a.placeOfBirth, b.placeOfBirth!]);
  a.linkageKeys?.forEach((key, i) => {
    out.push([key, b.linkageKeys![i]!]);
  });
  return out;
}

/**
 * Builds the epoch translation table of a sender's own records: for every identifier (and
 * linkage key) of every record, its pseudonym under `from` next to its pseudonym under `to`.
 * Send it to recipients (signed, in an envelope) when rotating keys; they apply it with
 * {@link translateSharedRecord} or {@link translatePseudonym}.
 *
 * @param records - The sender's held records (the stock it has shared under `from`).
 * @param from - Pseudonymizer of the old epoch.
 * @param to - Pseudonymizer of the new epoch, same agreement and linkage-key kinds.
 * @throws CorridorError `ERR_PSEUDONYM_AGREEMENT_MISMATCH`, `ERR_PSEUDONYM_EPOCH_MISMATCH` (the new
 *   epoch is not later), `ERR_INVALID_ARGUMENT` (different linkage-key kinds), or the error of the
 *   first record that cannot be pseudonymized, its path starting with the record's index.
 *
 * @example
 * ```ts
 * import { buildEpochTranslation, createPseudonymizer, deriveFieldKeys } from "@corridor/pseudonym";
 * const old = createPseudonymizer(deriveFieldKeys({ agreementId, epoch: 3, secret: secret3 }));
 * const next = createPseudonymizer(deriveFieldKeys({ agreementId, epoch: 4, secret: secret4 }));
 * const table = buildEpochTranslation(heldStock, old, next);
 * ```
 */
export function buildEpochTranslation(
  records: Iterable<HeldRecord>,
  from: Pseudonymizer,
  to: Pseudonymizer,
  options: BuildEpochTranslationOptions = {},
): EpochTranslation {
  if (from.agreementId !== to.agreementId) {
    throw new CorridorError(
      "ERR_PSEUDONYM_AGREEMENT_MISMATCH",
      "to: pseudonymizers belong to different agreements",
      { path: ["to", "agreementId"] },
    );
  }
  if (to.epoch <= from.epoch) {
    throw new CorridorError(
      "ERR_PSEUDONYM_EPOCH_MISMATCH",
      "to: the new key epoch must be later than the old one",
      { path: ["to", "epoch"] },
    );
  }
  if (from.linkageKeyKinds.join(",") !== to.linkageKeyKinds.join(",")) {
    throw new CorridorError(
      "ERR_INVALID_ARGUMENT",
      "to: pseudonymizers compute different linkage-key kinds",
      { path: ["to", "linkageKeyKinds"] },
    );
  }
  const map = new Map<Pseudonym, Pseudonym>();
  let index = 0;
  for (const input of records) {
    const held =
      options.inputValidated === true ? input : reroot(index, () => parseRecord(input, "held"));
    for (const [a, b] of pairsOf(held, from, to, index)) map.set(a, b);
    index++;
  }
  const entries = [...map].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return Object.freeze({
    scheme: PSEUDONYM_SCHEME,
    agreementId: from.agreementId,
    fromEpoch: from.epoch,
    toEpoch: to.epoch,
    entries: Object.freeze(entries.map((e) => Object.freeze(e) as readonly [Pseudonym, Pseudonym])),
  });
}

function reroot<T>(index: number, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CorridorError) {
      const path = [index, ...(error.path ?? [])];
      throw new CorridorError(error.code, `record ${index}: ${error.message}`, {
        path,
        issues: error.issues.map((i) => ({ ...i, path: [index, ...i.path] })),
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * {@link buildEpochTranslation} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeBuildEpochTranslation } from "@corridor/pseudonym";
 * const r = safeBuildEpochTranslation(heldStock, old, next);
 * if (!r.success) console.error(r.error.code, r.error.path); // path starts with the record index
 * ```
 */
export function safeBuildEpochTranslation(
  records: Iterable<HeldRecord>,
  from: Pseudonymizer,
  to: Pseudonymizer,
  options?: BuildEpochTranslationOptions,
): Result<EpochTranslation> {
  return toResult(() => buildEpochTranslation(records, from, to, options));
}

const LOOKUP = new WeakMap<EpochTranslation, Map<string, Pseudonym>>();

function lookup(table: EpochTranslation): Map<string, Pseudonym> {
  let map = LOOKUP.get(table);
  if (map === undefined) {
    map = new Map(table.entries);
    LOOKUP.set(table, map);
  }
  return map;
}

/**
 * The epoch-`toEpoch` pseudonym of an epoch-`fromEpoch` pseudonym.
 *
 * @throws CorridorError `ERR_PSEUDONYM_MALFORMED`, `ERR_PSEUDONYM_EPOCH_MISMATCH` (the pseudonym is
 *   not of the table's old epoch or scheme), `ERR_PSEUDONYM_TRANSLATION_MISSING` (not in the table).
 *
 * @example
 * ```ts
 * import { translatePseudonym } from "@corridor/pseudonym";
 * const current = translatePseudonym(table, storedPseudonym);
 * ```
 */
export function translatePseudonym(
  table: EpochTranslation,
  pseudonym: Pseudonym,
  path: readonly PathSegment[] = [],
): Pseudonym {
  const parsed = (() => {
    try {
      return parsePseudonym(pseudonym);
    } catch (error) {
      if (error instanceof CorridorError) {
        throw new CorridorError(error.code, `${formatPath(path)}: ${error.message}`, { path });
      }
      throw error;
    }
  })();
  if (parsed.scheme !== table.scheme || parsed.epoch !== table.fromEpoch) {
    throw new CorridorError(
      "ERR_PSEUDONYM_EPOCH_MISMATCH",
      `${formatPath(path)}: pseudonym is not of the table's old key epoch`,
      { path },
    );
  }
  const next = lookup(table).get(pseudonym);
  if (next === undefined) {
    throw new CorridorError(
      "ERR_PSEUDONYM_TRANSLATION_MISSING",
      `${formatPath(path)}: pseudonym has no entry in the translation table`,
      { path },
    );
  }
  return next;
}

/**
 * {@link translatePseudonym} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeTranslatePseudonym } from "@corridor/pseudonym";
 * const r = safeTranslatePseudonym(table, stored);
 * const current = r.success ? r.data : undefined; // ERR_PSEUDONYM_TRANSLATION_MISSING if not in the table
 * ```
 */
export function safeTranslatePseudonym(
  table: EpochTranslation,
  pseudonym: Pseudonym,
): Result<Pseudonym> {
  return toResult(() => translatePseudonym(table, pseudonym));
}

/** Options of {@link translateSharedRecord}. */
export interface TranslateSharedRecordOptions {
  /**
   * A tolerant-linkage encoding cannot be translated (it needs the clear identifiers). By default
   * a record carrying one is refused; with `dropLinkage: true` the encoding is left out.
   */
  readonly dropLinkage?: boolean;
}

/**
 * A shared record with every pseudonym replaced by its new-epoch pseudonym from the table. The
 * result is validated as a shared record.
 *
 * @throws CorridorError `ERR_RECORD_INVALID`, `ERR_PSEUDONYM_EPOCH_MISMATCH`,
 *   `ERR_PSEUDONYM_TRANSLATION_MISSING` (with the path of the pseudonym; at `person.linkage` for a
 *   tolerant-linkage encoding unless `dropLinkage`).
 *
 * @example
 * ```ts
 * import { translateSharedRecord } from "@corridor/pseudonym";
 * const updated = stored.map((r) => translateSharedRecord(table, r));
 * ```
 */
export function translateSharedRecord(
  table: EpochTranslation,
  record: SharedRecord,
  options: TranslateSharedRecordOptions = {},
): SharedRecord {
  const input = parseRecord(record, "shared");
  const p = input.person.pseudonyms;
  const base = ["person", "pseudonyms"];
  const t = (value: Pseudonym, ...rest: PathSegment[]) =>
    translatePseudonym(table, value, [...base, ...rest]);
  const pseudonyms: Record<string, unknown> = {};
  if (p.documents !== undefined) {
    pseudonyms["documents"] = p.documents.map((d, i) => ({
      ...d,
      pseudonym: t(d.pseudonym, "documents", i, "pseudonym"),
    }));
  }
  if (p.name !== undefined) pseudonyms["name"] = t(p.name, "name");
  if (p.dateOfBirth !== undefined) pseudonyms["dateOfBirth"] = t(p.dateOfBirth, "dateOfBirth");
  if (p.placeOfBirth !== undefined) pseudonyms["placeOfBirth"] = t(p.placeOfBirth, "placeOfBirth");
  if (p.linkageKeys !== undefined) {
    pseudonyms["linkageKeys"] = p.linkageKeys.map((k, i) => t(k, "linkageKeys", i));
  }
  const person: Record<string, unknown> = { pseudonyms };
  if (input.person.linkage !== undefined && options.dropLinkage !== true) {
    throw new CorridorError(
      "ERR_PSEUDONYM_TRANSLATION_MISSING",
      "person.linkage: a tolerant-linkage encoding cannot be translated; re-encode it or pass dropLinkage",
      { path: ["person", "linkage"] },
    );
  }
  person["attributes"] = input.person.attributes;
  return parseRecord({ ...input, person }, "shared");
}

/**
 * {@link translateSharedRecord} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeTranslateSharedRecord } from "@corridor/pseudonym";
 * const r = safeTranslateSharedRecord(table, record, { dropLinkage: true });
 * if (!r.success) console.error(r.error.code, r.error.path);
 * ```
 */
export function safeTranslateSharedRecord(
  table: EpochTranslation,
  record: SharedRecord,
  options?: TranslateSharedRecordOptions,
): Result<SharedRecord> {
  return toResult(() => translateSharedRecord(table, record, options));
}

/**
 * Validates a translation table received from a sender (e.g. the parsed JSON body of an
 * envelope): shape, scheme, agreement id, epochs (new later than old), every pseudonym well formed
 * and of its epoch, `old` values sorted and unique.
 *
 * @throws CorridorError `ERR_PSEUDONYM_MALFORMED` (a bad entry, with its path),
 *   `ERR_PSEUDONYM_KEY_INVALID` (a bad agreement id or epoch), `ERR_PSEUDONYM_EPOCH_MISMATCH`.
 *
 * @example
 * ```ts
 * import { parseEpochTranslation, translateSharedRecord } from "@corridor/pseudonym";
 * const table = parseEpochTranslation(JSON.parse(body));
 * if (table.agreementId !== agreement.id) throw new Error("wrong agreement");
 * ```
 */
export function parseEpochTranslation(input: unknown): EpochTranslation {
  const bad = (path: PathSegment[], why: string) =>
    new CorridorError("ERR_PSEUDONYM_MALFORMED", `${formatPath(path)}: ${why}`, { path });
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw bad([], "expected an epoch translation object");
  }
  const t = input as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (!["scheme", "agreementId", "fromEpoch", "toEpoch", "entries"].includes(key)) {
      throw bad(["<unknown key>"], "field is not part of a translation table");
    }
  }
  if (t["scheme"] !== PSEUDONYM_SCHEME) throw bad(["scheme"], `expected "hs256"`);
  assertAgreementId(t["agreementId"], ["agreementId"]);
  assertEpoch(t["fromEpoch"], ["fromEpoch"]);
  assertEpoch(t["toEpoch"], ["toEpoch"]);
  const fromEpoch = t["fromEpoch"];
  const toEpoch = t["toEpoch"];
  if (toEpoch <= fromEpoch) {
    throw new CorridorError(
      "ERR_PSEUDONYM_EPOCH_MISMATCH",
      "toEpoch: must be later than fromEpoch",
      {
        path: ["toEpoch"],
      },
    );
  }
  const entries = t["entries"];
  if (!Array.isArray(entries)) throw bad(["entries"], "expected an array");
  const out: (readonly [Pseudonym, Pseudonym])[] = [];
  let previous: string | undefined;
  entries.forEach((entry: unknown, i) => {
    if (!Array.isArray(entry) || entry.length !== 2) throw bad(["entries", i], "expected a pair");
    ([0, 1] as const).forEach((j) => {
      const value: unknown = entry[j];
      let parsed: ReturnType<typeof parsePseudonym>;
      try {
        parsed = parsePseudonym(value as string);
      } catch {
        throw bad(["entries", i, j], "not a pseudonym");
      }
      if (parsed.scheme !== PSEUDONYM_SCHEME || parsed.epoch !== (j === 0 ? fromEpoch : toEpoch)) {
        throw new CorridorError(
          "ERR_PSEUDONYM_EPOCH_MISMATCH",
          `${formatPath(["entries", i, j])}: pseudonym of another scheme or epoch`,
          { path: ["entries", i, j] },
        );
      }
    });
    const [a, b] = entry as [Pseudonym, Pseudonym];
    if (previous !== undefined && !(previous < a)) {
      throw bad(["entries", i, 0], "entries must be sorted by old pseudonym, each once");
    }
    previous = a;
    out.push(Object.freeze([a, b] as const));
  });
  return Object.freeze({
    scheme: PSEUDONYM_SCHEME,
    agreementId: t["agreementId"] as string,
    fromEpoch,
    toEpoch,
    entries: Object.freeze(out),
  });
}

/**
 * {@link parseEpochTranslation} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safeParseEpochTranslation } from "@corridor/pseudonym";
 * const r = safeParseEpochTranslation(JSON.parse(body));
 * if (!r.success) reject(r.error.code);
 * ```
 */
export function safeParseEpochTranslation(input: unknown): Result<EpochTranslation> {
  return toResult(() => parseEpochTranslation(input));
}
