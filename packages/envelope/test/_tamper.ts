/**
 * Test helpers that take an envelope frame apart and put it back together with node:crypto and
 * Buffer only (independent of the code under test), for tampering and for reading vectors.
 */
import { createPrivateKey, sign as nodeSign } from "node:crypto";

export function splitFrame(frame: Uint8Array): { jws: string; body: Uint8Array } {
  const buf = Buffer.from(frame);
  if (buf.subarray(0, 4).toString("latin1") !== "CRDR") throw new Error("not a frame");
  const jwsLength = buf.readUInt32BE(5);
  const jws = buf.subarray(9, 9 + jwsLength).toString("utf8");
  const bodyLength = buf.readUInt32BE(9 + jwsLength);
  const body = new Uint8Array(buf.subarray(13 + jwsLength, 13 + jwsLength + bodyLength));
  return { jws, body };
}

export function joinFrame(jws: string | Uint8Array, body: Uint8Array, version = 1): Uint8Array {
  const j = typeof jws === "string" ? Buffer.from(jws, "utf8") : Buffer.from(jws);
  const head = Buffer.alloc(9);
  head.write("CRDR", 0, "latin1");
  head[4] = version;
  head.writeUInt32BE(j.length, 5);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  return new Uint8Array(Buffer.concat([head, j, len, Buffer.from(body)]));
}

export const b64u = (data: string | Uint8Array) => Buffer.from(data).toString("base64url");
export const unb64u = (text: string) => Buffer.from(text, "base64url");

/** Signs `protectedB64.payloadB64` with a private JWK using node:crypto (Ed25519 or ES256 in P1363 form). */
export function nodeSignJws(protectedB64: string, payloadB64: string, jwk: JsonWebKey): string {
  const key = createPrivateKey({ key: jwk as import("node:crypto").JsonWebKey, format: "jwk" });
  const data = Buffer.from(`${protectedB64}.${payloadB64}`, "ascii");
  const sig =
    jwk.kty === "OKP"
      ? nodeSign(null, data, key)
      : nodeSign("sha256", data, { key, dsaEncoding: "ieee-p1363" });
  return sig.toString("base64url");
}

/**
 * Rebuilds an envelope with a modified header and/or manifest, re-signed with node:crypto so the
 * signature is valid: isolates the rule under test from the signature check.
 */
export function resign(
  frame: Uint8Array,
  edit: {
    header?: (h: Record<string, unknown>) => Record<string, unknown>;
    protectedText?: (text: string) => string;
    manifest?: (m: Record<string, unknown>) => Record<string, unknown>;
    manifestText?: (text: string) => string;
    body?: (b: Uint8Array) => Uint8Array;
    jws?: (j: Record<string, unknown>) => Record<string, unknown>;
  },
  key: JsonWebKey,
): Uint8Array {
  const { jws, body } = splitFrame(frame);
  const parsed = JSON.parse(jws);
  const manifestText0 = unb64u(parsed.payload).toString("utf8");
  let manifestText = edit.manifest
    ? JSON.stringify(edit.manifest(JSON.parse(manifestText0)))
    : manifestText0;
  if (edit.manifestText) manifestText = edit.manifestText(manifestText);
  const payloadB64 = b64u(manifestText);
  const header0 = JSON.parse(unb64u(parsed.signatures[0].protected).toString("utf8"));
  let protectedText = JSON.stringify(edit.header ? edit.header(header0) : header0);
  if (edit.protectedText) protectedText = edit.protectedText(protectedText);
  const protectedB64 = b64u(protectedText);
  const signature = nodeSignJws(protectedB64, payloadB64, key);
  let out: Record<string, unknown> = {
    payload: payloadB64,
    signatures: [{ protected: protectedB64, signature }],
  };
  if (edit.jws) out = edit.jws(out);
  return joinFrame(JSON.stringify(out), edit.body ? edit.body(body) : body);
}
