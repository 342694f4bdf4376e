/**
 * HMAC-SHA256 (RFC 2104; SHA-256 per FIPS 180-4) for many short messages under one key.
 *
 * The compressions of `K ⊕ ipad` and `K ⊕ opad` (RFC 2104 §2, steps 1–2 and 5) are computed once
 * per key; each MAC then costs one compression per 64-byte block of `64 + len + 9` bytes of inner
 * input (one block for messages of up to 55 bytes) plus exactly one for the outer hash, whose
 * block is written as words straight from the inner state. Nothing is allocated per call.
 *
 * Checked against RFC 4231, Wycheproof `hmac_sha256_test.json`, `@noble/hashes/hmac` and
 * `node:crypto` (tests only) in test/hmac-sha256.test.ts.
 *
 * Timing: constant-time with respect to the key; the running time depends on the message length,
 * which is not secret here (the message is a normalized identifier whose length the pseudonym
 * does not reveal, but a local observer of timing could learn it).
 */
import { sha256 } from "@noble/hashes/sha2.js";

/** FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** FIPS 180-4 §5.3.3: initial hash value H(0). */
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * FIPS 180-4 §6.2.2: one compression of the 16 words already in `w[0..15]` into `h`. `w` must have
 * room for 64 words (the message schedule is expanded in place).
 */
function compress(h: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (s1 + w[t - 7]! + s0 + w[t - 16]!) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

/** Loads 16 big-endian words from `bytes[off..off+64)` into `w[0..15]`. */
function loadBlock(w: Int32Array, bytes: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) {
    w[i] = (bytes[off]! << 24) | (bytes[off + 1]! << 16) | (bytes[off + 2]! << 8) | bytes[off + 3]!;
  }
}

/**
 * HMAC-SHA256 under one fixed key. Not safe for concurrent use from re-entrant code (it reuses
 * scratch buffers), which JavaScript's single thread makes a non-issue within one realm.
 */
export class KeyedHmacSha256 {
  readonly #inner = new Int32Array(8);
  readonly #outer = new Int32Array(8);
  readonly #h = new Int32Array(8);
  readonly #w = new Int32Array(64);

  /** @param key - Any length (RFC 2104: keys longer than 64 bytes are hashed first). */
  constructor(key: Uint8Array) {
    const k = key.length > 64 ? sha256(key) : key;
    const block = new Uint8Array(64);
    block.set(k);
    for (let i = 0; i < 64; i++) block[i]! ^= 0x36;
    this.#inner.set(IV);
    loadBlock(this.#w, block, 0);
    compress(this.#inner, this.#w);
    for (let i = 0; i < 64; i++) block[i]! ^= 0x36 ^ 0x5c;
    this.#outer.set(IV);
    loadBlock(this.#w, block, 0);
    compress(this.#outer, this.#w);
    block.fill(0);
    this.#w.fill(0);
  }

  /**
   * Writes HMAC(key, msg[0..len)) into `out[outOff..outOff+32)`.
   *
   * @param msg - Message bytes (only the first `len` are read).
   * @param len - Message length in bytes.
   * @param out - Destination with room for 32 bytes at `outOff`.
   */
  macInto(msg: Uint8Array, len: number, out: Uint8Array, outOff = 0): void {
    const h = this.#h;
    const w = this.#w;
    h.set(this.#inner);
    // Inner hash of (K ⊕ ipad) ‖ msg: the first block is already compressed.
    let off = 0;
    for (; off + 64 <= len; off += 64) {
      loadBlock(w, msg, off);
      compress(h, w);
    }
    // Final block(s): remaining bytes, 0x80, zeros, 64-bit big-endian bit length of 64 + len bytes.
    const rem = len - off;
    w.fill(0, 0, 16);
    for (let i = 0; i < rem; i++) w[i >> 2]! |= msg[off + i]! << (24 - ((i & 3) << 3));
    w[rem >> 2]! |= 0x80 << (24 - ((rem & 3) << 3));
    if (rem >= 56) {
      compress(h, w);
      w.fill(0, 0, 16);
    }
    const bits = (64 + len) * 8;
    w[14] = Math.floor(bits / 0x100000000) | 0;
    w[15] = bits | 0;
    compress(h, w);
    // Outer hash of (K ⊕ opad) ‖ inner digest: one block, 32 bytes of digest then padding.
    for (let i = 0; i < 8; i++) w[i] = h[i]!;
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = (64 + 32) * 8;
    h.set(this.#outer);
    compress(h, w);
    for (let i = 0; i < 8; i++) {
      const v = h[i]!;
      out[outOff++] = v >>> 24;
      out[outOff++] = (v >>> 16) & 0xff;
      out[outOff++] = (v >>> 8) & 0xff;
      out[outOff++] = v & 0xff;
    }
  }

  /** HMAC(key, msg) as a new 32-byte array. */
  mac(msg: Uint8Array): Uint8Array {
    const out = new Uint8Array(32);
    this.macInto(msg, msg.length, out);
    return out;
  }

  /** Overwrites the keyed states. The instance must not be used afterwards. */
  destroy(): void {
    this.#inner.fill(0);
    this.#outer.fill(0);
    this.#h.fill(0);
    this.#w.fill(0);
  }
}
