// Acceptance 1 of issue 6: every mlearn set imports with the counts in its MANIFEST.md (read from
// the manifest's tables, not copied), JSON (kBar, VASP sign, element-dependent order) and .cfg
// stresses agree, .cfg → database → .cfg is byte-identical in lossless mode, and extxyz and
// POSCAR round trips through the database are exact.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { exportConfigurations, iterateStructures } from '../../../src-main/data/export'
import { importFile } from '../../../src-main/data/import-file'
import { formatCfgFile } from '../../../src-main/io/cfg-writer'
import { parseCfgText } from '../../../src-main/io/cfg-reader'
import { Project } from '../../../src-main/projects/project'
import { tempDir } from '../support/temp'

const MLEARN = fileURLToPath(new URL('../../../../shared/data/mlearn/', import.meta.url))
const manifest = readFileSync(join(MLEARN, 'MANIFEST.md'), 'utf8')

/** Rows `| El/file | bytes | configs | atoms | …` of "Files and counts". */
function dataFiles(): { file: string; configs: number; atoms: number }[] {
  const out: { file: string; configs: number; atoms: number }[] = []
  for (const line of manifest.split('\n')) {
    const m = /^\| (\w+\/[\w.]+\.(?:json|xyz))(?: \(ACEData\))? \| \d+ \| (\d+) \| (\d+) \|/.exec(line)
    if (m) out.push({ file: m[1], configs: Number(m[2]), atoms: Number(m[3]) })
  }
  return out
}

/** Rows `| El/cfg/train.cfg, test.cfg | n1, n2 | a1, a2 | … |` of "Converted MLIP .cfg files". */
function cfgFiles(): { file: string; element: string; configs: number; atoms: number }[] {
  const out: { file: string; element: string; configs: number; atoms: number }[] = []
  for (const line of manifest.split('\n')) {
    const m = /^\| (\w+)\/cfg\/train\.cfg, test\.cfg \| (\d+), (\d+) \| (\d+), (\d+) \|/.exec(line)
    if (!m) continue
    out.push({ file: `${m[1]}/cfg/train.cfg`, element: m[1], configs: Number(m[2]), atoms: Number(m[4]) })
    out.push({ file: `${m[1]}/cfg/test.cfg`, element: m[1], configs: Number(m[3]), atoms: Number(m[5]) })
  }
  return out
}

function newProject(dir: string, name = 'p'): Project {
  return Project.create(join(dir, `${name}.mtpstudio`), name)
}

function atomsIn(p: Project): number {
  return p.db.prepare('SELECT COALESCE(SUM(natoms), 0) FROM configurations').pluck().get() as number
}

