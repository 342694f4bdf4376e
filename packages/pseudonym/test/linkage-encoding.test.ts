import { CorridorError } from "@corridor/errors";
import { LinkageEncoding } from "@corridor/schema";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "../src/_base64url.js";
import { KeyedHmacSha256 } from "../src/_hmac-sha256.js";
import { andPopcount, diceBytes, popcount32 } from "../src/linkage/dice.js";
import { fieldFeatures, saltValue } from "../src/linkage/features.js";
import {
  ClkSet,
  canonicalJson,
  createClkEncoder,
  DEFAULT_LINKAGE_SCHEMA,
  decodeLinkageEncoding,
  diceSimilarity,
  type LinkageInput,
  type LinkageKey,
  type LinkageSchemaDocument,
  parseLinkageSchema,
  safeDecodeLinkageEncoding,
  safeDiceSimilarity,
  safeParseLinkageSchema,
} from "../src/linkage/index.js";
import { deriveLinkageKey } from "../src/linkage/keys.js";

const key = (fill: number, epoch = 1, agreementId = "GRC-ITA-2025-07"): LinkageKey => ({
  agreementId,
  epoch,
  secret: new Uint8Array(32).fill(fill),
});
const SCHEMA = parseLinkageSchema(DEFAULT_LINKAGE_SCHEMA);
const encoder = createClkEncoder({ schema: SCHEMA, key: key(7) });

const word = fc.stringMatching(/^[A-Za-z][a-z]{1,11}$/);
const date = fc
  .tuple(
    fc.integer({ min: 1930, max: 2020 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const person: fc.Arbitrary<LinkageInput> = fc.record({
  identifiers: fc.record({
    name: fc.record({ given: word, family: word }),
    dateOfBirth: date,
  }),
  attributes: fc.record({ sex: fc.constantFrom("F" as const, "M" as const) }),
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CorridorError) return e.code;
    throw e;
  }
  return undefined;
}

describe("HMAC-SHA256 with precomputed keyed state", () => {
  it("equals @noble/hashes hmac for any key and message", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 200 }), (k, m) => {
        expect(Buffer.from(new KeyedHmacSha256(k).mac(m))).toEqual(Buffer.from(hmac(sha256, k, m)));
      }),
    );
  });
});

describe("base64url", () => {
  it("round-trips any bytes and rejects every other spelling", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const s = toBase64Url(b);
        expect(s).toBe(Buffer.from(b).toString("base64url"));
        expect(fromBase64Url(s)).toEqual(b);
        expect(fromBase64Url(`${s}=`)).toBeUndefined();
      }),
    );
    expect(fromBase64Url("AB")).toBeUndefined(); // non-zero unused bits
    expect(fromBase64Url("A")).toBeUndefined();
    expect(fromBase64Url("AA+A")).toBeUndefined();
  });
});

