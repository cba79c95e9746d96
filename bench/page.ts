/**
 * Configuration-list pages at 10^6 configurations (issue 6, acceptance 3: a page with a
 * composition filter in ≤ 50 ms). Builds a project with N synthetic Ag–Pd–Cu cells (1–16 atoms,
 * every composition of up to three elements, energies, forces, stresses; blobs as for real data),
 * then times 100-row pages of the list as the UI asks for them: by exact formula, "contains Ag and
 * Pd", "only Ag and Pd", with keyset (after the last id) and with offset, deep in the list, plus
 * the filtered totals. Each case is repeated at random positions; median and worst are printed.
 *
 * Reproduce: npx tsx bench/page.ts [configurations=1000000] [--keep PATH]
 *   (--keep reuses / leaves the project file at PATH, so the timing can be rerun without building)
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { countMatching, pageConfigurations, type ConfigurationFilter } from '../src-main/db/repositories/configuration-query.js'
import { ConfigurationWriter } from '../src-main/db/repositories/configuration-store.js'
import { emptyStructure } from '../src-main/io/types.js'
import { Project } from '../src-main/projects/project.js'

const target = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
const keepAt = process.argv.indexOf('--keep') > 0 ? process.argv[process.argv.indexOf('--keep') + 1] : null
const dir = keepAt ? null : mkdtempSync(join(tmpdir(), 'mtp-page-bench-'))
const path = keepAt ?? join(dir!, 'page.mtpstudio')
const ELEMENTS = ['Ag', 'Pd', 'Cu']

/** Deterministic pseudo-random numbers (LCG), so every run builds the same project. */
let seed = 12345
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)

function build(project: Project, n: number): void {
  const w = new ConfigurationWriter(project.db)
  const t0 = performance.now()
  for (let done = 0; done < n; ) {
    const batch = Math.min(20_000, n - done)
    project.db.transaction(() => {
      for (let k = 0; k < batch; k++) {
        const natoms = 1 + Math.floor(rnd() * 16)
        const s = emptyStructure(natoms, { file: `/data/set-${(done + k) % 7}.cfg`, frame: done + k, parser: 'cfg', code: 'VASP', settings: {}, label: null })
        s.species = Array.from({ length: natoms }, () => ELEMENTS[Math.floor(rnd() * 3)])
        s.cell = [[4, 0, 0], [0, 4, 0], [0, 0, 4 * natoms]]
        s.positions = Float64Array.from({ length: 3 * natoms }, () => 4 * rnd())
        s.energy = -3 * natoms - rnd()
        s.energyKind = 'free'
        s.forces = Float64Array.from({ length: 3 * natoms }, () => rnd() - 0.5)
        s.virial = Float64Array.from({ length: 6 }, () => rnd() - 0.5)
        w.add(s, { quarantineReason: rnd() < 0.01 ? 'SCF not converged' : null })
      }
    })()
    done += batch
    if (done % 200_000 === 0 || done === n) console.log(`  built ${done} configurations (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
  }
}

function time(label: string, runs: number, f: (k: number) => number): void {
  const ms: number[] = []
  const cpuMs: number[] = []
  let rows = 0
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    const c = process.cpuUsage()
    rows += f(k)
    const used = process.cpuUsage(c)
    ms.push(performance.now() - t)
    cpuMs.push((used.user + used.system) / 1000)
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
  // CPU time (this process) next to wall time: the machine is shared, CPU time is load-insensitive.
  console.log(
    `${label.padEnd(84)} median ${med(ms).toFixed(2).padStart(7)} ms (CPU ${med(cpuMs).toFixed(2).padStart(6)} ms)   worst ${Math.max(...ms).toFixed(2).padStart(7)} ms   (${Math.round(rows / runs)} rows)`,
  )
}

try {
  const fresh = !existsSync(path)
  const project = fresh ? Project.create(path, 'page bench') : Project.open(path)
  const have = project.db.prepare('SELECT COUNT(*) FROM configurations').pluck().get() as number
  if (have < target) {
    console.log(`building ${target - have} configurations in ${path}`)
    build(project, target - have)
  }
  project.db.pragma('optimize')
  const db = project.db
  const n = db.prepare('SELECT MAX(id) FROM configurations').pluck().get() as number
  console.log(`${n} configurations, ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`)
  const page = (f: ConfigurationFilter, at: { after?: number; offset?: number }) => pageConfigurations(db, f, { ...at, limit: 100 }).length
  const deep = (k: number) => Math.floor(((k * 7919) % 97) / 97 * n)
  const cases: [string, ConfigurationFilter][] = [
    ['formula = Ag2Pd2', { formulas: ['Ag2Pd2'] }],
    ['contains Ag and Pd (element mask, merged ranges)', { elements: ['Ag', 'Pd'] }],
    ['only Ag and Pd', { onlyElements: ['Ag', 'Pd'] }],
    ['contains Cu, not quarantined, with forces', { elements: ['Cu'], quarantined: false, hasForces: true }],
  ]
  for (const [label, f] of cases) {
    time(`first page, ${label}`, 30, () => page(f, {}))
    time(`keyset page at a random depth, ${label}`, 30, (k) => page(f, { after: deep(k) }))
  }
  time('offset 5,000, formula = Ag2Pd2', 10, () => page({ formulas: ['Ag2Pd2'] }, { offset: 5_000 }))
  time('offset 200,000, contains Ag and Pd', 10, () => page({ elements: ['Ag', 'Pd'] }, { offset: 200_000 }))
  time('keyset page at a random depth, no filter', 30, (k) => page({}, { after: deep(k) }))
  time('offset n - 500 (the last page), no filter', 10, () => page({}, { offset: n - 500 }))
  time('total, formula = Ag2Pd2', 10, () => countMatching(db, { formulas: ['Ag2Pd2'] }))
  time('total, contains Ag and Pd', 10, () => countMatching(db, { elements: ['Ag', 'Pd'] }))
  time('total, quarantined', 10, () => countMatching(db, { quarantined: true }))
  project.close()
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true })
}
