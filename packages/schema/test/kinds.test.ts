import { describe, expect, it } from "vitest";
import {
  parseHeldRecord,
  parseRecord,
  parseSharedRecord,
  RECORD_KINDS,
  type RecordKind,
  safeParseRecord,
} from "../src/index.js";
import {
  catchCorridorError,
  clone,
  DETAILS_EXAMPLES,
  expectIssue,
  heldExample,
  KINDS,
  sharedExample,
} from "./helpers.js";

/** `record` with `details` replaced. */
const withDetails = (kind: RecordKind, details: unknown, form: "held" | "shared" = "held") => ({
  ...(form === "held" ? heldExample(kind) : sharedExample(kind)),
  details,
});

const rejects = (input: unknown, path: (string | number)[], reason?: string) => {
  const error = catchCorridorError(() => parseHeldRecord(input), "ERR_RECORD_INVALID");
  expectIssue(error, path, reason);
};

describe("record kinds", () => {
  it("the examples cover every kind of the model", () => {
    expect([...KINDS].sort()).toEqual([...RECORD_KINDS].sort());
    expect(RECORD_KINDS).toHaveLength(14);
  });

  for (const kind of KINDS) {
    describe(kind, () => {
      it("a full held record parses to an equal record", () => {
        const input = heldExample(kind);
        expect(parseHeldRecord(input)).toStrictEqual(heldExample(kind));
      });

      it("a full shared record parses to an equal record", () => {
        const input = sharedExample(kind);
        expect(parseSharedRecord(input)).toStrictEqual(sharedExample(kind));
      });

      it("a held record is not a shared record, nor the reverse", () => {
        expect(safeParseRecord(heldExample(kind), "shared").success).toBe(false);
        expect(safeParseRecord(sharedExample(kind), "held").success).toBe(false);
      });

      it("needs details", () => {
        const input: Record<string, unknown> = heldExample(kind);
        delete input["details"];
        rejects(input, ["details"], "invalid_type");
      });

      it("refuses the details of another kind", () => {
        const other = kind === "exit" ? "status-change" : "exit";
        const error = catchCorridorError(
          () => parseHeldRecord(withDetails(kind, DETAILS_EXAMPLES[other])),
          "ERR_RECORD_INVALID",
        );
        expect(error.issues.every((i) => i.path[0] === "details")).toBe(true);
      });

      it("refuses an unknown key in details", () => {
        rejects(
          withDetails(kind, { ...DETAILS_EXAMPLES[kind], remarks: "x" }),
          ["details", "<unknown key>"],
          "unrecognized_key",
        );
      });
    });
  }

  it("a record with only the required fields parses (held and shared)", () => {
    const minimal = {
      schemaVersion: "1.0",
      recordId: "1",
      kind: "irregular-stay",
      agency: "INT.iom",
      eventDate: "2024",
      details: { detectedAt: "at-exit" },
    };
    const held = { ...minimal, person: { identifiers: {}, attributes: {} } };
    const shared = { ...minimal, person: { pseudonyms: {}, attributes: {} } };
    expect(parseRecord(held, "held")).toStrictEqual(held);
    expect(parseRecord(shared, "shared")).toStrictEqual(shared);
  });

  it("refuses an unknown kind", () => {
    rejects({ ...heldExample("entry"), kind: "arrival" }, ["kind"], "invalid_discriminator");
    rejects({ ...heldExample("entry"), kind: "Entry" }, ["kind"], "invalid_discriminator");
  });
});

describe("entry", () => {
  const admitted = { outcome: "admitted", border: { country: "GRC", type: "sea" } };

  it("an admitted entry needs no refusal grounds and may carry none", () => {
    expect(parseHeldRecord(withDetails("entry", admitted)).details).toStrictEqual(admitted);
    rejects(
      withDetails("entry", { ...admitted, refusalGrounds: ["A"] }),
      ["details", "refusalGrounds"],
      "unrecognized_key",
    );
  });

  it("a refused entry needs 1 to 9 refusal grounds A-I", () => {
    const refused = { ...admitted, outcome: "refused" };
    rejects(withDetails("entry", refused), ["details", "refusalGrounds"], "invalid_type");
    rejects(
      withDetails("entry", { ...refused, refusalGrounds: [] }),
      ["details", "refusalGrounds"],
      "too_small",
    );
    rejects(
      withDetails("entry", { ...refused, refusalGrounds: ["J"] }),
      ["details", "refusalGrounds", 0],
      "invalid_value",
    );
    rejects(
      withDetails("entry", { ...refused, refusalGrounds: ["a"] }),
      ["details", "refusalGrounds", 0],
      "invalid_value",
    );
    const all = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
    expect(() =>
      parseHeldRecord(withDetails("entry", { ...refused, refusalGrounds: all })),
    ).not.toThrow();
    rejects(
      withDetails("entry", { ...refused, refusalGrounds: [...all, "A"] }),
      ["details", "refusalGrounds"],
      "too_big",
    );
  });

  it("needs a known outcome and a border point", () => {
    rejects(
      withDetails("entry", { ...admitted, outcome: "denied" }),
      ["details", "outcome"],
      "invalid_discriminator",
    );
    rejects(withDetails("entry", { outcome: "admitted" }), ["details", "border"], "invalid_type");
    rejects(
      withDetails("entry", { ...admitted, border: { country: "GRC", type: "rail" } }),
      ["details", "border", "type"],
      "invalid_value",
    );
    rejects(
      withDetails("entry", {
        ...admitted,
        border: { country: "GRC", type: "air", crossingPoint: "ath" },
      }),
      ["details", "border", "crossingPoint"],
      "invalid_format",
    );
  });
});

