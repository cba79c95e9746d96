/**
 * The few header values of an MLIP .mtp file (MLIP_FORMATS.md) that the potentials table keeps in
 * columns: species count, radial basis min/max distance (Å), basis size and radial function count.
 */
export interface MtpHeader {
  speciesCount: number | null
  minDist: number | null
  maxDist: number | null
  radialBasisSize: number | null
  radialFuncsCount: number | null
}

function value(text: string, key: string): number | null {
  const m = new RegExp(`^\\s*${key}\\s*=\\s*(\\S+)`, 'm').exec(text)
  const v = m ? Number(m[1]) : NaN
  return Number.isFinite(v) ? v : null
}

export function mtpHeader(text: string): MtpHeader {
  return {
    speciesCount: value(text, 'species_count'),
    minDist: value(text, 'min_dist'),
    maxDist: value(text, 'max_dist'),
    radialBasisSize: value(text, 'radial_basis_size'),
    radialFuncsCount: value(text, 'radial_funcs_count'),
  }
}
