/**
 * The hull page's worst case for drawing: N Ag–Pd cells spread over many compositions with
 * formation energies that rarely coincide, so almost every point lands on its own pixel and the
 * page's sub-pixel thinning (charts/options/hullSeries.ts) removes little. Run with tsx:
 *   tsx bench/renderer/make-spread-hull-project.ts <project path> <count>
 * Prints one JSON line: { path, count, compositions, seconds }.
 *
 * Each configuration is an m×1×1 supercell (m = 1…8, 4m atoms) of a 4.0 Å fcc cell with a random
 * number of Ag atoms, energy per atom −2.8 x_Ag − 3.9 (1 − x_Ag) − 0.2 x_Ag (1 − x_Ag) eV plus
 * U(−0.04, 0.04) eV: a bowl of formation energies ~0–90 meV/atom wide at each of ~60 compositions.
 * No forces (the hull reads energies only); a fixed seed gives the same file on every run.
 */
import { insertConfigurations } from '../../src-main/db/repositories/configurations.js'
import { emptyStructure, type ParsedStructure, type ParserName } from '../../src-main/io/types.js'
import { Project } from '../../src-main/projects/project.js'
import { seededRandom } from '../../src-main/app/seeded-random.js'

const lattice = 4.0
const fcc = [
  [0, 0, 0],
  [0.5, 0.5, 0],
  [0.5, 0, 0.5],
  [0, 0.5, 0.5],
]

function cell(m: number, nAg: number, rand: () => number): Pick<ParsedStructure, 'natoms' | 'cell' | 'positions' | 'species'> {
  const natoms = 4 * m
  const positions = new Float64Array(3 * natoms)
  for (let r = 0; r < m; r++)
    fcc.forEach((b, i) => {
      const a = 4 * r + i
      positions[3 * a] = (b[0] + r) * lattice
      positions[3 * a + 1] = b[1] * lattice
      positions[3 * a + 2] = b[2] * lattice
    })
  // A random occupation with exactly nAg silver atoms (partial Fisher–Yates).
  const order = Array.from({ length: natoms }, (_, i) => i)
  for (let i = 0; i < nAg; i++) {
    const j = i + Math.floor(rand() * (natoms - i))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const species = new Array<string>(natoms).fill('Pd')
  for (let i = 0; i < nAg; i++) species[order[i]] = 'Ag'
  return {
    natoms,
    cell: [
      [m * lattice, 0, 0],
      [0, lattice, 0],
      [0, 0, lattice],
    ],
    positions,
    species,
  }
}

function main(): void {
  const [path, countText] = process.argv.slice(2)
  const count = Number(countText)
  if (!path || !Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: make-spread-hull-project.ts <project path> <count>\n')
    process.exit(2)
  }
  const started = performance.now()
  const rand = seededRandom(20261122)
  const project = Project.create(path, `Spread Ag–Pd hull (${count} configurations)`)
  const compositions = new Set<number>()
  const batch = 5_000
  for (let done = 0; done < count; done += batch) {
    const items: ParsedStructure[] = []
    for (let k = done; k < Math.min(count, done + batch); k++) {
      const m = 1 + Math.floor(rand() * 8)
      const nAg = Math.floor(rand() * (4 * m + 1))
      const base = cell(m, nAg, rand)
      const x = nAg / base.natoms
      compositions.add(x)
      const perAtom = -2.8 * x - 3.9 * (1 - x) - 0.2 * x * (1 - x) + (rand() - 0.5) * 0.08
      const provenance = { file: 'synthetic', frame: k, parser: 'synthetic' as ParserName, code: null, settings: {}, label: 'synthetic' }
      items.push({ ...emptyStructure(base.natoms, provenance), ...base, energy: perAtom * base.natoms, energyKind: 'total' })
    }
    insertConfigurations(project.db, items)
  }
  project.close()
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(`${JSON.stringify({ path, count, compositions: compositions.size, seconds })}\n`)
}

main()
