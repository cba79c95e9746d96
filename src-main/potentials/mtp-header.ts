/**
 * The header of an MLIP .mtp file (MLIP_FORMATS.md §2): species count, radial basis (min/max
 * distance in Å, basis size, function count), the number of scalar basis functions, and whether
 * it carries trained coefficients. Parameter count n = C²·K·R + C + m (C species, K radial
 * functions, R basis size, m basis functions), as MLIP counts them.
 */
export interface MtpHeader {
  potentialName: string
  speciesCount: number
  minDist: number
  maxDist: number
  radialBasisSize: number
  radialFuncsCount: number
  basisFunctions: number
  parameters: number
  trained: boolean
}

export function parseMtpHeader(text: string, name = 'potential.mtp'): MtpHeader {
  const value = (key: string): string => {
    const m = new RegExp(`^\\s*${key}\\s*=\\s*(.*)$`, 'm').exec(text)
    if (!m) throw new Error(`${name}: no ${key} (is it an MLIP .mtp file?)`)
    return m[1].trim()
  }
  const num = (key: string): number => {
    const x = Number(value(key))
    if (!Number.isFinite(x)) throw new Error(`${name}: ${key} is not a number`)
    return x
  }
  if (!/^\s*MTP\b/.test(text)) throw new Error(`${name}: does not start with "MTP" (not an MLIP .mtp file)`)
  const speciesCount = num('species_count')
  const radialFuncsCount = num('radial_funcs_count')
  const radialBasisSize = num('radial_basis_size')
  const basisFunctions = num('alpha_scalar_moments')
  return {
    potentialName: value('potential_name'),
    speciesCount,
    minDist: num('min_dist'),
    maxDist: num('max_dist'),
    radialBasisSize,
    radialFuncsCount,
    basisFunctions,
    parameters: speciesCount * speciesCount * radialFuncsCount * radialBasisSize + speciesCount + basisFunctions,
    trained: /^\s*moment_coeffs\s*=/m.test(text),
  }
}
