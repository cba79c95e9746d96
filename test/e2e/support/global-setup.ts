import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Newest modification time (ms) of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * The server serves out/renderer, so the tests must run against a build of the current sources:
 * rebuild when it is missing or older than anything the renderer is built from.
 */
export default function globalSetup(): void {
  const root = process.cwd()
  const index = join(root, 'out', 'renderer', 'index.html')
  const sources = [join(root, 'src-renderer'), join(root, 'src-main', 'contract')]
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0
  const changedAt = Math.max(...sources.map(newestMtime), statSync(join(root, 'vite.renderer.config.ts')).mtimeMs)
  if (builtAt > changedAt) return
  process.stdout.write('e2e: building the renderer (out/renderer is missing or older than its sources)\n')
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
}
