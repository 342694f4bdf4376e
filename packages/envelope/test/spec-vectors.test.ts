/**
 * Runs the published open() vectors (spec/test-vectors/envelope/open.json) — the same file
 * implementations in other languages run — against this implementation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatPath } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import { createTrustStore, MemoryReplayStore, type OpenOptions, safeOpen } from "../src/index.js";
import type { Vector } from "./_cases.js";

const file = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../../spec/test-vectors/envelope/open.json"), "utf8"),
) as { description: string; vectors: Vector[] };

describe("spec/test-vectors/envelope/open.json", () => {
  it("has the published layout and covers every envelope rejection code", () => {
    expect(typeof file.description).toBe("string");
    expect(file.vectors.length).toBeGreaterThan(50);
    for (const v of file.vectors) {
      expect(typeof v.description).toBe("string");
      expect((v.output === undefined) !== (v.errors === undefined)).toBe(true);
    }
    const codes = new Set(file.vectors.flatMap((v) => (v.errors ?? []).map((e) => e.code)));
    for (const code of [
      "ERR_ENVELOPE_MALFORMED",
      "ERR_ENVELOPE_VERSION_UNSUPPORTED",
      "ERR_ENVELOPE_TYPE_MISMATCH",
      "ERR_ENVELOPE_HEADER_INVALID",
      "ERR_ENVELOPE_CRIT_UNSUPPORTED",
      "ERR_ENVELOPE_EMBEDDED_KEY",
      "ERR_ENVELOPE_ALG_NOT_ALLOWED",
      "ERR_ENVELOPE_MANIFEST_INVALID",
      "ERR_ENVELOPE_SIGNER_UNKNOWN",
      "ERR_ENVELOPE_KEY_NOT_VALID",
      "ERR_ENVELOPE_KEY_REVOKED",
      "ERR_ENVELOPE_SIGNATURE_INVALID",
      "ERR_ENVELOPE_SIGNATURE_MISSING",
      "ERR_ENVELOPE_SIGNER_DUPLICATE",
      "ERR_ENVELOPE_AUDIENCE_MISMATCH",
      "ERR_ENVELOPE_NOT_YET_VALID",
      "ERR_ENVELOPE_EXPIRED",
      "ERR_ENVELOPE_LIFETIME_INVALID",
      "ERR_ENVELOPE_REPLAYED",
      "ERR_ENVELOPE_DIGEST_MISMATCH",
      "ERR_ENVELOPE_COUNT_MISMATCH",
      "ERR_ENVELOPE_DECRYPTION_FAILED",
      "ERR_ENVELOPE_NOT_ENCRYPTED",
      "ERR_ENVELOPE_BASE64URL_INVALID",
      "ERR_ENVELOPE_JSON_INVALID",
      "ERR_ENVELOPE_MSGPACK_INVALID",
      "ERR_ENVELOPE_DUPLICATE_KEY",
      "ERR_ENVELOPE_FORBIDDEN_KEY",
      "ERR_LIMIT_EXCEEDED",
      "ERR_RECORD_INVALID",
      "ERR_SCHEMA_VERSION_UNSUPPORTED",
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  for (const v of file.vectors) {
    it(v.description, async () => {
      const i = v.input;
      const replay = new MemoryReplayStore({ now: i.now * 1000 });
      for (const [iss, jti, exp] of i.replay ?? []) replay.put(iss, jti, exp);
      const options: OpenOptions = {
        trust: createTrustStore(i.trust),
        replay,
        recipient: i.recipient,
        now: i.now * 1000,
        ...(i.decryptionKeys ? { decryptionKeys: i.decryptionKeys } : {}),
        ...(i.requiredSigners ? { requiredSigners: i.requiredSigners } : {}),
        ...(i.requireEncryption ? { requireEncryption: true } : {}),
        ...(i.clockSkew !== undefined ? { clockSkew: i.clockSkew } : {}),
        ...(i.maxLifetime !== undefined ? { maxLifetime: i.maxLifetime } : {}),
        ...(i.limits ? { limits: i.limits } : {}),
      };
      const result = await safeOpen(new Uint8Array(Buffer.from(i.envelope, "base64url")), options);
      if (v.errors) {
        expect(result.success).toBe(false);
        if (result.success) return;
        expect(result.failures.map((f) => f.code)).toEqual(v.errors.map((e) => e.code));
        v.errors.forEach((e, n) => {
          if (e.path !== undefined) expect(formatPath(result.failures[n]!.path)).toBe(e.path);
        });
      } else {
        if (!result.success) expect(result.failures).toEqual([]);
        expect(result.success).toBe(true);
        if (!result.success) return;
        expect(result.data.payloadDigest).toBe(v.output!.payloadDigest);
        expect(result.data.manifest).toEqual(v.output!.manifest);
        expect(result.data.records).toEqual(v.output!.records);
      }
    });
  }
});
