/** Public surface of the readers and writers (pure TypeScript, no database, no Electron). */
export * from './types.js';
export { ParseError } from './errors.js';
export * from './units.js';
export { collect, type TextSource, type LineChunk } from './lines.js';
export { readCfg, parseCfgText, type CfgReadOptions } from './cfg-reader.js';
export { formatCfg, formatCfgFile, type CfgWriteOptions } from './cfg-writer.js';
export { readExtxyz, parseExtxyzText, type ExtxyzReadOptions } from './extxyz-reader.js';
export { formatExtxyz, formatExtxyzFile, type ExtxyzWriteOptions } from './extxyz-writer.js';
export { parsePoscarText, readPoscar, formatPoscar, type PoscarReadOptions, type PoscarWriteOptions } from './poscar.js';
export { readOutcar, parseOutcarText, type OutcarReadOptions } from './outcar.js';
export { readVasprun, parseVasprunText, type VasprunReadOptions } from './vasprun.js';
export { readQeOutput, parseQeOutputText } from './qe-output.js';
export { formatQeInput, type QeInputOptions } from './qe-input.js';
export { kpointGrid } from './kpoints.js';
export { readMlearnJson, parseMlearnJsonText, mlearnStressOrder, type MlearnReadOptions } from './mlearn-json.js';
export { parseLammpsDataText, formatLammpsData, type LammpsReadOptions, type LammpsWriteOptions } from './lammps-data.js';
export { structureKey, sameStructure, findDuplicates } from './dedup.js';
export { detectFormat, sniffFormat, readStructures, FILE_FORMATS, type FileFormat, type ReadAnyOptions } from './formats.js';
