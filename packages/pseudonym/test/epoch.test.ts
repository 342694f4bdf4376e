import type { HeldRecord } from "@corridor/schema";
import { arbHeldRecord } from "@corridor/schema/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildEpochTranslation,
  createPseudonymizer,
  deriveFieldKeys,
  parseEpochTranslation,
  pseudonymizeRecord,
  safeBuildEpochTranslation,
  safeParseEpochTranslation,
  safePseudonymizeRecord,
  safeTranslatePseudonym,
  safeTranslateSharedRecord,
  translatePseudonym,
  translateSharedRecord,
} from "../src/index.js";

const secret = (b: number) => new Uint8Array(32).fill(b);
const AGREEMENT = "GRC-ITA-2025-07";
const old = createPseudonymizer(
  deriveFieldKeys({ agreementId: AGREEMENT, epoch: 3, secret: secret(1) }),
);
const next = createPseudonymizer(
  deriveFieldKeys({ agreementId: AGREEMENT, epoch: 4, secret: secret(2) }),
);

describe("epoch translation tables", () => {
  it("translate every shared record of the sender to exactly its new-epoch form", () => {
    fc.assert(
      fc.property(fc.array(arbHeldRecord(), { minLength: 1, maxLength: 8 }), (records) => {
        const usable = records.filter((r) => safePseudonymizeRecord(r, old).success);
        const table = buildEpochTranslation(usable, old, next);
        expect(table).toMatchObject({
          scheme: "hs256",
          agreementId: AGREEMENT,
          fromEpoch: 3,
          toEpoch: 4,
        });
        for (const held of usable) {
          const before = pseudonymizeRecord(held, old);
          expect(translateSharedRecord(table, before)).toEqual(pseudonymizeRecord(held, next));
        }
        // the table survives JSON and validation unchanged
        expect(parseEpochTranslation(JSON.parse(JSON.stringify(table)))).toEqual(table);
      }),
      { numRuns: 50 },
    );
  });

  it("refuse pseudonyms of another epoch, missing entries, and an untranslatable linkage encoding", () => {
    const held = fc
      .sample(arbHeldRecord(), { numRuns: 50, seed: 42 })
      .find(
        (r) => r.person.identifiers.name !== undefined && safePseudonymizeRecord(r, old).success,
      ) as HeldRecord;
    const table = buildEpochTranslation([held], old, next);
    const shared = pseudonymizeRecord(held, old);
    const name = shared.person.pseudonyms.name!;
    expect(translatePseudonym(table, name)).toBe(
      pseudonymizeRecord(held, next).person.pseudonyms.name,
    );
    const other = old.pseudonymizeName({ given: "Somebody Else" });
    const missing = safeTranslatePseudonym(table, other);
    expect(!missing.success && missing.error.code).toBe("ERR_PSEUDONYM_TRANSLATION_MISSING");
    const wrongEpoch = safeTranslatePseudonym(table, next.pseudonymizeName({ given: "x" }));
    expect(!wrongEpoch.success && wrongEpoch.error.code).toBe("ERR_PSEUDONYM_EPOCH_MISMATCH");
    const malformed = safeTranslatePseudonym(table, "hs256:3:short");
    expect(!malformed.success && malformed.error.code).toBe("ERR_PSEUDONYM_MALFORMED");
    const withLinkage = {
      ...shared,
      person: {
        ...shared.person,
        linkage: {
          scheme: "clk",
          epoch: 3,
          schemaDigest: `sha256:${"A".repeat(43)}`,
          encoderVersion: "1.0",
          data: "AAAA",
        },
      },
    };
    const r = safeTranslateSharedRecord(table, withLinkage);
    expect(!r.success && r.error.code).toBe("ERR_PSEUDONYM_TRANSLATION_MISSING");
    expect(!r.success && r.error.path).toEqual(["person", "linkage"]);
    expect(
      translateSharedRecord(table, withLinkage, { dropLinkage: true }).person.linkage,
    ).toBeUndefined();
  });

  it("are built only forward, within one agreement, with the same linkage-key kinds", () => {
    const other = createPseudonymizer(
      deriveFieldKeys({ agreementId: "OTHER", epoch: 4, secret: secret(2) }),
    );
    const fewer = createPseudonymizer(
      deriveFieldKeys({ agreementId: AGREEMENT, epoch: 4, secret: secret(2) }),
      { linkageKeys: [] },
    );
    const codeOf = (r: ReturnType<typeof safeBuildEpochTranslation>) =>
      r.success ? "ok" : r.error.code;
    expect(codeOf(safeBuildEpochTranslation([], old, other))).toBe(
      "ERR_PSEUDONYM_AGREEMENT_MISMATCH",
    );
    expect(codeOf(safeBuildEpochTranslation([], next, old))).toBe("ERR_PSEUDONYM_EPOCH_MISMATCH");
    expect(codeOf(safeBuildEpochTranslation([], old, fewer))).toBe("ERR_INVALID_ARGUMENT");
    const bad = safeBuildEpochTranslation([{ bogus: true } as never], old, next);
    expect(!bad.success && bad.error.code).toBe("ERR_RECORD_INVALID");
    expect(!bad.success && bad.error.path?.[0]).toBe(0);
  });

  it("reject malformed tables", () => {
    const table = buildEpochTranslation(
      fc
        .sample(arbHeldRecord(), { numRuns: 5, seed: 7 })
        .filter((r) => safePseudonymizeRecord(r, old).success),
      old,
      next,
    );
    const json = JSON.parse(JSON.stringify(table));
    const cases: [unknown, string][] = [
      [null, "ERR_PSEUDONYM_MALFORMED"],
      [{ ...json, extra: 1 }, "ERR_PSEUDONYM_MALFORMED"],
      [{ ...json, scheme: "x" }, "ERR_PSEUDONYM_MALFORMED"],
      [{ ...json, toEpoch: 3 }, "ERR_PSEUDONYM_EPOCH_MISMATCH"],
      [{ ...json, fromEpoch: -1 }, "ERR_PSEUDONYM_KEY_INVALID"],
      [{ ...json, entries: [["a", "b"]] }, "ERR_PSEUDONYM_MALFORMED"],
      [
        { ...json, entries: [...json.entries].reverse() },
        json.entries.length > 1 ? "ERR_PSEUDONYM_MALFORMED" : "ok",
      ],
      [
        { ...json, entries: json.entries.map(([a, b]: [string, string]) => [b, a]) },
        json.entries.length > 0 ? "ERR_PSEUDONYM_EPOCH_MISMATCH" : "ok",
      ],
    ];
    for (const [input, code] of cases) {
      const r = safeParseEpochTranslation(input);
      expect(r.success ? "ok" : r.error.code).toBe(code);
    }
  });
});
