/** Runs `mtp-engine version --jsonl` through the supervisor and summarises what it says. */
import type { EngineInfo } from '../contract/entities.js'
import { isExecutable } from './locate.js'
import type { EngineSupervisor } from './supervisor.js'

export async function probeEngine(supervisor: EngineSupervisor, path: string): Promise<EngineInfo> {
  const base = { path, engineVersion: null, protocolVersion: null, details: {} }
  if (!isExecutable(path)) {
    return { ...base, found: false, problem: `the engine is not built (no executable at ${path}); run npm run engine:build` }
  }
  const job = await supervisor.run({ command: 'version', label: 'engine version' })
  const s = job.state
  if (s.status !== 'succeeded') {
    const why = s.status === 'failed' ? s.error.message : `the version check ended as ${s.status}`
    return { ...base, found: true, problem: why }
  }
  const r = s.result
  return {
    path,
    found: true,
    engineVersion: typeof r.engine === 'string' ? r.engine : null,
    protocolVersion: typeof r.protocol === 'number' ? r.protocol : null,
    details: r,
    problem: null,
  }
}
