/**
 * Runs spec/test-vectors/linkage/*.json against the implementation. The vectors are produced by
 * spec/test-vectors/linkage/generate.py, an independent Python implementation of spec/linkage.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CorridorError } from "@corridor/errors";
import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { KeyedHmacSha256 } from "../src/_hmac-sha256.js";
import { diceBytes } from "../src/linkage/dice.js";
import { createClkEncoder, digestToIndices, keyedPermutation } from "../src/linkage/encoder.js";
import { decodeLinkageEncoding, diceSimilarity } from "../src/linkage/encoding.js";
import { fieldFeatures, type LinkageInput, saltValue } from "../src/linkage/features.js";
import { deriveLinkageKey } from "../src/linkage/keys.js";
import { parseLinkageSchema } from "../src/linkage/schema.js";

const DIR = join(import.meta.dirname, "../../../spec/test-vectors/linkage");

interface Vector {
  description: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  errors?: true | { code: string; path?: string }[];
}
function load(name: string): Vector[] {
  const file = JSON.parse(readFileSync(join(DIR, name), "utf8")) as { vectors: Vector[] };
  expect(file.vectors.length).toBeGreaterThan(0);
  return file.vectors;
}
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "hex"));
/** Big-endian bytes of filter words. */
function wordBytes(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (let j = 0; j < words.length; j++) view.setUint32(4 * j, words[j]!);
  return bytes;
}

function expectError(fn: () => unknown, errors: Vector["errors"]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CorridorError);
  if (Array.isArray(errors)) expect((caught as CorridorError).code).toBe(errors[0]!.code);
}

describe("linkage vectors: schema-digest.json", () => {
  for (const v of load("schema-digest.json")) {
    it(v.description, () => {
      if (v.errors !== undefined)
        return expectError(() => parseLinkageSchema(v.input.document), v.errors);
      const schema = parseLinkageSchema(v.input.document);
      expect(schema.canonical).toBe(v.output!.canonical);
      expect(schema.digest).toBe(v.output!.digest);
    });
  }
});

describe("linkage vectors: keys.json", () => {
  for (const v of load("keys.json")) {
    it(v.description, () => {
      const i = v.input as {
        secret: string;
        agreementId: string;
        epoch: number;
        schemaDigest: string;
        purpose: "field" | "balance";
        index: number;
      };
      const key = deriveLinkageKey(
        { agreementId: i.agreementId, secret: unhex(i.secret), epoch: i.epoch },
        i.schemaDigest,
        i.purpose,
        i.index,
      );
      expect(hex(key)).toBe(v.output!.key);
    });
  }
});

describe("linkage vectors: bit-positions.json", () => {
  for (const v of load("bit-positions.json")) {
    it(v.description, () => {
      const i = v.input as {
        key: string;
        salt: string;
        feature: string;
        filterLength: number;
        k: number;
      };
      const enc = new TextEncoder();
      const msg = new Uint8Array([...enc.encode(i.salt), 0, ...enc.encode(i.feature)]);
      const mac = new KeyedHmacSha256(unhex(i.key)).mac(msg);
      expect(hex(mac)).toBe(v.output!.hmac);
      const words = new Int32Array(8);
      for (let w = 0; w < 8; w++) words[w] = new DataView(mac.buffer).getInt32(4 * w);
      const out = new Uint16Array(i.k);
      digestToIndices(words, i.k, Math.log2(i.filterLength), out);
      expect([...out]).toEqual(v.output!.positions);
    });
  }
});

describe("linkage vectors: permutation.json", () => {
  for (const v of load("permutation.json")) {
    it(v.description, () => {
      const i = v.input as { key: string; n: number };
      const perm = keyedPermutation(unhex(i.key), i.n);
      const o = v.output as { permutation?: number[]; prefix?: number[]; sha256?: string };
      if (o.permutation !== undefined) expect([...perm]).toEqual(o.permutation);
      if (o.prefix !== undefined) expect([...perm.subarray(0, o.prefix.length)]).toEqual(o.prefix);
      if (o.sha256 !== undefined) {
        const bytes = new Uint8Array(perm.length * 2);
        const view = new DataView(bytes.buffer);
        for (let j = 0; j < perm.length; j++) view.setUint16(2 * j, perm[j]!);
        expect(hex(sha256(bytes))).toBe(o.sha256);
      }
    });
  }
});

describe("linkage vectors: encode.json", () => {
  for (const v of load("encode.json")) {
    it(v.description, () => {
      const i = v.input as {
        document: unknown;
        secret: string;
        agreementId: string;
        epoch: number;
        record: LinkageInput;
      };
      const encoder = createClkEncoder({
        schema: parseLinkageSchema(i.document),
        key: { agreementId: i.agreementId, secret: unhex(i.secret), epoch: i.epoch },
      });
      if (v.errors !== undefined) return expectError(() => encoder.encode(i.record), v.errors);
      const o = v.output as {
        features: string[][];
        salts: string[];
        rawFilter: string;
        encoding: unknown;
      };
      const fields = encoder.schema.document.fields;
      expect(fields.map((f) => fieldFeatures(f, i.record))).toEqual(o.features);
      expect(fields.map((f) => saltValue(f.salt, i.record))).toEqual(o.salts);
      const raw = encoder.rawFilter(i.record);
      expect(hex(wordBytes(raw))).toBe(o.rawFilter);
      expect(encoder.encode(i.record)).toEqual(o.encoding);
    });
  }
});

describe("linkage vectors: dice.json", () => {
  for (const v of load("dice.json")) {
    it(v.description, () => {
      const { a, b } = v.input;
      if (v.errors !== undefined) return expectError(() => diceSimilarity(a, b), v.errors);
      const d =
        typeof a === "string" ? diceBytes(unhex(a), unhex(b as string)) : diceSimilarity(a, b);
      expect(d).toBeCloseTo(v.output!.dice as number, 12);
    });
  }
});

describe("linkage vectors: decode.json", () => {
  for (const v of load("decode.json")) {
    it(v.description, () => {
      if (v.errors !== undefined)
        return expectError(() => decodeLinkageEncoding(v.input), v.errors);
      const d = decodeLinkageEncoding(v.input);
      expect(hex(wordBytes(d.words))).toBe(v.output!.bytes);
    });
  }
});
