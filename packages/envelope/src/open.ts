import { CorridorError, type CorridorErrorCode, type PathSegment } from "@corridor/errors";
import { isSchemaVersion, type SharedRecord, validateBatch } from "@corridor/schema";
import { decodeBase64url, decodeBody } from "./codec/index.js";
import {
  DEFAULT_CLOCK_SKEW,
  DEFAULT_MAX_LIFETIME,
  type DocumentType,
  MEDIA_TYPES,
  type SignatureAlgorithm,
} from "./constants.js";
import { type DecryptionKey, decrypt } from "./decrypt.js";
import { digestOf } from "./lib/digest.js";
import { parseFrame } from "./lib/envelope.js";
import { looksLikeFrame } from "./lib/frame.js";
import {
  checkProtectedHeader,
  type ProtectedHeader,
  problemOf,
  signingInput,
  verifySignatureBytes,
} from "./lib/jws.js";
import { AGENCY_ID } from "./lib/patterns.js";
import { type Clock, nowSeconds } from "./lib/time.js";
import { bodyLimits, type EnvelopeLimits, resolveEnvelopeLimits } from "./limits.js";
import type { Manifest } from "./manifest.js";
import type { ReplayStore } from "./replay.js";
import { TrustStore } from "./trust-store.js";

/**
 * The checks of {@link open}, in the order they run (spec/envelope.md §7). A failure names the
 * check it belongs to.
 */
export const OPEN_CHECKS = [
  "options",
  "decrypt",
  "parse",
  "algorithm",
  "signer",
  "signature",
  "audience",
  "issued-at",
  "expiry",
  "replay",
  "content",
  "records",
] as const;
export type OpenCheck = (typeof OPEN_CHECKS)[number];

/** One failed check. */
export interface OpenFailure {
  readonly check: OpenCheck;
  readonly code: CorridorErrorCode;
  /** Where: e.g. `["signatures", 1]`, `["manifest", "aud"]`, `["records", 17, "person"]`. */
  readonly path: readonly PathSegment[];
  /** What went wrong; never contains data from the envelope. */
  readonly message: string;
}

/** Options of {@link open} and {@link safeOpen}. */
export interface OpenOptions<T = SharedRecord> {
  /** Public keys of the agencies this recipient accepts envelopes from. */
  readonly trust: TrustStore;
  /** Where accepted (iss, jti) pairs are remembered. */
  readonly replay: ReplayStore;
  /** The agency opening the envelope: it must be in `aud`. */
  readonly recipient: string;
  /** Private keys for envelopes that arrive encrypted (a JWE). */
  readonly decryptionKeys?: readonly DecryptionKey[];
  /** Refuse envelopes that arrive unencrypted (default false). */
  readonly requireEncryption?: boolean;
  /** Agencies whose signature must be present besides the sender's (co-signer, notary). */
  readonly requiredSigners?: readonly string[];
  /** The document type expected (default `"records"`). */
  readonly doc?: DocumentType;
  /**
   * Validates one item of a document other than `records` and returns it (throw a
   * CorridorError to reject it). Required when `doc` is not `"records"`.
   */
  readonly validateItem?: (item: unknown, index: number) => T;
  /** Clock (default: system clock). */
  readonly now?: Clock;
  /** Tolerated clock difference in seconds (default 300). */
  readonly clockSkew?: number;
  /** Largest exp - iat accepted, in seconds (default 7 days). */
  readonly maxLifetime?: number;
  /** Size limits (default {@link DEFAULT_ENVELOPE_LIMITS}). */
  readonly limits?: Partial<EnvelopeLimits>;
}

/** A signature that verified. */
export interface VerifiedSignature {
  readonly agency: string;
  readonly kid: string;
  readonly alg: SignatureAlgorithm;
}

/** An envelope that passed every check. */
export interface OpenedEnvelope<T = SharedRecord> {
  /** The signed manifest. */
  readonly manifest: Manifest;
  /** The records (or document items), validated. */
  readonly records: readonly T[];
  /**
   * `sha256:` digest of the signed payload bytes: cite it in receipts and audit entries. Stable
   * across re-serialization, co-signing and encryption of the same envelope.
   */
  readonly payloadDigest: string;
  /** Every signature, all verified; the sender's first. */
  readonly signatures: readonly VerifiedSignature[];
  /** Whether it arrived encrypted, and the kid that decrypted it. */
  readonly encrypted: boolean;
  readonly decryptedWith?: string;
}

