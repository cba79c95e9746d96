/**
 * Writes a project with N synthetic Ag–Pd configurations, for scrolling and filtering tests of
 * the data page at 10^5–10^6 rows (the size DESIGN.md plans for). Run with tsx:
 *   tsx test/e2e/support/make-large-project.ts <project path> <count>
 * Prints one JSON line: { path, count, formulaCounts, equiatomic, seconds }, formulas written as the
 * project writes them (species in the project's order, which follows first appearance).
 *
 * Each configuration is a 4-atom fcc cell (a = 4.0 Å) with a random Ag/Pd occupation, atoms
 * displaced by up to 0.05 Å, an energy of −2.8 eV per Ag and −3.9 eV per Pd plus up to ±0.02 eV per
 * atom, and forces of up to 0.1 eV/Å: plausible magnitudes, not physics. A fixed seed makes the
 * file the same on every run, so tests may rely on the formula counts.
 */
import { countConfigurations, formulaOf, insertConfigurations } from '../../../src-main/db/repositories/configurations.js'
import { speciesList } from '../../../src-main/db/repositories/species.js'
import type { ParsedStructure, ParserName } from '../../../src-main/io/types.js'
import { Project } from '../../../src-main/projects/project.js'
import { seededRandom as random } from '../../../src-main/app/seeded-random.js'

const lattice = 4.0
const basis = [
  [0, 0, 0],
  [0.5, 0.5, 0],
  [0.5, 0, 0.5],
  [0, 0.5, 0.5],
]

function main(): void {
  const [path, countText] = process.argv.slice(2)
  const count = Number(countText)
  if (!path || !Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: make-large-project.ts <project path> <count>\n')
    process.exit(2)
  }
  const started = performance.now()
  const rand = random(20261121)
  const project = Project.create(path, `Synthetic Ag–Pd (${count} configurations)`)
  /** Configurations per number of Ag atoms (0–4). */
  const byAgCount = [0, 0, 0, 0, 0]
  const batch = 10_000
  for (let done = 0; done < count; done += batch) {
    const items: ParsedStructure[] = []
    for (let k = done; k < Math.min(count, done + batch); k++) {
      const species = basis.map(() => (rand() < 0.5 ? 'Ag' : 'Pd'))
      const positions = new Float64Array(12)
      const forces = new Float64Array(12)
      basis.forEach((b, i) => {
        for (let d = 0; d < 3; d++) {
          positions[3 * i + d] = b[d] * lattice + (rand() - 0.5) * 0.1
          forces[3 * i + d] = (rand() - 0.5) * 0.2
        }
      })
      const nAg = species.filter((s) => s === 'Ag').length
      const energy = -2.8 * nAg - 3.9 * (4 - nAg) + (rand() - 0.5) * 0.16
      byAgCount[nAg]++
      items.push({
        natoms: 4,
        cell: [
          [lattice, 0, 0],
          [0, lattice, 0],
          [0, 0, lattice],
        ],
        positions,
        species,
        types: null,
        energy,
        energyKind: 'total',
        forces,
        virial: null,
        siteEnergies: null,
        charges: null,
        selective: null,
        features: {},
        converged: null,
        warnings: [],
        // Not produced by any reader: the parser name says so rather than borrowing a real one.
        provenance: { file: 'synthetic', frame: k, parser: 'synthetic' as ParserName, code: null, settings: {}, label: 'synthetic' },
      })
    }
    insertConfigurations(project.db, items)
  }
  const species = speciesList(project.db)
  const formulaFor = (nAg: number) => formulaOf(Int32Array.from({ length: 4 }, (_, i) => species.indexOf(i < nAg ? 'Ag' : 'Pd')), species)
  const formulaCounts: Record<string, number> = {}
  byAgCount.forEach((n, nAg) => {
    const formula = formulaFor(nAg)
    // The stored formulas must agree with what was generated, or the tests would check nothing.
    const stored = countConfigurations(project.db, { formula })
    if (stored !== n) throw new Error(`${formula}: generated ${n}, stored ${stored}`)
    formulaCounts[formula] = n
  })
  project.close()
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(`${JSON.stringify({ path, count, formulaCounts, equiatomic: formulaFor(2), seconds })}\n`)
}

main()
