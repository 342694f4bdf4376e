/** Codes of envelopes, trust and streams (`@corridor/envelope`). */
export const ENVELOPE_CODES = [] as const;
