import type { CorridorErrorCode, PathSegment } from "@corridor/errors";
import { CorridorError } from "@corridor/errors";
import {
  decodeBase64url,
  encodeBase64url,
  parseJsonStrict,
  resolveLimits,
  utf8Encode,
} from "../codec/index.js";
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from "../constants.js";
import { fail } from "./fail.js";
import { isPlainObject, signatureParams } from "./keys.js";
import { isSpecName, shownName } from "./names.js";
import { AGENCY_ID, KID } from "./patterns.js";

/*
 * Corridor's JWS layer (spec/envelope.md §5): General JSON Serialization (RFC 7515 §7.2.1) with
 * a strict header profile, verified one signature at a time with WebCrypto. Unlike a JOSE
 * library's "general verify", nothing here is satisfied by one good signature among bad ones:
 * the caller gets a verdict for every signature.
 */

/** The checks a JWS problem belongs to, in the order `open` runs them. */
export type JwsCheck = "parse" | "algorithm" | "signature";

/** One problem found in a JWS, with the check it belongs to. */
export interface JwsProblem {
  readonly check: JwsCheck;
  readonly code: CorridorErrorCode;
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** A JWS in General JSON Serialization, members checked for type only. */
export interface GeneralJws {
  readonly payload: string;
  readonly signatures: readonly {
    readonly protected: string;
    readonly signature: string;
    readonly hasUnprotectedHeader: boolean;
  }[];
}

/** Header parameters that carry or point to a key (RFC 7515 §4.1.2–4.1.8). */
export const KEY_HEADER_PARAMETERS = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"] as const;

/** What a protected header must look like. */
export interface HeaderProfile {
  /** The exact `typ` required; when undefined, `typ` must be absent. */
  readonly typ: string | undefined;
  /** Whether the Corridor `agency` parameter (the signer's agency id) is required. */
  readonly agency: boolean;
}

/** A protected header that passed the profile. */
export interface ProtectedHeader {
  readonly alg: SignatureAlgorithm;
  readonly kid: string;
  readonly typ?: string;
  readonly agency?: string;
}

const JSON_LIMITS_SMALL = resolveLimits({ maxDepth: 8, maxContainerLength: 4096 });

/**
 * Reads the members of a General JSON Serialization JWS from its strictly parsed JSON value.
 * The flattened form (RFC 7515 §7.2.2), a missing payload (detached content) and unknown
 * members are refused: Corridor always sends `{ payload, signatures: [...] }`.
 *
 * @throws CorridorError `ERR_ENVELOPE_MALFORMED` or `ERR_LIMIT_EXCEEDED`.
 */
export function readGeneralJws(
  value: unknown,
  maxSignatures: number,
  path: readonly PathSegment[] = ["jws"],
): GeneralJws {
  const malformed = (message: string, at: readonly PathSegment[] = path) =>
    fail("ERR_ENVELOPE_MALFORMED", `${message}`, at);
  if (!isPlainObject(value)) throw malformed("JWS: expected a JSON object");
  for (const key of Object.keys(value)) {
    if (key !== "payload" && key !== "signatures") {
      throw malformed(
        key === "protected" || key === "signature" || key === "header"
          ? "JWS: flattened serialization; Corridor requires the general one (signatures array)"
          : "JWS: unknown member",
        [...path, shownName(key)],
      );
    }
  }
  if (typeof value.payload !== "string") {
    throw malformed("JWS: payload must be present as a string (no detached content)", [
      ...path,
      "payload",
    ]);
  }
  const list = value.signatures;
  if (!Array.isArray(list) || list.length === 0) {
    throw malformed("JWS: signatures must be a non-empty array", [...path, "signatures"]);
  }
  if (list.length > maxSignatures) {
    throw fail("ERR_LIMIT_EXCEEDED", "JWS: more signatures than limits.maxSignatures", [
      ...path,
      "signatures",
    ]);
  }
  const signatures = list.map((entry: unknown, index) => {
    const at = [...path, "signatures", index];
    if (!isPlainObject(entry)) throw malformed("JWS: signature entry must be an object", at);
    for (const key of Object.keys(entry)) {
      if (key !== "protected" && key !== "signature" && key !== "header") {
        throw malformed("JWS: unknown member of a signature entry", [...at, shownName(key)]);
      }
    }
    if (typeof entry.protected !== "string") {
      throw malformed("JWS: every signature needs a protected header (string)", [
        ...at,
        "protected",
      ]);
    }
    if (typeof entry.signature !== "string") {
      throw malformed("JWS: signature must be a string", [...at, "signature"]);
    }
    return {
      protected: entry.protected,
      signature: entry.signature,
      hasUnprotectedHeader: "header" in entry,
    };
  });
  return { payload: value.payload, signatures };
}

function problem(
  check: JwsCheck,
  code: CorridorErrorCode,
  path: readonly PathSegment[],
  message: string,
): JwsProblem {
  return { check, code, path, message };
}

/** Turns a thrown CorridorError into a problem of `check` (other errors are bugs: rethrown). */
export function problemOf(
  check: JwsCheck,
  error: unknown,
  path: readonly PathSegment[],
): JwsProblem {
  if (error instanceof CorridorError) {
    return {
      check,
      code: error.code,
      path: error.path?.length ? [...path, ...error.path] : path,
      message: error.message,
    };
  }
  throw error;
}

/**
 * Decodes a protected header and checks it against the profile, reporting every rule it breaks:
 * unprotected header present, `crit`, embedded or referenced keys, `alg` outside the allow-list,
 * wrong `typ`, missing or ill-formed `kid` / `agency`, unknown parameters.
 */
export function checkProtectedHeader(
  protectedB64: string,
  hasUnprotectedHeader: boolean,
  profile: HeaderProfile,
  path: readonly PathSegment[],
): {
  header: ProtectedHeader | undefined;
  claimedAgency: string | undefined;
  problems: JwsProblem[];
} {
  const at = [...path, "protected"];
  let value: unknown;
  try {
    value = parseJsonStrict(decodeBase64url(protectedB64), JSON_LIMITS_SMALL, {
      knownNames: isSpecName,
    });
  } catch (error) {
    return {
      header: undefined,
      claimedAgency: undefined,
      problems: [problemOf("parse", error, at)],
    };
  }
  if (!isPlainObject(value)) {
    return {
      header: undefined,
      claimedAgency: undefined,
      problems: [
        problem(
          "parse",
          "ERR_ENVELOPE_HEADER_INVALID",
          at,
          "protected header: expected a JSON object",
        ),
      ],
    };
  }
  const problems: JwsProblem[] = [];
  if (hasUnprotectedHeader) {
    problems.push(
      problem(
        "parse",
        "ERR_ENVELOPE_HEADER_INVALID",
        [...path, "header"],
        "unprotected header: every header parameter must be protected",
      ),
    );
  }
  if ("crit" in value) {
    problems.push(
      problem(
        "parse",
        "ERR_ENVELOPE_CRIT_UNSUPPORTED",
        [...at, "crit"],
        "crit: no critical extension is understood",
      ),
    );
  }
  for (const name of KEY_HEADER_PARAMETERS) {
    if (name in value) {
      problems.push(
        problem(
          "parse",
          "ERR_ENVELOPE_EMBEDDED_KEY",
          [...at, name],
          `${name}: keys come only from the trust store`,
        ),
      );
    }
  }
  const { alg, kid, typ, agency } = value;
  if (typeof alg !== "string") {
    problems.push(
      problem("parse", "ERR_ENVELOPE_HEADER_INVALID", [...at, "alg"], "alg: expected a string"),
    );
  } else if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(alg)) {
    problems.push(
      problem(
        "algorithm",
        "ERR_ENVELOPE_ALG_NOT_ALLOWED",
        [...at, "alg"],
        "alg: not EdDSA or ES256",
      ),
    );
  }
  if (profile.typ === undefined ? typ !== undefined : typ !== profile.typ) {
    problems.push(
      problem(
        "parse",
        "ERR_ENVELOPE_TYPE_MISMATCH",
        [...at, "typ"],
        `typ: expected ${profile.typ ?? "no typ"}`,
      ),
    );
  }
  if (typeof kid !== "string" || !KID.test(kid)) {
    problems.push(
      problem(
        "parse",
        "ERR_ENVELOPE_HEADER_INVALID",
        [...at, "kid"],
        "kid: required, 1-128 of A-Z a-z 0-9 . _ : -",
      ),
    );
  }
  if (profile.agency) {
    if (typeof agency !== "string" || !AGENCY_ID.test(agency)) {
      problems.push(
        problem(
          "parse",
          "ERR_ENVELOPE_HEADER_INVALID",
          [...at, "agency"],
          "agency: required, an agency id",
        ),
      );
    }
  }
  const known = new Set<string>(["alg", "kid", "typ", "crit", ...KEY_HEADER_PARAMETERS]);
  if (profile.agency) known.add("agency");
  for (const name of Object.keys(value)) {
    if (!known.has(name)) {
      problems.push(
        problem(
          "parse",
          "ERR_ENVELOPE_HEADER_INVALID",
          [...at, shownName(name)],
          "unknown header parameter",
        ),
      );
    }
  }
  const claimedAgency = typeof agency === "string" && AGENCY_ID.test(agency) ? agency : undefined;
  if (problems.length > 0) return { header: undefined, claimedAgency, problems };
  return {
    claimedAgency,
    header: {
      alg: alg as SignatureAlgorithm,
      kid: kid as string,
      ...(typ === undefined ? {} : { typ: typ as string }),
      ...(profile.agency ? { agency: agency as string } : {}),
    },
    problems,
  };
}

