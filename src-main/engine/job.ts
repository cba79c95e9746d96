/**
 * One engine process: spawned without a shell with `--jsonl`, stdout parsed line by line against
 * the protocol schema, stderr appended to the job's log file, cancel = SIGTERM then SIGKILL after
 * a grace period. The job's state is the explicit union JobState; it ends in exactly one terminal
 * state.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, type WriteStream } from 'node:fs'
import { ENGINE_PROTOCOL_NAME, ENGINE_PROTOCOL_VERSION, parseEngineLine, type EngineMessage } from '../contract/engine-protocol.js'
import { isTerminal, type JobProgress, type JobState, type JobView } from '../contract/entities.js'
import { LineSplitter } from './line-splitter.js'

export interface JobSpec {
  id: string
  enginePath: string
  command: string
  args: readonly string[]
  label: string
  logPath: string
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** SIGTERM → SIGKILL delay, ms. */
  graceMs: number
  /** How long the engine may take to print its hello line, ms. */
  helloTimeoutMs: number
}

export interface JobListener {
  state(job: JobView): void
  progress(jobId: string, p: JobProgress): void
  log(jobId: string, level: 'info' | 'warn', message: string): void
}

type Failure = { code: string; message: string; file?: string | null; line?: number | null; field?: string | null }

export class EngineJob {
  private state: JobState = { status: 'starting' }
  private readonly createdAt = new Date().toISOString()
  private child: ChildProcess | null = null
  private log: WriteStream | null = null
  private lineNo = 0
  private terminal: EngineMessage | null = null
  private protocolFailure: Failure | null = null
  private cancelRequested = false
  private killTimer: NodeJS.Timeout | null = null
  private helloTimer: NodeJS.Timeout | null = null
  private readonly finished: Promise<JobView>
  private resolveFinished!: (v: JobView) => void

  constructor(
    private readonly spec: JobSpec,
    private readonly listener: JobListener,
  ) {
    this.finished = new Promise((r) => (this.resolveFinished = r))
  }

  get id(): string {
    return this.spec.id
  }

  view(): JobView {
    const { id, command, args, label, logPath } = this.spec
    return { id, command, args: [...args], label, createdAt: this.createdAt, state: this.state, logPath }
  }

  /** Resolves with the final view once the process has exited and its pipes are drained. */
  done(): Promise<JobView> {
    return this.finished
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  start(): void {
    const { enginePath, command, args, cwd, env, logPath } = this.spec
    this.log = createWriteStream(logPath, { flags: 'a' })
    // --parent-watch: the engine exits when our end of its stdin closes, so even a SIGKILLed
    // app leaves no orphaned computation behind.
    const child = spawn(enginePath, [command, '--jsonl', '--parent-watch', ...args], {
      cwd,
      env: env ?? process.env,
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    })
    this.child = child
    child.once('error', (err: NodeJS.ErrnoException) => {
      // spawn failures (ENOENT, EACCES) arrive here and 'close' still follows.
      this.protocolFailure ??= {
        code: err.code === 'ENOENT' ? 'engine_unavailable' : 'engine_spawn',
        message: `cannot run the engine at ${enginePath}: ${err.message}`,
      }
    })
    if (child.pid !== undefined) {
      this.setState({ status: 'running', pid: child.pid, startedAt: new Date().toISOString(), progress: null })
    }
    const splitter = new LineSplitter()
    child.stdout!.on('data', (chunk: Buffer) => splitter.push(chunk).forEach((l) => this.onLine(l)))
    child.stdout!.on('end', () => splitter.end().forEach((l) => this.onLine(l)))
    child.stderr!.pipe(this.log, { end: false })
    child.once('close', (code, signal) => this.onClose(code, signal))
    this.helloTimer = setTimeout(() => {
      if (this.lineNo === 0) this.failProtocol({ code: 'engine_protocol', message: `the engine printed no hello line within ${this.spec.helloTimeoutMs} ms` })
    }, this.spec.helloTimeoutMs)
  }

  /** SIGTERM now, SIGKILL after the grace period if still alive. */
  cancel(): void {
    if (isTerminal(this.state) || this.cancelRequested) return
    this.cancelRequested = true
    if (this.state.status === 'running') this.setState({ status: 'cancelling', pid: this.state.pid, startedAt: this.state.startedAt })
    this.terminate()
  }

  /** Immediate SIGKILL (process exit path, where no timer will fire). */
  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
  }

