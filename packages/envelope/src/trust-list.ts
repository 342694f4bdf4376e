import { CorridorError, type PathSegment, type Result, toResultAsync } from "@corridor/errors";
import {
  decodeBase64url,
  encodeBase64url,
  parseJsonStrict,
  resolveLimits,
  utf8Encode,
} from "./codec/index.js";
import { DEFAULT_CLOCK_SKEW, MEDIA_TYPES, PROTOCOL_VERSION } from "./constants.js";
import { fail, invalidArgument } from "./lib/fail.js";
import {
  checkProtectedHeader,
  createSignature,
  readGeneralJws,
  serializeGeneralJws,
  signingInput,
  verifySignatureBytes,
} from "./lib/jws.js";
import {
  checkPublicJwk,
  importPublicKey,
  importSigningKey,
  isPlainObject,
  type PrivateKeyInput,
} from "./lib/keys.js";
import { isSpecName, shownName } from "./lib/names.js";
import { AGENCY_ID, KID, MAX_NUMERIC_DATE } from "./lib/patterns.js";
import { type Clock, nowSeconds } from "./lib/time.js";
import { checkTrustedAgencies, type TrustedAgencies, TrustStore } from "./trust-store.js";

/**
 * The content of a trust list (spec/trust.md §3): who publishes it, its sequence number and
 * validity, and the agencies with their keys.
 */
export interface TrustList {
  /** Protocol version, `"1.0"`. */
  readonly ver: typeof PROTOCOL_VERSION;
  /** Always `"trust-list"`. */
  readonly doc: "trust-list";
  /** The trust anchor (federation operator) publishing the list: an agency id. */
  readonly iss: string;
  /** Sequence number; every new list has a higher one. */
  readonly seq: number;
  /** Issued at (seconds). */
  readonly iat: number;
  /** Expires at (seconds): a recipient refuses a stale list. */
  readonly exp: number;
  /** Agency id → its public keys. */
  readonly agencies: TrustedAgencies;
}

/** A trust anchor: the public key a deployment is configured with to check trust lists. */
export interface TrustAnchor {
  /** The anchor's id (agency-id form, e.g. `INT.corridor-federation`). */
  readonly id: string;
  readonly kid: string;
  /** Its public Ed25519 or P-256 JWK. */
  readonly jwk: JsonWebKey;
}

/** Options of {@link loadTrustList}. */
export interface LoadTrustListOptions {
  /** The anchors to accept; every signature on the list must be by one of them. */
  readonly anchors: readonly TrustAnchor[];
  /** Refuse lists with a lower sequence number (rollback protection): the last accepted `seq`. */
  readonly minSequence?: number;
  /** Clock (default: system clock). */
  readonly now?: Clock;
  /** Tolerated clock difference in seconds (default 300). */
  readonly clockSkew?: number;
}

/** Names a trust list's JSON may have written in error paths: the spec's, and agency ids. */
const trustListName = (name: string): boolean => isSpecName(name) || AGENCY_ID.test(name);

const LIST_MEMBERS = ["ver", "doc", "iss", "seq", "iat", "exp", "agencies"];
const isTime = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= MAX_NUMERIC_DATE;

