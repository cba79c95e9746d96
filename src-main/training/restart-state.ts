/**
 * What a run leaves in its work folder so that a restart continues where it stopped: the
 * engine's checkpoints (train --checkpoint), the progress history as JSON lines, and — once the
 * engine finished training — its result. A restart of a run cut off after its training (while
 * evaluating or storing) reuses the trained potentials instead of training again.
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TrainingProgressPoint } from '../contract/training.js'
import { memberPath } from './engine-args.js'

const HISTORY = 'history.jsonl'
const RESULT = 'train-result.json'

export function appendHistory(dir: string, p: TrainingProgressPoint): void {
  appendFileSync(join(dir, HISTORY), `${JSON.stringify(p)}\n`)
}

/** The progress a previous run recorded; with `before`, only points before member m's iteration before[m]. */
export function previousHistory(dir: string, before?: readonly number[]): TrainingProgressPoint[] {
  let text: string
  try {
    text = readFileSync(join(dir, HISTORY), 'utf8')
  } catch {
    return []
  }
  const points: TrainingProgressPoint[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      points.push(JSON.parse(line) as TrainingProgressPoint)
    } catch {
      // A line cut off by the kill: the points before it are whole.
    }
  }
  return before ? points.filter((p) => p.iteration < (before[p.member] ?? Infinity)) : points
}

export function saveTrainResult(dir: string, result: Record<string, unknown>): void {
  writeFileSync(join(dir, RESULT), JSON.stringify(result))
}

/** The engine's result when the previous run finished training and every member's potential is there. */
export function finishedTraining(dir: string, trainedName: string, k: number): Record<string, unknown> | null {
  const paths = Array.from({ length: k }, (_, i) => memberPath(join(dir, trainedName), i, k))
  if (!existsSync(join(dir, RESULT)) || !paths.every((p) => existsSync(p))) return null
  return JSON.parse(readFileSync(join(dir, RESULT), 'utf8')) as Record<string, unknown>
}

export function copyTrained(from: string, to: string, trainedName: string, k: number): void {
  for (let i = 0; i < k; i++) copyFileSync(memberPath(join(from, trainedName), i, k), memberPath(join(to, trainedName), i, k))
}

/** Completed iterations recorded in each member's checkpoint (the resumed run starts there), or null when one is missing. */
export function checkpointIterations(checkpoint: string, k: number): number[] | null {
  const out: number[] = []
  for (let i = 0; i < k; i++) {
    const path = memberPath(checkpoint, i, k)
    if (!existsSync(path)) return null
    const m = /^iteration (\d+)/m.exec(readFileSync(path, 'utf8'))
    if (!m) return null
    out.push(Number(m[1]))
  }
  return out
}
