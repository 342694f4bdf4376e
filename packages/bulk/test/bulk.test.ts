import { CorridorError } from "@corridor/errors";
import { createPseudonymizer, deriveFieldKeys, safePseudonymizeRecord } from "@corridor/pseudonym";
import type { HeldRecord } from "@corridor/schema";
import { arbHeldRecord } from "@corridor/schema/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createPseudonymizationPool,
  pseudonymizeNdjsonStream,
  pseudonymizeRecordStream,
  pseudonymizeRecordsParallel,
  safeCreatePseudonymizationPool,
  safePseudonymizeRecordsParallel,
} from "../src/index.js";

const secret = () => ({
  agreementId: "GRC-ITA-2025-07",
  epoch: 9,
  secret: Uint8Array.from({ length: 32 }, (_, i) => (i * 7) & 255),
});
const reference = createPseudonymizer(deriveFieldKeys(secret()));

const sample = fc.sample(arbHeldRecord(), { numRuns: 240, seed: 2025 });
const BAD_NAME = structuredClone(sample[0]!) as unknown as {
  person: { identifiers: Record<string, unknown> };
};
BAD_NAME.person.identifiers = { name: { given: "--" } };
/** Valid records with bad ones among them: not a record, an unnormalizable name, a function inside. */
const mixed: unknown[] = [
  ...sample.slice(0, 100),
  { bogus: true },
  BAD_NAME,
  ...sample.slice(100, 200),
  { ...sample[1]!, extra: () => 1 },
  ...sample.slice(200),
];

function expected(records: readonly unknown[]) {
  return records.map((r) => safePseudonymizeRecord(r as HeldRecord, reference));
}

describe("pseudonymizeRecordsParallel", () => {
  it.each([0, 1, 2])(
    "gives, with %i threads, exactly what pseudonymizeRecord gives, by index",
    async (threads) => {
      const { valid, invalid } = await pseudonymizeRecordsParallel(mixed, secret(), {
        threads,
        chunkSize: 37,
      });
      const want = expected(mixed);
      expect(valid.length + invalid.length).toBe(mixed.length);
      for (const { index, record } of valid) {
        const w = want[index]!;
        expect(w.success).toBe(true);
        if (w.success) expect(record).toEqual(w.data);
      }
      for (const { index, error } of invalid) {
        const w = want[index]!;
        expect(error).toBeInstanceOf(CorridorError);
        expect(w.success).toBe(false);
        if (!w.success) {
          expect(error.code).toBe(w.error.code);
          expect(error.path).toEqual(w.error.path);
        }
      }
      expect(invalid.map((i) => i.index)).toEqual([100, 101, 202]);
      expect(valid.map((v) => v.index)).toEqual(
        mixed.map((_, i) => i).filter((i) => ![100, 101, 202].includes(i)),
      );
    },
  );

  it("refuses a bad secret or bad options before any worker starts", async () => {
    const bad = await safePseudonymizeRecordsParallel(mixed, {
      ...secret(),
      secret: new Uint8Array(16),
    });
    expect(!bad.success && bad.error.code).toBe("ERR_PSEUDONYM_KEY_INVALID");
    const epoch = await safePseudonymizeRecordsParallel(mixed, secret(), { epoch: 10 });
    expect(!epoch.success && epoch.error.code).toBe("ERR_PSEUDONYM_EPOCH_MISMATCH");
    for (const options of [
      { threads: -1 },
      { threads: 1.5 },
      { chunkSize: 0 },
      { maxInFlight: 0 },
    ]) {
      const r = await safePseudonymizeRecordsParallel(mixed, secret(), options);
      expect(!r.success && r.error.code).toBe("ERR_INVALID_ARGUMENT");
    }
    const notArray = await safePseudonymizeRecordsParallel("x" as never, secret());
    expect(!notArray.success && notArray.error.code).toBe("ERR_INVALID_ARGUMENT");
    expect(safeCreatePseudonymizationPool({ ...secret(), epoch: -1 }).success).toBe(false);
  });

  it("does not change the caller's secret", async () => {
    const s = secret();
    const copy = s.secret.slice();
    await pseudonymizeRecordsParallel(sample.slice(0, 10), s, { threads: 1 });
    expect([...s.secret]).toEqual([...copy]);
  });
});

describe("pseudonymizeRecordStream", () => {
  it("reads an async source in order with bounded chunks in flight", async () => {
    let read = 0;
    async function* source() {
      for (const r of sample) {
        read++;
        yield r;
      }
    }
    const seen: number[] = [];
    for await (const out of pseudonymizeRecordStream(source(), secret(), {
      threads: 2,
      chunkSize: 10,
      maxInFlight: 2,
    })) {
      seen.push(out.index);
      // never more than maxInFlight chunks ahead of what has been yielded
      expect(read - out.index).toBeLessThanOrEqual(2 * 10 + 1);
    }
    expect(seen).toEqual(sample.map((_, i) => i));
  });

  it("stops the workers when the consumer stops early", async () => {
    let n = 0;
    for await (const out of pseudonymizeRecordStream(sample, secret(), {
      threads: 2,
      chunkSize: 8,
    })) {
      expect(out.index).toBe(n);
      if (++n === 20) break;
    }
    expect(n).toBe(20);
  });
});

describe("createPseudonymizationPool", () => {
  it("runs chunks concurrently and refuses work after close", async () => {
    const pool = createPseudonymizationPool(secret(), { threads: 2 });
    try {
      const [a, b] = await Promise.all([
        pool.run(sample.slice(0, 50)),
        pool.run(sample.slice(50, 100)),
      ]);
      expect([...a!, ...b!].map((o) => o.record ?? o.error)).toEqual(
        expected(sample.slice(0, 100)).map((r) => (r.success ? r.data : r.error)),
      );
    } finally {
      await pool.close();
    }
    await expect(pool.run(sample.slice(0, 1))).rejects.toMatchObject({
      code: "ERR_INVALID_ARGUMENT",
    });
  });
});

describe("pseudonymizeNdjsonStream", () => {
  it.each([0, 2])(
    "turns NDJSON lines into shared-record lines with %i threads, errors in place",
    async (threads) => {
      const lines = [
        ...sample.slice(0, 60).map((r) => JSON.stringify(r)),
        "{not json",
        JSON.stringify(BAD_NAME),
        ...sample.slice(60, 120).map((r) => JSON.stringify(r)),
      ];
      const want = lines.map((l) => {
        try {
          return safePseudonymizeRecord(JSON.parse(l) as HeldRecord, reference);
        } catch {
          return undefined;
        }
      });
      const seen: number[] = [];
      for await (const out of pseudonymizeNdjsonStream(lines, secret(), {
        threads,
        chunkSize: 16,
      })) {
        seen.push(out.index);
        const w = want[out.index];
        if (out.error === undefined) {
          expect(w?.success).toBe(true);
          if (w?.success) expect(out.line).toBe(JSON.stringify(w.data));
        } else if (w === undefined) {
          expect(out.error.code).toBe("ERR_RECORD_INVALID");
          expect(out.error.issues[0]?.reason).toBe("invalid_json");
        } else {
          expect(w.success).toBe(false);
          if (!w.success) expect(out.error.code).toBe(w.error.code);
        }
      }
      expect(seen).toEqual(lines.map((_, i) => i));
    },
  );
});
