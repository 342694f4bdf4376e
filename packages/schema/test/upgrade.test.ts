import { CorridorError } from "@corridor/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type RecordForm,
  SCHEMA_VERSIONS,
  safeUpgradeRecord,
  UPGRADE_STEPS,
  type UpgradeStep,
  upgradeRecord,
  upgradeThrough,
  type VersionChain,
} from "../src/index.js";
import { catchCorridorError, heldExample, sharedExample } from "./helpers.js";

/*
 * A fixture chain of three fake versions, to test the upgrade machinery before a second real
 * version exists:
 *   1.0 { schemaVersion, id, name }
 *   1.1 { schemaVersion, id, fullName }              (name renamed)
 *   2.0 { schemaVersion, id, fullName, tags[] }      (tags added; shared form: no fullName)
 */
type V = "1.0" | "1.1" | "2.0";
const SCHEMAS = {
  "1.0": z.strictObject({ schemaVersion: z.literal("1.0"), id: z.string(), name: z.string() }),
  "1.1": z.strictObject({ schemaVersion: z.literal("1.1"), id: z.string(), fullName: z.string() }),
  "2.0": z.strictObject({
    schemaVersion: z.literal("2.0"),
    id: z.string(),
    fullName: z.string().optional(),
    tags: z.array(z.string()),
  }),
} as const;

function validate(input: unknown, form: RecordForm, version: V): unknown {
  calls.push(`validate ${version} ${form}`);
  const result = SCHEMAS[version].safeParse(input);
  if (!result.success) {
    throw new CorridorError("ERR_RECORD_INVALID", `fixture record invalid in ${version}`, {
      issues: result.error.issues.map((i) => ({
        path: i.path.map(String),
        reason: i.code,
        message: i.code,
      })),
    });
  }
  return result.data;
}

let calls: string[] = [];

const STEP_1_0_TO_1_1: UpgradeStep<V> = {
  from: "1.0",
  to: "1.1",
  upgrade: (record, form) => {
    calls.push(`step 1.0->1.1 ${form}`);
    const { name, ...rest } = record;
    return { ...rest, schemaVersion: "1.1", fullName: name };
  },
};
const STEP_1_1_TO_2_0: UpgradeStep<V> = {
  from: "1.1",
  to: "2.0",
  upgrade: (record, form) => {
    calls.push(`step 1.1->2.0 ${form}`);
    const { fullName, ...rest } = record;
    return { ...rest, schemaVersion: "2.0", tags: [], ...(form === "held" ? { fullName } : {}) };
  },
};

const chain = (steps: UpgradeStep<V>[] = [STEP_1_0_TO_1_1, STEP_1_1_TO_2_0]): VersionChain<V> => ({
  versions: ["1.0", "1.1", "2.0"],
  steps,
  validate,
});

const r10 = { schemaVersion: "1.0", id: "a1", name: "Amina Yusuf" };
const r11 = { schemaVersion: "1.1", id: "a1", fullName: "Amina Yusuf" };