  private terminate(): void {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    this.killTimer ??= setTimeout(() => this.killNow(), this.spec.graceMs)
  }

  private failProtocol(f: Failure): void {
    if (this.protocolFailure) return
    this.protocolFailure = f
    this.log?.write(`mtp-studio: ${f.message}\n`)
    this.terminate()
  }

  private onLine(line: string): void {
    this.lineNo++
    if (this.protocolFailure) return
    if (this.lineNo === 1) {
      if (this.helloTimer) clearTimeout(this.helloTimer)
      const mismatch = helloMismatch(line, this.spec.enginePath)
      if (mismatch) return this.failProtocol({ code: 'engine_protocol', message: mismatch })
    }
    const check = parseEngineLine(line)
    if (!check.ok) return this.failProtocol({ code: 'engine_protocol', message: `engine stdout line ${this.lineNo}: ${check.reason}` })
    const m = check.message
    if (this.terminal) return this.failProtocol({ code: 'engine_protocol', message: `engine stdout line ${this.lineNo}: output after the final ${this.terminal.type}` })
    if (m.type === 'hello' && this.lineNo > 1) return this.failProtocol({ code: 'engine_protocol', message: `engine stdout line ${this.lineNo}: repeated hello` })
    if (m.type === 'progress') {
      const { type: _t, stage, done, total, ...extra } = m
      const progress = { stage, done, total, extra }
      // Kept in the view for list/get, but announced as progress only: state events mark status changes.
      if (this.state.status === 'running') this.state = { ...this.state, progress }
      this.listener.progress(this.id, progress)
    } else if (m.type === 'log') {
      this.listener.log(this.id, m.level, m.message)
    } else if (m.type === 'result' || m.type === 'error') {
      this.terminal = m
    }
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.helloTimer) clearTimeout(this.helloTimer)
    if (this.killTimer) clearTimeout(this.killTimer)
    const finishedAt = new Date().toISOString()
    const t = this.terminal
    let state: JobState
    if (this.cancelRequested) state = { status: 'cancelled', finishedAt }
    else if (this.protocolFailure) state = failed(finishedAt, this.protocolFailure, code, signal)
    else if (t?.type === 'result' && code === 0) {
      const { type: _t, ...result } = t
      state = { status: 'succeeded', finishedAt, result }
    } else if (t?.type === 'error') {
      state = failed(finishedAt, { code: t.code, message: t.message, file: t.file, line: t.line, field: t.field }, code, signal)
    } else if (t?.type === 'result') {
      state = failed(finishedAt, { code: 'engine_protocol', message: `the engine reported a result but exited with code ${code}` }, code, signal)
    } else {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
      state = failed(finishedAt, { code: 'engine_crashed', message: `the engine ${how} without a result; see ${this.spec.logPath}` }, code, signal)
    }
    this.setState(state)
    const view = this.view()
    const resolve = () => this.resolveFinished(view)
    if (this.log) this.log.end(resolve)
    else resolve()
  }

  private setState(s: JobState): void {
    this.state = s
    this.listener.state(this.view())
  }
}

function failed(finishedAt: string, error: Failure, exitCode: number | null, signal: NodeJS.Signals | null): JobState {
  return { status: 'failed', finishedAt, error, exitCode, signal }
}

/** A clear message when the first line is not the hello of our protocol and version, else null. */
function helloMismatch(line: string, path: string): string | null {
  let v: { type?: unknown; protocol?: unknown; version?: unknown } | null = null
  try {
    v = JSON.parse(line)
  } catch {
    // handled below like any other non-hello first line
  }
  if (typeof v !== 'object' || v === null || v.type !== 'hello') {
    const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line
    return `the engine at ${path} did not start with a hello line (it printed ${JSON.stringify(shown)}); is it an mtp-engine binary?`
  }
  if (v.protocol !== ENGINE_PROTOCOL_NAME || v.version !== ENGINE_PROTOCOL_VERSION) {
    return (
      `engine protocol mismatch: ${path} speaks ${JSON.stringify(v.protocol)} version ${JSON.stringify(v.version)}, ` +
      `this app needs "${ENGINE_PROTOCOL_NAME}" version ${ENGINE_PROTOCOL_VERSION}; rebuild the engine with npm run engine:build`
    )
  }
  return null
}
