import { alSpec, type AlSpecInput } from '../../src-main/contract/al'

/** One MD exploration scenario as typed (numbers as text until checked). */
export interface MdScenarioForm {
  /** K */
  temperature: string
  steps: string
  /** fs */
  timestep: string
  /** Isotropic scale of the starting cells, e.g. 1.05. */
  cellScale: string
}

export type CandidateChoice = 'all' | 'tag' | 'group' | 'source' | 'none'
export type ReferenceChoice = 'eam' | 'qe-local' | 'export'

/** The create-campaign dialog's state. Numbers stay text so a half-typed value is not lost. */
export interface CampaignForm {
  name: string
  candidatesBy: CandidateChoice
  /** The tag, group or source file name for `candidatesBy`. */
  candidatesValue: string
  relax: boolean
  /** eV/Å */
  forceTol: string
  relaxMaxIter: string
  md: MdScenarioForm[]
  /** Start from this training-set version instead of a sample of the candidates. */
  initialTrainingSetId: number | null
  initialSize: string
  reference: ReferenceChoice
  concurrency: string
  /** "Ag=Ag.pbe-n-rrkjus_psl.1.0.0.UPF, Pd=…" */
  pseudopotentials: string
  pseudoDir: string
  /** Ry */
  ecutwfc: string
  /** Å⁻¹, 2π included */
  kspacing: string
  pwCommand: string
  exportCode: 'qe' | 'vasp'
  exportOut: string
  /** eV (VASP ENCUT) */
  encut: string
  level: number
  /** Å */
  maxDist: string
  gammaSelect: string
  gammaBreak: string
  maxIterations: string
  seed: string
  trainingIterations: string
  /** Tag of configurations to report errors on after each retraining; empty = none. */
  validationTag: string
}

export function emptyMdScenario(): MdScenarioForm {
  return { temperature: '300', steps: '1000', timestep: '1', cellScale: '1' }
}

export function emptyCampaignForm(name = 'Campaign'): CampaignForm {
  return {
    name,
    candidatesBy: 'all',
    candidatesValue: '',
    relax: true,
    forceTol: '0.001',
    relaxMaxIter: '300',
    md: [],
    initialTrainingSetId: null,
    initialSize: '8',
    reference: 'eam',
    concurrency: '1',
    pseudopotentials: '',
    pseudoDir: '',
    ecutwfc: '40',
    kspacing: '0.25',
    pwCommand: '',
    exportCode: 'qe',
    exportOut: '',
    encut: '400',
    level: 8,
    maxDist: '5',
    gammaSelect: '2',
    gammaBreak: '10',
    maxIterations: '20',
    seed: '1',
    trainingIterations: '200',
    validationTag: '',
  }
}

/** MTP levels that have templates (MLIP's 02 … 28). */
export const mtpLevels: number[] = Array.from({ length: 14 }, (_, k) => 2 * (k + 1))

export type CampaignFormErrors = Partial<Record<keyof CampaignForm | 'form', string>>

export interface CampaignFormResult {
  spec: AlSpecInput | null
  errors: CampaignFormErrors
}

/** Text → number; empty text is "use the default" (undefined); anything unreadable is NaN. */
function numberOf(text: string): number | undefined {
  const t = text.trim()
  return t === '' ? undefined : Number(t)
}

/** "Ag=Ag.UPF, Pd=Pd.UPF" → { Ag: 'Ag.UPF', Pd: 'Pd.UPF' }, or the first malformed entry. */
export function parsePseudopotentials(text: string): { map: Record<string, string> } | { bad: string } {
  const map: Record<string, string> = {}
  for (const part of text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Z][a-z]{0,2})\s*[=:]\s*(\S+)$/.exec(part)
    if (!m) return { bad: part }
    map[m[1]] = m[2]
  }
  return { map }
}

