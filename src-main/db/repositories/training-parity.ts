/**
 * Parity data of a trained potential (migration 4): reference vs predicted values on every
 * configuration of its training-set version, as typed-array BLOBs (one row per potential).
 * Energies per atom eV/atom; force components eV/Å, 3 per atom, only for configurations with
 * reference forces (forceAtoms[k] = natoms or 0); stresses GPa, 6 Voigt components per
 * configuration (xx yy zz yz xz xy, compressive positive), NaN where there is no reference stress.
 */
import { blobToFloat64, blobToInt32, float64ToBlob, int32ToBlob } from '../blobs.js'
import type { Db } from '../connection.js'

export interface ParityArrays {
  configurationIds: Int32Array
  /** 0 = training, 1 = validation. */
  split: Int32Array
  natoms: Int32Array
  forceAtoms: Int32Array
  energyRef: Float64Array
  energyPred: Float64Array
  forceRef: Float64Array
  forcePred: Float64Array
  stressRef: Float64Array
  stressPred: Float64Array
}

/** Throws when the arrays do not have matching lengths (a programming error). */
export function checkParity(p: ParityArrays): void {
  const n = p.configurationIds.length
  const forces = 3 * p.forceAtoms.reduce((a, b) => a + b, 0)
  const lengths: [string, number, number][] = [
    ['split', p.split.length, n],
    ['natoms', p.natoms.length, n],
    ['forceAtoms', p.forceAtoms.length, n],
    ['energyRef', p.energyRef.length, n],
    ['energyPred', p.energyPred.length, n],
    ['forceRef', p.forceRef.length, forces],
    ['forcePred', p.forcePred.length, forces],
    ['stressRef', p.stressRef.length, 6 * n],
    ['stressPred', p.stressPred.length, 6 * n],
  ]
  for (const [name, got, want] of lengths) if (got !== want) throw new Error(`parity ${name}: ${got} values, expected ${want}`)
}

export function writeParity(db: Db, potentialId: number, runId: number, p: ParityArrays): void {
  checkParity(p)
  db.prepare(
    `INSERT INTO training_parity (potential_id, run_id, configuration_ids, split, natoms, force_atoms, energy_ref, energy_pred, force_ref, force_pred, stress_ref, stress_pred)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    potentialId,
    runId,
    int32ToBlob(p.configurationIds),
    int32ToBlob(p.split),
    int32ToBlob(p.natoms),
    int32ToBlob(p.forceAtoms),
    float64ToBlob(p.energyRef),
    float64ToBlob(p.energyPred),
    float64ToBlob(p.forceRef),
    float64ToBlob(p.forcePred),
    float64ToBlob(p.stressRef),
    float64ToBlob(p.stressPred),
  )
}

interface ParityRow {
  configuration_ids: Buffer
  split: Buffer
  natoms: Buffer
  force_atoms: Buffer
  energy_ref: Buffer
  energy_pred: Buffer
  force_ref: Buffer
  force_pred: Buffer
  stress_ref: Buffer
  stress_pred: Buffer
}

export function readParity(db: Db, potentialId: number): ParityArrays | undefined {
  const r = db.prepare('SELECT * FROM training_parity WHERE potential_id = ?').get(potentialId) as ParityRow | undefined
  if (!r) return undefined
  return {
    configurationIds: blobToInt32(r.configuration_ids),
    split: blobToInt32(r.split),
    natoms: blobToInt32(r.natoms),
    forceAtoms: blobToInt32(r.force_atoms),
    energyRef: blobToFloat64(r.energy_ref),
    energyPred: blobToFloat64(r.energy_pred),
    forceRef: blobToFloat64(r.force_ref),
    forcePred: blobToFloat64(r.force_pred),
    stressRef: blobToFloat64(r.stress_ref),
    stressPred: blobToFloat64(r.stress_pred),
  }
}
