import { CorridorError } from "@corridor/errors";
import fc from "fast-check";
import { expect } from "vitest";

/** Runs `fn`, expecting a CorridorError; returns it (fails the test on success or another error). */
export function errorOf(fn: () => unknown): CorridorError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CorridorError) return err;
    throw new Error(`expected a CorridorError, got ${String(err)}`, { cause: err });
  }
  throw new Error("expected a CorridorError, but the call succeeded");
}

/** The code of the CorridorError `fn` throws, and its first issue's reason. */
export function failure(fn: () => unknown): { code: string; reason: string | undefined } {
  const err = errorOf(fn);
  return { code: err.code, reason: err.issues[0]?.reason };
}

/** Asserts that `fn` either returns or throws a CorridorError, never anything else. */
export function onlyCorridorErrors(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CorridorError);
    return err;
  }
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
export const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** Strings with a UTF-8 form (no lone surrogates), over all of Unicode. */
export const wellFormedString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: "grapheme", maxLength: Math.max(1, maxLength >> 2) }),
  );

/** Finite doubles without negative zero (the data model has none). */
export const modelDouble: fc.Arbitrary<number> = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((d) => (d === 0 ? 0 : d));

/** Values of Corridor's data model (spec/encoding.md §2). */
export const modelValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    modelDouble,
    fc.constantFrom(
      127,
      128,
      255,
      256,
      65535,
      65536,
      2 ** 32 - 1,
      2 ** 32,
      -32,
      -33,
      -128,
      -129,
      -32768,
      -32769,
      -(2 ** 31),
      -(2 ** 31) - 1,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      2 ** 60,
      1e300,
      0.5,
    ),
    wellFormedString(),
    fc.array(tie("value"), { maxLength: 20 }),
    fc.dictionary(
      wellFormedString(12).filter((k) => !FORBIDDEN.has(k)),
      tie("value"),
      { maxKeys: 20, noNullPrototype: true },
    ),
  ),
})).value;

/** Record-like objects: maps of short ASCII keys. */
export const recordLike: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom("id", "kind", "subject", "birthYear", "citizenship", "names", "score", "flags"),
  modelValue,
  { noNullPrototype: true },
);
