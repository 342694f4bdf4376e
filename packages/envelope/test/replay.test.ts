import { CorridorError } from "@corridor/errors";
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, type ReplayStore, safeOpen, seal } from "../src/index.js";
import { input, NOW, NOW_MS, openOptions, SENDER, signer } from "./_fixtures.js";

describe("MemoryReplayStore", () => {
  it("records (iss, jti) until it expires, and refuses a second put", () => {
    let now = NOW_MS;
    const store = new MemoryReplayStore({ now: () => now });
    expect(store.has("A.x", "j")).toBe(false);
    expect(store.put("A.x", "j", NOW + 10)).toBe(true);
    expect(store.has("A.x", "j")).toBe(true);
    expect(store.put("A.x", "j", NOW + 10)).toBe(false);
    expect(store.has("B.x", "j")).toBe(false); // keyed on the pair
    now = (NOW + 10) * 1000;
    expect(store.has("A.x", "j")).toBe(false);
    expect(store.put("A.x", "j", NOW + 20)).toBe(true);
  });

  it("keeps pairs apart that a naive concatenation would merge", () => {
    const store = new MemoryReplayStore({ now: NOW_MS });
    store.put("A.x", "bc", NOW + 10);
    expect(store.has("A.xb", "c")).toBe(false);
  });

  it("sweeps expired entries and fails closed when full", () => {
    let now = NOW_MS;
    const store = new MemoryReplayStore({ maxEntries: 2, now: () => now });
    store.put("A.x", "1", NOW + 5);
    store.put("A.x", "2", NOW + 50);
    expect(() => store.put("A.x", "3", NOW + 50)).toThrow(
      expect.objectContaining({ code: "ERR_REPLAY_STORE_FULL" }),
    );
    now = (NOW + 6) * 1000;
    expect(store.put("A.x", "3", NOW + 50)).toBe(true); // the expired entry made room
    expect(store.size).toBe(2);
    expect(() => new MemoryReplayStore({ maxEntries: 0 })).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARGUMENT" }),
    );
  });

  it("remembers an opened envelope until exp + clock skew", async () => {
    const store = new MemoryReplayStore({ now: NOW_MS });
    const sealed = await seal(input(), { signer, now: NOW_MS });
    expect((await safeOpen(sealed.envelope, openOptions({ replay: store }))).success).toBe(true);
    const later = new MemoryReplayStore({ now: (NOW + 86_400 + 299) * 1000 });
    later.put(SENDER, sealed.manifest.jti, NOW + 86_400 + 300);
    expect(later.has(SENDER, sealed.manifest.jti)).toBe(true);
  });

  it("lets only one of two concurrent opens of the same envelope through", async () => {
    const replay = new MemoryReplayStore({ now: NOW_MS });
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const results = await Promise.all(
      [1, 2, 3].map(() => safeOpen(sealed.envelope, openOptions({ replay }))),
    );
    expect(results.filter((r) => r.success)).toHaveLength(1);
    for (const r of results.filter((r) => !r.success)) {
      expect(r.success ? [] : r.failures.map((f) => f.code)).toEqual(["ERR_ENVELOPE_REPLAYED"]);
    }
  });

  it("reports a full store as a failed replay check instead of throwing", async () => {
    const full: ReplayStore = {
      has: () => false,
      put: () => {
        throw new CorridorError("ERR_REPLAY_STORE_FULL", "full");
      },
    };
    const sealed = await seal(input(), { signer, now: NOW_MS });
    const result = await safeOpen(sealed.envelope, openOptions({ replay: full }));
    expect(result.success ? [] : result.failures.map((f) => [f.check, f.code])).toEqual([
      ["replay", "ERR_REPLAY_STORE_FULL"],
    ]);
  });

  it("works with an asynchronous store", async () => {
    const seen = new Set<string>();
    const asyncStore: ReplayStore = {
      has: async (iss, jti) => seen.has(`${iss} ${jti}`),
      put: async (iss, jti) => {
        const k = `${iss} ${jti}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      },
    };
    const sealed = await seal(input(), { signer, now: NOW_MS });
    expect((await safeOpen(sealed.envelope, openOptions({ replay: asyncStore }))).success).toBe(
      true,
    );
    expect((await safeOpen(sealed.envelope, openOptions({ replay: asyncStore }))).success).toBe(
      false,
    );
  });
});
