/**
 * Expands import paths: a folder (of DFT runs, say) becomes the files in it, recursively, whose
 * format can be recognised. In a VASP run folder vasprun.xml is taken over OUTCAR (it holds the
 * same steps), and POSCAR/CONTCAR are left out next to either (they are that run's input and
 * final structure, without reference data). Files given by name are always kept.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { sniffFormat, type FileFormat } from '../io/formats.js'

/** Files and folders never worth sniffing in DFT run folders (wave functions, densities, …). */
const SKIP = /^(WAVECAR|CHGCAR|CHG|AECCAR\d|LOCPOT|ELFCAR|PROCAR|DOSCAR|EIGENVAL|IBZKPT|PCDAT|XDATCAR|REPORT|vaspout\.h5|.*\.(save|wfc\d*|mix\d*|hub\d*|igk\d*|dat|h5|npy|npz|gz|xz|bz2|zip|tar))$/i

async function walk(dir: string, out: { path: string; format: FileFormat }[], depth: number): Promise<void> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
  const found: { path: string; format: FileFormat }[] = []
  for (const e of entries) {
    if (e.name.startsWith('.') || SKIP.test(e.name)) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) {
      if (depth > 0) await walk(p, out, depth - 1)
      continue
    }
    if (!e.isFile()) continue
    const format = await sniffFormat(p).catch(() => null)
    if (format) found.push({ path: p, format })
  }
  const has = (f: FileFormat) => found.some((x) => x.format === f)
  for (const f of found) {
    if (f.format === 'outcar' && has('vasprun')) continue
    if (f.format === 'poscar' && (has('vasprun') || has('outcar'))) continue
    out.push(f)
  }
}

/** The files to import for the given paths, in order; folders expanded up to `depth` levels. */
export async function collectImportFiles(paths: readonly string[], depth = 8): Promise<string[]> {
  const out: string[] = []
  for (const p of paths.map((x) => resolve(x))) {
    let isDir = false
    try {
      isDir = statSync(p).isDirectory()
    } catch {
      // a missing file is reported by the importer with its path
    }
    if (!isDir) {
      out.push(p)
      continue
    }
    const found: { path: string; format: FileFormat }[] = []
    await walk(p, found, depth)
    out.push(...found.map((f) => f.path))
  }
  return out
}
