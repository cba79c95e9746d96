/** Option parsing shared by the export and jobs commands. */
import { UsageError } from './command.js'

/** 'Si=Si.pbe-rrkj.UPF,O=O.pbe.UPF' → { Si: 'Si.pbe-rrkj.UPF', O: 'O.pbe.UPF' }. */
export function parsePseudoMap(spec: string): Record<string, string> {
  const map: Record<string, string> = {}
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [el, file] = item.split('=')
    if (!el || !file) throw new UsageError(`--pseudo expects El=FILE[,El=FILE…], got ${JSON.stringify(item)}`)
    map[el.trim()] = file.trim()
  }
  return map
}

export function positiveNumber(name: string, v: string | undefined, fallback?: number): number {
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`)
    return fallback
  }
  const x = Number(v)
  if (!(x > 0) || !Number.isFinite(x)) throw new UsageError(`--${name} must be a positive number, got ${v}`)
  return x
}