describe('mlearn sets through the project database', () => {
  it('reads the manifest tables (14 data files, 12 .cfg files)', () => {
    expect(dataFiles()).toHaveLength(14)
    expect(cfgFiles()).toHaveLength(12)
    // Every data file of the folders is in the table.
    const present = ['Mo', 'Ni', 'Cu', 'Li', 'Si', 'Ge'].flatMap((el) => readdirSync(join(MLEARN, el)).filter((f) => /\.(json|xyz)$/.test(f)).map((f) => `${el}/${f}`))
    expect(present.sort()).toEqual(dataFiles().map((f) => f.file).sort())
  })

  it('imports every JSON and extxyz set with the manifest counts', async () => {
    const dir = tempDir()
    for (const f of dataFiles()) {
      const p = newProject(dir, f.file.replace(/\W/g, '_'))
      try {
        const r = await importFile(p.db, join(MLEARN, f.file))
        expect({ file: f.file, frames: r.frames, stored: r.stored, quarantined: r.quarantined, atoms: atomsIn(p) }).toEqual({
          file: f.file,
          frames: f.configs,
          stored: f.configs,
          quarantined: 0,
          atoms: f.atoms,
        })
        expect(p.summary().counts.configurations).toBe(f.configs)
      } finally {
        p.close()
      }
    }
  })

  it('imports every converted .cfg with the manifest counts; its stresses agree with the JSON ones', async () => {
    const dir = tempDir()
    for (const f of cfgFiles()) {
      const p = newProject(dir, f.file.replace(/\W/g, '_'))
      try {
        const r = await importFile(p.db, join(MLEARN, f.file), { species: [f.element] })
        expect([f.file, r.stored, atomsIn(p)]).toEqual([f.file, f.configs, f.atoms])
        const json = join(MLEARN, f.element, f.file.endsWith('test.cfg') ? 'test.json' : 'training.json')
        if (!readdirSync(join(MLEARN, f.element)).includes(json.split('/').pop()!)) continue
        // Same records in the same order: the JSON import must be flagged as duplicates of the .cfg
        // frames, and the stresses (kBar → eV, per-element component order) must agree.
        const j = await importFile(p.db, json)
        expect(j.duplicates).toBe(f.configs)
        const all = [...iterateStructures(p.db)].map((x) => x.s)
        let worst = 0
        for (let k = 0; k < f.configs; k++) {
          const a = all[k].virial!, b = all[f.configs + k].virial!
          for (let c = 0; c < 6; c++) worst = Math.max(worst, Math.abs(a[c] - b[c]) / (1 + Math.abs(b[c])))
        }
        // The .cfg files print 12 significant decimals.
        expect(worst, f.file).toBeLessThan(1e-9)
      } finally {
        p.close()
      }
    }
  })

  it('.cfg → database → .cfg is byte-identical in lossless mode', async () => {
    const dir = tempDir()
    for (const el of ['Mo', 'Ni']) {
      const original = formatCfgFile(parseCfgText(readFileSync(join(MLEARN, el, 'cfg', 'test.cfg'), 'utf8'), 'test.cfg', { species: [el] }), { lossless: true })
      const src = join(dir, `${el}-lossless.cfg`)
      writeFileSync(src, original)
      const p = newProject(dir, `${el}-rt`)
      try {
        await importFile(p.db, src, { species: [el] })
        const out = join(dir, `${el}-out.cfg`)
        expect(exportConfigurations(p.db, { format: 'cfg', out, lossless: true }).count).toBeGreaterThan(0)
        expect(readFileSync(out, 'utf8') === original).toBe(true)
      } finally {
        p.close()
      }
    }
  })

  it('extxyz and POSCAR round trips through the database are exact', async () => {
    const dir = tempDir()
    const a = newProject(dir, 'a')
    const b = newProject(dir, 'b')
    try {
      await importFile(a.db, join(MLEARN, 'Si', 'test.json'))
      const xyz = join(dir, 'si.xyz')
      exportConfigurations(a.db, { format: 'extxyz', out: xyz, lossless: true })
      const poscars = join(dir, 'poscar')
      exportConfigurations(a.db, { format: 'poscar', out: poscars })
      await importFile(b.db, xyz)
      for (const f of readdirSync(poscars).sort()) await importFile(b.db, join(poscars, f))
      const first = [...iterateStructures(a.db)].map((x) => x.s)
      const second = [...iterateStructures(b.db)].map((x) => x.s)
      expect(second).toHaveLength(2 * first.length)
      first.forEach((s, k) => {
        const viaXyz = second[k]
        const viaPoscar = second[first.length + k]
        expect(viaXyz.cell).toEqual(s.cell)
        expect(Array.from(viaXyz.positions)).toEqual(Array.from(s.positions))
        expect(Array.from(viaXyz.forces!)).toEqual(Array.from(s.forces!))
        expect(Array.from(viaXyz.virial!)).toEqual(Array.from(s.virial!))
        expect(viaXyz.energy).toBe(s.energy)
        // A POSCAR holds the structure only; single-element cells keep the atom order.
        expect(viaPoscar.cell).toEqual(s.cell)
        expect(Array.from(viaPoscar.positions)).toEqual(Array.from(s.positions))
      })
    } finally {
      a.close()
      b.close()
    }
  })
})
