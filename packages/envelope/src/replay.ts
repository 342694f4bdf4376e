import { fail, invalidArgument } from "./lib/fail.js";
import { type Clock, nowSeconds } from "./lib/time.js";

/**
 * Where a recipient remembers the envelopes it accepted, keyed on `(iss, jti)` — never on bytes,
 * so a re-serialized, re-encrypted or co-signed copy of an accepted envelope is still a replay
 * (spec/envelope.md §7.6). Implementations may be asynchronous (a database) or synchronous.
 *
 * `open` calls `has` while checking and `put` only after every check passed; `put` must be an
 * atomic insert-if-absent so that two concurrent opens of the same envelope cannot both succeed.
 */
export interface ReplayStore {
  /** True when `(iss, jti)` was recorded and has not expired yet. */
  has(iss: string, jti: string): boolean | Promise<boolean>;
  /**
   * Records `(iss, jti)` until `expiresAt` (seconds since the epoch). Returns false, recording
   * nothing, when the pair is already present; throws ERR_REPLAY_STORE_FULL when it cannot store.
   */
  put(iss: string, jti: string, expiresAt: number): boolean | Promise<boolean>;
}

/** Options of {@link MemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Most entries held at once (default 1,000,000); when full and nothing has expired, `put` fails closed. */
  readonly maxEntries?: number;
  /** Clock used to drop expired entries (default: system clock). */
  readonly now?: Clock;
}

/**
 * An in-memory {@link ReplayStore}: for tests, single-process services and short-lived tools.
 * Entries vanish with the process — use a persistent store (`@corridor/store`) wherever a restart
 * must not reopen the replay window.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore, open } from "@corridor/envelope";
 * const replay = new MemoryReplayStore({ maxEntries: 100_000 });
 * const opened = await open(bytes, { trust, replay, recipient: "DEU.bamf" });
 * ```
 */
export class MemoryReplayStore implements ReplayStore {
  readonly #entries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #now: Clock | undefined;

  constructor(options: MemoryReplayStoreOptions = {}) {
    const max = options.maxEntries ?? 1_000_000;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw invalidArgument(["maxEntries"], "expected a positive integer");
    }
    this.#maxEntries = max;
    this.#now = options.now;
  }

  /** Number of entries held (expired ones included until the next sweep). */
  get size(): number {
    return this.#entries.size;
  }

  has(iss: string, jti: string): boolean {
    const expiresAt = this.#entries.get(key(iss, jti));
    return expiresAt !== undefined && expiresAt > nowSeconds(this.#now);
  }

  put(iss: string, jti: string, expiresAt: number): boolean {
    const k = key(iss, jti);
    const now = nowSeconds(this.#now);
    const existing = this.#entries.get(k);
    if (existing !== undefined && existing > now) return false;
    if (existing === undefined && this.#entries.size >= this.#maxEntries) {
      this.sweep();
      if (this.#entries.size >= this.#maxEntries) {
        throw fail("ERR_REPLAY_STORE_FULL", "replay store: full, no entry has expired yet");
      }
    }
    this.#entries.set(k, expiresAt);
    return true;
  }

  /** Drops every expired entry; returns how many were dropped. */
  sweep(): number {
    const now = nowSeconds(this.#now);
    let dropped = 0;
    for (const [k, expiresAt] of this.#entries) {
      if (expiresAt <= now) {
        this.#entries.delete(k);
        dropped++;
      }
    }
    return dropped;
  }
}

/** An unambiguous key for the pair: JSON of the two strings. */
function key(iss: string, jti: string): string {
  return JSON.stringify([iss, jti]);
}
