import type { Studio } from '../app/studio.js'
import { probeEngine } from '../engine/engine-info.js'
import { appVersion } from '../paths.js'
import type { HandlerGroup } from './types.js'

export const appHandlers = (studio: Studio): HandlerGroup<'app'> => ({
  'app/info': () => ({
    name: 'MTP Studio',
    version: appVersion(),
    mode: studio.mode,
    home: studio.home,
    projectsDir: studio.projectsDir,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
  }),
})

export const engineHandlers = (studio: Studio): HandlerGroup<'engine'> => ({
  'engine/info': () => probeEngine(studio.supervisor, studio.enginePath()),
})