/** The outcome of {@link safeOpen}. */
export type OpenResult<T = SharedRecord> =
  | { readonly success: true; readonly data: OpenedEnvelope<T> }
  | {
      readonly success: false;
      /** The error {@link open} throws: the first failure's code; `issues` lists every failure. */
      readonly error: CorridorError;
      /** Every failed check, in check order. */
      readonly failures: readonly OpenFailure[];
    };

/** Most record failures reported one by one (the rest are counted in the message). */
const MAX_RECORD_FAILURES = 100;

interface SignatureState {
  readonly index: number;
  readonly protectedB64: string;
  readonly signatureB64: string;
  header: ProtectedHeader | undefined;
  /** The agency the header names, even when the header breaks another rule. */
  claimedAgency: string | undefined;
  key: CryptoKey | undefined;
  verified: boolean;
}

function checkOptions<T>(options: OpenOptions<T>): OpenFailure[] {
  const out: OpenFailure[] = [];
  const bad = (path: PathSegment[], message: string) =>
    out.push({
      check: "options",
      code: "ERR_INVALID_ARGUMENT",
      path: ["options", ...path],
      message: `options.${path.join(".")}: ${message}`,
    });
  if (typeof options !== "object" || options === null) {
    bad([], "expected an object");
    return out;
  }
  if (!(options.trust instanceof TrustStore)) bad(["trust"], "expected a TrustStore");
  const r = options.replay as Partial<ReplayStore> | undefined;
  if (typeof r?.has !== "function" || typeof r?.put !== "function")
    bad(["replay"], "expected a ReplayStore");
  if (typeof options.recipient !== "string" || !AGENCY_ID.test(options.recipient))
    bad(["recipient"], "expected an agency id");
  const doc = options.doc ?? "records";
  if (doc !== "records" && typeof options.validateItem !== "function")
    bad(["validateItem"], "required for a doc other than records");
  for (const [name, value] of [
    ["clockSkew", options.clockSkew],
    ["maxLifetime", options.maxLifetime],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
      bad([name], "expected a non-negative integer (seconds)");
  }
  return out;
}

/**
 * Opens an envelope and reports every check that fails (spec/envelope.md §7), in order:
 * decrypt (when it is a JWE), parse, algorithm allow-list, signer known and key valid at iat,
 * every signature valid with the sender's (and each required co-signer's) present, aud names the
 * recipient, iat not in the future beyond the skew, not expired and lifetime within the maximum,
 * (iss, jti) not seen before, body digest and count, then every record valid against the stated
 * schema version. Records are decoded only from a body whose every signature verified.
 *
 * Nothing is returned unless every check passed; only then is (iss, jti) recorded in the replay
 * store. Never throws for a bad envelope, bad options or a CorridorError of the replay store
 * (such as ERR_REPLAY_STORE_FULL); any other exception is a bug and propagates.
 *
 * @example
 * ```ts
 * import { safeOpen } from "@corridor/envelope";
 * const result = await safeOpen(bytes, { trust, replay, recipient: "DEU.bamf" });
 * if (!result.success) for (const f of result.failures) log(f.check, f.code, f.path);
 * ```
 */
export async function safeOpen<T = SharedRecord>(
  input: Uint8Array,
  options: OpenOptions<T>,
): Promise<OpenResult<T>> {
  const failures: OpenFailure[] = checkOptions(options);
  if (failures.length > 0) return rejected(failures);
  const add = (
    check: OpenCheck,
    code: CorridorErrorCode,
    path: readonly PathSegment[],
    message: string,
  ) => failures.push({ check, code, path, message });
  const addProblem = (p: {
    check: OpenCheck;
    code: CorridorErrorCode;
    path: readonly PathSegment[];
    message: string;
  }) => failures.push(p);

  let limits: ReturnType<typeof resolveEnvelopeLimits>;
  try {
    limits = resolveEnvelopeLimits(options.limits);
  } catch (error) {
    addProblem({ ...problemOf("parse", error, []), check: "options" });
    return rejected(failures);
  }
  if (!(input instanceof Uint8Array)) {
    add("options", "ERR_INVALID_ARGUMENT", ["input"], "input: expected the envelope bytes");
    return rejected(failures);
  }

  // decrypt
  let frameBytes = input;
  let decryptedWith: string | undefined;
  if (!looksLikeFrame(input) && input[0] === 0x7b) {
    if (!options.decryptionKeys || options.decryptionKeys.length === 0) {
      add(
        "decrypt",
        "ERR_ENVELOPE_DECRYPTION_FAILED",
        ["jwe"],
        "the envelope is encrypted and no decryption keys were given",
      );
      return rejected(failures);
    }
    try {
      const result = await decrypt(input, { keys: options.decryptionKeys, limits });
      frameBytes = result.envelope;
      decryptedWith = result.kid;
    } catch (error) {
      addProblem({ ...problemOf("parse", error, []), check: "decrypt" });
      return rejected(failures);
    }
  } else if (options.requireEncryption) {
    add("decrypt", "ERR_ENVELOPE_NOT_ENCRYPTED", [], "the envelope arrived unencrypted");
  }

  // parse: frame, JWS, manifest
  const parsed = parseFrame(frameBytes, limits);
  parsed.problems.forEach(addProblem);
  const frame = parsed.frame;
  if (frame === undefined) return rejected(failures);
  const { jws, body } = frame;

  // parse + algorithm: every protected header
  const states: SignatureState[] = jws.signatures.map((s, index) => {
    const { header, claimedAgency, problems } = checkProtectedHeader(
      s.protected,
      s.hasUnprotectedHeader,
      { typ: MEDIA_TYPES.envelopeJws, agency: true },
      ["signatures", index],
    );
    problems.forEach(addProblem);
    return {
      index,
      protectedB64: s.protected,
      signatureB64: s.signature,
      header,
      claimedAgency,
      key: undefined,
      verified: false,
    };
  });
  const manifest = frame.manifest;
  if (manifest === undefined) return rejected(failures);
  const expectedDoc = options.doc ?? "records";
  if (manifest.doc !== expectedDoc) {
    add(
      "parse",
      "ERR_ENVELOPE_TYPE_MISMATCH",
      ["manifest", "doc"],
      `manifest.doc: expected ${expectedDoc}`,
    );
  }
  const payloadDigest = digestOf(frame.payload) as string;
  const seen = new Set<string>();
  for (const s of states) {
    if (!s.header) continue;
    const id = JSON.stringify([s.header.agency, s.header.kid]);
    if (seen.has(id)) {
      add(
        "parse",
        "ERR_ENVELOPE_SIGNER_DUPLICATE",
        ["signatures", s.index],
        "two signatures by the same agency and kid",
      );
    }
    seen.add(id);
  }

  // signer: known, and key valid at iat
  for (const s of states) {
    if (!s.header) continue;
    const verdict = options.trust.checkSigningKey(
      s.header.agency!,
      s.header.kid,
      s.header.alg,
      manifest.iat,
    );
    if (!verdict.ok) {
      add("signer", verdict.code, ["signatures", s.index, "protected", "kid"], verdict.message);
      continue;
    }
    try {
      s.key = await options.trust.cryptoKey(verdict.key);
    } catch (error) {
      addProblem({ ...problemOf("parse", error, ["signatures", s.index]), check: "signer" });
    }
  }

  // signature: every one verifies; the sender's and every required co-signer's are present
  const suffixB64 = jws.payload;
  for (const s of states) {
    if (!s.header || !s.key) continue;
    let signature: Uint8Array;
    try {
      signature = decodeBase64url(s.signatureB64, ["signature"]);
    } catch (error) {
      addProblem({ ...problemOf("signature", error, ["signatures", s.index]) });
      continue;
    }
    s.verified = await verifySignatureBytes(
      s.header.alg,
      s.key,
      signingInput(s.protectedB64, suffixB64),
      signature,
    );
    if (!s.verified)
      add(
        "signature",
        "ERR_ENVELOPE_SIGNATURE_INVALID",
        ["signatures", s.index, "signature"],
        "the signature does not verify",
      );
  }
  const signed = (agency: string) => states.some((s) => s.claimedAgency === agency);
  if (!signed(manifest.iss)) {
    add(
      "signature",
      "ERR_ENVELOPE_SIGNATURE_MISSING",
      ["manifest", "iss"],
      "no signature by the sender (iss)",
    );
  }
  for (const agency of options.requiredSigners ?? []) {
    if (!signed(agency))
      add(
        "signature",
        "ERR_ENVELOPE_SIGNATURE_MISSING",
        ["signatures"],
        "a required co-signer's signature is absent",
      );
  }
  const authenticated =
    states.every((s) => s.verified) &&
    states.some((s) => s.verified && s.header?.agency === manifest.iss);

  // audience
  if (!manifest.aud.includes(options.recipient)) {
    add(
      "audience",
      "ERR_ENVELOPE_AUDIENCE_MISMATCH",
      ["manifest", "aud"],
      "aud does not name this recipient",
    );
  }

  // time
  const now = nowSeconds(options.now);
  const skew = options.clockSkew ?? DEFAULT_CLOCK_SKEW;
  const maxLifetime = options.maxLifetime ?? DEFAULT_MAX_LIFETIME;
  if (manifest.iat > now + skew) {
    add(
      "issued-at",
      "ERR_ENVELOPE_NOT_YET_VALID",
      ["manifest", "iat"],
      "iat is in the future beyond the allowed clock skew",
    );
  }
  if (manifest.exp <= manifest.iat || manifest.exp - manifest.iat > maxLifetime) {
    add(
      "expiry",
      "ERR_ENVELOPE_LIFETIME_INVALID",
      ["manifest", "exp"],
      "exp must be after iat and within the maximum lifetime",
    );
  }
  if (now >= manifest.exp + skew) {
    add("expiry", "ERR_ENVELOPE_EXPIRED", ["manifest", "exp"], "the envelope has expired");
  }

  // replay
  try {
    if (await options.replay.has(manifest.iss, manifest.jti)) {
      add(
        "replay",
        "ERR_ENVELOPE_REPLAYED",
        ["manifest", "jti"],
        "an envelope with this iss and jti was accepted before",
      );
    }
  } catch (error) {
    addProblem({ ...problemOf("parse", error, ["replay"]), check: "replay" });
  }

  // content: digest, then (authenticated bodies only) decode and count
  let items: unknown[] | undefined;
  const digestMatches = (await digestOf(body)) === manifest.digest;
  if (!digestMatches) {
    add(
      "content",
      "ERR_ENVELOPE_DIGEST_MISMATCH",
      ["body"],
      "the body's digest differs from the signed digest",
    );
  } else if (manifest.count > limits.maxRecords) {
    add("content", "ERR_LIMIT_EXCEEDED", ["manifest", "count"], "count exceeds limits.maxRecords");
  } else if (authenticated) {
    try {
      items = decodeBody(body, manifest.encoding, bodyLimits(limits));
      if (items.length !== manifest.count) {
        add(
          "content",
          "ERR_ENVELOPE_COUNT_MISMATCH",
          ["body"],
          "the body holds another number of items than the signed count",
        );
      }
    } catch (error) {
      addProblem({ ...problemOf("parse", error, ["body"]), check: "content" });
      items = undefined;
    }
  }

  // records
  let records: T[] | undefined;
  if (items !== undefined && manifest.doc === expectedDoc) {
    records = validateItems(items, manifest, options, add);
  }

  if (failures.length > 0 || records === undefined) return rejected(failures);
  try {
    if (!(await options.replay.put(manifest.iss, manifest.jti, manifest.exp + skew))) {
      add(
        "replay",
        "ERR_ENVELOPE_REPLAYED",
        ["manifest", "jti"],
        "an envelope with this iss and jti was accepted concurrently",
      );
    }
  } catch (error) {
    addProblem({ ...problemOf("parse", error, ["replay"]), check: "replay" });
  }
  if (failures.length > 0) return rejected(failures);
  const signatures = states
    .map((s) => ({ agency: s.header!.agency!, kid: s.header!.kid, alg: s.header!.alg }))
    .sort((a, b) => Number(b.agency === manifest.iss) - Number(a.agency === manifest.iss));
  return {
    success: true,
    data: {
      manifest,
      records,
      payloadDigest,
      signatures,
      encrypted: decryptedWith !== undefined,
      ...(decryptedWith === undefined ? {} : { decryptedWith }),
    },
  };
}

function validateItems<T>(
  items: unknown[],
  manifest: Manifest,
  options: OpenOptions<T>,
  add: (
    check: OpenCheck,
    code: CorridorErrorCode,
    path: readonly PathSegment[],
    message: string,
  ) => void,
): T[] | undefined {
  if (manifest.doc === "records") {
    const version = manifest.schemaVersion;
    if (!isSchemaVersion(version)) {
      add(
        "records",
        "ERR_SCHEMA_VERSION_UNSUPPORTED",
        ["manifest", "schemaVersion"],
        "this implementation does not know the stated schema version",
      );
      return undefined;
    }
    // In place: the items were just decoded from the body, nobody else holds them.
    const { valid, invalid } = validateBatch(items, "shared", { version, inPlace: true });
    if (invalid.length === 0) return valid.map((v) => v.record) as T[];
    for (const { index, error } of invalid.slice(0, MAX_RECORD_FAILURES)) {
      const first = error.issues[0];
      add(
        "records",
        "ERR_RECORD_INVALID",
        ["records", index, ...(first?.path ?? [])],
        `record ${index}: ${first?.message ?? "invalid"}`,
      );
    }
    if (invalid.length > MAX_RECORD_FAILURES) {
      add(
        "records",
        "ERR_RECORD_INVALID",
        ["records"],
        `${invalid.length - MAX_RECORD_FAILURES} more invalid records not listed`,
      );
    }
    return undefined;
  }
  const out: T[] = [];
  let failed = 0;
  items.forEach((item, index) => {
    try {
      out.push(options.validateItem!(item, index));
    } catch (error) {
      if (!(error instanceof CorridorError)) throw error;
      if (failed++ < MAX_RECORD_FAILURES)
        add(
          "records",
          error.code,
          ["records", index, ...(error.path ?? [])],
          `item ${index}: ${error.message}`,
        );
    }
  });
  return failed === 0 ? out : undefined;
}

function rejected<T>(failures: OpenFailure[]): OpenResult<T> {
  const order = (f: OpenFailure) => OPEN_CHECKS.indexOf(f.check);
  const sorted = failures
    .map((f, i) => [f, i] as const)
    .sort((a, b) => order(a[0]) - order(b[0]) || a[1] - b[1])
    .map(([f]) => f);
  const first = sorted[0]!;
  const error = new CorridorError(
    first.code,
    `envelope rejected: ${sorted.length} failure${sorted.length === 1 ? "" : "s"}, first (${first.check}): ${first.message}`,
    {
      path: first.path,
      issues: sorted.map((f) => ({
        path: f.path,
        reason: f.code,
        message: `${f.check}: ${f.message}`,
      })),
    },
  );
  return { success: false, error, failures: sorted };
}

/**
 * Opens an envelope: like {@link safeOpen}, but returns the opened envelope or throws the
 * CorridorError of the first failed check (its `issues` list every failure).
 *
 * @throws CorridorError with the code of the first failed check.
 * @example
 * ```ts
 * import { MemoryReplayStore, open } from "@corridor/envelope";
 * const { records, manifest, payloadDigest } = await open(bytes, {
 *   trust,
 *   replay: new MemoryReplayStore(),
 *   recipient: "DEU.bamf",
 * });
 * ```
 */
export async function open<T = SharedRecord>(
  input: Uint8Array,
  options: OpenOptions<T>,
): Promise<OpenedEnvelope<T>> {
  const result = await safeOpen(input, options);
  if (!result.success) throw result.error;
  return result.data;
}
