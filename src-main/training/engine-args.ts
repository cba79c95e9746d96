/**
 * Command lines of the engine steps of a training run, built from the stored spec: the untrained
 * potential (`new-potential`), the training (`train`) and the evaluation for the parity plots
 * (`calc-efs`). Pure functions, so the exact arguments are tested without running the engine.
 */
import type { TrainingSpec } from '../contract/training.js'

export interface TrainPaths {
  untrained: string
  train: string
  /** Absent when nothing is held out. */
  valid?: string
  trained: string
  checkpoint: string
  /** Checkpoint of the run being restarted (every member's file exists). */
  resume?: string
  /** A trained potential whose radial functions start this one. */
  initFrom?: string
}

/** `mtp-engine new-potential` arguments for the spec's level and radial basis. */
export function newPotentialArgs(spec: TrainingSpec, speciesCount: number, out: string): string[] {
  return [
    '--level', String(spec.level),
    '--species', String(speciesCount),
    // Without a given min_dist the training replaces it by 0.99 × the set's smallest distance.
    '--min-dist', String(spec.minDist ?? 1),
    '--max-dist', String(spec.maxDist),
    '--radial-basis-size', String(spec.radialBasisSize),
    ...(spec.threads ? ['--threads', String(spec.threads)] : []),
    out,
  ]
}

export function trainArgs(spec: TrainingSpec, p: TrainPaths): string[] {
  const args = [
    p.untrained, p.train,
    '--trained', p.trained,
    '--weighting', spec.weighting,
    '--energy-weight', String(spec.energyWeight),
    '--force-weight', String(spec.forceWeight),
    '--stress-weight', String(spec.stressWeight),
    '--max-iter', String(spec.maxIterations),
    '--seed', String(spec.seed),
    '--ensemble', String(spec.ensemble),
    '--checkpoint', p.checkpoint,
  ]
  if (spec.tolerance !== undefined) args.push('--tol', String(spec.tolerance))
  if (spec.minDist === undefined) args.push('--update-mindist')
  if (p.valid) args.push('--valid', p.valid)
  if (p.resume) args.push('--resume', p.resume)
  if (p.initFrom) args.push('--init-from', p.initFrom)
  if (spec.threads) args.push('--threads', String(spec.threads))
  return args
}

export function calcEfsArgs(potential: string, input: string, output: string, threads?: number): string[] {
  return [potential, input, output, '--lossless', ...(threads ? ['--threads', String(threads)] : [])]
}

/** The engine's file of ensemble member i, potentials and checkpoints alike: out.mtp → out.<i>.mtp when K > 1 (cmd_train.cpp memberPath). */
export function memberPath(path: string, i: number, k: number): string {
  if (k <= 1) return path
  const dot = path.lastIndexOf('.')
  const slash = path.lastIndexOf('/')
  if (dot < 0 || dot < slash) return `${path}.${i}`
  return `${path.slice(0, dot)}.${i}${path.slice(dot)}`
}
