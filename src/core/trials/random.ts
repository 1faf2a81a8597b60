/**
 * Randomness as a parameter (STYLE: "clock and randomness are passed in"). The server derives a
 * stream from a 32-byte seed with HMAC-SHA256 in counter mode; tests pass the same construction, so
 * every allocation can be replayed from the seed (ADR 0024).
 */
export interface RandomSource {
  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number;
}

/** Keyed hash as the caller provides it (node:crypto's HMAC-SHA256 on the server): core stays pure. */
export type Hmac = (key: Uint8Array, message: string) => Uint8Array;

/**
 * A deterministic random stream: block i is HMAC(seed, `${label}:${i}`); each 53-bit draw takes
 * 8 bytes. Different labels give independent streams from one seed (one per stratum, one per
 * minimisation step).
 */
export function hmacStream(hmac: Hmac, seed: Uint8Array, label: string): RandomSource {
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let offset = 0;
  return {
    next() {
      if (offset + 8 > block.length) {
        block = hmac(seed, `${label}:${counter++}`);
        offset = 0;
      }
      let hi = 0;
      for (let i = 0; i < 4; i++) hi = hi * 256 + (block[offset + i] ?? 0);
      let lo = 0;
      for (let i = 4; i < 8; i++) lo = lo * 256 + (block[offset + i] ?? 0);
      offset += 8;
      // 27 high bits and 26 low bits make the 53 bits a double holds exactly.
      return (Math.floor(hi / 32) * 67108864 + Math.floor(lo / 64)) / 9007199254740992;
    },
  };
}

/** A uniform integer in [0, n). */
export function randomInt(random: RandomSource, n: number): number {
  return Math.min(n - 1, Math.floor(random.next() * n));
}

/** Picks an index with probability proportional to its weight. */
export function weightedIndex(random: RandomSource, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let u = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Fisher–Yates shuffle into a new array. */
export function shuffle<T>(random: RandomSource, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
