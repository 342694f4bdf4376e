import { CorridorError, type CorridorIssue, type Result, toResultAsync } from "@corridor/errors";
import { CURRENT_SCHEMA_VERSION, type SchemaVersion, validateBatch } from "@corridor/schema";
import { encodeBase64url, encodeBody } from "./codec/index.js";
import {
  type ContentEncoding,
  DEFAULT_LIFETIME,
  type DocumentType,
  MEDIA_TYPES,
  PROTOCOL_VERSION,
} from "./constants.js";
import { encrypt, type RecipientKey } from "./encrypt.js";
import { digestOf } from "./lib/digest.js";
import { invalidArgument } from "./lib/fail.js";
import { encodeFrame } from "./lib/frame.js";
import { createSignature, serializeGeneralJws } from "./lib/jws.js";
import { importSigningKey, type PrivateKeyInput } from "./lib/keys.js";
import { AGENCY_ID, KID } from "./lib/patterns.js";
import { type Clock, nowSeconds } from "./lib/time.js";
import {
  bodyLimits,
  DEFAULT_ENVELOPE_LIMITS,
  type EnvelopeLimits,
  resolveEnvelopeLimits,
} from "./limits.js";
import {
  type AgreementRef,
  checkManifest,
  type Manifest,
  type Pseudonymization,
  type StreamPosition,
  serializeManifest,
} from "./manifest.js";

/** A private signing key and who it belongs to. */
export interface SignerKey {
  /** The signing agency. The sender's signer must be the envelope's `iss`. */
  readonly agency: string;
  /** The key id under which the trust store publishes the public key. */
  readonly kid: string;
  /** Private Ed25519 (EdDSA) or P-256 (ES256) key: WebCrypto key or private JWK. */
  readonly privateKey: PrivateKeyInput;
}

/** Fields of every envelope, whatever it carries. */
interface CommonInput {
  /** Sending agency (must equal `signer.agency`). */
  readonly iss: string;
  /** Recipient agencies. */
  readonly aud: readonly string[];
  /** Body encoding: MessagePack (default) or JSON. */
  readonly encoding?: ContentEncoding;
  /** Replay id; default 16 random bytes in base64url. Never reuse one. */
  readonly jti?: string;
  /** Position in a stream, for chunks (spec/streams.md §2). */
  readonly stream?: StreamPosition;
  readonly agreement?: AgreementRef;
  readonly purpose?: string;
  readonly legalBasis?: string;
  readonly pseudonymization?: Pseudonymization;
}

/** An envelope of shared records (the default document type). */
export interface RecordsInput extends CommonInput {
  readonly doc?: "records";
  readonly agreement: AgreementRef;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly pseudonymization: Pseudonymization;
  /** Schema version of the records (default: the current one). Every record must validate against it. */
  readonly schemaVersion?: SchemaVersion;
  /** Records in shared form. Each is validated before sealing; held records are refused. */
  readonly records: readonly unknown[];
}

/** An envelope of another document type; its package validates the items. */
export interface DocumentInput extends CommonInput {
  readonly doc: Exclude<DocumentType, "records">;
  readonly schemaVersion?: string;
  /** The items of the body (plain data). */
  readonly items: readonly unknown[];
}

/** Options of {@link seal}. */
export interface SealOptions {
  /** The sender's key: `agency` must equal `iss`. */
  readonly signer: SignerKey;
  /** Further signatures over the same payload (co-signer, notary); each (agency, kid) once. */
  readonly cosigners?: readonly SignerKey[];
  /** Clock for `iat` (default: system clock). */
  readonly now?: Clock;
  /** Lifetime in seconds: exp = iat + expiresIn (default 86400; recipients accept at most 7 days by default). */
  readonly expiresIn?: number;
  /**
   * The limits the recipients apply (default {@link DEFAULT_ENVELOPE_LIMITS}): sealing refuses a
   * body they would refuse (`ERR_LIMIT_EXCEEDED`) instead of sending it.
   */
  readonly limits?: Partial<EnvelopeLimits>;
  /** Encrypt the sealed envelope to these recipient keys (each `agency`, when given, must be in `aud`). */
  readonly encryptTo?: readonly RecipientKey[];
  /**
   * `true`: the caller asserts these records are outputs of `parseRecord(…, "shared")` (of the
   * stated schema version) or of `pseudonymizeRecord`, which validated them already, and `seal`
   * skips validating them again. Only for such outputs: a record that is not valid is then sealed
   * and sent, and the recipient — which still validates every record — refuses the whole
   * envelope. Default `false`: every record is validated before sealing.
   */
  readonly recordsValidated?: boolean;
}

