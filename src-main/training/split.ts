/**
 * The validation split of a training run: a seeded shuffle, so a run (and its restart) holds out
 * exactly the same configurations. round(fraction·n) configurations are held out, but at least
 * one is kept for training.
 */
import { seededRandom } from '../app/seeded-random.js'

/** Per member (in the given order): true when held out for validation. */
export function validationMask(count: number, fraction: number, seed: number): boolean[] {
  const held = Math.min(Math.max(count - 1, 0), Math.round(fraction * count))
  const order = Array.from({ length: count }, (_, i) => i)
  const random = seededRandom(seed ^ 0x5eed)
  // Fisher–Yates; the first `held` indices of the shuffled order are the validation set.
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const mask = new Array<boolean>(count).fill(false)
  for (let k = 0; k < held; k++) mask[order[k]] = true
  return mask
}
