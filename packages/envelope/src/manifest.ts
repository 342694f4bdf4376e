import type { PathSegment } from "@corridor/errors";
import { parseDigestString, utf8Encode } from "./codec/index.js";
import {
  CONTENT_ENCODINGS,
  type ContentEncoding,
  DOCUMENT_TYPES,
  type DocumentType,
  PROTOCOL_VERSION,
} from "./constants.js";
import type { JwsProblem } from "./lib/jws.js";
import { isPlainObject } from "./lib/keys.js";
import { shownName } from "./lib/names.js";
import {
  AGENCY_ID,
  AGREEMENT_ID,
  CODE,
  DIGEST,
  JTI,
  MAX_EPOCH,
  MAX_NUMERIC_DATE,
  SCHEMA_VERSION,
  SCHEME,
} from "./lib/patterns.js";

/** The data-sharing agreement an envelope is sent under (spec/envelope.md §4). */
export interface AgreementRef {
  /** The agreement's id. */
  readonly id: string;
  /** Its version (1, 2, ...). */
  readonly version: number;
  /** `sha256:` digest of the signed agreement document, binding the exact text. */
  readonly digest: string;
}

/** How the records' identifiers were pseudonymized (spec/pseudonym.md). */
export interface Pseudonymization {
  /** The scheme name, as in every pseudonym `<scheme>:<epoch>:<value>`. */
  readonly scheme: string;
  /** The agreement's key epoch. */
  readonly epoch: number;
}

/**
 * Where a chunk sits in a stream of envelopes (spec/streams.md §2). Present only on chunks.
 * `prev` is the payload digest of the previous chunk (absent on the first); `final` marks the
 * last chunk, which also states `total`, the record count of the whole stream.
 */
export interface StreamPosition {
  readonly id: string;
  readonly seq: number;
  readonly prev?: string;
  readonly final: boolean;
  readonly total?: number;
}

/**
 * The signed payload of an envelope: what is sent, by whom, to whom, when, under which
 * agreement, and the digest of the body that travels beside it (spec/envelope.md §4).
 */
export interface Manifest {
  /** Protocol version, `"1.0"`. */
  readonly ver: typeof PROTOCOL_VERSION;
  /** Document type of the body. */
  readonly doc: DocumentType;
  /** Sending agency. */
  readonly iss: string;
  /** Recipient agencies. */
  readonly aud: readonly string[];
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  /** Unique id for replay protection, unique per sender. */
  readonly jti: string;
  /** Agreement (required for `records`). */
  readonly agreement?: AgreementRef;
  /** Purpose code (required for `records`). */
  readonly purpose?: string;
  /** Legal basis code (required for `records`). */
  readonly legalBasis?: string;
  /** Schema version of the records (required for `records`). */
  readonly schemaVersion?: string;
  /** Pseudonymization scheme and key epoch (required for `records`). */
  readonly pseudonymization?: Pseudonymization;
  /** Encoding of the body. */
  readonly encoding: ContentEncoding;
  /** Number of items (records) in the body. */
  readonly count: number;
  /** `sha256:` digest of the body bytes. */
  readonly digest: string;
  /** Position in a stream, for chunks. */
  readonly stream?: StreamPosition;
}

/** Manifest members, in the order Corridor writes them. */
const MEMBERS = [
  "ver",
  "doc",
  "iss",
  "aud",
  "iat",
  "exp",
  "jti",
  "agreement",
  "purpose",
  "legalBasis",
  "schemaVersion",
  "pseudonymization",
  "encoding",
  "count",
  "digest",
  "stream",
] as const;

/** Members a `records` manifest must have besides the always-required ones. */
const RECORDS_REQUIRED = [
  "agreement",
  "purpose",
  "legalBasis",
  "schemaVersion",
  "pseudonymization",
] as const;

