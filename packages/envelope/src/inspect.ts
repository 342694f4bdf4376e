import { CorridorError, type Result, toResultAsync } from "@corridor/errors";
import { MEDIA_TYPES } from "./constants.js";
import { parseJwe } from "./decrypt.js";
import { digestOf } from "./lib/digest.js";
import { parseFrame } from "./lib/envelope.js";
import { invalidArgument } from "./lib/fail.js";
import { looksLikeFrame } from "./lib/frame.js";
import { checkProtectedHeader } from "./lib/jws.js";
import { type EnvelopeLimits, resolveEnvelopeLimits } from "./limits.js";
import type { Manifest } from "./manifest.js";

/** What {@link inspect} reports. Nothing in it is verified. */
export type Inspection =
  | {
      readonly kind: "envelope";
      /** The manifest as stated — not verified. */
      readonly manifest: Manifest;
      /** Digest of the signed payload (what receipts cite). */
      readonly payloadDigest: string;
      /** Who claims to have signed (unverified); undefined where a header breaks the profile. */
      readonly signatures: readonly (
        | { readonly agency: string; readonly kid: string; readonly alg: string }
        | undefined
      )[];
      readonly bodyBytes: number;
    }
  | {
      readonly kind: "encrypted";
      /** The kids the JWE is addressed to. */
      readonly recipients: readonly string[];
    };

/**
 * Shows what an envelope claims without verifying anything — for logs, the CLI's `inspect`, and
 * routing an encrypted envelope to the right key. Never base a decision on it: use `open`.
 *
 * @throws CorridorError with the parse code of a malformed envelope.
 * @example
 * ```ts
 * import { inspect } from "@corridor/envelope";
 * const info = await inspect(bytes);
 * if (info.kind === "envelope") console.log(info.manifest.iss, info.manifest.count);
 * ```
 */
export async function inspect(
  envelope: Uint8Array,
  options: { readonly limits?: Partial<EnvelopeLimits> } = {},
): Promise<Inspection> {
  if (!(envelope instanceof Uint8Array))
    throw invalidArgument(["envelope"], "expected envelope bytes");
  const limits = resolveEnvelopeLimits(options.limits);
  if (!looksLikeFrame(envelope) && envelope[0] === 0x7b) {
    const jwe = parseJwe(envelope, limits);
    return { kind: "encrypted", recipients: jwe.recipients.map((r) => r.kid) };
  }
  const { frame, problems } = parseFrame(envelope, limits);
  if (frame?.manifest === undefined) {
    const first = problems[0]!;
    throw new CorridorError(first.code, first.message, {
      path: first.path,
      issues: problems.map((p) => ({ path: p.path, reason: p.code, message: p.message })),
    });
  }
  return {
    kind: "envelope",
    manifest: frame.manifest,
    payloadDigest: await digestOf(frame.payload),
    signatures: frame.jws.signatures.map((s, i) => {
      const { header } = checkProtectedHeader(
        s.protected,
        s.hasUnprotectedHeader,
        { typ: MEDIA_TYPES.envelopeJws, agency: true },
        ["signatures", i],
      );
      return header === undefined
        ? undefined
        : { agency: header.agency!, kid: header.kid, alg: header.alg };
    }),
    bodyBytes: frame.body.length,
  };
}

/** {@link inspect} without throwing. */
export function safeInspect(
  envelope: Uint8Array,
  options: { readonly limits?: Partial<EnvelopeLimits> } = {},
): Promise<Result<Inspection>> {
  return toResultAsync(() => inspect(envelope, options));
}
