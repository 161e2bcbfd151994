// Deterministic randomness for the seed: the same ticket id always gets the same ticket, so the
// seed can be generated in any order, in parallel, and the bench can tell what a ticket is like
// without reading it.

export type Random = () => number;

/** mulberry32: a small, fast 32-bit generator; uniform in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-mixed 32-bit seed from a number and a stream label (murmur3's finaliser). */
export function seedOf(id: number, stream: number): number {
  let h = Math.imul(id ^ Math.imul(stream, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** An index into `weights` chosen with probability proportional to its weight. */
export function weighted(random: Random, weights: readonly number[]): number {
  let roll = random() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < weights.length; i++) if ((roll -= weights[i]) < 0) return i;
  return weights.length - 1;
}

export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * Ranks 0..n-1 drawn with Zipf's law, as in natural text: the first word is in nearly every
 * ticket, the last in a few hundred of a million. The continuous form (density 1/x over
 * [1, n+1), so rank r has probability ln((r+2)/(r+1)) / ln(n+1)) costs one exp per draw and no
 * table that would miss the CPU cache.
 */
export class Zipf {
  private readonly logRange: number;

  constructor(readonly n: number) {
    this.logRange = Math.log(n + 1);
  }

  probability(rank: number): number {
    return Math.log((rank + 2) / (rank + 1)) / this.logRange;
  }

  draw(random: Random): number {
    return Math.min(this.n - 1, Math.floor(Math.exp(random() * this.logRange)) - 1);
  }
}
