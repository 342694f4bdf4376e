/** Codes of pseudonymization and record linkage (`@corridor/pseudonym`). */
export const PSEUDONYM_CODES = [] as const;
