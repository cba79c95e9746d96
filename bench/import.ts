/**
 * Import throughput into a project database (issue 6, acceptance 3: 100,000 configurations in
 * ≤ 60 s). Replicates the converted mlearn .cfg sets (all six elements, train + test, 1,549
 * configurations, ~50 atoms each, energies, forces and mostly stresses) into one .cfg per element
 * until the target count, then imports them with the real pipeline (one transaction per file,
 * quality gate, structure keys and the duplicate check — every replica after the first is a
 * confirmed duplicate, the worst case for that check).
 *
 * Reproduce: npx tsx bench/import.ts [configurations=100000] [--no-dedup]
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importFile } from '../src-main/data/import-file.js'
import { Project } from '../src-main/projects/project.js'

const MLEARN = fileURLToPath(new URL('../../shared/data/mlearn/', import.meta.url))
const ELEMENTS = ['Mo', 'Ni', 'Cu', 'Li', 'Si', 'Ge']
const target = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000)
const dedup = !process.argv.includes('--no-dedup')
const dir = mkdtempSync(join(tmpdir(), 'mtp-import-bench-'))

try {
  const sets = ELEMENTS.map((el) => {
    const text = ['train.cfg', 'test.cfg'].map((f) => readFileSync(join(MLEARN, el, 'cfg', f), 'utf8')).join('')
    return { el, text, count: (text.match(/BEGIN_CFG/g) ?? []).length }
  })
  const perRound = sets.reduce((n, s) => n + s.count, 0)
  const rounds = Math.ceil(target / perRound)
  const files: { el: string; path: string; configs: number }[] = []
  let bytes = 0
  for (const s of sets) {
    const path = join(dir, `${s.el}.cfg`)
    writeFileSync(path, '')
    for (let k = 0; k < rounds; k++) appendFileSync(path, s.text)
    bytes += statSync(path).size
    files.push({ el: s.el, path, configs: s.count * rounds })
  }
  const total = files.reduce((n, f) => n + f.configs, 0)
  console.log(`${total} configurations in ${files.length} files, ${(bytes / 2 ** 20).toFixed(0)} MiB of .cfg; duplicate check ${dedup ? 'on' : 'off'}`)

  const project = Project.create(join(dir, 'bench.mtpstudio'), 'import bench')
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  let stored = 0
  let duplicates = 0
  for (const f of files) {
    const t = performance.now()
    const r = await importFile(project.db, f.path, { species: [f.el], detectDuplicates: dedup })
    stored += r.stored
    duplicates += r.duplicates
    console.log(`  ${f.el}: ${r.stored} configurations in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  const seconds = (performance.now() - t0) / 1000
  // CPU time of this process: on a shared, loaded machine the load-insensitive measure.
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const atoms = project.db.prepare('SELECT SUM(natoms) FROM configurations').pluck().get() as number
  project.close()
  const dbBytes = statSync(join(dir, 'bench.mtpstudio')).size
  console.log(
    `imported ${stored} configurations (${atoms} atoms, ${duplicates} duplicates flagged) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(stored / seconds)} configurations/s; CPU ${cpuSeconds.toFixed(1)} s (${Math.round(stored / cpuSeconds)} configurations per CPU-second); ` +
      `database ${(dbBytes / 2 ** 20).toFixed(0)} MiB`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
