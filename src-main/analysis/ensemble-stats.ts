/**
 * Spread of a quantity over an ensemble of potentials: mean, sample standard deviation (n − 1)
 * and the 95 % interval mean ± 1.96·σ (normal approximation, the convention of the MLIP paper's
 * "value ± interval"); min and max as they are.
 */
export interface EnsembleSummary {
  n: number
  mean: number
  std: number
  /** Half-width of the 95 % interval: 1.96·σ. */
  halfWidth95: number
  lo95: number
  hi95: number
  min: number
  max: number
}

export function ensembleSummary(values: readonly number[]): EnsembleSummary {
  const n = values.length
  if (n === 0) throw new Error('ensembleSummary: no values')
  const mean = values.reduce((a, b) => a + b, 0) / n
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0
  const halfWidth95 = 1.96 * std
  return { n, mean, std, halfWidth95, lo95: mean - halfWidth95, hi95: mean + halfWidth95, min: Math.min(...values), max: Math.max(...values) }
}
