/**
 * Runs spec/test-vectors/pseudonym/*.json against the code. The expected values in those files come
 * from packages/pseudonym/test/vectors/make_spec_vectors.py (Python hmac/hashlib, normalized forms
 * written by hand from spec/normalization.md), not from this package.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CorridorError, formatPath, type Result } from "@corridor/errors";
import type { HeldRecord } from "@corridor/schema";
import { describe, expect, it } from "vitest";
import {
  type ClearDocument,
  createPseudonymizer,
  deriveFieldKeys,
  type LinkageKeyKind,
  linkageKeyInputs,
  normalizeDocument,
  normalizeDocumentNumber,
  normalizeName,
  normalizePartialDate,
  normalizeText,
  PSEUDONYM_FIELDS,
  pseudonymizeRecord,
  safeDeriveFieldKeys,
  safeParsePseudonym,
  safePseudonymizeRecord,
} from "../src/index.js";

const DIR = join(import.meta.dirname, "..", "..", "..", "spec", "test-vectors", "pseudonym");

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

const load = (name: string): VectorFile =>
  JSON.parse(readFileSync(join(DIR, name), "utf8")) as VectorFile;
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

interface KeyInput {
  agreementId: string;
  epoch: number;
  secret: string;
}
const pseudonymizerOf = (k: KeyInput, kinds?: LinkageKeyKind[]) =>
  createPseudonymizer(
    deriveFieldKeys({ agreementId: k.agreementId, epoch: k.epoch, secret: hex(k.secret) }),
    kinds === undefined ? {} : { linkageKeys: kinds },
  );

function expectErrors(result: Result<unknown>, errors: Vector["errors"]): void {
  expect(result.success).toBe(false);
  if (result.success || errors === true || errors === undefined) return;
  const first = errors[0]!;
  expect(result.error).toBeInstanceOf(CorridorError);
  expect(result.error.code).toBe(first.code);
  if (first.path !== undefined) expect(formatPath(result.error.path ?? [])).toBe(first.path);
}

function capture<T>(fn: () => T): Result<T> {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    if (error instanceof CorridorError) return { success: false, error };
    throw error;
  }
}

it("every vector file in spec/test-vectors/pseudonym is run by this suite", () => {
  expect(readdirSync(DIR).sort()).toEqual([
    "derive-keys.json",
    "linkage-keys.json",
    "normalize.json",
    "parse.json",
    "pseudonymize-record.json",
    "pseudonymize.json",
  ]);
});

describe("normalize.json", () => {
  const file = load("normalize.json");
  it.each(file.vectors.map((v) => [v.description, v] as const))("%s", (_d, v) => {
    const { function: fn, value } = v.input as { function: string; value: never };
    const run: Record<string, (x: never) => string> = {
      normalizeText,
      normalizeName,
      normalizeDocumentNumber,
      normalizePartialDate,
      normalizeDocument: (x: ClearDocument) => normalizeDocument(x),
    };
    expect(run[fn], `unknown function ${fn}`).toBeDefined();
    expect(run[fn]!(value)).toBe(v.output);
  });
});

describe("derive-keys.json", () => {
  const file = load("derive-keys.json");
  it.each(file.vectors.map((v) => [v.description, v] as const))("%s", (_d, v) => {
    const k = v.input as KeyInput;
    const result = safeDeriveFieldKeys({
      agreementId: k.agreementId,
      epoch: k.epoch,
      secret: hex(k.secret),
    });
    if (v.errors !== undefined) return expectErrors(result, v.errors);
    expect(result.success).toBe(true);
    if (!result.success) return;
    const out = v.output as Record<string, string>;
    expect(Object.keys(out).sort()).toEqual([...PSEUDONYM_FIELDS].sort());
    for (const field of PSEUDONYM_FIELDS) expect(toHex(result.data.keys[field])).toBe(out[field]);
  });
});

describe("pseudonymize.json", () => {
  const file = load("pseudonymize.json");
  it.each(file.vectors.map((v) => [v.description, v] as const))("%s", (_d, v) => {
    const input = v.input as KeyInput & { field: string; value: never };
    const p = pseudonymizerOf(input);
    const methods: Record<string, (x: never) => Result<string>> = {
      name: (x) => p.safePseudonymizeName(x),
      "date-of-birth": (x) => p.safePseudonymizeDateOfBirth(x),
      "place-of-birth": (x) => p.safePseudonymizePlaceOfBirth(x),
      document: (x) => p.safePseudonymizeDocument(x),
    };
    const result = methods[input.field]!(input.value);
    if (v.errors !== undefined) return expectErrors(result, v.errors);
    const out = v.output as { normalized: string; pseudonym: string };
    const normalizers: Record<string, (x: never) => string> = {
      name: normalizeName,
      "date-of-birth": normalizePartialDate,
      "place-of-birth": normalizeText,
      document: normalizeDocument,
    };
    expect(normalizers[input.field]!(input.value)).toBe(out.normalized);
    expect(result).toEqual({ success: true, data: out.pseudonym });
    expect(p.pseudonymizeNormalized(input.field as never, out.normalized)).toBe(out.pseudonym);
  });
});

describe("linkage-keys.json", () => {
  const file = load("linkage-keys.json");
  it.each(file.vectors.map((v) => [v.description, v] as const))("%s", (_d, v) => {
    const input = v.input as KeyInput & {
      identifiers: never;
      attributes: never;
      kinds?: LinkageKeyKind[];
    };
    const out = v.output as { inputs: Record<string, string>; linkageKeys: string[] };
    expect(linkageKeyInputs(input.identifiers, input.attributes)).toEqual(out.inputs);
    const p = pseudonymizerOf(input, input.kinds);
    expect(p.linkageKeys(input.identifiers, input.attributes)).toEqual(out.linkageKeys);
  });
});

describe("parse.json", () => {
  const file = load("parse.json");
  it.each(file.vectors.map((v) => [v.description, v] as const))("%s", (_d, v) => {
    const result = safeParsePseudonym(v.input as string);
    if (v.errors !== undefined) return expectErrors(result, v.errors);
    const out = v.output as { scheme: string; epoch: number; value: string };
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.scheme).toBe(out.scheme);
    expect(result.data.epoch).toBe(out.epoch);
    expect(toHex(result.data.value)).toBe(out.value);
  });
});

describe("pseudonymize-record.json", () => {
  const file = load("pseudonymize-record.json");
  it.each(file.vectors.map((v) => [v.description, v] as const))("%s", (_d, v) => {
    const input = v.input as KeyInput & { record: HeldRecord };
    const p = pseudonymizerOf(input);
    if (v.errors !== undefined) {
      return expectErrors(safePseudonymizeRecord(input.record, p), v.errors);
    }
    expect(pseudonymizeRecord(input.record, p)).toEqual(v.output);
    expect(capture(() => pseudonymizeRecord(input.record, p)).success).toBe(true);
  });
});
