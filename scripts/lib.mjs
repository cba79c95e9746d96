// Shared helpers of the npm scripts (plain Node, no dependencies: they must run on a fresh clone
// before `npm install` has finished).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const bin = (name) => join(repoRoot, 'node_modules', '.bin', name)

/** Runs a command with inherited stdio; resolves with its exit code (signals count as failure). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: 'inherit', ...opts })
    child.on('error', (e) => {
      console.error(`cannot run ${cmd}: ${e.message}`)
      resolvePromise(127)
    })
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)))
  })
}

/** Runs a command, capturing its output (also echoed when `echo` is set). */
export function capture(cmd, args, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], ...opts })
    let out = ''
    const take = (stream, sink) =>
      stream.on('data', (d) => {
        out += d
        if (opts.echo) sink.write(d)
      })
    take(child.stdout, process.stdout)
    take(child.stderr, process.stderr)
    child.on('error', (e) => resolvePromise({ code: 127, out: `${out}cannot run ${cmd}: ${e.message}\n` }))
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 128 : 1), out }))
  })
}

export function commandExists(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0
}

/**
 * The Electron binary, if its download ever happened (node_modules/electron/path.txt names it
 * inside dist/). Checked by file only: requiring or running the electron package could trigger
 * the download, which is not allowed here.
 */
export function electronBinary() {
  const pkg = join(repoRoot, 'node_modules', 'electron')
  const pathTxt = join(pkg, 'path.txt')
  if (!existsSync(pathTxt)) return null
  const exe = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

export const hasDisplay = () => Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