describe("Dice", () => {
  const bytes = fc.uint8Array({ minLength: 128, maxLength: 128 });
  it("is symmetric, in [0,1], 1 on identical non-empty filters", () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        const d = diceBytes(a, b);
        expect(d).toBe(diceBytes(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        if (a.some((x) => x !== 0)) expect(diceBytes(a, a)).toBe(1);
      }),
    );
  });
  it("unrolled AND-popcount equals a naive per-bit count", () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 0, maxLength: 70 }), fc.integer(), (a, seed) => {
        const b = a.map((x, i) => (x ^ Math.imul(seed, i + 1)) >>> 0);
        let naive = 0;
        for (let i = 0; i < a.length; i++) {
          for (let bit = 0; bit < 32; bit++) naive += ((a[i]! & b[i]!) >>> bit) & 1;
        }
        expect(andPopcount(a, 0, b, 0, a.length)).toBe(naive);
      }),
    );
    expect(popcount32(0xffffffff)).toBe(32);
  });
  it("ClkSet.dice equals diceSimilarity of the encodings", () => {
    fc.assert(
      fc.property(person, person, (p, q) => {
        const a = encoder.encode(p);
        const b = encoder.encode(q);
        const set = ClkSet.fromEncodings([a, b], { schema: SCHEMA, epoch: 1 });
        expect(set.dice(0, set, 1)).toBe(diceSimilarity(a, b));
        expect(diceSimilarity(a, b)).toBe(diceSimilarity(b, a));
        expect(diceSimilarity(a, a)).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});

describe("Bloom-filter encoding", () => {
  it("is deterministic and a valid LinkageEncoding carrying schema, epoch and version", () => {
    fc.assert(
      fc.property(person, (p) => {
        const e = encoder.encode(p);
        expect(LinkageEncoding.parse(e)).toEqual(e);
        expect(e).toEqual(createClkEncoder({ schema: SCHEMA, key: key(7) }).encode(p));
        expect(e).toMatchObject({
          scheme: "clk",
          epoch: 1,
          schemaDigest: SCHEMA.digest,
          encoderVersion: "1.0",
        });
        // balanced: exactly half the bits set
        const d = decodeLinkageEncoding(e, { schema: SCHEMA, epoch: 1 });
        expect(d.bits).toBe(2048);
        expect(andPopcount(d.words, 0, d.words, 0, d.words.length)).toBe(1024);
      }),
      { numRuns: 50 },
    );
  });

  it("round-trips through LinkageEncoding (strict base64url decode)", () => {
    fc.assert(
      fc.property(person, (p) => {
        const bytes = encoder.encodeBytes(p);
        const d = decodeLinkageEncoding(JSON.parse(JSON.stringify(encoder.encode(p))));
        const back = new Uint8Array(d.words.length * 4);
        const view = new DataView(back.buffer);
        d.words.forEach((w, i) => {
          view.setUint32(4 * i, w);
        });
        expect(back).toEqual(bytes);
      }),
      { numRuns: 30 },
    );
  });

  it("separates keys, agreements, epochs and schemas", () => {
    const other: LinkageSchemaDocument = { ...DEFAULT_LINKAGE_SCHEMA, name: "other-schema" };
    fc.assert(
      fc.property(person, (p) => {
        const base = encoder.encode(p).data;
        expect(createClkEncoder({ schema: SCHEMA, key: key(8) }).encode(p).data).not.toBe(base);
        expect(createClkEncoder({ schema: SCHEMA, key: key(7, 2) }).encode(p).data).not.toBe(base);
        expect(
          createClkEncoder({ schema: SCHEMA, key: key(7, 1, "OTHER") }).encode(p).data,
        ).not.toBe(base);
        const e = createClkEncoder({ schema: other, key: key(7) }).encode(p);
        expect(e.schemaDigest).not.toBe(SCHEMA.digest);
        expect(e.data).not.toBe(base);
      }),
      { numRuns: 20 },
    );
  });

  it("encodes swapped name order identically, and near-variants with high similarity", () => {
    const a = encoder.encode({
      identifiers: { name: { given: "Mohammed", family: "Al-Hassan" }, dateOfBirth: "1990-05-07" },
      attributes: { sex: "M" },
    });
    const swapped = encoder.encode({
      identifiers: { name: { given: "Al Hassan", family: "Mohammed" }, dateOfBirth: "1990-05-07" },
      attributes: { sex: "M" },
    });
    const variant = encoder.encode({
      identifiers: { name: { given: "Mohamed", family: "Alhassan" }, dateOfBirth: "1990-05" },
      attributes: { sex: "M" },
    });
    const other = encoder.encode({
      identifiers: { name: { given: "Olena", family: "Kovalenko" }, dateOfBirth: "1978-11-30" },
      attributes: { sex: "F" },
    });
    expect(swapped).toEqual(a);
    expect(diceSimilarity(a, variant)).toBeGreaterThan(0.85);
    expect(diceSimilarity(a, other)).toBeLessThan(0.7);
  });

  it("the cache does not change encodings", () => {
    const nocache = createClkEncoder({ schema: SCHEMA, key: key(7), cacheSize: 0 });
    const tiny = createClkEncoder({ schema: SCHEMA, key: key(7), cacheSize: 3 });
    fc.assert(
      fc.property(person, (p) => {
        expect(nocache.encode(p)).toEqual(encoder.encode(p));
        expect(tiny.encode(p)).toEqual(encoder.encode(p));
      }),
      { numRuns: 50 },
    );
  });

  it("the fast q-gram path equals a plain reference of spec §4 (any script, q 1–3, salted or not)", () => {
    // Reference: the feature strings of fieldFeatures, HMAC from @noble/hashes, positions read
    // MSB-first from the digest bytes — none of the encoder's packed keys, cache or UTF-8 writer.
    const schemas: LinkageSchemaDocument[] = [1, 2, 3].map((q) => ({
      ...DEFAULT_LINKAGE_SCHEMA,
      name: `q${q}`,
      fields: [
        { source: "name", q, k: 12, salt: "yearOfBirth" },
        { source: "placeOfBirth", q, k: 9 },
        { source: "familyName", q: 2, k: 7 },
        { source: "dateOfBirth", k: 5, salt: "yearOfBirth" },
      ],
      hardening: [],
    }));
    const anyText = fc.oneof(
      word,
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
      fc.constantFrom("Ηλίας Παπαδόπουλος", "محمد الحسن", "张伟", "𠀋𠀌 Ab", "Ōsaka_1 x"),
    );
    const input: fc.Arbitrary<LinkageInput> = fc.record({
      identifiers: fc.record({
        name: fc.record({ given: anyText, family: anyText }),
        dateOfBirth: fc.oneof(date, fc.constant("1990"), fc.constant("0999-01")),
        placeOfBirth: anyText,
      }),
    });
    for (const doc of schemas) {
      const schema = parseLinkageSchema(doc);
      const bits = schema.indexBits;
      const encoders = [0, 2, 65536].map((cacheSize) =>
        createClkEncoder({ schema, key: key(9), cacheSize }),
      );
      const fieldKeys = doc.fields.map((_, i) =>
        deriveLinkageKey(key(9), schema.digest, "field", i),
      );
      fc.assert(
        fc.property(input, (x) => {
          const expected = new Uint32Array(doc.filter.length / 32);
          let any = false;
          doc.fields.forEach((f, i) => {
            const salt = saltValue(f.salt, x);
            for (const feature of fieldFeatures(f, x)) {
              any = true;
              const msg = new TextEncoder().encode(`${salt}\u0000${feature}`);
              const d = hmac(sha256, fieldKeys[i]!, msg);
              for (let j = 0; j < f.k; j++) {
                let p = 0;
                for (let b = 0; b < bits; b++) {
                  const at = j * bits + b;
                  p = p * 2 + ((d[at >>> 3]! >>> (7 - (at & 7))) & 1);
                }
                expected[p >>> 5]! |= 1 << (31 - (p & 31));
              }
            }
          });
          for (const e of encoders) {
            if (any) expect(e.rawFilter(x)).toEqual(expected);
            else expect(codeOf(() => e.rawFilter(x))).toBe("ERR_LINKAGE_NO_IDENTIFIERS");
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it("refuses records without encodable identifiers and bad keys", () => {
    expect(codeOf(() => encoder.encode({ identifiers: {}, attributes: { sex: "U" } }))).toBe(
      "ERR_LINKAGE_NO_IDENTIFIERS",
    );
    const r = encoder.safeEncode({ identifiers: {} });
    expect(r.success).toBe(false);
    expect(
      codeOf(() =>
        createClkEncoder({ schema: SCHEMA, key: { ...key(1), secret: new Uint8Array(16) } }),
      ),
    ).toBe("ERR_PSEUDONYM_KEY_INVALID");
    expect(codeOf(() => createClkEncoder({ schema: SCHEMA, key: key(1, -1) }))).toBe(
      "ERR_PSEUDONYM_KEY_INVALID",
    );
  });
});

describe("comparison refusals and malformed encodings", () => {
  const p: LinkageInput = {
    identifiers: { name: { given: "Amina", family: "Haddad" }, dateOfBirth: "1990-04" },
    attributes: { sex: "F" },
  };
  const a = encoder.encode(p);

  it("refuses mismatched metadata with its code", () => {
    const epoch2 = createClkEncoder({ schema: SCHEMA, key: key(7, 2) }).encode(p);
    const otherSchema = createClkEncoder({
      schema: { ...DEFAULT_LINKAGE_SCHEMA, name: "x-schema" },
      key: key(7),
    }).encode(p);
    expect(codeOf(() => diceSimilarity(a, epoch2))).toBe("ERR_LINKAGE_EPOCH_MISMATCH");
    expect(codeOf(() => diceSimilarity(a, otherSchema))).toBe("ERR_LINKAGE_SCHEMA_MISMATCH");
    expect(codeOf(() => diceSimilarity(a, { ...a, encoderVersion: "2.0" }))).toBe(
      "ERR_LINKAGE_ENCODER_VERSION_MISMATCH",
    );
    expect(codeOf(() => diceSimilarity(a, { ...a, scheme: "rbf" }))).toBe(
      "ERR_LINKAGE_SCHEME_UNSUPPORTED",
    );
    expect(codeOf(() => ClkSet.fromEncodings([a, epoch2]))).toBe("ERR_LINKAGE_EPOCH_MISMATCH");
    expect(codeOf(() => decodeLinkageEncoding(a, { schema: SCHEMA, epoch: 2 }))).toBe(
      "ERR_LINKAGE_EPOCH_MISMATCH",
    );
    expect(safeDiceSimilarity(a, epoch2).success).toBe(false);
  });

  it("rejects any change to the data that is not another canonical filter of the right length", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: a.data.length - 1 }),
        fc.constantFrom("=", "+", "/", " ", "é", ""),
        (i, c) => {
          const data = a.data.slice(0, i) + c + a.data.slice(i + 1);
          expect(codeOf(() => decodeLinkageEncoding({ ...a, data }, { schema: SCHEMA }))).toBe(
            "ERR_LINKAGE_ENCODING_MALFORMED",
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const r = safeDecodeLinkageEncoding(junk);
        expect(r.success).toBe(false);
      }),
    );
    // A truncated filter is well-formed base64url but of the wrong length for the schema.
    expect(
      codeOf(() => decodeLinkageEncoding({ ...a, data: a.data.slice(0, 40) }, { schema: SCHEMA })),
    ).toBe("ERR_LINKAGE_ENCODING_MALFORMED");
  });
});

describe("linkage schema documents", () => {
  it("digest is stable under JSON round trip and key order", () => {
    const shuffled = JSON.parse(
      JSON.stringify({
        hardening: DEFAULT_LINKAGE_SCHEMA.hardening,
        fields: DEFAULT_LINKAGE_SCHEMA.fields.map((f) =>
          Object.fromEntries(Object.entries(f).reverse()),
        ),
        filter: { hash: "hmac-sha256", length: 1024 },
        name: DEFAULT_LINKAGE_SCHEMA.name,
        version: 1,
        format: "corridor-linkage-schema",
      }),
    );
    expect(parseLinkageSchema(shuffled).digest).toBe(SCHEMA.digest);
    expect(parseLinkageSchema(JSON.parse(SCHEMA.canonical)).canonical).toBe(SCHEMA.canonical);
  });

  it("round-trips any valid document and rejects unknown fields", () => {
    const field = fc.oneof(
      fc.record({
        source: fc.constantFrom("name", "givenName", "familyName", "placeOfBirth"),
        q: fc.integer({ min: 1, max: 4 }),
        k: fc.integer({ min: 1, max: 25 }),
      }),
      fc.record({
        source: fc.constantFrom("dateOfBirth", "sex", "countryOfBirth", "citizenship"),
        k: fc.integer({ min: 1, max: 25 }),
      }),
    );
    const doc = fc.record({
      format: fc.constant("corridor-linkage-schema"),
      version: fc.constant(1),
      name: fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/),
      filter: fc.record({
        length: fc.constantFrom(256, 512, 1024),
        hash: fc.constant("hmac-sha256"),
      }),
      fields: fc.uniqueArray(field, { minLength: 1, maxLength: 4, selector: (f) => f.source }),
      hardening: fc.constantFrom([], [{ step: "balance" }], [{ step: "xor-fold" }]),
    });
    fc.assert(
      fc.property(doc, fc.string({ minLength: 1, maxLength: 8 }), (d, extra) => {
        const s = parseLinkageSchema(d);
        expect(parseLinkageSchema(JSON.parse(canonicalJson(s.document))).digest).toBe(s.digest);
        expect(s.digest).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
        const bad = { ...d, fields: [{ ...d.fields[0], [`x${extra}`]: 1 }] };
        expect(safeParseLinkageSchema(bad).success).toBe(false);
        expect(codeOf(() => parseLinkageSchema({ ...d, [`x${extra}`]: true }))).toBe(
          "ERR_LINKAGE_SCHEMA_INVALID",
        );
      }),
    );
  });

  it("reports every problem with its path", () => {
    let err: CorridorError | undefined;
    try {
      parseLinkageSchema({
        ...DEFAULT_LINKAGE_SCHEMA,
        fields: [
          { source: "name", q: 2, k: 30 },
          { source: "name", q: 2, k: 3 },
        ],
      });
    } catch (e) {
      err = e as CorridorError;
    }
    expect(err?.code).toBe("ERR_LINKAGE_SCHEMA_INVALID");
    expect(err?.issues.map((i) => i.path)).toEqual([
      ["fields", 0, "k"],
      ["fields", 1, "source"],
    ]);
  });
});