describe("asylum-decision", () => {
  it("only a rejection carries a rejection type", () => {
    for (const outcome of [
      "refugee-status",
      "subsidiary-protection",
      "humanitarian-status",
      "temporary-protection",
      "withdrawn-closed",
    ]) {
      expect(() =>
        parseHeldRecord(withDetails("asylum-decision", { outcome, instance: "final" })),
      ).not.toThrow();
      rejects(
        withDetails("asylum-decision", { outcome, instance: "final", rejectionType: "unfounded" }),
        ["details", "rejectionType"],
        "unrecognized_key",
      );
    }
    expect(() =>
      parseHeldRecord(withDetails("asylum-decision", { outcome: "rejected", instance: "final" })),
    ).not.toThrow();
    rejects(
      withDetails("asylum-decision", {
        outcome: "rejected",
        instance: "final",
        rejectionType: "unfunded",
      }),
      ["details", "rejectionType"],
      "invalid_value",
    );
  });

  it("needs an instance", () => {
    rejects(
      withDetails("asylum-decision", { outcome: "rejected" }),
      ["details", "instance"],
      "invalid_value",
    );
  });
});

describe("appeal", () => {
  it("a lodged appeal has no outcome; a decided one must have one", () => {
    expect(() => parseHeldRecord(withDetails("appeal", { stage: "lodged" }))).not.toThrow();
    rejects(
      withDetails("appeal", { stage: "lodged", outcome: "upheld" }),
      ["details", "outcome"],
      "unrecognized_key",
    );
    rejects(withDetails("appeal", { stage: "decided" }), ["details", "outcome"], "invalid_value");
    rejects(
      withDetails("appeal", { stage: "decided", outcome: "won" }),
      ["details", "outcome"],
      "invalid_value",
    );
    rejects(
      withDetails("appeal", { stage: "pending" }),
      ["details", "stage"],
      "invalid_discriminator",
    );
    rejects(
      withDetails("appeal", { stage: "lodged", suspensive: "yes" }),
      ["details", "suspensive"],
      "invalid_type",
    );
  });
});

describe("family-reunification", () => {
  const application = {
    stage: "application",
    relationship: "spouse",
    sponsorStatus: "refugee",
    sponsor: { recordId: "S-1" },
  };
  it("only the decision stage carries a decision", () => {
    expect(() => parseHeldRecord(withDetails("family-reunification", application))).not.toThrow();
    rejects(
      withDetails("family-reunification", { ...application, decision: "granted" }),
      ["details", "decision"],
      "unrecognized_key",
    );
    rejects(
      withDetails("family-reunification", { ...application, stage: "decision" }),
      ["details", "decision"],
      "invalid_value",
    );
  });
  it("the sponsor is a record reference", () => {
    rejects(
      withDetails("family-reunification", { ...application, sponsor: { agency: "DEU.bamf" } }),
      ["details", "sponsor", "recordId"],
      "invalid_type",
    );
    rejects(
      withDetails("family-reunification", {
        ...application,
        sponsor: { recordId: "S-1", agency: "Germany" },
      }),
      ["details", "sponsor", "agency"],
      "invalid_format",
    );
  });
});

describe("return", () => {
  it("an order to leave carries days; an effective return carries its type and assistance", () => {
    expect(() => parseHeldRecord(withDetails("return", { stage: "order-to-leave" }))).not.toThrow();
    expect(() =>
      parseHeldRecord(
        withDetails("return", { stage: "order-to-leave", voluntaryDepartureDays: 0 }),
      ),
    ).not.toThrow();
    rejects(
      withDetails("return", { stage: "order-to-leave", voluntaryDepartureDays: 366 }),
      ["details", "voluntaryDepartureDays"],
      "too_big",
    );
    rejects(
      withDetails("return", { stage: "order-to-leave", returnType: "forced" }),
      ["details", "returnType"],
      "unrecognized_key",
    );
    rejects(
      withDetails("return", { stage: "effective-return", assisted: false }),
      ["details", "returnType"],
      "invalid_value",
    );
    rejects(
      withDetails("return", { stage: "effective-return", returnType: "forced" }),
      ["details", "assisted"],
      "invalid_type",
    );
    rejects(
      withDetails("return", {
        stage: "effective-return",
        returnType: "forced",
        assisted: false,
        voluntaryDepartureDays: 30,
      }),
      ["details", "voluntaryDepartureDays"],
      "unrecognized_key",
    );
  });
});

