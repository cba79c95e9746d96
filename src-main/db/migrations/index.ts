/** Every migration, in the order applied. Append only; never edit one that has shipped. */
import type { Migration } from '../migrate.js'
import { initial } from './001-initial.js'
import { engineRuns } from './002-engine-runs.js'
import { projectData } from './003-project-data.js'
import { trainingRuns } from './004-training-runs.js'
import { alCampaigns } from './005-al-campaigns.js'
import { hullIndex } from './006-hull-index.js'
import { dftJobRunner } from './007-dft-job-runner.js'

export const migrations: readonly Migration[] = [initial, engineRuns, projectData, trainingRuns, alCampaigns, hullIndex, dftJobRunner]

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version
