/**
 * Parse throughput of the io readers (no database): replicates real data sets into temporary
 * files and streams them through the readers. Run: npx tsx bench/io/parse-throughput.ts [configs]
 * Default 20,000 configurations per format (≈ 100 MB of .cfg); the import target is 100,000
 * configurations in ≤ 60 s including the database.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCfg } from '../../src-main/io/cfg-reader.js';
import { formatCfgFile } from '../../src-main/io/cfg-writer.js';
import { readExtxyz } from '../../src-main/io/extxyz-reader.js';
import { formatExtxyzFile } from '../../src-main/io/extxyz-writer.js';
import { parseCfgText } from '../../src-main/io/cfg-reader.js';
import { readMlearnJson } from '../../src-main/io/mlearn-json.js';
import type { ParsedStructure } from '../../src-main/io/types.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const target = Number(process.argv[2] ?? 20000);
const dir = mkdtempSync(join(tmpdir(), 'io-bench-'));

function replicate(path: string, text: string, perCopy: number): number {
  const copies = Math.ceil(target / perCopy);
  writeFileSync(path, '');
  for (let k = 0; k < copies; k++) appendFileSync(path, text);
  return copies * perCopy;
}

async function time(label: string, path: string, it: AsyncIterable<ParsedStructure>): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let frames = 0, atoms = 0;
  for await (const s of it) {
    frames++;
    atoms += s.natoms;
  }
  const sec = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  // CPU time of this process: close to the wall time an idle core would take (the shared
  // machine's load makes wall time unreliable)
  const cpu = (c.user + c.system) / 1e6;
  const mb = statSync(path).size / 1e6;
  console.log(
    `${label.padEnd(28)} ${frames} configs, ${atoms} atoms, ${mb.toFixed(0)} MB: wall ${sec.toFixed(2)} s, CPU ${cpu.toFixed(2)} s; ` +
      `${Math.round(frames / cpu)} configs/s, ${Math.round(atoms / cpu)} atoms/s per CPU second; ` +
      `100,000 configs ≈ ${((100000 / frames) * cpu).toFixed(1)} s CPU (${((100000 / frames) * sec).toFixed(1)} s wall here)`,
  );
}

try {
  const moText = readFileSync(SHARED + 'mlearn/Mo/cfg/train.cfg', 'utf8');
  const mo = parseCfgText(moText, 'Mo');
  const cfgPath = join(dir, 'mo.cfg');
  replicate(cfgPath, moText, mo.length);
  await time('.cfg (mlearn Mo, 12 dec.)', cfgPath, readCfg(cfgPath, { species: ['Mo'] }));

  const mlipPath = join(dir, 'mlip.cfg');
  replicate(mlipPath, formatCfgFile(mo), mo.length);
  await time('.cfg (MLIP default layout)', mlipPath, readCfg(mlipPath, { species: ['Mo'] }));

  const xyzPath = join(dir, 'mo.xyz');
  replicate(xyzPath, formatExtxyzFile(parseCfgText(moText, 'Mo', { species: ['Mo'] })), mo.length);
  await time('extxyz (exact numbers)', xyzPath, readExtxyz(xyzPath));

  // one JSON list of the Mo training records repeated (JSON is parsed whole: keep it ≤ 5,000)
  const jsonPath = join(dir, 'Mo_training.json');
  const records = readFileSync(SHARED + 'mlearn/Mo/training.json', 'utf8').trim().slice(1, -1);
  const copies = Math.ceil(Math.min(target, 5000) / mo.length);
  writeFileSync(jsonPath, '[' + new Array(copies).fill(records).join(', ') + ']');
  await time('mlearn JSON', jsonPath, readMlearnJson(jsonPath));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
