import { CorridorError } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import {
  knownFieldNames,
  parseHeldRecord,
  parseRecord,
  parseSharedRecord,
  type RecordForm,
  safeParseRecord,
  validateBatch,
} from "../src/index.js";
import { RECORD_FIELD_NAMES } from "../src/testing/index.js";
import {
  catchCorridorError,
  clone,
  expectIssue,
  heldExample,
  P1,
  sharedExample,
} from "./helpers.js";

const invalid = (input: unknown, form: RecordForm) =>
  catchCorridorError(() => parseRecord(input, form), "ERR_RECORD_INVALID");

describe("parseRecord: the API", () => {
  it("returns a fresh copy: no object of the output is an object of the input", () => {
    const input = heldExample("smuggling-incident");
    const output = parseHeldRecord(input);
    expect(output).toStrictEqual(input);
    const inputs = new Set<unknown>();
    const collect = (v: unknown, into: Set<unknown>) => {
      if (typeof v === "object" && v !== null) {
        into.add(v);
        for (const x of Object.values(v)) collect(x, into);
      }
    };
    collect(input, inputs);
    const outputs = new Set<unknown>();
    collect(output, outputs);
    for (const o of outputs) expect(inputs.has(o)).toBe(false);
  });

  it("refuses a form other than held or shared with ERR_INVALID_ARGUMENT", () => {
    for (const form of ["Held", "clear", "", undefined, null, 1]) {
      catchCorridorError(
        () => parseRecord(heldExample("exit"), form as unknown as RecordForm),
        "ERR_INVALID_ARGUMENT",
      );
      const result = safeParseRecord(heldExample("exit"), form as unknown as RecordForm);
      expect(result.success).toBe(false);
    }
  });

  it("refuses an unpublished options.version with ERR_SCHEMA_VERSION_UNSUPPORTED", () => {
    catchCorridorError(
      () => parseRecord(heldExample("exit"), "held", { version: "2.0" as "1.0" }),
      "ERR_SCHEMA_VERSION_UNSUPPORTED",
    );
    expect(parseRecord(heldExample("exit"), "held", { version: "1.0" })).toStrictEqual(
      heldExample("exit"),
    );
  });

  it("reports a non-object input at the root", () => {
    for (const input of [null, undefined, "record", 42, true, [], [heldExample("exit")]]) {
      for (const form of ["held", "shared"] as const) {
        const error = invalid(input, form);
        expectIssue(error, [], "invalid_type");
        expect(error.toJSON().issues[0]?.path).toBe("$");
      }
    }
  });

  it("lists every issue, and the error path is the first issue's", () => {
    const input = heldExample("exit") as unknown as Record<string, unknown>;
    input["eventDate"] = "2023-02-29";
    input["agency"] = "GRC";
    (input["details"] as Record<string, unknown>)["destination"] = "Tunisia";
    const error = invalid(input, "held");
    expect(error.issues).toHaveLength(3);
    expectIssue(error, ["eventDate"], "invalid_format");
    expectIssue(error, ["agency"], "invalid_format");
    expectIssue(error, ["details", "destination"], "invalid_value");
    expect(error.path).toEqual(error.issues[0]?.path);
    expect(error.toJSON()).toMatchObject({ code: "ERR_RECORD_INVALID", name: "CorridorError" });
  });

  it("refuses every schemaVersion but 1.0", () => {
    for (const v of ["1.1", "2.0", "1", "1.0.0", " 1.0", 1, 1.0, null, ""]) {
      expectIssue(
        invalid({ ...heldExample("exit"), schemaVersion: v }, "held"),
        ["schemaVersion"],
        "invalid_value",
      );
    }
    const input: Record<string, unknown> = heldExample("exit");
    delete input["schemaVersion"];
    expectIssue(invalid(input, "held"), ["schemaVersion"]);
  });

  it("refuses 0 and more than 50 links", () => {
    const link = { relation: "family-member", record: { recordId: "x" } };
    expectIssue(invalid({ ...heldExample("exit"), links: [] }, "held"), ["links"], "too_small");
    expectIssue(
      invalid({ ...heldExample("exit"), links: Array(51).fill(link) }, "held"),
      ["links"],
      "too_big",
    );
    expect(() =>
      parseHeldRecord({ ...heldExample("exit"), links: Array(50).fill(link) }),
    ).not.toThrow();
  });
});