/** Serializes a manifest: members in a fixed order, no whitespace, absent members omitted. */
export function serializeManifest(manifest: Manifest): Uint8Array {
  const out: Record<string, unknown> = {};
  for (const key of MEMBERS) {
    const value = manifest[key];
    if (value === undefined) continue;
    if (key === "agreement") {
      const a = value as AgreementRef;
      out[key] = { id: a.id, version: a.version, digest: a.digest };
    } else if (key === "pseudonymization") {
      const p = value as Pseudonymization;
      out[key] = { scheme: p.scheme, epoch: p.epoch };
    } else if (key === "stream") {
      const s = value as StreamPosition;
      out[key] = {
        id: s.id,
        seq: s.seq,
        ...(s.prev === undefined ? {} : { prev: s.prev }),
        final: s.final,
        ...(s.total === undefined ? {} : { total: s.total }),
      };
    } else out[key] = value;
  }
  return utf8Encode(JSON.stringify(out));
}

/** True when `text` is `sha256:` and the canonical base64url of exactly 32 bytes. */
export function isDigest(text: unknown): text is string {
  if (typeof text !== "string" || !DIGEST.test(text)) return false;
  try {
    parseDigestString(text);
    return true;
  } catch {
    return false;
  }
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max;

/**
 * Checks a parsed manifest and returns it, or every problem found (each with its path). A
 * manifest of an unknown protocol version is one problem, ERR_ENVELOPE_VERSION_UNSUPPORTED:
 * nothing else is checked against rules it may not follow.
 */
export function checkManifest(
  value: unknown,
  maxAudience: number,
): { manifest: Manifest | undefined; problems: JwsProblem[] } {
  const problems: JwsProblem[] = [];
  const bad = (path: readonly PathSegment[], message: string) =>
    problems.push({
      check: "parse",
      code: "ERR_ENVELOPE_MANIFEST_INVALID",
      path: ["manifest", ...path],
      message: `manifest.${path.join(".")}: ${message}`,
    });
  if (!isPlainObject(value)) {
    bad([], "expected a JSON object");
    return { manifest: undefined, problems };
  }
  if (value.ver !== PROTOCOL_VERSION) {
    problems.push({
      check: "parse",
      code:
        typeof value.ver === "string"
          ? "ERR_ENVELOPE_VERSION_UNSUPPORTED"
          : "ERR_ENVELOPE_MANIFEST_INVALID",
      path: ["manifest", "ver"],
      message: `manifest.ver: expected "${PROTOCOL_VERSION}"`,
    });
    return { manifest: undefined, problems };
  }
  for (const key of Object.keys(value)) {
    if (!(MEMBERS as readonly string[]).includes(key)) bad([shownName(key)], "unknown member");
  }
  const v = value;
  if (!(DOCUMENT_TYPES as readonly unknown[]).includes(v.doc))
    bad(["doc"], "unknown document type");
  if (typeof v.iss !== "string" || !AGENCY_ID.test(v.iss)) bad(["iss"], "expected an agency id");
  if (!Array.isArray(v.aud) || v.aud.length === 0)
    bad(["aud"], "expected a non-empty array of agency ids");
  else if (v.aud.length > maxAudience) {
    problems.push({
      check: "parse",
      code: "ERR_LIMIT_EXCEEDED",
      path: ["manifest", "aud"],
      message: "manifest.aud: more entries than limits.maxAudience",
    });
  } else {
    const seen = new Set<unknown>();
    v.aud.forEach((a: unknown, i) => {
      if (typeof a !== "string" || !AGENCY_ID.test(a)) bad(["aud", i], "expected an agency id");
      else if (seen.has(a)) bad(["aud", i], "duplicate agency");
      seen.add(a);
    });
  }
  if (!isInt(v.iat, 0, MAX_NUMERIC_DATE)) bad(["iat"], "expected an integer NumericDate");
  if (!isInt(v.exp, 0, MAX_NUMERIC_DATE)) bad(["exp"], "expected an integer NumericDate");
  if (typeof v.jti !== "string" || !JTI.test(v.jti))
    bad(["jti"], "expected 16-128 base64url characters");
  if (v.agreement !== undefined) {
    const a = v.agreement;
    if (!isPlainObject(a)) bad(["agreement"], "expected an object");
    else {
      for (const key of Object.keys(a)) {
        if (key !== "id" && key !== "version" && key !== "digest")
          bad(["agreement", shownName(key)], "unknown member");
      }
      if (typeof a.id !== "string" || !AGREEMENT_ID.test(a.id))
        bad(["agreement", "id"], "expected an agreement id");
      if (!isInt(a.version, 1, MAX_EPOCH))
        bad(["agreement", "version"], "expected an integer from 1");
      if (!isDigest(a.digest)) bad(["agreement", "digest"], "expected sha256:<43 base64url>");
    }
  }
  for (const key of ["purpose", "legalBasis"] as const) {
    if (v[key] !== undefined && (typeof v[key] !== "string" || !CODE.test(v[key] as string))) {
      bad([key], "expected a code of a-z 0-9 . : - (at most 64)");
    }
  }
  if (
    v.schemaVersion !== undefined &&
    (typeof v.schemaVersion !== "string" || !SCHEMA_VERSION.test(v.schemaVersion))
  ) {
    bad(["schemaVersion"], "expected MAJOR.MINOR");
  }
  if (v.pseudonymization !== undefined) {
    const p = v.pseudonymization;
    if (!isPlainObject(p)) bad(["pseudonymization"], "expected an object");
    else {
      for (const key of Object.keys(p)) {
        if (key !== "scheme" && key !== "epoch")
          bad(["pseudonymization", shownName(key)], "unknown member");
      }
      if (typeof p.scheme !== "string" || !SCHEME.test(p.scheme))
        bad(["pseudonymization", "scheme"], "expected a scheme name");
      if (!isInt(p.epoch, 0, MAX_EPOCH))
        bad(["pseudonymization", "epoch"], "expected an integer epoch");
    }
  }
  if (v.doc === "records") {
    for (const key of RECORDS_REQUIRED)
      if (v[key] === undefined) bad([key], 'required for doc "records"');
  }
  if (!(CONTENT_ENCODINGS as readonly unknown[]).includes(v.encoding))
    bad(["encoding"], 'expected "msgpack" or "json"');
  if (!isInt(v.count, 0, Number.MAX_SAFE_INTEGER))
    bad(["count"], "expected a non-negative integer");
  if (!isDigest(v.digest)) bad(["digest"], "expected sha256:<43 base64url>");
  if (v.stream !== undefined) checkStream(v.stream, bad);
  if (problems.length > 0) return { manifest: undefined, problems };
  return { manifest: value as unknown as Manifest, problems };
}

function checkStream(
  s: unknown,
  bad: (path: readonly PathSegment[], message: string) => void,
): void {
  if (!isPlainObject(s)) {
    bad(["stream"], "expected an object");
    return;
  }
  for (const key of Object.keys(s)) {
    if (!["id", "seq", "prev", "final", "total"].includes(key))
      bad(["stream", shownName(key)], "unknown member");
  }
  if (typeof s.id !== "string" || !JTI.test(s.id))
    bad(["stream", "id"], "expected 16-128 base64url characters");
  if (!isInt(s.seq, 0, Number.MAX_SAFE_INTEGER))
    bad(["stream", "seq"], "expected a non-negative integer");
  if (s.seq === 0 ? s.prev !== undefined : !isDigest(s.prev)) {
    bad(
      ["stream", "prev"],
      "required (sha256 digest of the previous chunk's payload) exactly when seq > 0",
    );
  }
  if (typeof s.final !== "boolean") bad(["stream", "final"], "expected a boolean");
  if (s.final === true ? !isInt(s.total, 0, Number.MAX_SAFE_INTEGER) : s.total !== undefined) {
    bad(["stream", "total"], "required (total record count) exactly on the final chunk");
  }
}
