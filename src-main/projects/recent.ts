/** The recent-projects list: a small JSON file in the user's MTP Studio directory. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { RecentProject } from '../contract/entities.js'

const MAX_RECENT = 20

interface StoredEntry {
  path: string
  name: string
  openedAt: string
  example?: boolean
}

export class RecentProjects {
  readonly file: string

  constructor(home: string) {
    this.file = join(home, 'recent-projects.json')
  }

  private read(): StoredEntry[] {
    if (!existsSync(this.file)) return []
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { projects?: StoredEntry[] }
      return Array.isArray(data.projects) ? data.projects.filter((e) => typeof e.path === 'string') : []
    } catch {
      // A damaged list is not worth failing the app for; it is rewritten on the next change.
      return []
    }
  }

  private write(entries: StoredEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true })
    // Write-then-rename so a crash never leaves a half-written list.
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ version: 1, projects: entries }, null, 2))
    renameSync(tmp, this.file)
  }

  list(): RecentProject[] {
    return this.read().map((e) => ({ path: e.path, name: e.name, openedAt: e.openedAt, exists: existsSync(e.path), example: e.example === true }))
  }

  /** Moves the project to the top of the list (adding it if new). */
  touch(path: string, name: string, opts: { example?: boolean } = {}): RecentProject[] {
    const abs = resolve(path)
    const old = this.read()
    const previous = old.find((e) => e.path === abs)
    const entry: StoredEntry = { path: abs, name, openedAt: new Date().toISOString() }
    if (opts.example || previous?.example) entry.example = true
    this.write([entry, ...old.filter((e) => e.path !== abs)].slice(0, MAX_RECENT))
    return this.list()
  }

  forget(path: string): RecentProject[] {
    const abs = resolve(path)
    this.write(this.read().filter((e) => e.path !== abs))
    return this.list()
  }
}
