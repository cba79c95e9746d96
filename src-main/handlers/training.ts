import type { Studio } from '../app/studio.js'
import { trainingParity } from '../training/parity-query.js'
import {
  cancelTrainingRun,
  getTrainingRunView,
  listTrainingRunViews,
  restartTrainingRun,
  startTrainingRun,
} from '../training/service.js'
import { suggestWeighting } from '../training/suggest.js'
import type { HandlerGroup } from './types.js'

export const trainingHandlers = (studio: Studio): HandlerGroup<'training'> => ({
  'training/start': async (spec) => ({ runId: (await startTrainingRun(studio, spec)).runId }),
  'training/list': () => listTrainingRunViews(studio),
  'training/get': ({ runId }) => getTrainingRunView(studio, runId),
  'training/cancel': ({ runId }) => cancelTrainingRun(studio, runId),
  'training/restart': async ({ runId }) => ({ runId: (await restartTrainingRun(studio, runId)).runId }),
  'training/parity': ({ runId, potentialId }) => trainingParity(studio.requireProject().db, runId, potentialId),
  'training/suggest-weighting': ({ trainingSetId }) => suggestWeighting(studio.requireProject().db, trainingSetId),
})
