import { type Result, toResultAsync } from "@corridor/errors";
import { MEDIA_TYPES } from "./constants.js";
import { parseFrame } from "./lib/envelope.js";
import { invalidArgument } from "./lib/fail.js";
import { encodeFrame } from "./lib/frame.js";
import { checkProtectedHeader, createSignature, serializeGeneralJws } from "./lib/jws.js";
import { importSigningKey } from "./lib/keys.js";
import { AGENCY_ID, KID } from "./lib/patterns.js";
import { type EnvelopeLimits, resolveEnvelopeLimits } from "./limits.js";
import type { SignerKey } from "./seal.js";

/**
 * Adds a signature (a co-signer's or a notary's) to a sealed, unencrypted envelope. The new
 * signature covers the same payload, so the payload digest — and every receipt citing it — is
 * unchanged. The envelope is parsed strictly but its existing signatures are not verified here:
 * a co-signer whose role is to vouch for the content opens or inspects it first.
 *
 * @throws CorridorError `ERR_INVALID_ARGUMENT` (signer already present, bad key) or the parse
 *   code of a malformed envelope.
 * @example
 * ```ts
 * import { cosign } from "@corridor/envelope";
 * const notarized = await cosign(envelope, { agency: "INT.notary", kid: "notary-1", privateKey });
 * ```
 */
export async function cosign(
  envelope: Uint8Array,
  signer: SignerKey,
  options: { readonly limits?: Partial<EnvelopeLimits> } = {},
): Promise<Uint8Array> {
  if (!(envelope instanceof Uint8Array))
    throw invalidArgument(["envelope"], "expected envelope bytes");
  if (typeof signer?.agency !== "string" || !AGENCY_ID.test(signer.agency))
    throw invalidArgument(["signer", "agency"], "expected an agency id");
  if (typeof signer.kid !== "string" || !KID.test(signer.kid))
    throw invalidArgument(["signer", "kid"], "expected a key id");
  const limits = resolveEnvelopeLimits(options.limits);
  const { frame, problems } = parseFrame(envelope, limits);
  const first = problems[0];
  if (frame === undefined || first !== undefined) {
    throw invalidArgument(
      ["envelope"],
      `not a well-formed envelope (${first?.code ?? "ERR_ENVELOPE_MALFORMED"})`,
    );
  }
  for (const [index, s] of frame.jws.signatures.entries()) {
    const { header } = checkProtectedHeader(
      s.protected,
      s.hasUnprotectedHeader,
      { typ: MEDIA_TYPES.envelopeJws, agency: true },
      ["signatures", index],
    );
    if (header?.agency === signer.agency && header.kid === signer.kid) {
      throw invalidArgument(["signer"], "this agency and kid already signed the envelope");
    }
  }
  if (frame.jws.signatures.length >= limits.maxSignatures) {
    throw invalidArgument(["signer"], "the envelope already has limits.maxSignatures signatures");
  }
  const { key, alg } = await importSigningKey(signer.privateKey, ["signer", "privateKey"]);
  const added = await createSignature(
    frame.jws.payload,
    { alg, typ: MEDIA_TYPES.envelopeJws, kid: signer.kid, agency: signer.agency },
    key,
  );
  const jws = serializeGeneralJws(frame.jws.payload, [...frame.jws.signatures, added]);
  return encodeFrame(jws, frame.body);
}

/** {@link cosign} without throwing. */
export function safeCosign(
  envelope: Uint8Array,
  signer: SignerKey,
  options: { readonly limits?: Partial<EnvelopeLimits> } = {},
): Promise<Result<Uint8Array>> {
  return toResultAsync(() => cosign(envelope, signer, options));
}