describe("held form", () => {
  it("a name is given names, family names, or both; never neither", () => {
    const withName = (name: unknown) => {
      const r = heldExample("exit");
      (r.person.identifiers as Record<string, unknown>)["name"] = name;
      return r;
    };
    expect(() => parseHeldRecord(withName({ given: "Madonna" }))).not.toThrow();
    expect(() => parseHeldRecord(withName({ family: "Nguyễn" }))).not.toThrow();
    expectIssue(invalid(withName({}), "held"), ["person", "identifiers", "name"], "too_small");
    expectIssue(
      invalid(withName({ given: 5, family: "Haddad" }), "held"),
      ["person", "identifiers", "name", "given"],
      "invalid_type",
    );
    expectIssue(
      invalid(withName({ given: "Amal", family: "Had\ndad" }), "held"),
      ["person", "identifiers", "name", "family"],
      "invalid_format",
    );
    expectIssue(invalid(withName("Maria"), "held"), ["person", "identifiers", "name"]);
    expectIssue(
      invalid(withName({ given: "" }), "held"),
      ["person", "identifiers", "name", "given"],
      "invalid_format",
    );
  });

  it("attributes: age 0-130, 1-5 citizenships, 1-11 vulnerabilities", () => {
    const withAttrs = (attributes: unknown) => ({
      ...heldExample("exit"),
      person: { identifiers: {}, attributes },
    });
    expect(() => parseHeldRecord(withAttrs({ age: 0 }))).not.toThrow();
    expect(() => parseHeldRecord(withAttrs({ age: 130 }))).not.toThrow();
    expectIssue(
      invalid(withAttrs({ age: 131 }), "held"),
      ["person", "attributes", "age"],
      "too_big",
    );
    expectIssue(
      invalid(withAttrs({ age: -1 }), "held"),
      ["person", "attributes", "age"],
      "too_small",
    );
    expectIssue(
      invalid(withAttrs({ citizenship: [] }), "held"),
      ["person", "attributes", "citizenship"],
      "too_small",
    );
    expectIssue(
      invalid(withAttrs({ citizenship: ["GRC", "ALB", "TUR", "BGR", "MKD", "SRB"] }), "held"),
      ["person", "attributes", "citizenship"],
      "too_big",
    );
    expectIssue(
      invalid(withAttrs({ sex: "X" }), "held"),
      ["person", "attributes", "sex"],
      "invalid_value",
    );
    expectIssue(
      invalid(withAttrs({ ageBand: "Y18-24" }), "held"),
      ["person", "attributes", "ageBand"],
      "invalid_value",
    );
    expectIssue(
      invalid(withAttrs({ vulnerabilities: [] }), "held"),
      ["person", "attributes", "vulnerabilities"],
      "too_small",
    );
  });

  it("documents: 1-10, each with a type, an issuing country and a number", () => {
    const withDocs = (documents: unknown) => ({
      ...heldExample("exit"),
      person: { identifiers: { documents }, attributes: {} },
    });
    const doc = { type: "national-id", issuingCountry: "ALB", number: "I 1234/56-7.8" };
    expect(() => parseHeldRecord(withDocs([doc]))).not.toThrow();
    expect(() => parseHeldRecord(withDocs(Array(10).fill(doc)))).not.toThrow();
    expectIssue(
      invalid(withDocs(Array(11).fill(doc)), "held"),
      ["person", "identifiers", "documents"],
      "too_big",
    );
    expectIssue(invalid(withDocs([]), "held"), ["person", "identifiers", "documents"], "too_small");
    expectIssue(
      invalid(withDocs([{ ...doc, number: "I 1234 " }]), "held"),
      ["person", "identifiers", "documents", 0, "number"],
      "invalid_format",
    );
    expectIssue(
      invalid(withDocs([{ ...doc, type: "id-card" }]), "held"),
      ["person", "identifiers", "documents", 0, "type"],
      "invalid_value",
    );
    expectIssue(
      invalid(withDocs([{ ...doc, pseudonym: P1 }]), "held"),
      ["person", "identifiers", "documents", 0, "pseudonym"],
      "unrecognized_key",
    );
  });

  it("a held record with pseudonyms instead of identifiers is invalid", () => {
    const input = { ...heldExample("exit"), person: sharedExample("exit").person };
    const error = invalid(input, "held");
    expectIssue(error, ["person", "identifiers"], "invalid_type");
    expectIssue(error, ["person", "pseudonyms"], "unrecognized_key");
  });
});

