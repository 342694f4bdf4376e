import { CorridorError, formatPath } from "@corridor/errors";
import { CLEAR_IDENTIFIER_KEYS, type HeldRecord, parseRecord } from "@corridor/schema";
import { arbHeldRecord } from "@corridor/schema/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createClkEncoder,
  createPseudonymizer,
  DEFAULT_LINKAGE_SCHEMA,
  deriveFieldKeys,
  parseLinkageSchema,
  parsePseudonym,
  pseudonymizeRecord,
  safePseudonymizeRecord,
} from "../src/index.js";

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const p = createPseudonymizer(
  deriveFieldKeys({ agreementId: "GRC-ITA-2025-07", epoch: 7, secret: SECRET }),
);

const HELD = {
  schemaVersion: "1.0",
  recordId: "r-1",
  kind: "exit",
  agency: "GRC.hellenic-police",
  eventDate: "2025-01-02",
  person: {
    identifiers: {
      documents: [{ type: "passport", issuingCountry: "SYR", number: "N 0123-4567" }],
      name: { given: "Ali", family: "Hassan" },
      dateOfBirth: "1990-05-17",
      placeOfBirth: "Aleppo",
    },
    attributes: { sex: "M", citizenship: ["SYR"] },
  },
  details: { border: { country: "GRC", type: "land" } },
} as unknown as HeldRecord;

