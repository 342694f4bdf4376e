/** Codes any package may raise. */
export const GENERAL_CODES = [
  /** An argument given by the calling program (not by another agency) is of the wrong type or shape. */
  "ERR_INVALID_ARGUMENT",
  /** Input is larger than a configured limit; raised before anything is allocated for it. */
  "ERR_LIMIT_EXCEEDED",
  /** Something that cannot happen did; a bug in Corridor. */
  "ERR_INTERNAL",
] as const;