describe("code lists", () => {
  it("occupation: exactly the ISCO-08 groups of every level", () => {
    const withOccupation = (occupation: string) => {
      const r = heldExample("work-permit");
      (r.details as Record<string, unknown>)["occupation"] = occupation;
      return r;
    };
    // A major, sub-major, minor and unit group (ILO ISCO-08 structure: 2 Professionals,
    // 22 Health professionals, 221 Medical doctors, 2211 Generalist medical practitioners).
    for (const code of ["2", "22", "221", "2211", "0110", "9629"]) {
      expect(() => parseHeldRecord(withOccupation(code))).not.toThrow();
    }
    // Well-formed but not groups of the classification, and malformed codes.
    for (const code of ["119", "0199", "00", "10", "22111", "A1"]) {
      expectIssue(
        invalid(withOccupation(code), "held"),
        ["details", "occupation"],
        "invalid_value",
      );
    }
  });
});

describe("shared form: no clear identifier may travel", () => {
  it("refuses the identifiers block", () => {
    const input = {
      ...sharedExample("entry"),
      person: { ...sharedExample("entry").person, identifiers: {} },
    };
    expectIssue(invalid(input, "shared"), ["person", "identifiers"], "clear_identifier");
  });

  it("refuses a held record outright", () => {
    const error = invalid(heldExample("entry"), "shared");
    expectIssue(error, ["person", "identifiers"], "clear_identifier");
    expectIssue(error, ["person", "pseudonyms"]);
  });

  it("refuses a document number, next to or instead of the pseudonym", () => {
    const input = sharedExample("entry");
    const doc = input.person.pseudonyms.documents?.[0] as Record<string, unknown>;
    doc["number"] = "N0123456";
    expectIssue(
      invalid(input, "shared"),
      ["person", "pseudonyms", "documents", 0, "number"],
      "clear_identifier",
    );
    delete doc["pseudonym"];
    expectIssue(
      invalid(input, "shared"),
      ["person", "pseudonyms", "documents", 0, "number"],
      "clear_identifier",
    );
  });

  it("refuses identifier fields wherever they are put", () => {
    const places: [string[], string, unknown][] = [
      [[], "name", "Amina Yusuf"],
      [["person"], "dateOfBirth", "1990-05-17"],
      [["person", "attributes"], "dateOfBirth", "1990"],
      [["person", "attributes"], "placeOfBirth", "Mogadishu"],
      [["person", "attributes"], "name", { given: "Amina" }],
      [["person", "pseudonyms"], "given", "Amina"],
      [["person", "pseudonyms"], "family", "Yusuf"],
      [["person", "pseudonyms"], "number", "P123"],
      [["details"], "documents", [{ type: "passport", issuingCountry: "SOM", number: "P1" }]],
    ];
    for (const [parent, key, value] of places) {
      const input = sharedExample("exit") as unknown as Record<string, unknown>;
      const target = parent.reduce<Record<string, unknown>>(
        (o, k) => o[k] as Record<string, unknown>,
        input,
      );
      target[key] = value;
      expectIssue(invalid(input, "shared"), [...parent, key], "clear_identifier");
    }
  });

  it("refuses anything but a pseudonym in a pseudonym slot", () => {
    const slots: (string | number)[][] = [
      ["name"],
      ["dateOfBirth"],
      ["placeOfBirth"],
      ["linkageKeys", 0],
      ["documents", 0, "pseudonym"],
    ];
    for (const slot of slots) {
      for (const value of [
        "Amina",
        "1990-05-17",
        "P0123456",
        `${P1}=`,
        P1.toUpperCase(),
        7,
        null,
        { given: "A" },
      ]) {
        const input = sharedExample("exit");
        const path = ["person", "pseudonyms", ...slot];
        const parent = path
          .slice(0, -1)
          .reduce<Record<string | number, unknown>>(
            (o, k) => o[k] as Record<string, unknown>,
            input as unknown as Record<string, unknown>,
          );
        parent[path[path.length - 1] as string | number] = value;
        expectIssue(invalid(input, "shared"), path, "not_a_pseudonym");
      }
    }
  });

  it("pseudonyms: 1-8 linkage keys, 1-10 documents", () => {
    const withPseudonyms = (pseudonyms: unknown) => ({
      ...sharedExample("exit"),
      person: { pseudonyms, attributes: {} },
    });
    expect(() =>
      parseSharedRecord(withPseudonyms({ linkageKeys: Array(8).fill(P1) })),
    ).not.toThrow();
    expectIssue(
      invalid(withPseudonyms({ linkageKeys: Array(9).fill(P1) }), "shared"),
      ["person", "pseudonyms", "linkageKeys"],
      "too_big",
    );
    expectIssue(
      invalid(withPseudonyms({ linkageKeys: [] }), "shared"),
      ["person", "pseudonyms", "linkageKeys"],
      "too_small",
    );
    expect(() => parseSharedRecord(withPseudonyms({}))).not.toThrow();
  });

  it("the same clear field names are ordinary unknown keys in a held record", () => {
    const input = heldExample("exit") as unknown as Record<string, unknown>;
    input["name"] = "x";
    expectIssue(invalid(input, "held"), ["name"], "unrecognized_key");
  });
});