/** Every object key anywhere in a value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

const PSEUDONYM_ERRORS = ["ERR_PSEUDONYM_INPUT_EMPTY", "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE"];

describe("pseudonymizeRecord", () => {
  it("turns every held record into a valid shared record with no clear identifier, or names the identifier it cannot use", () => {
    fc.assert(
      fc.property(arbHeldRecord(), (held) => {
        const result = safePseudonymizeRecord(held, p);
        if (!result.success) {
          expect(PSEUDONYM_ERRORS).toContain(result.error.code);
          expect(formatPath(result.error.path ?? [])).toMatch(/^person\.identifiers\./);
          return;
        }
        const shared = result.data;
        expect(parseRecord(shared, "shared")).toEqual(shared);
        expect(shared.person).not.toHaveProperty("identifiers");
        const person = shared.person as unknown as Record<string, unknown>;
        expect(Object.keys(person).sort()).toEqual(["attributes", "pseudonyms"].sort());
        // clear values never reach the shared record
        const json = JSON.stringify(shared);
        const ids = held.person.identifiers;
        for (const doc of ids.documents ?? []) {
          if (doc.number.length >= 6) expect(json).not.toContain(doc.number);
        }
        if (ids.name !== undefined) {
          for (const part of Object.values(ids.name) as string[])
            if (part.length >= 6) expect(json).not.toContain(JSON.stringify(part));
        }
        if (ids.placeOfBirth !== undefined)
          expect(json).not.toContain(JSON.stringify(ids.placeOfBirth));
        // every pseudonym has this agreement's epoch and scheme
        const ps = shared.person.pseudonyms;
        for (const v of [
          ps.name,
          ps.dateOfBirth,
          ps.placeOfBirth,
          ...(ps.linkageKeys ?? []),
          ...(ps.documents ?? []).map((d) => d.pseudonym),
        ]) {
          if (v === undefined) continue;
          const parsed = parsePseudonym(v);
          expect(parsed.scheme).toBe("hs256");
          expect(parsed.epoch).toBe(7);
        }
        // each identifier present in the held record has its pseudonym, and nothing else does
        expect(ps.name !== undefined).toBe(ids.name !== undefined);
        expect(ps.dateOfBirth !== undefined).toBe(ids.dateOfBirth !== undefined);
        expect(ps.placeOfBirth !== undefined).toBe(ids.placeOfBirth !== undefined);
        expect(ps.documents?.length).toBe(ids.documents?.length);
        // everything outside the person block is copied unchanged
        const { person: _h, ...heldRest } = held;
        const { person: _s, ...sharedRest } = shared;
        expect(sharedRest).toEqual(heldRest);
        expect(shared.person.attributes).toEqual(held.person.attributes);
        expect(keysOf(shared.person.pseudonyms).has("number")).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic and equal for equivalent spellings of the identifiers", () => {
    const variant = structuredClone(HELD) as unknown as {
      person: { identifiers: Record<string, unknown> };
    };
    variant.person.identifiers = {
      documents: [{ type: "travel-document", issuingCountry: "SYR", number: "n01234567" }],
      name: { given: "HASSAN", family: "ALI" },
      dateOfBirth: "1990-05-17",
      placeOfBirth: "ALEPPO",
    };
    const a = pseudonymizeRecord(HELD, p);
    const b = pseudonymizeRecord(variant as unknown as HeldRecord, p);
    expect(b.person.pseudonyms).toEqual({
      ...a.person.pseudonyms,
      documents: [{ ...a.person.pseudonyms.documents![0]!, type: "travel-document" }],
    });
    expect(pseudonymizeRecord(HELD, p)).toEqual(a);
  });

  it("refuses an invalid held record with every issue, and a shared record as input", () => {
    const bad = { ...HELD, eventDate: "yesterday" };
    const r = safePseudonymizeRecord(bad as never, p);
    expect(!r.success && r.error.code).toBe("ERR_RECORD_INVALID");
    const shared = pseudonymizeRecord(HELD, p);
    const r2 = safePseudonymizeRecord(shared as never, p);
    expect(!r2.success && r2.error.code).toBe("ERR_RECORD_INVALID");
  });

  it("names the path of an identifier that normalizes to nothing", () => {
    const bad = structuredClone(HELD) as unknown as {
      person: { identifiers: { name: unknown; documents: unknown[] } };
    };
    bad.person.identifiers.name = { given: "--", family: "." };
    const r = safePseudonymizeRecord(bad as unknown as HeldRecord, p);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(CorridorError);
      expect(r.error.code).toBe("ERR_PSEUDONYM_INPUT_UNNORMALIZABLE");
      expect(formatPath(r.error.path ?? [])).toBe("person.identifiers.name");
    }
    const bad2 = structuredClone(HELD) as unknown as {
      person: { identifiers: { documents: { number: string }[] } };
    };
    bad2.person.identifiers.documents[0]!.number = "-";
    const r2 = safePseudonymizeRecord(bad2 as unknown as HeldRecord, p);
    expect(!r2.success && formatPath(r2.error.path ?? [])).toBe(
      "person.identifiers.documents[0].number",
    );
  });

  it("adds the tolerant-linkage encoding of options.linkage, and refuses an invalid one", () => {
    const encoding = {
      scheme: "clk",
      epoch: 7,
      schemaDigest: `sha256:${"A".repeat(43)}`,
      encoderVersion: "1.0",
      data: "AAAA",
    };
    let seen: unknown;
    const shared = pseudonymizeRecord(HELD, p, {
      linkage: {
        encodePerson(identifiers, attributes) {
          seen = { identifiers, attributes };
          return encoding;
        },
      },
    });
    expect(shared.person.linkage).toEqual(encoding);
    expect(seen).toEqual({
      identifiers: HELD.person.identifiers,
      attributes: HELD.person.attributes,
    });
    const r = safePseudonymizeRecord(HELD, p, {
      linkage: { encodePerson: () => ({ ...encoding, data: "not base64!" }) },
    });
    expect(!r.success && r.error.code).toBe("ERR_RECORD_INVALID");
  });

  it("takes the Bloom-filter encoder of the linkage module directly as options.linkage", () => {
    const secret = { agreementId: "GRC-ITA-2025-07", epoch: 7, secret: SECRET };
    const encoder = createClkEncoder({
      schema: parseLinkageSchema(DEFAULT_LINKAGE_SCHEMA),
      key: secret,
    });
    const shared = pseudonymizeRecord(HELD, p, { linkage: encoder });
    expect(shared.person.linkage).toEqual(
      encoder.encode({ identifiers: HELD.person.identifiers, attributes: HELD.person.attributes }),
    );
    expect(shared.person.linkage?.epoch).toBe(7);
  });

  it("never returns a clear identifier even if a buggy pseudonymizer copies one through", () => {
    const leaky = {
      ...p,
      pseudonymizeIdentifiers: (ids: never) => ({
        name: (ids as { name: { given: string } }).name.given,
      }),
    } as never;
    const r = safePseudonymizeRecord(HELD, leaky);
    expect(!r.success && r.error.code).toBe("ERR_RECORD_INVALID");
    expect(CLEAR_IDENTIFIER_KEYS).toContain("name");
  });
});
