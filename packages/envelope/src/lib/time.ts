import { CorridorError } from "@corridor/errors";

/**
 * The clock of an operation: a fixed instant (a `Date` or milliseconds since the epoch) or a
 * function returning one. Injectable so tests and audits can open envelopes "as of" a time.
 */
export type Clock = Date | number | (() => Date | number);

/** Seconds since the epoch (NumericDate, RFC 7519 §2) of `clock`, or of the system clock. */
export function nowSeconds(clock: Clock | undefined): number {
  const value = typeof clock === "function" ? clock() : (clock ?? Date.now());
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "now: expected a valid Date or milliseconds", {
      path: ["now"],
    });
  }
  return Math.floor(ms / 1000);
}
