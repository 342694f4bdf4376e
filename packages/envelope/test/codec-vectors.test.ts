/**
 * Runs spec/test-vectors/encoding/*.json (written by spec/test-vectors/encoding/generate.py from
 * hand-written cases) against the codec, after checking each file against vectors.schema.json.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CorridorError, formatPath } from "@corridor/errors";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  type BodyEncoding,
  type DecodeLimits,
  decodeBase64url,
  decodeBody,
  decodeMsgpackStrict,
  digestStringSync,
  encodeBase64url,
  encodeMsgpack,
  parseDigestString,
  parseJsonStrict,
} from "../src/codec/index.js";
import { fromHex, hex } from "./codec-helpers.js";

const ROOT = join(import.meta.dirname, "../../../spec/test-vectors");
const DIR = join(ROOT, "encoding");

interface Vector {
  description: string;
  input: unknown;
  output?: unknown;
  errors?: true | { code: string; path?: string }[];
}
interface VectorFile {
  description: string;
  vectors: Vector[];
}

/** Error paths in the vectors name no member from the input (spec/encoding.md §8). */
const NONE = new Set<string>();

type Input = {
  hex?: string;
  text?: string;
  limits?: Partial<DecodeLimits>;
  requireCanonical?: boolean;
  encoding?: BodyEncoding;
};

const OPERATIONS: Record<string, (input: unknown) => unknown> = {
  "base64url-decode.json": (input) => hex(decodeBase64url(input as string)),
  "base64url-encode.json": (input) => encodeBase64url(fromHex(input as string)),
  "msgpack-decode.json": (input) => {
    const i = input as Input;
    return decodeMsgpackStrict(fromHex(i.hex!), i.limits, {
      knownNames: NONE,
      requireCanonical: i.requireCanonical === true,
    });
  },
  "msgpack-encode.json": (input) => hex(encodeMsgpack(input)),
  "json-parse.json": (input) => {
    const i = input as Input;
    const source = i.hex !== undefined ? fromHex(i.hex) : i.text!;
    return parseJsonStrict(source, i.limits, { knownNames: NONE });
  },
  "body-decode.json": (input) => {
    const i = input as Input;
    return decodeBody(fromHex(i.hex!), i.encoding!, i.limits, { knownNames: NONE });
  },
  "digest.json": (input) => digestStringSync(fromHex(input as string)),
  "digest-parse.json": (input) => hex(parseDigestString(input as string)),
};

const ajv = new Ajv2020({ strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "vectors.schema.json"), "utf8")));

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("spec/test-vectors/encoding", () => {
  it("has a runner for every file and a file for every runner", () => {
    expect(files).toEqual(Object.keys(OPERATIONS).sort());
  });

  for (const file of files) {
    describe(file, () => {
      const doc = JSON.parse(readFileSync(join(DIR, file), "utf8")) as VectorFile;
      const run = OPERATIONS[file]!;

      it("follows vectors.schema.json", () => {
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      });

      doc.vectors.forEach((v, index) => {
        it(`[${index}] ${v.description}`, () => {
          if (v.errors === undefined) {
            expect(run(v.input)).toEqual(v.output);
            return;
          }
          let thrown: unknown;
          try {
            run(v.input);
          } catch (err) {
            thrown = err;
          }
          expect(thrown).toBeInstanceOf(CorridorError);
          const err = thrown as CorridorError;
          if (v.errors === true) return;
          for (const expected of v.errors) {
            expect(err.code).toBe(expected.code);
            if (expected.path !== undefined) {
              const paths = [err.path, ...err.issues.map((i) => i.path)]
                .filter((p) => p !== undefined)
                .map((p) => formatPath(p));
              expect(paths).toContain(expected.path);
            }
          }
        });
      });
    });
  }
});
