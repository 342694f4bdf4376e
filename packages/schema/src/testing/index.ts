/**
 * Test support for Corridor users and Corridor's own tests: fast-check arbitraries of valid and
 * subtly invalid records, and a seeded generator of synthetic populations.
 *
 * Imported from `@corridor/schema/testing`; needs the optional peer dependency `fast-check`.
 */
export * from "./arbitraries.js";
export * from "./population.js";
