/**
 * A test-only pause in the middle of importing a file, switched on by the environment variable
 * MTP_STUDIO_TEST_IMPORT_PAUSE="<frames>:<milliseconds>": after that many frames of a file are
 * written (inside the file's transaction) the importer prints a marker line on stderr and blocks.
 * test/main/data/import-crash.test.ts kills the process with SIGKILL there. Unset, it does nothing.
 */
const ENV = 'MTP_STUDIO_TEST_IMPORT_PAUSE'

export type FrameHook = (file: string, framesWritten: number) => void

export function importPauseFromEnv(env: NodeJS.ProcessEnv = process.env): FrameHook | undefined {
  const spec = env[ENV]
  if (!spec) return undefined
  const [frames, ms] = spec.split(':').map(Number)
  if (!Number.isInteger(frames) || frames < 1 || !Number.isFinite(ms)) throw new Error(`${ENV} must look like 50:60000, got ${spec}`)
  return (file, written) => {
    if (written !== frames) return
    process.stderr.write(`mtp-studio-test: import of ${file} paused after ${written} frames\n`)
    // Blocks the thread like a long synchronous insert would.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
  }
}
