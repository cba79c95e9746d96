/**
 * The new-potential wizard's form logic, apart from its components: the choice being built, its
 * validation, the text of each level row, and what is handed to the training wizard.
 */
import type { LevelRow, LevelsReport } from '../../src-main/contract/potentials'
import { fixed, groupDigits } from '../format/numbers'

export interface WizardChoice {
  species: string[]
  radialBasisSize: number
  level: number
  /** Å. */
  minDist: number
  maxDist: number
  name: string
}

export function initialChoice(species: readonly string[]): WizardChoice {
  return { species: [...species], radialBasisSize: 8, level: 16, minDist: 2, maxDist: 5, name: '' }
}

/** Takes the report's recommendation and suggested distances into the choice. */
export function applyReport(choice: WizardChoice, report: LevelsReport): WizardChoice {
  return { ...choice, level: report.recommendation.level, minDist: report.suggestion.minDist, maxDist: report.suggestion.maxDist }
}

/** Problems with the choice, in words, keyed by field; empty when it can be created. */
export function validateChoice(c: WizardChoice): Partial<Record<keyof WizardChoice, string>> {
  const out: Partial<Record<keyof WizardChoice, string>> = {}
  if (c.species.length === 0) out.species = 'Choose at least one species.'
  if (!Number.isInteger(c.radialBasisSize) || c.radialBasisSize < 2 || c.radialBasisSize > 20) out.radialBasisSize = 'Radial basis size: an integer from 2 to 20.'
  if (!Number.isInteger(c.level) || c.level < 2 || c.level > 28) out.level = 'Level: 2 to 28.'
  if (!(c.minDist > 0 && c.minDist <= 10)) out.minDist = 'R_min must be between 0 and 10 Å.'
  if (!(c.maxDist > c.minDist + 0.5 && c.maxDist <= 15)) out.maxDist = 'R_cut must exceed R_min by more than 0.5 Å (at most 15 Å).'
  return out
}

export interface LevelRowView {
  level: number
  basisFunctions: string
  parameters: string
  cost: string
  /** 0–1 of the largest measured cost, for a bar in the table (null until measured). */
  costFraction: number | null
  training: string
  trainingNote: string
  recommended: boolean
  chosen: boolean
}

const SOURCE_NOTE: Record<LevelRow['trainingSizeSource'], string> = {
  paper: 'MLIP paper, Ag–Pd',
  interpolated: 'interpolated from the paper’s 12/16/20',
  extrapolated: 'extrapolated beyond the paper’s 12–20',
}

export function levelRowViews(report: LevelsReport, chosen: number): LevelRowView[] {
  const maxCost = Math.max(0, ...report.rows.map((r) => r.microsecondsPerAtom ?? 0))
  return report.rows.map((r) => ({
    level: r.level,
    basisFunctions: groupDigits(r.basisFunctions),
    parameters: groupDigits(r.parameters),
    cost: r.relativeCost === null ? '–' : `${fixed(r.relativeCost, r.relativeCost < 0.1 ? 3 : 2)}× (${fixed(r.microsecondsPerAtom, 1)} µs/atom)`,
    costFraction: r.microsecondsPerAtom === null || maxCost === 0 ? null : r.microsecondsPerAtom / maxCost,
    training: `≈${groupDigits(r.typicalTrainingSize)}`,
    trainingNote: SOURCE_NOTE[r.trainingSizeSource],
    recommended: r.level === report.recommendation.level,
    chosen: r.level === chosen,
  }))
}

/** Route query for the training wizard: the stored untrained potential and the choice it was made from. */
export function trainingHandoff(potentialId: number, c: WizardChoice): Record<string, string> {
  return {
    untrainedPotentialId: String(potentialId),
    level: String(c.level),
    species: c.species.join(','),
    radialBasisSize: String(c.radialBasisSize),
    minDist: String(c.minDist),
    maxDist: String(c.maxDist),
  }
}
