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

/** What {@link pseudonymizeRecord} accepts as `options.linkage`. */
export type LinkageEncoder =
  | {
      encodePerson(identifiers: ClearIdentifiers, attributes: PersonAttributes): LinkageEncoding;
    }
  | {
      encode(input: {
        readonly identifiers: ClearIdentifiers;
        readonly attributes: PersonAttributes;
      }): LinkageEncoding;
    };

/** Options of {@link pseudonymizeRecord}. */
export interface PseudonymizeRecordOptions {
  /**
   * A tolerant-linkage encoder; its result goes into `person.linkage`. Either an object with
   * `encodePerson(identifiers, attributes)`, or one with `encode({ identifiers, attributes })` such
   * as the Bloom-filter encoder of `createClkEncoder` (this package's linkage module).
   */
  readonly linkage?: LinkageEncoder;
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
 * import { createClkEncoder, createPseudonymizer, DEFAULT_LINKAGE_SCHEMA, deriveFieldKeys,
 *   parseLinkageSchema, pseudonymizeRecord } from "@corridor/pseudonym";
 * const secret = { agreementId, epoch, secret: secretBytes };
 * const p = createPseudonymizer(deriveFieldKeys(secret));
 * const shared = pseudonymizeRecord(heldRecord, p);
 * shared.person.pseudonyms.name; // "hs256:<epoch>:…"
 * // with a tolerant-linkage encoding as well:
 * const linkage = createClkEncoder({ schema: parseLinkageSchema(DEFAULT_LINKAGE_SCHEMA), key: secret });
 * pseudonymizeRecord(heldRecord, p, { linkage }).person.linkage; // { scheme: "clk", ... }
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
  const linkage = options.linkage;
  if (linkage !== undefined) {
    person["linkage"] =
      "encodePerson" in linkage
        ? linkage.encodePerson(identifiers, attributes)
        : linkage.encode({ identifiers, attributes });
  }
  person["attributes"] = attributes;
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    shared[key] = key === "person" ? person : value;
  return parseRecord(shared, "shared");
}

/**
 * {@link pseudonymizeRecord} without throwing: `{ success, data }` or `{ success: false, error }`.
 *
 * @example
 * ```ts
 * import { safePseudonymizeRecord } from "@corridor/pseudonym";
 * const r = safePseudonymizeRecord(held, p);
 * if (r.success) send(r.data);
 * else console.error(r.error.code, r.error.path); // e.g. ERR_PSEUDONYM_INPUT_UNNORMALIZABLE person.identifiers.name
 * ```
 */
export function safePseudonymizeRecord(
  held: HeldRecord,
  pseudonymizer: Pseudonymizer,
  options?: PseudonymizeRecordOptions,
): Result<SharedRecord> {
  return toResult(() => pseudonymizeRecord(held, pseudonymizer, options));
}
