/** The parity view of one potential of a run, with each configuration's group read from the project. */
import { AppError } from '../contract/errors.js'
import type { ParityDataView } from '../contract/training.js'
import type { Db } from '../db/connection.js'
import { potentialsOfRun } from '../db/repositories/potentials.js'
import { readParity } from '../db/repositories/training-parity.js'
import { parityView } from './parity.js'
import { GROUP_SQL } from './work-files.js'

export function trainingParity(db: Db, runId: number, potentialId?: number): ParityDataView {
  const potentials = potentialsOfRun(db, runId)
  const potential = potentialId === undefined ? potentials[0] : potentials.find((p) => p.id === potentialId)
  if (!potential) throw new AppError('not_found', potentialId === undefined ? `training run ${runId} has no potentials` : `potential ${potentialId} is not from training run ${runId}`)
  const arrays = readParity(db, potential.id)
  if (!arrays) throw new AppError('not_found', `potential ${potential.id} has no parity data (its evaluation was skipped)`)
  const rows = db
    .prepare(`SELECT c.id, ${GROUP_SQL} AS g FROM configurations c WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(Array.from(arrays.configurationIds))) as { id: number; g: string }[]
  const group = new Map(rows.map((r) => [r.id, r.g]))
  return parityView(potential.id, arrays, Array.from(arrays.configurationIds, (id) => group.get(id) ?? 'deleted'))
}
