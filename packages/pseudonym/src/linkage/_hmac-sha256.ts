/**
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) specialised for many short messages under one key.
 *
 * The keyed inner and outer states (the compression of `key ⊕ ipad` and `key ⊕ opad`) are computed
 * once; each MAC then costs one compression per 64-byte block of the message (one for a q-gram)
 * plus one for the outer hash, with no allocation. The result is ordinary HMAC-SHA256: the tests
 * check it against `@noble/hashes/hmac` and the linkage vectors against Python's `hmac` module.
 *
 * Not constant-time with respect to the message length (it is with respect to the key); message
 * lengths are not secret here.
 */
import { sha256 } from "@noble/hashes/sha2.js";

/** FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
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

/** FIPS 180-4 §5.3.3: initial hash value. */
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * FIPS 180-4 §6.2.2: one compression of the 16 words `w[0..15]` into `state`. The message schedule
 * is kept in a 16-word ring (w is overwritten).
 */
function compress(state: Int32Array, w: Int32Array): void {
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    let wt: number;
    if (t < 16) wt = w[t]!;
    else {
      const x = w[(t - 15) & 15]!;
      const y = w[(t - 2) & 15]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      wt = (w[t & 15]! + s0 + w[(t - 7) & 15]! + s1) | 0;
      w[t & 15] = wt;
    }
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[t]! + wt) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + S0 + maj) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** HMAC-SHA256 under one fixed key, with the keyed states precomputed. */
export class KeyedHmacSha256 {
  readonly #inner = new Int32Array(8);
  readonly #outer = new Int32Array(8);
  readonly #state = new Int32Array(8);
  readonly #w = new Int32Array(16);

  constructor(key: Uint8Array) {
    // RFC 2104 §2: keys longer than the block are hashed first, shorter ones zero-padded.
    const k = new Uint8Array(64);
    k.set(key.length > 64 ? sha256(key) : key);
    const w = this.#w;
    for (const [pad, target] of [
      [0x36, this.#inner],
      [0x5c, this.#outer],
    ] as const) {
      for (let i = 0; i < 16; i++) {
        w[i] =
          ((k[4 * i]! ^ pad) << 24) |
          ((k[4 * i + 1]! ^ pad) << 16) |
          ((k[4 * i + 2]! ^ pad) << 8) |
          (k[4 * i + 3]! ^ pad);
      }
      target.set(IV);
      compress(target, w);
    }
    k.fill(0);
  }

  /**
   * Writes HMAC-SHA256(key, msg[0..len)) into `out` as 8 big-endian 32-bit words (word 0 holds
   * digest bytes 0..3).
   */
  macInto(msg: Uint8Array, len: number, out: Int32Array): void {
    const st = this.#state;
    const w = this.#w;
    st.set(this.#inner);
    let pos = 0;
    // Full 64-byte blocks of the message.
    while (len - pos >= 64) {
      for (let i = 0; i < 16; i++, pos += 4) {
        w[i] = (msg[pos]! << 24) | (msg[pos + 1]! << 16) | (msg[pos + 2]! << 8) | msg[pos + 3]!;
      }
      compress(st, w);
    }
    // Last partial block, the 0x80 byte and the bit length (64-byte key block + message).
    w.fill(0, 0, 16);
    const rest = len - pos;
    for (let i = 0; i < rest; i++) w[i >>> 2]! |= msg[pos + i]! << (24 - 8 * (i & 3));
    w[rest >>> 2]! |= 0x80 << (24 - 8 * (rest & 3));
    const bits = (64 + len) * 8;
    if (rest >= 56) {
      compress(st, w);
      w.fill(0, 0, 16);
    }
    w[14] = Math.floor(bits / 0x100000000);
    w[15] = bits >>> 0;
    compress(st, w);
    // Outer hash: one block holding the 32-byte inner digest, 0x80, and 768 bits.
    for (let i = 0; i < 8; i++) w[i] = st[i]!;
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = (64 + 32) * 8;
    st.set(this.#outer);
    compress(st, w);
    out.set(st);
  }

  /** HMAC-SHA256(key, msg) as 32 bytes (convenience for key streams and tests). */
  mac(msg: Uint8Array): Uint8Array {
    const words = new Int32Array(8);
    this.macInto(msg, msg.length, words);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = words[i]!;
      out[4 * i] = v >>> 24;
      out[4 * i + 1] = (v >>> 16) & 0xff;
      out[4 * i + 2] = (v >>> 8) & 0xff;
      out[4 * i + 3] = v & 0xff;
    }
    return out;
  }
}
