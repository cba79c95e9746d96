/**
 * What every step of the loop works with: the project database, the campaign, where its files go,
 * how to run an engine subcommand (through the supervisor, so the jobs list shows it and pause can
 * cancel it), how to retrain, and where progress goes. Built by al/runner.ts for the app and the CLI.
 */
import type { AlStep } from '../contract/al.js'
import type { Db } from '../db/connection.js'
import type { CampaignRow, IterationRow } from '../db/repositories/al-campaigns.js'
import type { EngineResult } from '../engine/run-result.js'
import type { Retrain } from './retrain.js'

export interface EngineCall {
  command: string
  args: string[]
  cwd: string
  label: string
}

export interface AlContext {
  db: Db
  projectPath: string
  campaign: CampaignRow
  /** MTP species order. */
  elements: readonly string[]
  /** Candidate ids and MD starting structures per scenario, fixed when the campaign started. */
  candidateIds: readonly number[]
  mdStartIds: readonly (readonly number[])[]
  /** Configurations the potential of every iteration is checked against (may be empty). */
  validationIds: readonly number[]
  /** Runs an engine subcommand to its end; rejects with the engine's error, or when aborted. */
  engine(call: EngineCall, step: AlStep, iteration: number): Promise<EngineResult>
  retrain: Retrain
  /** The engine binary (the EAM reference jobs run it directly). */
  enginePath: string
  env: NodeJS.ProcessEnv
  signal: AbortSignal
  progress(iteration: number, step: AlStep, done: number, total: number, message: string): void
  /** The iteration row changed (step, metrics). */
  iterationChanged(it: IterationRow): void
  /** Runs a synchronous database write in one transaction, after every queued write (db/write-queue.ts). */
  write<T>(f: () => T): Promise<T>
  /** Runs an asynchronous writer (an import) after every queued write. */
  queue<T>(f: () => Promise<T>): Promise<T>
}

/** Engine `--threads` argument of the campaign (omitted = all cores). */
export const threadArgs = (ctx: AlContext): string[] => (ctx.campaign.spec.threads ? ['--threads', String(ctx.campaign.spec.threads)] : [])

/** Thrown when the loop must stop at a step boundary without failing (pause, cancel, awaiting DFT). */
export class LoopStop extends Error {
  constructor(readonly reason: 'paused' | 'stopped' | 'awaiting_dft' | 'converged') {
    super(reason)
    this.name = 'LoopStop'
  }
}
