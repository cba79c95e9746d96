import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface StudioServer {
  /** The printed URL, with the launch token in its query string. */
  url: string
  /** Scheme, host and port only (no token). */
  origin: string
  token: string
  /** Everything the server wrote, for failure messages. */
  output(): string
  stop(): Promise<void>
}

/** A fresh MTP_STUDIO_HOME for one test; the caller removes it with `removeHome`. */
export function makeHome(): string {
  return mkdtempSync(join(tmpdir(), 'mtp-studio-e2e-'))
}

export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true })
}

const urlPattern = /running at (http:\/\/\S+)/

/**
 * Starts the real browser-mode server (`mtp-studio serve`, as a user would) on a random port with
 * the given home directory (and extra environment variables), and resolves once it has printed its URL.
 */
export async function startServer(home: string, timeoutMs = 60_000, env: Record<string, string> = {}): Promise<StudioServer> {
  const child: ChildProcess = spawn(process.execPath, ['bin/mtp-studio.mjs', 'serve', '--port', '0'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, MTP_STUDIO_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL within ${timeoutMs} ms:\n${log}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      const match = urlPattern.exec(log)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with code ${code} before printing its URL:\n${log}`))
    })
  })

  const parsed = new URL(url)
  const token = parsed.searchParams.get('token')
  if (!token) throw new Error(`the printed URL has no token: ${url}`)
  return {
    url,
    origin: parsed.origin,
    token,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