/** What {@link seal} returns. */
export interface Sealed {
  /** The envelope: a frame, or with `encryptTo` the UTF-8 JWE JSON around the frame. */
  readonly envelope: Uint8Array;
  /** Whether `envelope` is a JWE. */
  readonly encrypted: boolean;
  /** The signed manifest. */
  readonly manifest: Manifest;
  /**
   * `sha256:` digest of the signed payload (the manifest bytes): the envelope's stable identity
   * for receipts, audit logs and stream chaining. Unchanged by co-signing or encryption.
   */
  readonly payloadDigest: string;
}

const MAX_REPORTED_ISSUES = 100;

function validateRecords(records: readonly unknown[], version: SchemaVersion): unknown[] {
  if (!Array.isArray(records))
    throw invalidArgument(["records"], "expected an array of shared records");
  // In place: the records are encoded right after, before anything else can change them.
  const { valid, invalid } = validateBatch(records, "shared", { version, inPlace: true });
  if (invalid.length > 0) {
    const issues: CorridorIssue[] = [];
    for (const { index, error } of invalid) {
      for (const issue of error.issues) {
        if (issues.length >= MAX_REPORTED_ISSUES) break;
        issues.push({ ...issue, path: ["records", index, ...issue.path] });
      }
    }
    const first = invalid[0]!;
    throw new CorridorError(
      "ERR_RECORD_INVALID",
      `records: ${invalid.length} of ${records.length} records are not valid shared records (schema ${version}); nothing was sealed`,
      { path: ["records", first.index], issues },
    );
  }
  return valid.map((v) => v.record);
}

