/**
 * Runs the published stream vectors (spec/test-vectors/envelope/stream.json) — the same file
 * implementations in other languages run — against openStream in both delivery modes and
 * against verifyStream.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatPath } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import {
  createTrustStore,
  MemoryReplayStore,
  type OpenStreamOptions,
  safeVerifyStream,
} from "../src/index.js";
import { openAll } from "./_stream.js";
import type { StreamVector } from "./_stream-cases.js";

const file = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../../../spec/test-vectors/envelope/stream.json"),
    "utf8",
  ),
) as { description: string; vectors: StreamVector[] };

function optionsOf(v: StreamVector): OpenStreamOptions {
  const { input } = v;
  const replay = new MemoryReplayStore({ now: input.now * 1000 });
  for (const [iss, jti, exp] of input.replay ?? []) replay.put(iss, jti, exp);
  return {
    trust: createTrustStore(input.trust),
    replay,
    recipient: input.recipient,
    now: input.now * 1000,
    ...(input.decryptionKeys ? { decryptionKeys: input.decryptionKeys } : {}),
  };
}

const bytesOf = (v: StreamVector) => new Uint8Array(Buffer.from(v.input.stream, "base64url"));

describe("spec/test-vectors/envelope/stream.json", () => {
  it("has the published layout and covers every stream rejection code", () => {
    expect(typeof file.description).toBe("string");
    for (const v of file.vectors) {
      expect(typeof v.description).toBe("string");
      expect((v.output === undefined) !== (v.errors === undefined)).toBe(true);
    }
    const codes = new Set(file.vectors.flatMap((v) => (v.errors ?? []).map((e) => e.code)));
    for (const code of [
      "ERR_STREAM_MALFORMED",
      "ERR_STREAM_SEQUENCE",
      "ERR_STREAM_CHAIN_BROKEN",
      "ERR_STREAM_TRUNCATED",
      "ERR_STREAM_COUNT_MISMATCH",
      "ERR_STREAM_MIXED",
      "ERR_ENVELOPE_REPLAYED",
      "ERR_ENVELOPE_VERSION_UNSUPPORTED",
      "ERR_LIMIT_EXCEEDED",
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(file.vectors.filter((v) => v.output).length).toBeGreaterThanOrEqual(3);
  });

  for (const v of file.vectors) {
    it(v.description, async () => {
      const bytes = bytesOf(v);
      for (const deliver of ["after-verification", "as-verified"] as const) {
        const out = await openAll(() => bytes.slice(), { ...optionsOf(v), deliver });
        if (v.output) {
          expect(out.error, deliver).toBeUndefined();
          expect(out.summary).toMatchObject({
            id: v.output.id,
            chunks: v.output.chunks,
            total: v.output.total,
            digest: v.output.digest,
          });
          expect(out.records.map((r) => r.recordId)).toEqual(v.output.recordIds);
        } else {
          const expected = v.errors![0]!;
          expect(out.error?.code, deliver).toBe(expected.code);
          if (expected.path !== undefined)
            expect(formatPath(out.error?.path ?? []), deliver).toBe(expected.path);
          expect(out.complete).toBe("rejected");
          if (deliver === "after-verification") expect(out.records).toEqual([]);
        }
      }
      const checked = await safeVerifyStream(bytes, optionsOf(v));
      expect(checked.success).toBe(v.output !== undefined);
    });
  }
});
