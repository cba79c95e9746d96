import { describe, expect, it } from 'vitest'
import { suggestFromShapes, type SetShape } from '../../../src-main/training/suggest'

const cube = (a: number) => [a, 0, 0, 0, a, 0, 0, 0, a]
const none = [0, 0, 0, 0, 0, 0, 0, 0, 0]
const shape = (natoms: number, cell: number[], ...names: (string | null)[]): SetShape => ({ natoms, cell, names })

describe('weighting suggestion', () => {
  it('molecules without a cell', () => {
    const s = suggestFromShapes([shape(3, none), shape(12, none), shape(54, cube(10))])
    expect(s).toMatchObject({ weighting: 'molecules', nonPeriodic: 2 })
    expect(s.reason).toMatch(/2 of 3 .*no periodic cell/)
  })

  it('vibrations for MD snapshots, named or repeated cells', () => {
    expect(suggestFromShapes([shape(54, cube(9.5), 'AIMD-NVT'), shape(54, cube(9.6), 'AIMD-NVT'), shape(2, cube(3.1), 'Elastic')]).weighting).toBe('vibrations')
    const repeated = Array.from({ length: 6 }, () => shape(32, cube(8)))
    expect(suggestFromShapes([...repeated, shape(2, cube(3)), shape(4, cube(4))])).toMatchObject({ weighting: 'vibrations', mdLike: 6 })
    expect(suggestFromShapes([shape(8, cube(5), null, 'run.xdatcar')]).weighting).toBe('vibrations')
  })

  it('structures for mixed cell sizes, the default otherwise', () => {
    expect(suggestFromShapes([shape(2, cube(3)), shape(16, cube(6)), shape(54, cube(9))])).toMatchObject({ weighting: 'structures', minAtoms: 2, maxAtoms: 54 })
    expect(suggestFromShapes([shape(54, cube(9)), shape(53, cube(9.1))]).weighting).toBe('vibrations')
    // "md" inside a word (e.g. "Amdahl") is not a sign of molecular dynamics.
    expect(suggestFromShapes([shape(2, cube(3), 'Amdahl'), shape(16, cube(6))]).weighting).toBe('structures')
  })
})
