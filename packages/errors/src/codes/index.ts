import { ENVELOPE_CODES } from "./envelope.js";
import { GENERAL_CODES } from "./general.js";
import { PSEUDONYM_CODES } from "./pseudonym.js";
import { RECORD_CODES } from "./record.js";

/**
 * Every error code Corridor raises. Codes are stable: once published, a code keeps its meaning
 * and is never reused. `spec/errors.md` lists them for implementations in other languages.
 */
export const ERROR_CODES = [
  ...GENERAL_CODES,
  ...RECORD_CODES,
  ...PSEUDONYM_CODES,
  ...ENVELOPE_CODES,
] as const;

/** A stable error code: a string-literal union, so `switch (err.code)` narrows. */
export type CorridorErrorCode = (typeof ERROR_CODES)[number];