describe("upgradeThrough (fixture chain 1.0 -> 1.1 -> 2.0)", () => {
  it("step 1.0 -> 1.1", () => {
    calls = [];
    expect(upgradeThrough(chain(), r10, "held", "1.1")).toStrictEqual(r11);
    expect(calls).toEqual(["validate 1.0 held", "step 1.0->1.1 held", "validate 1.1 held"]);
  });

  it("step 1.1 -> 2.0, per form", () => {
    expect(upgradeThrough(chain(), r11, "held", "2.0")).toStrictEqual({
      schemaVersion: "2.0",
      id: "a1",
      fullName: "Amina Yusuf",
      tags: [],
    });
    expect(upgradeThrough(chain(), r11, "shared", "2.0")).toStrictEqual({
      schemaVersion: "2.0",
      id: "a1",
      tags: [],
    });
  });

  it("1.0 -> 2.0 runs both steps in order, validating after each", () => {
    calls = [];
    expect(upgradeThrough(chain(), r10, "shared", "2.0")).toStrictEqual({
      schemaVersion: "2.0",
      id: "a1",
      tags: [],
    });
    expect(calls).toEqual([
      "validate 1.0 shared",
      "step 1.0->1.1 shared",
      "validate 1.1 shared",
      "step 1.1->2.0 shared",
      "validate 2.0 shared",
    ]);
  });

  it("the target version itself: validated, no step", () => {
    calls = [];
    expect(upgradeThrough(chain(), r11, "held", "1.1")).toStrictEqual(r11);
    expect(calls).toEqual(["validate 1.1 held"]);
  });

  it("a missing step fails with ERR_SCHEMA_UPGRADE_FAILED; the steps before it still work", () => {
    const partial = chain([STEP_1_0_TO_1_1]);
    catchCorridorError(
      () => upgradeThrough(partial, r10, "held", "2.0"),
      "ERR_SCHEMA_UPGRADE_FAILED",
    );
    catchCorridorError(
      () => upgradeThrough(partial, r11, "held", "2.0"),
      "ERR_SCHEMA_UPGRADE_FAILED",
    );
    expect(upgradeThrough(partial, r10, "held", "1.1")).toStrictEqual(r11);
    catchCorridorError(
      () => upgradeThrough(chain([STEP_1_1_TO_2_0]), r10, "held", "2.0"),
      "ERR_SCHEMA_UPGRADE_FAILED",
    );
  });

  it("a downgrade is refused with ERR_SCHEMA_UPGRADE_FAILED", () => {
    const r20 = { schemaVersion: "2.0", id: "a1", tags: [] };
    calls = [];
    catchCorridorError(
      () => upgradeThrough(chain(), r20, "held", "1.0"),
      "ERR_SCHEMA_UPGRADE_FAILED",
    );
    catchCorridorError(
      () => upgradeThrough(chain(), r11, "held", "1.0"),
      "ERR_SCHEMA_UPGRADE_FAILED",
    );
    expect(calls).toEqual([]);
  });

  it("an unknown target version is refused with ERR_SCHEMA_UPGRADE_FAILED", () => {
    catchCorridorError(
      () => upgradeThrough(chain(), r10, "held", "3.0" as V),
      "ERR_SCHEMA_UPGRADE_FAILED",
    );
  });

  it("an unknown, missing or non-string stated version: ERR_SCHEMA_VERSION_UNSUPPORTED", () => {
    calls = [];
    for (const input of [
      { ...r10, schemaVersion: "0.9" },
      { ...r10, schemaVersion: "1.0.0" },
      { ...r10, schemaVersion: 1 },
      { id: "a1", name: "x" },
      null,
      "1.0",
      ["1.0"],
      42,
    ]) {
      const error = catchCorridorError(
        () => upgradeThrough(chain(), input, "held", "2.0"),
        "ERR_SCHEMA_VERSION_UNSUPPORTED",
      );
      expect(error.path).toEqual(["schemaVersion"]);
    }
    expect(calls).toEqual([]);
  });

  it("a record invalid in its own version: ERR_RECORD_INVALID, and no step runs", () => {
    calls = [];
    const error = catchCorridorError(
      () => upgradeThrough(chain(), { ...r10, name: 5 }, "held", "2.0"),
      "ERR_RECORD_INVALID",
    );
    expect(error.issues.map((i) => i.path)).toEqual([["name"]]);
    expect(calls).toEqual(["validate 1.0 held"]);
  });

  it("the output of every step is validated: a faulty step fails with ERR_RECORD_INVALID", () => {
    const faulty: UpgradeStep<V> = {
      from: "1.1",
      to: "2.0",
      upgrade: (record) => ({ ...record, schemaVersion: "2.0" }), // forgets tags
    };
    catchCorridorError(
      () => upgradeThrough(chain([STEP_1_0_TO_1_1, faulty]), r10, "held", "2.0"),
      "ERR_RECORD_INVALID",
    );
    const wrongVersion: UpgradeStep<V> = { from: "1.0", to: "1.1", upgrade: (record) => record };
    catchCorridorError(
      () => upgradeThrough(chain([wrongVersion]), r10, "held", "1.1"),
      "ERR_RECORD_INVALID",
    );
  });

  it("a step works on a copy: the caller's record is not changed", () => {
    const mutating: UpgradeStep<V> = {
      from: "1.0",
      to: "1.1",
      upgrade: (record) => {
        const name = record["name"];
        delete record["name"];
        record["schemaVersion"] = "1.1";
        record["fullName"] = name;
        return record;
      },
    };
    const input = structuredClone(r10);
    expect(upgradeThrough(chain([mutating]), input, "held", "1.1")).toStrictEqual(r11);
    expect(input).toStrictEqual(r10);
  });

  it("upgrading 1.0 -> 2.0 equals upgrading 1.0 -> 1.1 -> 2.0", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.constantFrom<RecordForm>("held", "shared"),
        (id, name, form) => {
          const input = { schemaVersion: "1.0", id, name };
          const direct = upgradeThrough(chain(), input, form, "2.0");
          const stepwise = upgradeThrough(
            chain(),
            upgradeThrough(chain(), input, form, "1.1"),
            form,
            "2.0",
          );
          expect(direct).toStrictEqual(stepwise);
        },
      ),
    );
  });
});

describe("upgradeRecord (published versions)", () => {
  it("1.0 is the only published version, and has no steps yet", () => {
    expect(SCHEMA_VERSIONS).toEqual(["1.0"]);
    expect(UPGRADE_STEPS).toEqual([]);
  });

  it("returns a valid 1.0 record as it is", () => {
    expect(upgradeRecord(heldExample("appeal"), "held")).toStrictEqual(heldExample("appeal"));
    expect(upgradeRecord(sharedExample("appeal"), "shared")).toStrictEqual(sharedExample("appeal"));
  });

  it("ERR_SCHEMA_VERSION_UNSUPPORTED for an unknown version, ERR_RECORD_INVALID for an invalid record", () => {
    catchCorridorError(
      () => upgradeRecord({ ...heldExample("appeal"), schemaVersion: "0.9" }, "held"),
      "ERR_SCHEMA_VERSION_UNSUPPORTED",
    );
    catchCorridorError(() => upgradeRecord(heldExample("appeal"), "shared"), "ERR_RECORD_INVALID");
    const result = safeUpgradeRecord({ ...heldExample("appeal"), schemaVersion: "2.0" }, "held");
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe("ERR_SCHEMA_VERSION_UNSUPPORTED");
  });
});