function randomJti(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Seals records (or another document) into a signed envelope (spec/envelope.md): validates every
 * record as a shared record of the stated schema version, encodes the body (MessagePack by
 * default), signs a manifest that carries the body's SHA-256 digest with the sender's key and
 * every co-signer's — a JWS in General JSON Serialization — and frames the JWS with the body.
 * With `encryptTo`, the frame is then encrypted to the recipients (sign, then encrypt).
 *
 * Pure apart from the clock and randomness (jti, and ES256 / JWE nonces): Ed25519 envelopes with
 * a fixed `now` and `jti` are byte-for-byte reproducible.
 *
 * @throws CorridorError `ERR_RECORD_INVALID` (nothing sealed) or `ERR_INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { seal } from "@corridor/envelope";
 * const { envelope, payloadDigest } = await seal(
 *   {
 *     iss: "GRC.asylum-service",
 *     aud: ["DEU.bamf"],
 *     agreement: { id: "GRC-DEU-2025-01", version: 1, digest: agreementDigest },
 *     purpose: "asylum-procedure",
 *     legalBasis: "eu-2024-1351-art-45",
 *     pseudonymization: { scheme: "hmac-sha256", epoch: 3 },
 *     records,
 *   },
 *   { signer: { agency: "GRC.asylum-service", kid: "grc-sig-2025", privateKey } },
 * );
 * ```
 */
export async function seal(
  input: RecordsInput | DocumentInput,
  options: SealOptions,
): Promise<Sealed> {
  if (typeof input !== "object" || input === null)
    throw invalidArgument(["input"], "expected an object");
  if (typeof options !== "object" || options === null)
    throw invalidArgument(["options"], "expected an object");
  const signers = [options.signer, ...(options.cosigners ?? [])];
  const seen = new Set<string>();
  signers.forEach((s, i) => {
    const path = i === 0 ? ["signer"] : ["cosigners", i - 1];
    if (typeof s !== "object" || s === null)
      throw invalidArgument(path, "expected { agency, kid, privateKey }");
    if (typeof s.agency !== "string" || !AGENCY_ID.test(s.agency))
      throw invalidArgument([...path, "agency"], "expected an agency id");
    if (typeof s.kid !== "string" || !KID.test(s.kid))
      throw invalidArgument([...path, "kid"], "expected a key id");
    const id = JSON.stringify([s.agency, s.kid]);
    if (seen.has(id)) throw invalidArgument([...path, "kid"], "each (agency, kid) may sign once");
    seen.add(id);
  });
  if (options.signer.agency !== input.iss)
    throw invalidArgument(["signer", "agency"], "the sender's signer must be iss");
  const expiresIn = options.expiresIn ?? DEFAULT_LIFETIME;
  if (!Number.isSafeInteger(expiresIn) || expiresIn < 1)
    throw invalidArgument(["expiresIn"], "expected a positive integer (seconds)");

  const doc: DocumentType = input.doc ?? "records";
  let items: readonly unknown[];
  let schemaVersion: string | undefined =
    input.doc === undefined || input.doc === "records" ? undefined : input.schemaVersion;
  if (doc === "records") {
    const recordsInput = input as RecordsInput;
    const version = recordsInput.schemaVersion ?? CURRENT_SCHEMA_VERSION;
    if (options.recordsValidated !== undefined && typeof options.recordsValidated !== "boolean")
      throw invalidArgument(["recordsValidated"], "expected a boolean");
    if (options.recordsValidated === true) {
      if (!Array.isArray(recordsInput.records))
        throw invalidArgument(["records"], "expected an array of shared records");
      items = recordsInput.records;
    } else items = validateRecords(recordsInput.records, version);
    schemaVersion = version;
  } else {
    const documentInput = input as DocumentInput;
    if (!Array.isArray(documentInput.items)) throw invalidArgument(["items"], "expected an array");
    items = documentInput.items;
  }
  const encoding = input.encoding ?? "msgpack";
  const limits = resolveEnvelopeLimits(options.limits);
  const body = encodeBody(items, encoding, bodyLimits(limits));
  const iat = nowSeconds(options.now);
  const manifest: Manifest = {
    ver: PROTOCOL_VERSION,
    doc,
    iss: input.iss,
    aud: [...input.aud],
    iat,
    exp: iat + expiresIn,
    jti: input.jti ?? randomJti(),
    ...(input.agreement === undefined ? {} : { agreement: input.agreement }),
    ...(input.purpose === undefined ? {} : { purpose: input.purpose }),
    ...(input.legalBasis === undefined ? {} : { legalBasis: input.legalBasis }),
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
    ...(input.pseudonymization === undefined ? {} : { pseudonymization: input.pseudonymization }),
    encoding,
    count: items.length,
    digest: await digestOf(body),
    ...(input.stream === undefined ? {} : { stream: input.stream }),
  };
  const manifestBytes = serializeManifest(manifest);
  const { problems } = checkManifest(
    JSON.parse(new TextDecoder().decode(manifestBytes)),
    limits.maxAudience,
  );
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new CorridorError("ERR_INVALID_ARGUMENT", `input: ${first.message}`, {
      path: first.path.slice(1),
      issues: problems.map((p) => ({ path: p.path.slice(1), reason: p.code, message: p.message })),
    });
  }
  const payloadB64 = encodeBase64url(manifestBytes);
  const signatures = await Promise.all(
    signers.map(async (s, i) => {
      const { key, alg } = await importSigningKey(
        s.privateKey,
        i === 0 ? ["signer", "privateKey"] : ["cosigners", i - 1, "privateKey"],
      );
      return createSignature(
        payloadB64,
        { alg, typ: MEDIA_TYPES.envelopeJws, kid: s.kid, agency: s.agency },
        key,
      );
    }),
  );
  const frame = encodeFrame(serializeGeneralJws(payloadB64, signatures), body);
  const payloadDigest = await digestOf(manifestBytes);
  if (options.encryptTo === undefined)
    return { envelope: frame, encrypted: false, manifest, payloadDigest };
  options.encryptTo.forEach((r, i) => {
    if (r?.agency !== undefined && !manifest.aud.includes(r.agency)) {
      throw invalidArgument(
        ["encryptTo", i, "agency"],
        "recipient is not in aud: it could not open the envelope",
      );
    }
  });
  const jwe = await encrypt(frame, { recipients: options.encryptTo });
  return { envelope: jwe, encrypted: true, manifest, payloadDigest };
}

/** {@link seal} without throwing: `{ success, data }` or `{ success: false, error }`. */
export function safeSeal(
  input: RecordsInput | DocumentInput,
  options: SealOptions,
): Promise<Result<Sealed>> {
  return toResultAsync(() => seal(input, options));
}