/** Checks the content of a trust list; returns its agencies' keys. */
function checkTrustList(value: unknown): {
  list: TrustList;
  keys: ReturnType<typeof checkTrustedAgencies>;
} {
  const bad = (path: readonly PathSegment[], message: string) =>
    fail("ERR_TRUST_LIST_INVALID", `trust list ${path.join(".")}: ${message}`, path);
  if (!isPlainObject(value)) throw bad([], "expected a JSON object");
  if (value.ver !== PROTOCOL_VERSION) {
    throw fail(
      "ERR_ENVELOPE_VERSION_UNSUPPORTED",
      `trust list ver: expected "${PROTOCOL_VERSION}"`,
      ["ver"],
    );
  }
  for (const key of Object.keys(value))
    if (!LIST_MEMBERS.includes(key)) throw bad([shownName(key)], "unknown member");
  if (value.doc !== "trust-list")
    throw fail("ERR_ENVELOPE_TYPE_MISMATCH", 'trust list doc: expected "trust-list"', ["doc"]);
  if (typeof value.iss !== "string" || !AGENCY_ID.test(value.iss))
    throw bad(["iss"], "expected an agency id");
  if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 0)
    throw bad(["seq"], "expected a non-negative integer");
  if (!isTime(value.iat)) throw bad(["iat"], "expected a NumericDate");
  if (!isTime(value.exp) || value.exp <= value.iat)
    throw bad(["exp"], "expected a NumericDate after iat");
  const keys = checkTrustedAgencies(value.agencies, ["agencies"]);
  return { list: value as unknown as TrustList, keys };
}

/**
 * Signs a trust list as a trust anchor: a JWS in General JSON Serialization whose payload is the
 * list's JSON, `typ` `corridor-trust-list+jws`. The list is checked first, so an anchor cannot
 * publish a list recipients would refuse. Returns the UTF-8 JWS JSON text.
 *
 * @throws CorridorError `ERR_TRUST_LIST_INVALID`, `ERR_TRUST_KEY_INVALID` or `ERR_INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { signTrustList } from "@corridor/envelope";
 * const signed = await signTrustList(list, { id: "INT.corridor-federation", kid: "fed-2025", privateKey });
 * ```
 */
export async function signTrustList(
  list: TrustList,
  anchor: { readonly id: string; readonly kid: string; readonly privateKey: PrivateKeyInput },
): Promise<Uint8Array> {
  checkTrustList(list);
  if (anchor?.id !== list.iss) throw invalidArgument(["anchor", "id"], "must be the list's iss");
  if (typeof anchor.kid !== "string" || !KID.test(anchor.kid))
    throw invalidArgument(["anchor", "kid"], "expected a key id");
  const { key, alg } = await importSigningKey(anchor.privateKey, ["anchor", "privateKey"]);
  const payloadB64 = encodeBase64url(utf8Encode(JSON.stringify(list)));
  const signature = await createSignature(
    payloadB64,
    { alg, typ: MEDIA_TYPES.trustList, kid: anchor.kid, agency: anchor.id },
    key,
  );
  return serializeGeneralJws(payloadB64, [signature]);
}

/**
 * Verifies a signed trust list against the configured trust anchors and builds the
 * {@link TrustStore} it describes (spec/trust.md §4). Every signature on the list must verify
 * and be by a configured anchor, one of them the list's `iss`; the list must be current (iat not
 * in the future beyond the skew, exp not passed) and, with `minSequence`, not older than the
 * last one accepted.
 *
 * @throws CorridorError `ERR_ENVELOPE_SIGNATURE_INVALID`, `ERR_ENVELOPE_SIGNER_UNKNOWN`,
 *   `ERR_ENVELOPE_SIGNATURE_MISSING`, a header-profile code, `ERR_TRUST_LIST_INVALID`,
 *   `ERR_TRUST_KEY_INVALID`, `ERR_TRUST_LIST_EXPIRED`, `ERR_TRUST_LIST_ROLLBACK`, codec codes.
 * @example
 * ```ts
 * import { loadTrustList } from "@corridor/envelope";
 * const trust = await loadTrustList(bytes, { anchors: [federationAnchor], minSequence: lastSeq });
 * ```
 */
