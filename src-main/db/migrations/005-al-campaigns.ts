/**
 * Active-learning campaigns as a persistent state machine (issue 7; contract/al.ts). Migration 3
 * created al_campaigns / al_iterations before the loop existed; this rebuilds both (SQLite cannot
 * change a CHECK in place) with what the loop needs, keeping any rows:
 *  - campaign statuses 'awaiting_dft' (exported DFT jobs must be imported first) and 'interrupted'
 *    (the owning process died), the owning process (pid, host) to tell a live loop from a dead one,
 *    and the last error;
 *  - per iteration: the step-internal state (JSON), metrics (JSON), the training run and DFT batch,
 *    and the extrapolation grades of its exploration as little-endian float64 BLOBs (db/blobs.ts):
 *    `grades` = largest γ of each relaxed structure / MD run, `grade_natoms` their atom counts
 *    (int32), `preselected_grades` = γ of every configuration kept with γ > γ_select.
 * Dropping al_iterations fails (and rolls this back) if a DFT job or relaxation already points at
 * one of its rows: nothing wrote them before this migration.
 */
import type { Migration } from '../migrate.js'

export const alCampaigns: Migration = {
  version: 5,
  name: 'al-campaigns',
  up(db) {
    db.exec(`
      CREATE TEMP TABLE al_campaigns_v3 AS SELECT * FROM al_campaigns;
      CREATE TEMP TABLE al_iterations_v3 AS SELECT * FROM al_iterations;
      DROP TABLE al_iterations;
      DROP TABLE al_campaigns;

      CREATE TABLE al_campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        -- The campaign spec (contract/al.ts alSpec, defaults filled in), JSON.
        settings TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'paused', 'awaiting_dft', 'interrupted', 'converged', 'stopped', 'failed')),
        -- JSON {message, file, line, field} of the step that failed.
        error TEXT,
        -- The process running the loop while status = 'running'.
        owner_pid INTEGER,
        owner_host TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      INSERT INTO al_campaigns (id, name, settings, status, created_at, updated_at)
        SELECT id, name, settings, CASE WHEN status = 'running' THEN 'interrupted' ELSE status END, created_at, updated_at FROM temp.al_campaigns_v3;

      CREATE TABLE al_iterations (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES al_campaigns(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 0),
        -- grade → explore → select → reference → merge → train → done (contract/al.ts alStep).
        step TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'done', 'failed', 'interrupted')),
        -- The potential explored with (trained by the previous iteration).
        potential_id INTEGER REFERENCES potentials(id),
        -- The training-set version after this iteration's merge (before it: the previous one).
        training_set_id INTEGER REFERENCES training_sets(id),
        training_run_id INTEGER REFERENCES training_runs(id),
        -- Structures / MD runs explored, and configurations selected.
        candidates INTEGER NOT NULL DEFAULT 0,
        selected INTEGER NOT NULL DEFAULT 0,
        -- Step-internal state (JSON): selected configuration ids, DFT job ids, …
        state TEXT NOT NULL DEFAULT '{}',
        metrics TEXT NOT NULL DEFAULT '{}',
        dft_batch TEXT,
        grades BLOB,
        grade_natoms BLOB,
        preselected_grades BLOB,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        UNIQUE (campaign_id, number)
      );
      INSERT INTO al_iterations (id, campaign_id, number, step, status, potential_id, training_set_id, candidates, selected, state, started_at, finished_at)
        SELECT id, campaign_id, number, step, status, potential_id, training_set_id, candidates, selected, state, started_at, finished_at FROM temp.al_iterations_v3;

      DROP TABLE temp.al_campaigns_v3;
      DROP TABLE temp.al_iterations_v3;
      CREATE INDEX relaxations_iteration ON relaxations (al_iteration_id);
      CREATE INDEX dft_jobs_al_iteration ON dft_jobs (al_iteration_id) WHERE al_iteration_id IS NOT NULL;
    `)
  },
}
