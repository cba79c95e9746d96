/**
 * Importing DFT results into the project: a job's output (pw.out; vasprun.xml, else OUTCAR;
 * out.cfg for the EAM reference) goes through the import pipeline with forces, stress and the
 * job's atom count expected, so an unconverged or incomplete run is stored but quarantined.
 * "Import results folder": job folders copied back from a cluster are matched by their job.json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Db } from '../db/connection.js'
import { getDftJob, transitionDftJob, type DftJob } from '../db/repositories/dft-jobs.js'
import { importFile, ImportFailure } from '../data/import-file.js'

export interface JobImportOutcome {
  jobId: number
  state: 'imported' | 'failed'
  resultConfigurationId: number | null
  quarantineReason: string | null
  error: string | null
}

/** The output file of a job folder, or null when the run left none. */
export function resultFile(code: DftJob['code'], folder: string): string | null {
  const candidates = code === 'qe' ? ['pw.out'] : code === 'vasp' ? ['vasprun.xml', 'OUTCAR'] : ['out.cfg']
  for (const c of candidates) {
    const p = join(folder, c)
    if (existsSync(p) && statSync(p).size > 0) return p
  }
  return null
}

function elementsOf(folder: string): string[] | undefined {
  const p = join(folder, 'elements.txt')
  return existsSync(p) ? readFileSync(p, 'utf8').trim().split(',').filter(Boolean) : undefined
}

/**
 * Imports a finished job's result (state done or failed, or exported for runs done elsewhere).
 * Every frame of the output is stored (a relaxation has several); the last is the job's result.
 */
export async function importJobResult(db: Db, jobId: number, folder?: string): Promise<JobImportOutcome> {
  const job = getDftJob(db, jobId)
  if (!job) throw new Error(`no DFT job ${jobId}`)
  const dir = folder ?? job.folder
  if (!dir) throw new Error(`DFT job ${jobId} has no folder`)
  if (job.state === 'exported' || job.state === 'running') transitionDftJob(db, jobId, 'done')
  const natoms = db.prepare('SELECT natoms FROM configurations WHERE id = ?').pluck().get(job.configurationId) as number
  const file = resultFile(job.code, dir)
  const fail = (error: string): JobImportOutcome => {
    transitionDftJob(db, jobId, 'failed', { error })
    return { jobId, state: 'failed', resultConfigurationId: null, quarantineReason: null, error }
  }
  if (!file) return fail(`no output in ${dir}`)
  try {
    const r = await importFile(db, file, {
      species: job.code === 'eam' ? elementsOf(dir) : undefined,
      expect: { forces: true, stress: true, natoms },
      dftJobId: jobId,
      tags: [`dft:${job.batch}`],
      // The result is the labelled twin of the job's configuration, linked through the job.
      detectDuplicates: false,
    })
    const last = r.ids[r.ids.length - 1]
    if (last === undefined) return fail(`${file}: no frames`)
    transitionDftJob(db, jobId, 'imported', { resultConfigurationId: last })
    const reason = db.prepare('SELECT quarantine_reason FROM configurations WHERE id = ?').pluck().get(last) as string | null
    return { jobId, state: 'imported', resultConfigurationId: last, quarantineReason: reason, error: null }
  } catch (e) {
    if (!(e instanceof ImportFailure)) throw e
    return fail(e.message)
  }
}

/** Job folders below `root` (the folder itself, its children and grandchildren) with a job.json. */
function findJobFolders(root: string, depth = 2): { dir: string; job: number; batch: string }[] {
  const out: { dir: string; job: number; batch: string }[] = []
  const meta = join(root, 'job.json')
  if (existsSync(meta)) {
    const j = JSON.parse(readFileSync(meta, 'utf8')) as { job: number; batch: string }
    out.push({ dir: root, job: j.job, batch: j.batch })
    return out
  }
  if (depth === 0) return out
  for (const e of readdirSync(root, { withFileTypes: true })) if (e.isDirectory()) out.push(...findJobFolders(join(root, e.name), depth - 1))
  return out
}

export interface FolderImportResult {
  outcomes: JobImportOutcome[]
  /** Folders whose job is unknown to this project, already imported, or still without output. */
  skipped: { dir: string; reason: string }[]
}

export async function importResultsFolder(db: Db, folder: string): Promise<FolderImportResult> {
  const res: FolderImportResult = { outcomes: [], skipped: [] }
  for (const f of findJobFolders(resolve(folder))) {
    const job = getDftJob(db, f.job)
    if (!job || job.batch !== f.batch) {
      res.skipped.push({ dir: f.dir, reason: `job ${f.job} of batch ${f.batch} is not in this project` })
      continue
    }
    if (job.state === 'imported' || job.state === 'draft') {
      res.skipped.push({ dir: f.dir, reason: `job ${f.job} is ${job.state}` })
      continue
    }
    if (!resultFile(job.code, f.dir)) {
      res.skipped.push({ dir: f.dir, reason: `job ${f.job}: no output yet` })
      continue
    }
    res.outcomes.push(await importJobResult(db, job.id, f.dir))
  }
  return res
}
