/**
 * Settings, the species map and configurations with their reference data and provenance.
 * Arrays are little-endian BLOBs (see db/blobs.ts): compact at 10^6 configurations and read back
 * bit-exactly, which the lossless .cfg round trip needs.
 */
import type { Migration } from '../migrate.js'

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      -- Key → JSON value (name, created_at, app_version, …).
      CREATE TABLE project_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Element ↔ MLIP type index; the order every export uses. Indices never change once given.
      CREATE TABLE species (
        type_index INTEGER PRIMARY KEY CHECK (type_index >= 0),
        element TEXT NOT NULL UNIQUE
      );

      -- One row per imported file.
      CREATE TABLE import_sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT,
        size_bytes INTEGER,
        imported_at TEXT NOT NULL
      );

      CREATE TABLE configurations (
        id INTEGER PRIMARY KEY,
        natoms INTEGER NOT NULL CHECK (natoms >= 0),
        -- Element counts in species-map order, unreduced: 'Ag6Pd2', 'Mo54'.
        formula TEXT NOT NULL,
        -- 9 float64: lattice vectors as rows, Å; an all-zero row is a non-periodic direction.
        cell BLOB NOT NULL,
        -- natoms x 3 float64, Cartesian, Å.
        positions BLOB NOT NULL,
        -- natoms int32: species.type_index per atom.
        types BLOB NOT NULL,
        -- Total energy of the cell, eV, and which DFT energy it is.
        energy REAL,
        energy_kind TEXT CHECK (energy_kind IN ('free', 'sigma0', 'total', 'unknown')),
        -- natoms x 3 float64, eV/Å.
        forces BLOB,
        -- 6 float64, eV: MLIP PlusStress = -V*sigma (compressive positive), order xx yy zz yz xz xy.
        virial BLOB,
        -- natoms float64: per-atom energies (eV) and charges (e) when a .cfg carries them.
        site_energies BLOB,
        charges BLOB,
        -- Provenance.
        source_id INTEGER REFERENCES import_sources(id),
        source_file TEXT,
        source_frame INTEGER,
        parser TEXT,
        dft_code TEXT,
        dft_settings TEXT NOT NULL DEFAULT '{}',
        label TEXT,
        features TEXT NOT NULL DEFAULT '{}',
        -- SCF convergence (1/0, NULL = not applicable) and why a frame is kept out of training.
        converged INTEGER,
        quarantine_reason TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX configurations_formula ON configurations (formula, id);
      CREATE INDEX configurations_source ON configurations (source_id, source_frame);
    `)
  },
}
