import { createHmac, hkdfSync } from "node:crypto";
import { CorridorError, formatPath } from "@corridor/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createPseudonymizer,
  deriveFieldKeys,
  type FieldKeys,
  normalizeName,
  PSEUDONYM_FIELDS,
  type Pseudonymizer,
  safeCreatePseudonymizer,
  safeDeriveFieldKeys,
} from "../src/index.js";

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);
const make = (agreementId = "GRC-ITA-2025-07", epoch = 3, secret = SECRET): Pseudonymizer =>
  createPseudonymizer(deriveFieldKeys({ agreementId, epoch, secret }));

const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const agreementArb = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
const epochArb = fc.integer({ min: 0, max: 999_999_999 });
const wordArb = fc.stringMatching(/^[a-z]{2,10}$/);
const nameArb = fc.array(wordArb, { minLength: 1, maxLength: 4 });

/** The pseudonym computed here with node:crypto only, from the spec's definition. */
function reference(
  secret: Uint8Array,
  agreementId: string,
  epoch: number,
  field: string,
  normalized: string,
): string {
  const info = Buffer.concat([
    Buffer.from(field),
    Buffer.from([0]),
    Buffer.from(String(epoch)),
    Buffer.from([0]),
    Buffer.from(agreementId),
  ]);
  const key = Buffer.from(hkdfSync("sha256", secret, "corridor/pseudonym/hs256/1", info, 32));
  return `hs256:${epoch}:${createHmac("sha256", key).update(normalized, "utf8").digest("base64url")}`;
}

