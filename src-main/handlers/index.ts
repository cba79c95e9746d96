/**
 * All request handlers, and `dispatch`, the one entry both adapters use: validate the input
 * against the contract, run the handler, check the output, and wrap it in an Envelope.
 */
import type { Studio } from '../app/studio.js'
import type { Envelope } from '../contract/api.js'
import { AppError, toErrorBody } from '../contract/errors.js'
import { isRequestName, requests, type RequestName } from '../contract/requests.js'
import { appHandlers, engineHandlers } from './app.js'
import { configurationHandlers } from './configurations.js'
import { dataHandlers } from './data.js'
import { analysisHandlers } from './analysis.js'
import { settingsHandlers } from './settings.js'
import { alHandlers } from './al.js'
import { trainingHandlers } from './training.js'
import { evElasticHandlers } from './ev-elastic.js'
import { dftRunHandlers } from './dft-run.js'
import { importHandlers } from './import.js'
import { hullCompareHandlers } from './hull-compare.js'
import { potentialHandlers } from './potentials.js'
import { jobHandlers } from './jobs.js'
import { projectHandlers } from './projects.js'
import type { Handlers } from './types.js'

export function createHandlers(studio: Studio): Handlers {
  return {
    ...appHandlers(studio),
    ...engineHandlers(studio),
    ...projectHandlers(studio),
    ...configurationHandlers(studio),
    ...jobHandlers(studio),
    ...dataHandlers(studio),
    ...analysisHandlers(studio),
    ...settingsHandlers(studio),
    ...alHandlers(studio),
    ...trainingHandlers(studio),
    ...evElasticHandlers(studio),
    ...dftRunHandlers(studio),
    ...importHandlers(studio),
    ...hullCompareHandlers(studio),
    ...potentialHandlers(studio),
  }
}

export type Dispatch = (name: string, input: unknown) => Promise<Envelope>

export function createDispatch(handlers: Handlers, log: (message: string) => void = (m) => console.error(m)): Dispatch {
  return async (name, input) => {
    try {
      if (!isRequestName(name)) throw new AppError('unknown_request', `unknown request ${name}`)
      const spec = requests[name]
      const parsed = spec.input.safeParse(input ?? {})
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
        throw new AppError('invalid_input', `invalid input for ${name}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues)
      }
      const handler = handlers[name as RequestName] as (i: unknown) => unknown
      const result = await handler(parsed.data)
      const checked = spec.output.safeParse(result)
      if (!checked.success) {
        log(`handler ${name} returned data outside the contract: ${checked.error.message}`)
        throw new AppError('internal', `the core returned an invalid reply to ${name}`)
      }
      return { ok: true, result: checked.data }
    } catch (e) {
      if (!(e instanceof AppError)) log(`request ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
      return { ok: false, error: toErrorBody(e) }
    }
  }
}
