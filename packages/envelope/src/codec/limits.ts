import { CorridorError } from "@corridor/errors";

/**
 * Ceilings applied while decoding bytes from another agency. Every limit is checked before
 * anything is allocated for the input it guards (spec/encoding.md §7).
 */
export interface DecodeLimits {
  /** Largest input accepted, in bytes (for a JS string input: bytes of its UTF-8 form). */
  maxBytes: number;
  /** Deepest nesting of arrays and objects/maps; the root container is at depth 1. */
  maxDepth: number;
  /** Longest string (object key or value), in bytes of its UTF-8 form. */
  maxStringLength: number;
  /** Most elements in one array or entries in one object/map (the body's record array excepted). */
  maxContainerLength: number;
  /** Most records in one body (the top-level array that `decodeBody` reads). */
  maxRecords?: number;
}

/** The resolved limits: every field present. */
export type ResolvedLimits = Readonly<Required<DecodeLimits>>;

/**
 * The hard ceiling on `maxDepth`. Decoders recurse once per nesting level; 1000 levels stay well
 * inside every JavaScript engine's stack, so no setting can turn deep input into a stack overflow.
 */
export const MAX_DEPTH_CEILING = 1000;

/**
 * Limits used when a caller gives none: a 64 MiB body, 32 levels, 64 KiB strings, a million
 * elements per container and a million records per body.
 */
export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 32,
  maxStringLength: 64 * 1024,
  maxContainerLength: 1_000_000,
  maxRecords: 1_000_000,
});

const KEYS = [
  "maxBytes",
  "maxDepth",
  "maxStringLength",
  "maxContainerLength",
  "maxRecords",
] as const;

function invalid(key: string, message: string): CorridorError {
  return new CorridorError("ERR_INVALID_ARGUMENT", `limits.${key}: ${message}`, {
    path: ["limits", key],
    issues: [{ path: ["limits", key], reason: "invalid_limit", message }],
  });
}

/**
 * Completes a deployment's partial limits with {@link DEFAULT_LIMITS} and checks them.
 *
 * Each given limit must be a positive safe integer; `maxDepth` may not exceed
 * {@link MAX_DEPTH_CEILING}. Unknown keys are refused (a misspelt limit would otherwise be ignored).
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` on anything else.
 * @example
 * ```ts
 * const limits = resolveLimits({ maxBytes: 256 * 1024 * 1024, maxRecords: 5_000_000 });
 * ```
 */
export function resolveLimits(partial?: Partial<DecodeLimits> | ResolvedLimits): ResolvedLimits {
  if (partial === undefined || partial === DEFAULT_LIMITS) return DEFAULT_LIMITS;
  if (typeof partial !== "object" || partial === null || Array.isArray(partial)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "limits: expected an object", {
      path: ["limits"],
      issues: [{ path: ["limits"], reason: "invalid_type", message: "expected an object" }],
    });
  }
  if (resolvedCache.has(partial)) return partial as ResolvedLimits;
  for (const key of Object.keys(partial)) {
    if (!(KEYS as readonly string[]).includes(key)) throw invalid(key, "unknown limit");
  }
  const out: Required<DecodeLimits> = { ...DEFAULT_LIMITS };
  for (const key of KEYS) {
    const value: unknown = (partial as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      throw invalid(key, "expected a positive safe integer");
    }
    if (key === "maxDepth" && value > MAX_DEPTH_CEILING) {
      throw invalid(key, `may not exceed ${MAX_DEPTH_CEILING}`);
    }
    out[key] = value;
  }
  const frozen = Object.freeze(out);
  resolvedCache.add(frozen);
  return frozen;
}

/** Limits objects produced by resolveLimits: passing one again costs nothing. */
const resolvedCache = new WeakSet<object>([DEFAULT_LIMITS]);
