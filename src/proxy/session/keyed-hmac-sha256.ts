import crypto from 'node:crypto';

/** SHA-256's block size, the B of RFC 2104 §2. */
const BLOCK_BYTES = 64;
/** The longest message that fits the inner hash's one final block: 64 − 0x80 byte − 8 length bytes. */
export const MAX_MESSAGE_BYTES = 55;

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
/** FIPS 180-4 §5.3.3: the initial hash value. */
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * HMAC-SHA256 under one key, for short ASCII messages signed many times a second (a session id
 * on every new visitor's answer, cache hits included). The key's inner and outer pads are
 * compressed once, here; a MAC is then the two compressions of its last blocks, in JS, with
 * nothing allocated but the result: a quarter of the cost of two calls into OpenSSL, which copy
 * their input and hash both pads again each time (docs/cluster.md has the figures). Checked
 * against node:crypto in its tests; SHA-256 has no secret-dependent branches or table lookups.
 */
export class KeyedHmacSha256 {
  /** The hash state after K ⊕ ipad, and after K ⊕ opad (RFC 2104 §2). */
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;
  readonly #state = new Int32Array(8);
  readonly #schedule = new Int32Array(64);
  readonly #digest = Buffer.alloc(32);

  /** A string key is UTF-8, as `crypto.createHmac` takes it. */
  constructor(key: string | Uint8Array) {
    let bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    // RFC 2104 §2: a key longer than the block is hashed first; shorter ones are zero-padded.
    if (bytes.length > BLOCK_BYTES) bytes = crypto.createHash('sha256').update(bytes).digest();
    this.#inner = this.#absorbPad(bytes, 0x36);
    this.#outer = this.#absorbPad(bytes, 0x5c);
  }

  /** HMAC-SHA256(key, message), base64url; the message is ASCII of at most 55 characters. */
  macBase64url(message: string): string {
    const length = message.length;
    if (length > MAX_MESSAGE_BYTES) {
      throw new RangeError(`KeyedHmacSha256: messages of at most ${MAX_MESSAGE_BYTES} characters`);
    }
    const w = this.#schedule;
    // The inner hash's last block, big-endian words: the message, 0x80, zeros, its length in bits
    // counting the pad block before it.
    w.fill(0, 0, 16);
    for (let i = 0; i < length; i++) {
      const code = message.charCodeAt(i);
      if (code > 0x7f) throw new RangeError('KeyedHmacSha256: messages are ASCII');
      w[i >> 2]! |= code << (24 - 8 * (i & 3));
    }
    w[length >> 2]! |= 0x80 << (24 - 8 * (length & 3));
    w[15] = (BLOCK_BYTES + length) * 8;
    const state = this.#state;
    state.set(this.#inner);
    compress(state, w);
    // The outer hash's last block: the inner digest, 0x80, zeros, (64 + 32) bytes in bits.
    w.set(state);
    w[8] = 0x80 << 24;
    w.fill(0, 9, 15);
    w[15] = (BLOCK_BYTES + 32) * 8;
    state.set(this.#outer);
    compress(state, w);
    const digest = this.#digest;
    for (let i = 0; i < 8; i++) {
      const word = state[i]!;
      digest[4 * i] = word >>> 24;
      digest[4 * i + 1] = word >>> 16;
      digest[4 * i + 2] = word >>> 8;
      digest[4 * i + 3] = word;
    }
    return digest.toString('base64url');
  }

  /** The state after compressing the one block K ⊕ pad. */
  #absorbPad(key: Uint8Array, pad: number): Int32Array {
    const w = this.#schedule;
    for (let i = 0; i < 16; i++) {
      let word = 0;
      for (let j = 0; j < 4; j++) word = (word << 8) | ((key[4 * i + j] ?? 0) ^ pad);
      w[i] = word;
    }
    const state = Int32Array.from(IV);
    compress(state, w);
    return state;
  }
}

/** FIPS 180-4 §6.2.2: one block (`w[0..15]`, overwritten with the message schedule) into `state`. */
function compress(state: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
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
