import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseMtpHeader } from '../../../src-main/potentials/mtp-header'

const MO = fileURLToPath(new URL('../../../../shared/data/mlearn/Mo/mtp.2020.01/fitted.mtp', import.meta.url))

describe('parseMtpHeader', () => {
  it('reads the trained mlearn Mo potential (5 radial functions of 8 Chebyshev polynomials)', () => {
    const h = parseMtpHeader(readFileSync(MO, 'utf8'), MO)
    expect(h).toMatchObject({ speciesCount: 1, minDist: 1.8829, maxDist: 5.2, radialBasisSize: 8, radialFuncsCount: 5, trained: true })
    // n = C²·K·R + C + m with m = alpha_scalar_moments.
    expect(h.parameters).toBe(1 * 5 * 8 + 1 + h.basisFunctions)
  })

  it('tells an untrained template and rejects what is not an .mtp', () => {
    const text = ['MTP', 'version = 1.1.0', 'potential_name = MTP1m', 'species_count = 2', 'potential_tag = ', 'radial_basis_type = RBChebyshev',
      '\tmin_dist = 2', '\tmax_dist = 5', '\tradial_basis_size = 8', '\tradial_funcs_count = 4', 'alpha_scalar_moments = 92'].join('\n')
    const h = parseMtpHeader(text)
    expect(h.trained).toBe(false)
    expect(h.parameters).toBe(222)
    expect(() => parseMtpHeader('BEGIN_CFG\n')).toThrow(/not an MLIP .mtp/)
    expect(() => parseMtpHeader('MTP\nspecies_count = 1\n', 'x.mtp')).toThrow(/x.mtp: no radial_funcs_count/)
  })
})