/** Which form field a contract issue path belongs to, so the message shows under the right input. */
function fieldOf(path: readonly PropertyKey[]): keyof CampaignForm | 'form' {
  const [head, second] = path.map(String)
  switch (head) {
    case 'name':
    case 'md':
    case 'level':
    case 'gammaSelect':
    case 'gammaBreak':
    case 'maxIterations':
    case 'seed':
    case 'initialSize':
    case 'maxDist':
      return head
    case 'candidates':
      return 'candidatesValue'
    case 'initialTrainingSetId':
      return 'initialTrainingSetId'
    case 'relax':
      return second === 'maxIter' ? 'relaxMaxIter' : 'forceTol'
    case 'training':
      return 'trainingIterations'
    case 'validation':
      return 'validationTag'
    case 'reference': {
      const inner = path.map(String).slice(1)
      if (inner.includes('ecutwfc')) return 'ecutwfc'
      if (inner.includes('kspacing')) return 'kspacing'
      if (inner.includes('encut')) return 'encut'
      if (inner.includes('out')) return 'exportOut'
      if (inner.includes('pseudoDir')) return 'pseudoDir'
      if (inner.includes('pseudopotentials')) return 'pseudopotentials'
      if (inner.includes('concurrency')) return 'concurrency'
      return 'reference'
    }
    default:
      return 'form'
  }
}

function candidateFilter(form: CampaignForm): AlSpecInput['candidates'] | 'missing' {
  const value = form.candidatesValue.trim()
  switch (form.candidatesBy) {
    case 'none':
      return undefined
    case 'all':
      return {}
    case 'tag':
      return value ? { tag: value } : 'missing'
    case 'group':
      return value ? { group: value } : 'missing'
    case 'source':
      return value ? { source: value } : 'missing'
  }
}

function referenceOf(form: CampaignForm, errors: CampaignFormErrors): AlSpecInput['reference'] {
  const concurrency = numberOf(form.concurrency)
  if (form.reference === 'eam') return { kind: 'eam', concurrency }
  const pseudo = parsePseudopotentials(form.pseudopotentials)
  if ('bad' in pseudo && (form.reference === 'qe-local' || form.exportCode === 'qe')) errors.pseudopotentials = `Write element=file, not “${pseudo.bad}”`
  const qe = {
    pseudopotentials: 'map' in pseudo ? pseudo.map : {},
    pseudoDir: form.pseudoDir.trim(),
    ecutwfc: numberOf(form.ecutwfc) as number,
    kspacing: numberOf(form.kspacing) as number,
  }
  if (form.reference === 'qe-local') return { kind: 'qe-local', qe, pwCommand: form.pwCommand.trim() || undefined, concurrency }
  if (form.exportCode === 'qe') return { kind: 'export', code: 'qe', out: form.exportOut.trim(), qe }
  return { kind: 'export', code: 'vasp', out: form.exportOut.trim(), vasp: { encut: numberOf(form.encut) as number, kspacing: numberOf(form.kspacing) as number } }
}

/**
 * The 'al/create' spec for the form, or the reasons it cannot be sent yet. The contract's own schema
 * checks the result, so the dialog shows the same rules the core enforces, under the right field.
 */
export function toCampaignSpec(form: CampaignForm): CampaignFormResult {
  const errors: CampaignFormErrors = {}
  const candidates = candidateFilter(form)
  if (candidates === 'missing') errors.candidatesValue = `Give the ${form.candidatesBy} of the candidates`
  const validationTag = form.validationTag.trim()
  const spec: AlSpecInput = {
    name: form.name,
    candidates: candidates === 'missing' ? undefined : candidates,
    relax: form.relax ? { forceTol: numberOf(form.forceTol), maxIter: numberOf(form.relaxMaxIter) } : null,
    md: form.md.map((m) => ({ temperature: numberOf(m.temperature) as number, steps: numberOf(m.steps) as number, timestep: numberOf(m.timestep), cellScale: numberOf(m.cellScale) })),
    initialTrainingSetId: form.initialTrainingSetId ?? undefined,
    initialSize: numberOf(form.initialSize),
    reference: referenceOf(form, errors),
    level: form.level,
    maxDist: numberOf(form.maxDist),
    gammaSelect: numberOf(form.gammaSelect),
    gammaBreak: numberOf(form.gammaBreak),
    maxIterations: numberOf(form.maxIterations),
    seed: numberOf(form.seed),
    training: { maxIterations: numberOf(form.trainingIterations) },
    validation: validationTag ? { tag: validationTag } : undefined,
  }
  const checked = alSpec.safeParse(spec)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = fieldOf(issue.path)
      errors[field] ??= field === 'md' ? `MD scenario ${Number(issue.path[1]) + 1}: ${issue.message}` : issue.message
    }
  }
  return Object.keys(errors).length > 0 ? { spec: null, errors } : { spec, errors }
}