export async function loadTrustList(
  input: Uint8Array | string,
  options: LoadTrustListOptions,
): Promise<TrustStore> {
  const anchors = options?.anchors;
  if (!Array.isArray(anchors) || anchors.length === 0)
    throw invalidArgument(["anchors"], "expected at least one trust anchor");
  const value = parseJsonStrict(
    input,
    resolveLimits({ maxBytes: 16 * 1024 * 1024, maxDepth: 8, maxContainerLength: 64 }),
    { knownNames: isSpecName },
  );
  const jws = readGeneralJws(value, 16);
  const signedBy = new Set<string>();
  for (const [index, s] of jws.signatures.entries()) {
    const { header, problems } = checkProtectedHeader(
      s.protected,
      s.hasUnprotectedHeader,
      { typ: MEDIA_TYPES.trustList, agency: true },
      ["signatures", index],
    );
    const problem = problems[0];
    if (problem !== undefined || header === undefined) {
      throw new CorridorError(
        problem?.code ?? "ERR_ENVELOPE_HEADER_INVALID",
        problem?.message ?? "bad header",
        {
          path: problem?.path,
          issues: problems.map((p) => ({ path: p.path, reason: p.code, message: p.message })),
        },
      );
    }
    const anchor = anchors.find((a) => a.id === header.agency && a.kid === header.kid);
    if (anchor === undefined)
      throw fail("ERR_ENVELOPE_SIGNER_UNKNOWN", "trust list: signed by an unknown anchor", [
        "signatures",
        index,
      ]);
    const { jwk, alg } = checkPublicJwk(anchor.jwk, "sig", [
      "anchors",
      anchors.indexOf(anchor),
      "jwk",
    ]);
    if (alg !== header.alg)
      throw fail("ERR_ENVELOPE_KEY_NOT_VALID", "trust list: alg does not match the anchor key", [
        "signatures",
        index,
      ]);
    const key = await importPublicKey(jwk, alg);
    const ok = await verifySignatureBytes(
      header.alg,
      key,
      signingInput(s.protected, jws.payload),
      decodeBase64url(s.signature, ["signatures", index, "signature"]),
    );
    if (!ok)
      throw fail("ERR_ENVELOPE_SIGNATURE_INVALID", "trust list: signature does not verify", [
        "signatures",
        index,
      ]);
    signedBy.add(anchor.id);
  }
  // Content is read only once every signature has verified.
  const payloadBytes = decodeBase64url(jws.payload, ["payload"]);
  const content = parseJsonStrict(
    payloadBytes,
    resolveLimits({ maxBytes: 16 * 1024 * 1024, maxDepth: 8, maxContainerLength: 100_000 }),
    { knownNames: trustListName },
  );
  const { list, keys } = checkTrustList(content);
  if (!signedBy.has(list.iss))
    throw fail("ERR_ENVELOPE_SIGNATURE_MISSING", "trust list: not signed by its issuer", ["iss"]);
  const now = nowSeconds(options.now);
  const skew = options.clockSkew ?? DEFAULT_CLOCK_SKEW;
  if (list.iat > now + skew || now >= list.exp + skew) {
    throw fail(
      "ERR_TRUST_LIST_EXPIRED",
      "trust list: not current (iat in the future or exp passed)",
      [list.iat > now + skew ? "iat" : "exp"],
    );
  }
  if (options.minSequence !== undefined && list.seq < options.minSequence) {
    throw fail("ERR_TRUST_LIST_ROLLBACK", "trust list: older than the last accepted list", ["seq"]);
  }
  const store = new TrustStore(keys, {
    issuer: list.iss,
    sequence: list.seq,
    issuedAt: list.iat,
    expiresAt: list.exp,
  });
  // Import every key now: a point off its curve fails the list on load, not an envelope later.
  for (const agency of store.agencies()) {
    for (const key of store.keys(agency)) await store.cryptoKey(key);
  }
  return store;
}

/** {@link signTrustList} without throwing. */
export function safeSignTrustList(
  list: TrustList,
  anchor: { readonly id: string; readonly kid: string; readonly privateKey: PrivateKeyInput },
): Promise<Result<Uint8Array>> {
  return toResultAsync(() => signTrustList(list, anchor));
}

/** {@link loadTrustList} without throwing. */
export function safeLoadTrustList(
  input: Uint8Array | string,
  options: LoadTrustListOptions,
): Promise<Result<TrustStore>> {
  return toResultAsync(() => loadTrustList(input, options));
}
