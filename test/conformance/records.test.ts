import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CorridorError, formatPath } from "@corridor/errors";
import { parseRecord, type RecordForm } from "@corridor/schema";
import { describe, expect, it } from "vitest";

/*
 * Runs spec/test-vectors/records/validate-<form>.json against parseRecord (spec/README.md,
 * test-vectors). Beyond what every implementation must check (each listed code, each listed path
 * among the error's paths), these files promise that `errors` lists every issue path of the
 * record, so the reference implementation is held to that too.
 */

interface Vector {
  description: string;
  input: unknown;
  output?: unknown;
  errors?: true | { code: string; path?: string }[];
}

const dir = join(import.meta.dirname, "..", "..", "spec", "test-vectors", "records");

for (const form of ["held", "shared"] as RecordForm[]) {
  const file = JSON.parse(readFileSync(join(dir, `validate-${form}.json`), "utf8")) as {
    vectors: Vector[];
  };

  describe(`records/validate-${form}.json`, () => {
    it("has vectors", () => {
      expect(file.vectors.length).toBeGreaterThanOrEqual(40);
    });

    for (const [index, vector] of file.vectors.entries()) {
      it(`#${index}: ${vector.description}`, () => {
        let result: unknown;
        let failure: unknown;
        try {
          result = parseRecord(vector.input, form);
        } catch (error) {
          failure = error;
        }
        if (vector.errors === undefined) {
          expect(failure).toBeUndefined();
          if ("output" in vector) expect(result).toStrictEqual(vector.output);
          return;
        }
        expect(failure).toBeInstanceOf(CorridorError);
        const error = failure as CorridorError;
        if (vector.errors === true) return;
        const paths = new Set([
          ...(error.path === undefined ? [] : [formatPath(error.path)]),
          ...error.issues.map((i) => formatPath(i.path)),
        ]);
        for (const want of vector.errors) {
          expect(error.code).toBe(want.code);
          if (want.path !== undefined) {
            expect([...paths], `expected an issue at ${want.path}`).toContain(want.path);
          }
        }
        const listed = new Set(
          vector.errors.flatMap((e) => (e.path === undefined ? [] : [e.path])),
        );
        const issuePaths = new Set(error.issues.map((i) => formatPath(i.path)));
        expect([...issuePaths].sort()).toEqual([...listed].sort());
      });
    }
  });
}
