/**
 * Engine runs started for this project, so that after a crash or restart the app knows which
 * runs were cut off (they are marked 'interrupted', never restarted silently).
 */
import type { Migration } from '../migrate.js'

export const engineRuns: Migration = {
  version: 2,
  name: 'engine-runs',
  up(db) {
    db.exec(`
      CREATE TABLE engine_runs (
        id TEXT PRIMARY KEY,
        command TEXT NOT NULL,
        args TEXT NOT NULL,
        label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('starting', 'running', 'cancelling', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        created_at TEXT NOT NULL,
        finished_at TEXT,
        exit_code INTEGER,
        result TEXT,
        error TEXT,
        log_path TEXT NOT NULL
      );
      CREATE INDEX engine_runs_status ON engine_runs (status);
    `)
  },
}