describe("unknown keys", () => {
  it("are reported by name only when the name is a field of the model", () => {
    const input = heldExample("exit") as unknown as Record<string, unknown>;
    input["Amina Yusuf 1990-05-17"] = true;
    input["recruiter"] = {};
    const error = invalid(input, "held");
    expectIssue(error, ["<unknown key>"], "unrecognized_key");
    expectIssue(error, ["recruiter"], "unrecognized_key");
    expect(JSON.stringify(error.toJSON())).not.toContain("Amina");
    expect(error.message).not.toContain("Amina");
  });

  it("odd keys (__proto__, constructor) are refused, not obeyed", () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const input = JSON.parse(`{"${key}": {"polluted": true}}`);
      Object.assign(input, clone(heldExample("exit")));
      expectIssue(invalid(input, "held"), ["<unknown key>"], "unrecognized_key");
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("the arbitraries' list of field names is the schema's", () => {
    expect([...RECORD_FIELD_NAMES].sort()).toEqual([...knownFieldNames()].sort());
  });
});

describe("validateBatch", () => {
  it("keeps valid and invalid apart, by index", () => {
    const bad = { ...heldExample("exit"), eventDate: "2023-02-29" };
    const result = validateBatch([heldExample("exit"), bad, null, heldExample("appeal")], "held");
    expect(result.valid.map((v) => v.index)).toEqual([0, 3]);
    expect(result.valid[1]?.record).toStrictEqual(heldExample("appeal"));
    expect(result.invalid.map((v) => v.index)).toEqual([1, 2]);
    for (const { error } of result.invalid) {
      expect(error).toBeInstanceOf(CorridorError);
      expect(error.code).toBe("ERR_RECORD_INVALID");
    }
    expect(validateBatch([], "shared")).toEqual({ valid: [], invalid: [] });
  });

  it("throws ERR_INVALID_ARGUMENT when the batch is not an array", () => {
    for (const inputs of [null, {}, "[]", heldExample("exit")]) {
      catchCorridorError(
        () => validateBatch(inputs as unknown as unknown[], "held"),
        "ERR_INVALID_ARGUMENT",
      );
    }
  });
});
