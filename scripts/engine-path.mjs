// Prints the absolute path of the engine binary ($MTP_ENGINE_BIN or native/build/mtp-engine).
// Exit code 1 (with a hint on stderr) when it is not built yet.
import { accessSync, constants } from 'node:fs'
import { join, resolve } from 'node:path'
import { repoRoot } from './lib.mjs'

const path = process.env.MTP_ENGINE_BIN
  ? resolve(process.env.MTP_ENGINE_BIN)
  : join(repoRoot, 'native', 'build', process.platform === 'win32' ? 'mtp-engine.exe' : 'mtp-engine')
process.stdout.write(`${path}\n`)
try {
  accessSync(path, constants.X_OK)
} catch {
  process.stderr.write(`the engine is not built yet; run: npm run engine:build\n`)
  process.exitCode = 1
}
