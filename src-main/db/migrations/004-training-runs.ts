/**
 * Training runs (issue 7): what migration 3's training_runs/potentials rows lacked to run, monitor,
 * restart and inspect a training — the owning process (to tell a live run from one cut off by a
 * crash), the work folder with the engine's checkpoints, the restart link, the progress history,
 * per-potential fit details, and the parity data (reference vs predicted values per configuration).
 *
 * Parity BLOBs are little-endian typed arrays (db/blobs.ts), one row per potential, configurations
 * in training-set member order: energies per atom in eV/atom, force components in eV/Å (the atoms of
 * configurations with reference forces only, 3 per atom), stresses in GPa (6 Voigt components xx yy
 * zz yz xz xy per configuration, compressive positive, NaN where there is no reference stress).
 */
import type { Migration } from '../migrate.js'

export const trainingRuns: Migration = {
  version: 4,
  name: 'training-runs',
  up(db) {
    db.exec(`
      ALTER TABLE training_runs ADD COLUMN name TEXT NOT NULL DEFAULT '';
      -- Elements of MTP species 0, 1, … (JSON list).
      ALTER TABLE training_runs ADD COLUMN species TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE training_runs ADD COLUMN ensemble INTEGER NOT NULL DEFAULT 1;
      -- The failed, cancelled or interrupted run this one restarts (resuming its checkpoints).
      ALTER TABLE training_runs ADD COLUMN restart_of INTEGER REFERENCES training_runs(id);
      -- The process running it: a 'queued'/'running' row whose process is gone was cut off.
      ALTER TABLE training_runs ADD COLUMN owner_pid INTEGER;
      ALTER TABLE training_runs ADD COLUMN owner_host TEXT;
      ALTER TABLE training_runs ADD COLUMN started_at TEXT;
      -- Absolute folder with the cfg files, the untrained potential and the engine's checkpoints.
      ALTER TABLE training_runs ADD COLUMN work_dir TEXT;
      -- JSON list of progress points (member, iteration, loss, RMSEs, elapsed), written at the end.
      ALTER TABLE training_runs ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
      -- Ensemble mean ± 2σ of the engine's metrics (JSON), K > 1 only.
      ALTER TABLE training_runs ADD COLUMN ensemble_stats TEXT;
      CREATE INDEX training_runs_status ON training_runs (status);

      -- Seed and optimiser outcome of a trained potential (JSON: iterations, stop_reason, loss, elapsed, best_iteration).
      ALTER TABLE potentials ADD COLUMN seed INTEGER;
      ALTER TABLE potentials ADD COLUMN fit TEXT NOT NULL DEFAULT '{}';

      CREATE TABLE training_parity (
        potential_id INTEGER PRIMARY KEY REFERENCES potentials(id) ON DELETE CASCADE,
        run_id INTEGER NOT NULL REFERENCES training_runs(id),
        configuration_ids BLOB NOT NULL, -- Int32 per configuration
        split BLOB NOT NULL,             -- Int32 per configuration: 0 train, 1 validation
        natoms BLOB NOT NULL,            -- Int32 per configuration
        force_atoms BLOB NOT NULL,       -- Int32 per configuration: atoms whose forces are in force_ref (natoms or 0)
        energy_ref BLOB NOT NULL,
        energy_pred BLOB NOT NULL,
        force_ref BLOB NOT NULL,
        force_pred BLOB NOT NULL,
        stress_ref BLOB NOT NULL,
        stress_pred BLOB NOT NULL
      );
      CREATE INDEX training_parity_run ON training_parity (run_id);
    `)
  },
}
