import { decodeBase64url, parseJsonStrict, resolveLimits } from "../codec/index.js";
import type { ResolvedEnvelopeLimits } from "../limits.js";
import { checkManifest, type Manifest } from "../manifest.js";
import { decodeFrame } from "./frame.js";
import { type GeneralJws, type JwsProblem, problemOf, readGeneralJws } from "./jws.js";
import { isSpecName } from "./names.js";

/** An envelope frame taken apart, nothing verified yet. */
export interface ParsedFrame {
  readonly jws: GeneralJws;
  readonly body: Uint8Array;
  /** The signed payload bytes (the manifest's UTF-8 JSON). */
  readonly payload: Uint8Array;
  /** Undefined when the manifest breaks a rule (its problems are returned). */
  readonly manifest: Manifest | undefined;
}

const jsonLimitsCache = new WeakMap<
  ResolvedEnvelopeLimits,
  { jwsLimits: ReturnType<typeof resolveLimits>; manifestLimits: ReturnType<typeof resolveLimits> }
>();

/** The JSON limits of the JWS text and of the manifest, derived once per limits object. */
function jsonLimits(limits: ResolvedEnvelopeLimits) {
  let cached = jsonLimitsCache.get(limits);
  if (cached === undefined) {
    cached = {
      jwsLimits: resolveLimits({
        maxBytes: limits.maxJwsBytes,
        maxStringLength: limits.maxJwsBytes,
        maxDepth: 8,
        maxContainerLength: Math.max(limits.maxSignatures, 16),
      }),
      manifestLimits: resolveLimits({
        maxBytes: limits.maxJwsBytes,
        maxStringLength: 4096,
        maxDepth: 4,
        maxContainerLength: Math.max(limits.maxAudience, 32),
      }),
    };
    jsonLimitsCache.set(limits, cached);
  }
  return cached;
}

/**
 * Takes a frame apart: frame layout, strict JSON of the JWS, General JSON members, canonical
 * base64url payload, strict JSON manifest, manifest fields. Returns the problems instead of
 * throwing, so `safeOpen` can report them with everything else. `frame` is undefined when the
 * JWS itself cannot be read; `frame.manifest` is undefined when only the manifest is bad.
 */
export function parseFrame(
  bytes: Uint8Array,
  limits: ResolvedEnvelopeLimits,
): { frame: ParsedFrame | undefined; problems: JwsProblem[] } {
  let jwsBytes: Uint8Array;
  let body: Uint8Array;
  let jws: GeneralJws;
  let payload: Uint8Array;
  let value: unknown;
  try {
    ({ jws: jwsBytes, body } = decodeFrame(bytes, limits));
    const { jwsLimits } = jsonLimits(limits);
    const jwsValue = parseJsonStrict(jwsBytes, jwsLimits, { knownNames: isSpecName });
    jws = readGeneralJws(jwsValue, limits.maxSignatures);
    payload = decodeBase64url(jws.payload, ["jws", "payload"]);
  } catch (error) {
    return { frame: undefined, problems: [problemOf("parse", error, [])] };
  }
  try {
    value = parseJsonStrict(payload, jsonLimits(limits).manifestLimits, { knownNames: isSpecName });
  } catch (error) {
    return { frame: undefined, problems: [problemOf("parse", error, ["manifest"])] };
  }
  const { manifest, problems } = checkManifest(value, limits.maxAudience);
  return { frame: { jws, body, payload, manifest }, problems };
}