const ASCII = new TextEncoder();

/** The JWS Signing Input (RFC 7515 §5.1 step 8): ASCII(protected || "." || payload). */
export function signingInput(protectedB64: string, payloadB64: string): Uint8Array {
  return ASCII.encode(`${protectedB64}.${payloadB64}`);
}

/** Signature length of both allowed algorithms: 64 bytes (R‖S of Ed25519; r‖s of P-256, RFC 7518 §3.4). */
export const SIGNATURE_LENGTH = 64;

/**
 * Verifies one signature with WebCrypto. A signature of the wrong length, or one WebCrypto
 * refuses to process, is simply invalid.
 */
export async function verifySignatureBytes(
  alg: SignatureAlgorithm,
  key: CryptoKey,
  input: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== SIGNATURE_LENGTH) return false;
  try {
    return await crypto.subtle.verify(
      signatureParams(alg),
      key,
      signature as BufferSource,
      input as BufferSource,
    );
  } catch {
    return false;
  }
}

/** Signs `input`; returns the raw 64-byte signature. */
export async function signBytes(
  alg: SignatureAlgorithm,
  key: CryptoKey,
  input: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(signatureParams(alg), key, input as BufferSource));
}

/**
 * Produces one signature entry of a General JSON JWS over `payloadB64`. The protected header is
 * serialized with its members in the order given.
 */
export async function createSignature(
  payloadB64: string,
  header: ProtectedHeader,
  key: CryptoKey,
): Promise<{ protected: string; signature: string }> {
  const protectedB64 = encodeBase64url(utf8Encode(JSON.stringify(header)));
  const signature = await signBytes(header.alg, key, signingInput(protectedB64, payloadB64));
  return { protected: protectedB64, signature: encodeBase64url(signature) };
}

/** Serializes a General JSON JWS with members in a fixed order (payload, signatures). */
export function serializeGeneralJws(
  payloadB64: string,
  signatures: readonly { protected: string; signature: string }[],
): Uint8Array {
  return utf8Encode(
    JSON.stringify({
      payload: payloadB64,
      signatures: signatures.map((s) => ({ protected: s.protected, signature: s.signature })),
    }),
  );
}
