/** Handlers of 'al/*': active-learning campaigns (al/service.ts). */
import type { Studio } from '../app/studio.js'
import { alService } from '../al/service.js'
import { campaignGrades, gradePreview } from '../al/views.js'
import type { HandlerGroup } from './types.js'

export const alHandlers = (studio: Studio): HandlerGroup<'al'> => {
  const al = alService(studio)
  return {
    'al/create': (spec) => al.create(spec),
    'al/list': () => al.list(),
    'al/get': ({ id }) => al.get(id),
    'al/start': ({ id }) => al.start(id),
    'al/resume': ({ id }) => al.start(id),
    'al/pause': ({ id }) => al.pause(id),
    'al/cancel': ({ id }) => al.cancel(id),
    'al/grades': ({ id, iteration }) => campaignGrades(studio.requireProject().db, id, iteration),
    'al/grade-preview': ({ id, gammaSelect, gammaBreak, iteration }) => gradePreview(studio.requireProject().db, id, gammaSelect, gammaBreak, iteration),
  }
}
