/**
 * Held record → shared record (spec/pseudonym.md §7): the clear identifiers are replaced by their
 * pseudonyms, optionally with a tolerant-linkage encoding, and the result is validated as a shared
 * record before it is returned.
 */
import { CorridorError, type Result, toResult } from "@corridor/errors";
import {
  type ClearIdentifiers,
  type HeldRecord,
  type LinkageEncoding,
  type PersonAttributes,
  parseRecord,
  type SharedRecord,
} from "@corridor/schema";
import type { Pseudonymizer } from "./pseudonymizer.js";

/** Options of {@link pseudonymizeRecord}. */
export interface PseudonymizeRecordOptions {
  /**
   * A tolerant-linkage encoder (e.g. a Bloom-filter CLK encoder from this package's linkage
   * module). Its result goes into `person.linkage`.
   */
  readonly linkage?: {
    encodePerson(identifiers: ClearIdentifiers, attributes: PersonAttributes): LinkageEncoding;
  };
  /**
   * Skip validating the input as a held record (it must then already be the output of
   * `parseRecord(…, "held")`). The output is validated as a shared record in every case.
   */
  readonly inputValidated?: boolean;
}

/**
 * Turns a held record into its shared form: every clear identifier in `person.identifiers` is
 * replaced by its pseudonym in `person.pseudonyms` (documents keep their type and issuing country),
 * composite linkage keys are added where the person has their parts, and `options.linkage` may add
 * a tolerant-linkage encoding. All other fields are copied. The input is validated as a held record
 * first and the output as a shared record (`parseRecord(…, "shared")`) before it is returned, so
 * the result never carries a clear identifier.
 *
 * @param held - A held record (current schema version).
 * @param pseudonymizer - From {@link createPseudonymizer}.
 * @param options - Tolerant-linkage encoder; input already validated.
 * @returns A fresh shared record.
 * @throws CorridorError `ERR_RECORD_INVALID` (the input, with every issue), `ERR_PSEUDONYM_INPUT_EMPTY`
 *   or `ERR_PSEUDONYM_INPUT_UNNORMALIZABLE` with the path of the identifier (e.g.
 *   `person.identifiers.name`), or an error of the linkage encoder.
 *
 * @example
 * ```ts
 * import { createPseudonymizer, deriveFieldKeys, pseudonymizeRecord } from "@corridor/pseudonym";
 * const p = createPseudonymizer(deriveFieldKeys({ agreementId, epoch, secret }));
 * const shared = pseudonymizeRecord(heldRecord, p);
 * shared.person.pseudonyms.name; // "hs256:<epoch>:…"
 * ```
 */
export function pseudonymizeRecord(
  held: HeldRecord,
  pseudonymizer: Pseudonymizer,
  options: PseudonymizeRecordOptions = {},
): SharedRecord {
  if (typeof pseudonymizer !== "object" || pseudonymizer === null) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "pseudonymizer: expected a Pseudonymizer");
  }
  const record = options.inputValidated === true ? held : parseRecord(held, "held");
  const { identifiers, attributes } = record.person;
  const pseudonyms = pseudonymizer.pseudonymizeIdentifiers(identifiers, attributes, [
    "person",
    "identifiers",
  ]);
  const person: Record<string, unknown> = { pseudonyms };
  if (options.linkage !== undefined) {
    person["linkage"] = options.linkage.encodePerson(identifiers, attributes);
  }
  person["attributes"] = attributes;
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    shared[key] = key === "person" ? person : value;
  return parseRecord(shared, "shared");
}

/** {@link pseudonymizeRecord} without throwing. */
export function safePseudonymizeRecord(
  held: HeldRecord,
  pseudonymizer: Pseudonymizer,
  options?: PseudonymizeRecordOptions,
): Result<SharedRecord> {
  return toResult(() => pseudonymizeRecord(held, pseudonymizer, options));
}
