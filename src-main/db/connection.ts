/**
 * Opening a project file: better-sqlite3 in WAL mode, foreign keys on, and a file identity check
 * (SQLite `application_id`) so that an arbitrary SQLite file is not mistaken for a project.
 */
import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readSync } from 'node:fs'
import { AppError } from '../contract/errors.js'

export type Db = Database.Database

/** 'MTPS' as a big-endian 32-bit integer, stored in the SQLite header (offset 68). */
export const PROJECT_APPLICATION_ID = 0x4d545053

const SQLITE_MAGIC = 'SQLite format 3\u0000'

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(100)
    const n = readSync(fd, buf, 0, 100, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across application crashes in WAL mode (only an OS crash may lose the
  // last transactions, never corrupt the file).
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
}

/** Creates a new, empty project database file (the caller runs the migrations). */
export function createDatabase(path: string): Db {
  if (existsSync(path)) throw new AppError('project_exists', `a file already exists at ${path}`)
  const db = new Database(path)
  configure(db)
  db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`)
  return db
}

/** Opens an existing project file, refusing files that are not MTP Studio projects. */
export function openDatabase(path: string): Db {
  if (!existsSync(path)) throw new AppError('not_found', `no project file at ${path}`)
  const header = readHeader(path)
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError('not_a_project', `${path} is not an MTP Studio project (not an SQLite database)`)
  }
  if (header.readUInt32BE(68) !== PROJECT_APPLICATION_ID) {
    throw new AppError('not_a_project', `${path} is an SQLite database but not an MTP Studio project`)
  }
  const db = new Database(path, { fileMustExist: true })
  configure(db)
  return db
}
