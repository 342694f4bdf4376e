import { CorridorError } from "@corridor/errors";
import { DEFAULT_LIMITS, type DecodeLimits, resolveLimits } from "./codec/index.js";

/**
 * Ceilings of everything `open` reads, checked before anything is allocated for the part they
 * guard (spec/envelope.md §8). The body limits are the codec's {@link DecodeLimits}
 * (`maxBytes` is the largest body); the others bound the envelope around it.
 */
export interface EnvelopeLimits extends DecodeLimits {
  /** Largest JWS JSON text inside a frame, in bytes (manifest, headers and signatures). */
  maxJwsBytes: number;
  /** Most signatures on one envelope. */
  maxSignatures: number;
  /** Most agencies in `aud`. */
  maxAudience: number;
  /** Most recipient entries in a JWE. */
  maxRecipients: number;
}

/** Every limit, resolved. */
export type ResolvedEnvelopeLimits = Readonly<Required<EnvelopeLimits>>;

/**
 * The limits used when a deployment sets none: the codec's body limits (64 MiB body, a million
 * records, 32 levels, 64 KiB strings), a 64 KiB JWS, 8 signatures, 64 audience entries and 64
 * JWE recipients.
 */
export const DEFAULT_ENVELOPE_LIMITS: ResolvedEnvelopeLimits = Object.freeze({
  ...DEFAULT_LIMITS,
  maxJwsBytes: 64 * 1024,
  maxSignatures: 8,
  maxAudience: 64,
  maxRecipients: 64,
});

const ENVELOPE_KEYS = ["maxJwsBytes", "maxSignatures", "maxAudience", "maxRecipients"] as const;
const ceilings: Record<(typeof ENVELOPE_KEYS)[number], number> = {
  maxJwsBytes: 16 * 1024 * 1024,
  maxSignatures: 1024,
  maxAudience: 10_000,
  maxRecipients: 10_000,
};

const resolved = new WeakSet<object>([DEFAULT_ENVELOPE_LIMITS]);

/**
 * Completes a deployment's partial limits with {@link DEFAULT_ENVELOPE_LIMITS} and checks them:
 * each must be a positive safe integer; unknown names are refused so a misspelt limit is not
 * silently ignored.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT`.
 * @example
 * ```ts
 * const limits = resolveEnvelopeLimits({ maxBytes: 512 * 1024 * 1024, maxRecords: 5_000_000 });
 * await open(bytes, { ...options, limits });
 * ```
 */
export function resolveEnvelopeLimits(
  partial?: Partial<EnvelopeLimits> | ResolvedEnvelopeLimits,
): ResolvedEnvelopeLimits {
  if (partial === undefined) return DEFAULT_ENVELOPE_LIMITS;
  if (typeof partial === "object" && partial !== null && resolved.has(partial)) {
    return partial as ResolvedEnvelopeLimits;
  }
  if (typeof partial !== "object" || partial === null || Array.isArray(partial)) {
    throw new CorridorError("ERR_INVALID_ARGUMENT", "limits: expected an object", {
      path: ["limits"],
    });
  }
  const body: Record<string, unknown> = {};
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(partial)) {
    if ((ENVELOPE_KEYS as readonly string[]).includes(key)) {
      const ceiling = ceilings[key as (typeof ENVELOPE_KEYS)[number]];
      if (
        typeof value !== "number" ||
        !Number.isSafeInteger(value) ||
        value < 1 ||
        value > ceiling
      ) {
        throw new CorridorError(
          "ERR_INVALID_ARGUMENT",
          `limits.${key}: expected an integer from 1 to ${ceiling}`,
          { path: ["limits", key] },
        );
      }
      out[key] = value;
    } else body[key] = value;
  }
  const limits = Object.freeze({
    ...DEFAULT_ENVELOPE_LIMITS,
    ...resolveLimits(body as Partial<DecodeLimits>),
    ...out,
  }) as ResolvedEnvelopeLimits;
  resolved.add(limits);
  return limits;
}

const bodyCache = new WeakMap<object, ReturnType<typeof resolveLimits>>();

/** The codec's body limits within envelope limits. */
export function bodyLimits(limits: ResolvedEnvelopeLimits): ReturnType<typeof resolveLimits> {
  let body = bodyCache.get(limits);
  if (body === undefined) {
    body = resolveLimits({
      maxBytes: limits.maxBytes,
      maxDepth: limits.maxDepth,
      maxStringLength: limits.maxStringLength,
      maxContainerLength: limits.maxContainerLength,
      maxRecords: limits.maxRecords,
    });
    bodyCache.set(limits, body);
  }
  return body;
}

/** Frame header (magic, version, JWS length) and body-length field, in bytes. */
export const FRAME_OVERHEAD = 4 + 1 + 4 + 4;

/** The largest envelope frame the limits admit. */
export function maxFrameBytes(limits: ResolvedEnvelopeLimits): number {
  return FRAME_OVERHEAD + limits.maxJwsBytes + limits.maxBytes;
}

/**
 * The largest JWE text the limits admit: the base64url form of the largest frame plus room for
 * the protected header and recipient entries.
 */
export function maxJweBytes(limits: ResolvedEnvelopeLimits): number {
  return Math.ceil((maxFrameBytes(limits) * 4) / 3) + 4096 + limits.maxRecipients * 1024;
}
