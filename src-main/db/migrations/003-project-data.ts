/**
 * Project data beyond the raw configurations (issue 6): filter columns and indexes for paging at
 * 10^6 rows, the import quality gate, tags and groups, immutable training-set versions,
 * potentials, training runs, active-learning campaigns, relaxations and DFT jobs.
 *
 * Units and conventions are those of migration 1: Å, eV, eV/Å; `virial` is MLIP's PlusStress in
 * eV (−V·σ with σ the tension-positive Cauchy stress, so compressed cells are positive), Voigt
 * order xx yy zz yz xz xy. Importers convert (kbar, Ry, Ry/bohr, GPa, tension-positive stress)
 * to this on the way in, exporters on the way out; nothing in the database is in other units.
 */
import type { Migration } from '../migrate.js'

export const projectData: Migration = {
  version: 3,
  name: 'project-data',
  up(db) {
    db.exec(`
      -- Import bookkeeping: one row per imported file, written in the same transaction as its frames.
      ALTER TABLE import_sources ADD COLUMN frames INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE import_sources ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE import_sources ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE import_sources ADD COLUMN options TEXT NOT NULL DEFAULT '{}';

      -- Named groups (one per configuration: 'AIMD-NVT', 'Elastic', 'AL iteration 3', ...).
      CREATE TABLE config_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT ''
      );

      -- Bit t set when species.type_index t occurs (so at most 63 species). NULL is filled in by
      -- the trigger below from the formula, for rows inserted by code that does not compute it.
      ALTER TABLE configurations ADD COLUMN element_mask INTEGER;
      -- io/dedup.ts structureKey (translation/permutation invariant bucket key).
      ALTER TABLE configurations ADD COLUMN structure_key TEXT;
      -- The earlier configuration this one repeats (confirmed by io/dedup.ts sameStructure).
      ALTER TABLE configurations ADD COLUMN duplicate_of INTEGER REFERENCES configurations(id);
      -- The user's decision to train on a quarantined configuration anyway (quarantine_reason kept).
      ALTER TABLE configurations ADD COLUMN quarantine_override INTEGER NOT NULL DEFAULT 0 CHECK (quarantine_override IN (0, 1));
      ALTER TABLE configurations ADD COLUMN group_id INTEGER REFERENCES config_groups(id);
      -- The DFT job whose result this is (table dft_jobs below).
      ALTER TABLE configurations ADD COLUMN dft_job_id INTEGER;
      -- eV/atom, for the energy-range filter; computed, never stored twice.
      ALTER TABLE configurations ADD COLUMN energy_per_atom REAL GENERATED ALWAYS AS (energy / NULLIF(natoms, 0)) VIRTUAL;

      UPDATE configurations SET element_mask = (
        SELECT COALESCE(SUM(1 << s.type_index), 0) FROM species s WHERE configurations.formula GLOB '*' || s.element || '[0-9]*'
      ) WHERE element_mask IS NULL;

      -- Formula tokens are an upper-case letter, lower-case letters, then digits, so 'El' followed by
      -- a digit matches exactly the element El ('S' does not match 'Si8', 'C' not 'Cu2').
      CREATE TRIGGER configurations_element_mask AFTER INSERT ON configurations
      WHEN NEW.element_mask IS NULL
      BEGIN
        UPDATE configurations SET element_mask = (
          SELECT COALESCE(SUM(1 << s.type_index), 0) FROM species s WHERE NEW.formula GLOB '*' || s.element || '[0-9]*'
        ) WHERE id = NEW.id;
      END;

      -- Every list filter has an index that also yields id order, so a page is an index range scan.
      CREATE INDEX configurations_mask ON configurations (element_mask, id);
      CREATE INDEX configurations_source_id ON configurations (source_id, id);
      CREATE INDEX configurations_group ON configurations (group_id, id);
      CREATE INDEX configurations_key ON configurations (structure_key);
      CREATE INDEX configurations_energy ON configurations (energy_per_atom);
      CREATE INDEX configurations_quarantined ON configurations (id) WHERE quarantine_reason IS NOT NULL;
      CREATE INDEX configurations_dft_job ON configurations (dft_job_id) WHERE dft_job_id IS NOT NULL;
      -- Ids only: OFFSET paging of the unfiltered list walks this ~10 bytes/row index instead of
      -- the table, whose rows carry the per-atom BLOBs (a deep page would read the whole file).
      CREATE INDEX configurations_id ON configurations (id);

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE configuration_tags (
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,
        PRIMARY KEY (tag_id, configuration_id)
      ) WITHOUT ROWID;
      CREATE INDEX configuration_tags_configuration ON configuration_tags (configuration_id);

      -- Training-set versions are immutable snapshots: a potential names the version it was trained
      -- on, and that version's members and weights can never change afterwards (triggers below).
      CREATE TABLE training_sets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        parent_id INTEGER REFERENCES training_sets(id),
        description TEXT NOT NULL DEFAULT '',
        -- How the members were chosen (filter JSON), for people; the member rows are the truth.
        selection TEXT NOT NULL DEFAULT '{}',
        size INTEGER NOT NULL,
        -- SHA-256 over the sorted (configuration id, weights) rows, to spot identical versions.
        digest TEXT NOT NULL,
        -- Set to 1 in the transaction that wrote the members; from then on nothing may change.
        sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
        created_at TEXT NOT NULL,
        UNIQUE (name, version)
      );
      CREATE TABLE training_set_members (
        set_id INTEGER NOT NULL REFERENCES training_sets(id),
        configuration_id INTEGER NOT NULL REFERENCES configurations(id),
        -- Per-configuration loss weights (MLIP: energy, force, stress weights), dimensionless.
        weight_energy REAL NOT NULL DEFAULT 1,
        weight_forces REAL NOT NULL DEFAULT 1,
        weight_stress REAL NOT NULL DEFAULT 1,
        PRIMARY KEY (set_id, configuration_id)
      ) WITHOUT ROWID;
      CREATE INDEX training_set_members_configuration ON training_set_members (configuration_id);
      CREATE TRIGGER training_set_members_frozen_update BEFORE UPDATE ON training_set_members
      BEGIN SELECT RAISE(ABORT, 'training-set versions are immutable; create a new version'); END;
      CREATE TRIGGER training_set_members_frozen_delete BEFORE DELETE ON training_set_members
      BEGIN SELECT RAISE(ABORT, 'training-set versions are immutable; create a new version'); END;
      CREATE TRIGGER training_set_members_frozen_insert BEFORE INSERT ON training_set_members
      WHEN (SELECT sealed FROM training_sets WHERE id = NEW.set_id) = 1
      BEGIN SELECT RAISE(ABORT, 'training-set versions are immutable; create a new version'); END;
      CREATE TRIGGER training_sets_frozen BEFORE UPDATE ON training_sets WHEN OLD.sealed = 1
      BEGIN SELECT RAISE(ABORT, 'training-set versions are immutable; create a new version'); END;
      CREATE TRIGGER training_sets_frozen_delete BEFORE DELETE ON training_sets WHEN OLD.sealed = 1
      BEGIN SELECT RAISE(ABORT, 'training-set versions are immutable; create a new version'); END;

      CREATE TABLE training_runs (
        id INTEGER PRIMARY KEY,
        engine_run_id TEXT REFERENCES engine_runs(id),
        training_set_id INTEGER NOT NULL REFERENCES training_sets(id),
        -- MTP level, seed and every option passed to the engine (JSON), so the run can be repeated.
        level INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        error TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );

      CREATE TABLE potentials (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        -- The .mtp file as written by the engine (MLIP format), byte for byte.
        mtp_text TEXT NOT NULL,
        level INTEGER,
        -- Element of each MTP species index (JSON list), the project's species-map order.
        species TEXT NOT NULL,
        -- Radial basis: min_dist, max_dist (Å), basis size and function count.
        min_dist REAL,
        max_dist REAL,
        radial_basis_size INTEGER,
        radial_funcs_count INTEGER,
        training_run_id INTEGER REFERENCES training_runs(id),
        training_set_id INTEGER REFERENCES training_sets(id),
        -- Fit errors (JSON: energy meV/atom, forces eV/Å, stress GPa; train and validation).
        errors TEXT NOT NULL DEFAULT '{}',
        -- Ensemble membership: members share ensemble name, index 0..n-1.
        ensemble TEXT,
        ensemble_index INTEGER,
        created_at TEXT NOT NULL,
        UNIQUE (ensemble, ensemble_index)
      );
      CREATE INDEX potentials_run ON potentials (training_run_id);

      CREATE TABLE al_campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'paused', 'converged', 'stopped', 'failed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE al_iterations (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES al_campaigns(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 0),
        -- Which step of the loop (A–F in SCIENCE.md) the iteration is at; resumable after a crash.
        step TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'done', 'failed', 'interrupted')),
        potential_id INTEGER REFERENCES potentials(id),
        training_set_id INTEGER REFERENCES training_sets(id),
        candidates INTEGER NOT NULL DEFAULT 0,
        selected INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT '{}',
        started_at TEXT NOT NULL,
        finished_at TEXT,
        UNIQUE (campaign_id, number)
      );

      CREATE TABLE relaxations (
        id INTEGER PRIMARY KEY,
        campaign TEXT,
        al_iteration_id INTEGER REFERENCES al_iterations(id),
        potential_id INTEGER REFERENCES potentials(id),
        start_configuration_id INTEGER NOT NULL REFERENCES configurations(id),
        result_configuration_id INTEGER REFERENCES configurations(id),
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'relaxed', 'not_converged', 'extrapolated', 'failed')),
        -- Energy of the relaxed cell (eV) and the highest extrapolation grade seen on the way.
        energy REAL,
        max_grade REAL,
        settings TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX relaxations_campaign ON relaxations (campaign, status);

      -- DFT jobs: draft → exported → running → done | failed → imported (dft/job-states.ts).
      CREATE TABLE dft_jobs (
        id INTEGER PRIMARY KEY,
        -- Jobs exported together (one folder with one array script) share a batch name.
        batch TEXT NOT NULL,
        configuration_id INTEGER NOT NULL REFERENCES configurations(id),
        code TEXT NOT NULL CHECK (code IN ('vasp', 'qe', 'eam')),
        state TEXT NOT NULL CHECK (state IN ('draft', 'exported', 'running', 'done', 'failed', 'imported')),
        -- Absolute path of the job folder once exported.
        folder TEXT,
        -- Code settings (JSON): templates, k-spacing, cutoffs, pseudopotentials, expected outputs.
        settings TEXT NOT NULL DEFAULT '{}',
        al_iteration_id INTEGER REFERENCES al_iterations(id),
        result_configuration_id INTEGER REFERENCES configurations(id),
        exit_code INTEGER,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX dft_jobs_state ON dft_jobs (state, id);
      CREATE INDEX dft_jobs_batch ON dft_jobs (batch, id);
    `)
  },
}
