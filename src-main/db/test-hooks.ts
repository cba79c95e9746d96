/**
 * A test-only pause around the migrations run when a project is opened, switched on by the environment variable
 * MTP_STUDIO_TEST_MIGRATION_PAUSE="<inside|committed>:<version>:<milliseconds>". The crash-safety
 * test (test/main/db/migration-crash.test.ts) starts the real server with it, waits for the marker
 * line on stderr and kills the process with SIGKILL at that exact point. Unset, it does nothing.
 */
import type { MigrateHooks, Migration } from './migrate.js'

const ENV = 'MTP_STUDIO_TEST_MIGRATION_PAUSE'

function sleepSync(ms: number): void {
  // Blocks this thread like a long-running statement would; nothing else runs meanwhile.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Hooks for migrating the file `path` (named in the marker line), or undefined when the variable is unset. */
export function migrationHooksFromEnv(path: string, env: NodeJS.ProcessEnv = process.env): MigrateHooks | undefined {
  const spec = env[ENV]
  if (!spec) return undefined
  const [when, version, ms] = spec.split(':')
  if ((when !== 'inside' && when !== 'committed') || !Number.isInteger(Number(version)) || !Number.isFinite(Number(ms))) {
    throw new Error(`${ENV} must look like inside:2:10000 or committed:2:10000, got ${spec}`)
  }
  const pause = (m: Migration, phase: string) => {
    if (phase !== when || m.version !== Number(version)) return
    process.stderr.write(`mtp-studio-test: migration ${m.version} ${phase} in ${path}, pausing ${ms} ms\n`)
    sleepSync(Number(ms))
  }
  return { insideTransaction: (m) => pause(m, 'inside'), committed: (m) => pause(m, 'committed') }
}
