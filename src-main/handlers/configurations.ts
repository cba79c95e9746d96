import type { Studio } from '../app/studio.js'
import type { ConfigurationDetail } from '../contract/entities.js'
import { AppError } from '../contract/errors.js'
import { countConfigurations, getConfiguration, listConfigurations } from '../db/repositories/configurations.js'
import type { HandlerGroup } from './types.js'

type Vec3 = [number, number, number]

function triples(a: Float64Array): Vec3[] {
  const out: Vec3[] = []
  for (let i = 0; i + 2 < a.length; i += 3) out.push([a[i], a[i + 1], a[i + 2]])
  return out
}

export const configurationHandlers = (studio: Studio): HandlerGroup<'configurations'> => ({
  'configurations/list': ({ offset, limit, formula }) => {
    const { db } = studio.requireProject()
    const items = listConfigurations(db, { offset, limit, formula }).map((r) => ({
      ...r,
      energyPerAtom: r.energy === null || r.natoms === 0 ? null : r.energy / r.natoms,
    }))
    return { total: countConfigurations(db, { formula }), items }
  },

  'configurations/get': ({ id }) => {
    const c = getConfiguration(studio.requireProject().db, id)
    if (!c) throw new AppError('not_found', `no configuration ${id}`)
    const detail: ConfigurationDetail = {
      id: c.id,
      natoms: c.natoms,
      formula: c.formula,
      energy: c.energy,
      energyPerAtom: c.energy === null || c.natoms === 0 ? null : c.energy / c.natoms,
      hasForces: c.forces !== null,
      hasVirial: c.virial !== null,
      sourceFile: c.sourceFile,
      sourceFrame: c.sourceFrame,
      label: c.label,
      cell: [c.cell[0], c.cell[1], c.cell[2]],
      species: c.species,
      positions: triples(c.positions),
      forces: c.forces ? triples(c.forces) : null,
      virial: c.virial ? Array.from(c.virial) : null,
      energyKind: c.energyKind,
      parser: c.parser,
      dftCode: c.dftCode,
      features: c.features,
    }
    return detail
  },
})
