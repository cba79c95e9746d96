/**
 * The one in-memory form every reader yields and every writer takes.
 *
 * Units: length Å, energy eV, force eV/Å.
 * Stress convention (one, everywhere): `virial` = MLIP's PlusStress in eV, i.e. −V·σ with σ the
 * tension-positive Cauchy stress, so a compressed cell has positive diagonal values (same sign as
 * VASP's "in kB" line, QE's and LAMMPS's pressure-like output). Voigt order xx yy zz yz xz xy
 * (MLIP's .cfg order). GPa for people: `virialToGPa` in units.ts (compressive positive).
 */

export type Vec3 = [number, number, number];

/** Lattice vectors as rows (Å); a row is null when that direction is not periodic. */
export type Cell = [Vec3 | null, Vec3 | null, Vec3 | null];

/**
 * Which DFT energy was stored. VASP: 'free' = TOTEN (the one consistent with the forces),
 * 'sigma0' = energy(sigma->0); 'total' = a code's plain total energy (QE '!' line, MLIP Energy,
 * mlearn JSON); 'unknown' when a file does not say.
 */
export type EnergyKind = 'free' | 'sigma0' | 'total' | 'unknown';

export type ParserName =
  | 'cfg'
  | 'extxyz'
  | 'poscar'
  | 'outcar'
  | 'vasprun'
  | 'qe-pw-output'
  | 'mlearn-json'
  | 'lammps-data';

export interface Provenance {
  /** File name as given to the reader (path or label). */
  file: string;
  /** 0-based index of the frame in the file. */
  frame: number;
  parser: ParserName;
  /** Code that produced the reference data: 'VASP', 'QE', 'MLIP', … or null when unknown. */
  code: string | null;
  /** DFT settings found in the file (ENCUT, ISMEAR, ecutwfc, k-points, pseudopotentials …). */
  settings: Record<string, string | number | boolean>;
  /** Free label (extxyz label/tag, mlearn group/description, POSCAR comment …). */
  label: string | null;
}

export interface ParsedStructure {
  natoms: number;
  cell: Cell;
  /** Cartesian positions, Å, flat [x0,y0,z0,x1,…], length 3·natoms. */
  positions: Float64Array;
  /** Element symbol per atom, or null when only type indices are known (.cfg without a map). */
  species: string[] | null;
  /** 0-based MLIP type index per atom, or null when the source has element symbols only. */
  types: Int32Array | null;
  /** Total energy of the cell, eV. */
  energy: number | null;
  energyKind: EnergyKind | null;
  /** Forces, eV/Å, flat like positions. */
  forces: Float64Array | null;
  /** Virial (PlusStress), eV, [xx, yy, zz, yz, xz, xy], compressive positive: −V·σ. */
  virial: Float64Array | null;
  /** Per-atom energies (eV) and charges (e) when a .cfg carries them. */
  siteEnergies: Float64Array | null;
  charges: Float64Array | null;
  /** Selective-dynamics flags from POSCAR, 3·natoms, 1 = may move (T), 0 = fixed (F). */
  selective: Uint8Array | null;
  /** Free-form text metadata: .cfg `Feature` lines, extxyz extra info keys (raw text). */
  features: Record<string, string>;
  /** SCF convergence for DFT outputs: true, false (flagged), or null when not applicable. */
  converged: boolean | null;
  /** Human-readable notes on anything suspicious found while reading (not fatal). */
  warnings: string[];
  provenance: Provenance;
}

/** Progress report of a streaming reader: bytes consumed so far out of the total. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
  frames: number;
}

export interface ReadOptions {
  /** Called after every chunk read (about every MiB) and at the end. */
  onProgress?: (p: ReadProgress) => void;
}

export function emptyStructure(natoms: number, provenance: Provenance): ParsedStructure {
  return {
    natoms,
    cell: [null, null, null],
    positions: new Float64Array(3 * natoms),
    species: null,
    types: null,
    energy: null,
    energyKind: null,
    forces: null,
    virial: null,
    siteEnergies: null,
    charges: null,
    selective: null,
    features: {},
    converged: null,
    warnings: [],
    provenance,
  };
}
