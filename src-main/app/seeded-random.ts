/**
 * mulberry32: a small, fast 32-bit PRNG with a good spread, uniform in [0, 1) and deterministic
 * from the seed — for splits and samples that a rerun (or a restart after a crash) must repeat.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