describe("work-permit and recruitment", () => {
  it("occupations are ISCO-08 codes under a real sub-major group", () => {
    for (const occupation of ["0", "9", "01", "03", "11", "96", "9629", "011", "2512"]) {
      expect(() =>
        parseHeldRecord(
          withDetails("work-permit", { ...DETAILS_EXAMPLES["work-permit"], occupation }),
        ),
      ).not.toThrow();
    }
    for (const occupation of ["", "04", "10", "16", "97", "00", "12345", "2a", " 25", 25]) {
      rejects(withDetails("work-permit", { ...DETAILS_EXAMPLES["work-permit"], occupation }), [
        "details",
        "occupation",
      ]);
    }
  });

  it("sectors are ISIC Rev.4 section letters A-U", () => {
    rejects(
      withDetails("grievance", { ...DETAILS_EXAMPLES.grievance, sector: "V" }),
      ["details", "sector"],
      "invalid_value",
    );
    rejects(
      withDetails("grievance", { ...DETAILS_EXAMPLES.grievance, sector: "a" }),
      ["details", "sector"],
      "invalid_value",
    );
  });

  it("fees are whole minor units 0 to 10^12 in an ISO 4217 currency", () => {
    const fees = (feesPaidByWorker: unknown) =>
      withDetails("recruitment", { ...DETAILS_EXAMPLES.recruitment, feesPaidByWorker });
    expect(() => parseHeldRecord(fees({ amountMinor: 0, currency: "EUR" }))).not.toThrow();
    expect(() => parseHeldRecord(fees({ amountMinor: 1e12, currency: "EUR" }))).not.toThrow();
    rejects(
      fees({ amountMinor: 1e12 + 1, currency: "EUR" }),
      ["details", "feesPaidByWorker", "amountMinor"],
      "too_big",
    );
    rejects(
      fees({ amountMinor: -1, currency: "EUR" }),
      ["details", "feesPaidByWorker", "amountMinor"],
      "too_small",
    );
    rejects(
      fees({ amountMinor: 12.5, currency: "EUR" }),
      ["details", "feesPaidByWorker", "amountMinor"],
      "invalid_type",
    );
    rejects(
      fees({ amountMinor: "100", currency: "EUR" }),
      ["details", "feesPaidByWorker", "amountMinor"],
      "invalid_type",
    );
    rejects(
      fees({ amountMinor: 100, currency: "eur" }),
      ["details", "feesPaidByWorker", "currency"],
      "invalid_value",
    );
    rejects(
      fees({ amountMinor: 100, currency: "XAU" }),
      ["details", "feesPaidByWorker", "currency"],
      "invalid_value",
    );
  });

  it("a recruiter states whether it is licensed", () => {
    rejects(
      withDetails("recruitment", {
        ...DETAILS_EXAMPLES.recruitment,
        recruiter: { country: "NPL" },
      }),
      ["details", "recruiter", "licensed"],
      "invalid_type",
    );
  });
});

describe("smuggling-incident", () => {
  const base = DETAILS_EXAMPLES["smuggling-incident"];
  it("group size is 1 to 10000; transit lists 1 to 10 countries", () => {
    rejects(
      withDetails("smuggling-incident", { ...base, groupSize: 0 }),
      ["details", "groupSize"],
      "too_small",
    );
    rejects(
      withDetails("smuggling-incident", { ...base, groupSize: 10_001 }),
      ["details", "groupSize"],
      "too_big",
    );
    rejects(
      withDetails("smuggling-incident", { ...base, route: { transit: [] } }),
      ["details", "route", "transit"],
      "too_small",
    );
    rejects(
      withDetails("smuggling-incident", { ...base, route: { transit: Array(11).fill("TUR") } }),
      ["details", "route", "transit"],
      "too_big",
    );
    expect(() =>
      parseHeldRecord(withDetails("smuggling-incident", { ...base, route: {} })),
    ).not.toThrow();
  });
});

describe("residence-permit", () => {
  it("validity dates are partial dates", () => {
    const base = DETAILS_EXAMPLES["residence-permit"];
    rejects(
      withDetails("residence-permit", { ...base, validUntil: "2027-02-29" }),
      ["details", "validUntil"],
      "invalid_format",
    );
    const noFrom: Record<string, unknown> = clone(base);
    delete noFrom["validFrom"];
    rejects(withDetails("residence-permit", noFrom), ["details", "validFrom"], "invalid_type");
  });
});