describe("pseudonyms", () => {
  it("equal an independent node:crypto computation of the spec", () => {
    fc.assert(
      fc.property(
        secretArb,
        agreementArb,
        epochArb,
        nameArb,
        (secret, agreementId, epoch, words) => {
          const p = make(agreementId, epoch, secret);
          const name = { family: words.join(" ") };
          expect(p.pseudonymizeName(name)).toBe(
            reference(secret, agreementId, epoch, "name", normalizeName(name)),
          );
          expect(p.pseudonymizePlaceOfBirth(words.join("-"))).toBe(
            reference(secret, agreementId, epoch, "place-of-birth", words.join(" ")),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("encode multi-byte and astral characters as UTF-8", () => {
    const p = make();
    for (const text of ["王小明", "𠀀 﨎", "김민준", "ダイスケ"]) {
      expect(p.pseudonymizeNormalized("name", text)).toBe(
        reference(SECRET, "GRC-ITA-2025-07", 3, "name", text),
      );
    }
    // a lone surrogate is encoded as U+FFFD, as TextEncoder does
    expect(p.pseudonymizeNormalized("name", "a\ud800b")).toBe(
      reference(SECRET, "GRC-ITA-2025-07", 3, "name", "a\ufffdb"),
    );
  });

  it("are deterministic, also across instances", () => {
    fc.assert(
      fc.property(nameArb, (words) => {
        const name = { given: words.join(" ") };
        expect(make().pseudonymizeName(name)).toBe(make().pseudonymizeName(name));
      }),
      { numRuns: 100 },
    );
  });

  it("match the record model's pattern, with a 32-byte value", () => {
    fc.assert(
      fc.property(nameArb, epochArb, (words, epoch) => {
        const value = make("A", epoch).pseudonymizeName({ given: words.join(" ") });
        expect(value).toMatch(new RegExp(`^hs256:${epoch}:[A-Za-z0-9_-]{43}$`));
      }),
      { numRuns: 100 },
    );
  });

  it("are key-separated: another field, agreement or epoch gives another pseudonym", () => {
    fc.assert(
      fc.property(
        secretArb,
        agreementArb,
        agreementArb,
        epochArb,
        epochArb,
        wordArb,
        (secret, a1, a2, e1, e2, word) => {
          const p = make(a1, e1, secret);
          const all = PSEUDONYM_FIELDS.map((f) => p.pseudonymizeNormalized(f, word).split(":")[2]);
          expect(new Set(all).size).toBe(PSEUDONYM_FIELDS.length);
          if (a1 !== a2)
            expect(make(a2, e1, secret).pseudonymizeNormalized("name", word)).not.toBe(
              p.pseudonymizeNormalized("name", word),
            );
          if (e1 !== e2) {
            const other = make(a1, e2, secret).pseudonymizeNormalized("name", word);
            expect(other.split(":")[2]).not.toBe(
              p.pseudonymizeNormalized("name", word).split(":")[2],
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("are the same for equivalent spellings", () => {
    const p = make();
    const same = (a: string, b: string) => expect(a).toBe(b);
    same(
      p.pseudonymizeName({ given: "Ali", family: "Hassan" }),
      p.pseudonymizeName({ given: "HASSAN", family: "ali" }),
    );
    same(
      p.pseudonymizeName({ given: "José", family: "Müller" }),
      p.pseudonymizeName({ family: "MULLER, Jose" }),
    );
    same(
      p.pseudonymizeName({ given: "Дмитрий", family: "Щукин" }),
      p.pseudonymizeName({ given: "DMITRII", family: "SHCHUKIN" }),
    );
    same(p.pseudonymizeName({ given: "Ευάγγελος" }), p.pseudonymizeName({ given: "EVANGELOS" }));
    same(p.pseudonymizeName({ given: "أحمد" }), p.pseudonymizeName({ given: "احمد" }));
    same(
      p.pseudonymizeDocument({ type: "passport", issuingCountry: "SYR", number: "n 0123-4567" }),
      p.pseudonymizeDocument({
        type: "travel-document",
        issuingCountry: "SYR",
        number: "N01234567",
      }),
    );
    same(p.pseudonymizeDateOfBirth("1990-5-7"), p.pseudonymizeDateOfBirth("1990/05/07"));
    same(p.pseudonymizePlaceOfBirth("  Aleppo "), p.pseudonymizePlaceOfBirth("ALEPPO"));
    expect(
      p.pseudonymizeDocument({ type: "passport", issuingCountry: "SYR", number: "N01234567" }),
    ).not.toBe(
      p.pseudonymizeDocument({ type: "passport", issuingCountry: "IRQ", number: "N01234567" }),
    );
  });

  it("are the same for any shuffle, case and separators of a name", () => {
    const p = make();
    fc.assert(
      fc.property(
        nameArb,
        fc.nat(),
        fc.constantFrom(" ", "-", ", ", "  "),
        fc.boolean(),
        (words, shift, sep, upper) => {
          const rotated = words.map((_, i) => words[(i + shift) % words.length]!);
          let written = rotated.join(sep);
          if (upper) written = written.toUpperCase();
          expect(p.pseudonymizeName({ family: written })).toBe(
            p.pseudonymizeName({ given: words.join(" ") }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("bad input", () => {
  const p = make();
  const SECRET_VALUE = "Zyxwvutsrq";
  function expectCode(fn: () => unknown, code: string, path: string): void {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(CorridorError);
      const e = error as CorridorError;
      expect(e.code).toBe(code);
      expect(formatPath(e.path ?? [])).toBe(path);
      expect(e.message).not.toContain(SECRET_VALUE);
      expect(JSON.stringify(e.toJSON())).not.toContain(SECRET_VALUE);
      return;
    }
    expect.unreachable("no error thrown");
  }

  it("never pseudonymizes an empty or unnormalizable value, and names the path, not the value", () => {
    expectCode(() => p.pseudonymizeName({ given: "" }), "ERR_PSEUDONYM_INPUT_EMPTY", "name");
    expectCode(() => p.pseudonymizeName({ given: " \t " }), "ERR_PSEUDONYM_INPUT_EMPTY", "name");
    expectCode(() => p.pseudonymizeName({} as never), "ERR_PSEUDONYM_INPUT_EMPTY", "name");
    expectCode(
      () => p.pseudonymizeName({ given: "-.-" }),
      "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE",
      "name",
    );
    expectCode(() => p.pseudonymizeDateOfBirth(""), "ERR_PSEUDONYM_INPUT_EMPTY", "dateOfBirth");
    expectCode(
      () => p.pseudonymizeDateOfBirth(SECRET_VALUE),
      "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE",
      "dateOfBirth",
    );
    expectCode(
      () => p.pseudonymizePlaceOfBirth("!!"),
      "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE",
      "placeOfBirth",
    );
    expectCode(
      () => p.pseudonymizeDocument({ type: "passport", issuingCountry: "GRC", number: "" }),
      "ERR_PSEUDONYM_INPUT_EMPTY",
      "document.number",
    );
    expectCode(
      () => p.pseudonymizeDocument({ type: "passport", issuingCountry: "GRC", number: "//" }),
      "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE",
      "document.number",
    );
    expectCode(
      () => p.pseudonymizeDocument({ type: "passport", issuingCountry: SECRET_VALUE, number: "1" }),
      "ERR_INVALID_ARGUMENT",
      "document.issuingCountry",
    );
    expectCode(
      () => p.pseudonymizeNormalized("name", ""),
      "ERR_PSEUDONYM_INPUT_UNNORMALIZABLE",
      "normalized",
    );
    expectCode(
      () => p.pseudonymizeDateOfBirth(undefined as never, ["person", "identifiers", "dateOfBirth"]),
      "ERR_PSEUDONYM_INPUT_EMPTY",
      "person.identifiers.dateOfBirth",
    );
  });

  it("gives any string that normalizes to nothing an error, never a pseudonym", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(" ", "-", ".", "'", "\u0301", "\u200b", "!", "\t"),
          maxLength: 10,
        }),
        (s) => {
          expect(p.safePseudonymizeName({ given: s }).success).toBe(false);
          expect(p.safePseudonymizePlaceOfBirth(s).success).toBe(false);
          expect(
            p.safePseudonymizeDocument({ type: "visa", issuingCountry: "GRC", number: s }).success,
          ).toBe(false);
        },
      ),
    );
  });

  it("has safe twins that return the error instead of throwing", () => {
    const r = p.safePseudonymizeName({ given: "" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.code).toBe("ERR_PSEUDONYM_INPUT_EMPTY");
    expect(p.safePseudonymizeDateOfBirth("1990")).toEqual({
      success: true,
      data: p.pseudonymizeDateOfBirth("1990"),
    });
    expect(p.safeLinkageKeys({}, {})).toEqual({ success: true, data: [] });
    expect(p.safePseudonymizeIdentifiers({}, {})).toEqual({ success: true, data: {} });
  });
});

describe("keys", () => {
  it("refuse a secret of the wrong length, a bad epoch or agreement id", () => {
    const bad: [unknown, string][] = [
      [{ agreementId: "A", epoch: 0, secret: new Uint8Array(31) }, "secret.secret"],
      [{ agreementId: "A", epoch: 0, secret: new Uint8Array(64) }, "secret.secret"],
      [{ agreementId: "A", epoch: 0, secret: "0".repeat(32) }, "secret.secret"],
      [{ agreementId: "A", epoch: -1, secret: SECRET }, "secret.epoch"],
      [{ agreementId: "A", epoch: 1e9, secret: SECRET }, "secret.epoch"],
      [{ agreementId: "A", epoch: Number.NaN, secret: SECRET }, "secret.epoch"],
      [{ agreementId: "", epoch: 0, secret: SECRET }, "secret.agreementId"],
      [{ agreementId: "a b", epoch: 0, secret: SECRET }, "secret.agreementId"],
      [{ agreementId: "x".repeat(129), epoch: 0, secret: SECRET }, "secret.agreementId"],
    ];
    for (const [input, path] of bad) {
      const r = safeDeriveFieldKeys(input as never);
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.error.code).toBe("ERR_PSEUDONYM_KEY_INVALID");
        expect(formatPath(r.error.path ?? [])).toBe(path);
      }
    }
  });

  it("refuse field keys of the wrong length, and keys of an unexpected epoch or agreement", () => {
    const keys = deriveFieldKeys({ agreementId: "A", epoch: 5, secret: SECRET });
    const tampered = { ...keys, keys: { ...keys.keys, name: new Uint8Array(16) } } as FieldKeys;
    const r1 = safeCreatePseudonymizer(tampered);
    expect(!r1.success && r1.error.code).toBe("ERR_PSEUDONYM_KEY_INVALID");
    const r2 = safeCreatePseudonymizer(keys, { epoch: 6 });
    expect(!r2.success && r2.error.code).toBe("ERR_PSEUDONYM_EPOCH_MISMATCH");
    const r3 = safeCreatePseudonymizer(keys, { agreementId: "B" });
    expect(!r3.success && r3.error.code).toBe("ERR_PSEUDONYM_AGREEMENT_MISMATCH");
    const r4 = safeCreatePseudonymizer({ ...keys, epoch: 1.5 } as FieldKeys);
    expect(!r4.success && r4.error.code).toBe("ERR_PSEUDONYM_KEY_INVALID");
    const r5 = safeCreatePseudonymizer(keys, { linkageKeys: ["name-dob", "name-dob"] });
    expect(!r5.success && r5.error.code).toBe("ERR_INVALID_ARGUMENT");
    expect(safeCreatePseudonymizer(keys, { epoch: 5, agreementId: "A" }).success).toBe(true);
  });

  it("do not show key bytes in JSON or in Node's inspector", async () => {
    const { inspect } = await import("node:util");
    const keys = deriveFieldKeys({ agreementId: "A", epoch: 5, secret: SECRET });
    const keyHex = Buffer.from(keys.keys.name).toString("hex");
    expect(JSON.stringify(keys)).not.toContain(keyHex);
    expect(JSON.stringify(keys)).toContain("[redacted]");
    expect(inspect(keys)).toContain("[redacted]");
    expect(Object.isFrozen(keys) && Object.isFrozen(keys.keys)).toBe(true);
  });
});

describe("linkage keys", () => {
  const p = createPseudonymizer(deriveFieldKeys({ agreementId: "A", epoch: 1, secret: SECRET }), {
    linkageKeys: ["name-dob-sex", "name-yob-sex", "name-dob", "name-yob"],
  });
  it("link records that miss the day through the year key only", () => {
    const full = p.linkageKeys(
      { name: { given: "Ali", family: "Hassan" }, dateOfBirth: "1990-05-17" },
      { sex: "M" },
    );
    const year = p.linkageKeys(
      { name: { given: "HASSAN ALI" }, dateOfBirth: "1990" },
      { sex: "M" },
    );
    expect(full).toHaveLength(4);
    expect(year).toHaveLength(2);
    expect(full.filter((k) => year.includes(k))).toEqual([full[1], full[3]]);
  });
  it("differ for another sex or date, and are never computed without their parts", () => {
    const a = p.linkageKeys({ name: { given: "Ali" }, dateOfBirth: "1990-05-17" }, { sex: "M" });
    const b = p.linkageKeys({ name: { given: "Ali" }, dateOfBirth: "1990-05-17" }, { sex: "F" });
    expect(a[0]).not.toBe(b[0]);
    expect(a[2]).toBe(b[2]); // name-dob ignores sex
    expect(p.linkageKeys({ name: { given: "Ali" } }, { sex: "M" })).toEqual([]);
    expect(p.linkageKeys({ dateOfBirth: "1990" }, { sex: "M" })).toEqual([]);
    expect(p.linkageKeys({ name: { given: "..." }, dateOfBirth: "1990" }, {})).toEqual([]);
  });
});
