import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

/*
 * Every file under spec/test-vectors/ (any feature, any depth) must follow
 * spec/test-vectors/vectors.schema.json, so implementations in other languages can run them all
 * the same way.
 */

const root = join(import.meta.dirname, "..", "..", "spec", "test-vectors");
const schema = JSON.parse(readFileSync(join(root, "vectors.schema.json"), "utf8")) as object;
const validate = new Ajv2020.default({ strict: true, allErrors: true }).compile(schema);

const files = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".json") && f !== "vectors.schema.json")
  .sort();

describe("spec/test-vectors", () => {
  it("holds vector files (the records ones at least)", () => {
    expect(files).toContain(join("records", "validate-held.json"));
    expect(files).toContain(join("records", "validate-shared.json"));
  });

  it("the schema rejects what it must (a file that lists both output and errors, a bad code)", () => {
    const vector = { description: "v", input: 1 };
    expect(validate({ description: "d", vectors: [vector] })).toBe(true);
    expect(validate({ description: "d", vectors: [{ ...vector, output: 1, errors: true }] })).toBe(
      false,
    );
    expect(
      validate({ description: "d", vectors: [{ ...vector, errors: [{ code: "bad" }] }] }),
    ).toBe(false);
    expect(
      validate({
        description: "d",
        vectors: [{ ...vector, errors: [{ code: "ERR_X", path: "a..b" }] }],
      }),
    ).toBe(false);
    expect(validate({ description: "d", vectors: [{ ...vector, errors: false }] })).toBe(false);
    expect(validate({ description: "d", vectors: [{ description: "v" }] })).toBe(false);
    expect(validate({ description: "d", vectors: [] })).toBe(false);
    expect(validate({ vectors: [vector] })).toBe(false);
    expect(validate({ description: "d", vectors: [vector], extra: 1 })).toBe(false);
    const paths = [
      "$",
      "a",
      "a.b[0].c",
      '["<unknown key>"]',
      'details["<unknown key>"]',
      "[3]",
      "a[10]",
    ];
    for (const path of paths) {
      expect(
        validate({ description: "d", vectors: [{ ...vector, errors: [{ code: "ERR_X", path }] }] }),
        path,
      ).toBe(true);
    }
  });

  for (const file of files) {
    it(`${file} follows vectors.schema.json`, () => {
      const data: unknown = JSON.parse(readFileSync(join(root, file), "utf8"));
      const ok = validate(data);
      expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    });
  }
});
