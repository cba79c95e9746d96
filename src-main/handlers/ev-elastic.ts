import type { Studio } from '../app/studio.js'
import { elasticForProject, evForProject } from '../analysis/ev-elastic-service.js'
import type { EngineAccess, EvElasticProgress } from '../analysis/ev-elastic-progress.js'
import { LiveComputations } from '../engine/cancellable-runner.js'
import { asInputError } from './data.js'
import type { Handlers } from './types.js'

export const evElasticHandlers = (studio: Studio): Pick<Handlers, 'analysis/ev' | 'analysis/elastic' | 'analysis/ev-elastic-cancel'> => {
  // Every engine step is a job of the project: it shows in the jobs menu and can be cancelled there.
  const engine: EngineAccess = { start: (o) => studio.startProjectJob(o), subscribe: (l) => studio.supervisor.subscribe(l) }
  const live = new LiveComputations()
  const onProgress = (p: EvElasticProgress) => studio.events.emit('analysis:ev-elastic-progress', p)
  return {
    'analysis/ev': (input) =>
      live.run(input.computeId, (signal, computeId) => asInputError(() => evForProject(engine, studio.requireProject().db, input, { computeId, signal, onProgress }))),
    'analysis/elastic': (input) =>
      live.run(input.computeId, (signal, computeId) => asInputError(() => elasticForProject(engine, studio.requireProject().db, input, { computeId, signal, onProgress }))),
    'analysis/ev-elastic-cancel': ({ computeId }) => ({ cancelled: live.cancel(computeId) }),
  }
}
