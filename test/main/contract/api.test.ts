import { describe, expect, it } from 'vitest'
import { actionFunctionName, ApiError, createStudioApi, type Envelope, type Transport } from '../../../src-main/contract/api'
import { requestNames } from '../../../src-main/contract/requests'

function fakeTransport(reply: (name: string, input: unknown) => Envelope) {
  const calls: [string, unknown][] = []
  const listeners = new Map<string, (p: unknown) => void>()
  const transport: Transport = {
    invoke: async (name, input) => {
      calls.push([name, input])
      return reply(name, input)
    },
    subscribe: (event, l) => {
      listeners.set(event, l)
      return () => listeners.delete(event)
    },
  }
  return { transport, calls, listeners }
}

describe('createStudioApi', () => {
  it('has one named function per request, grouped by domain', () => {
    const api = createStudioApi(requestNames, fakeTransport(() => ({ ok: true, result: null })).transport) as unknown as Record<string, Record<string, unknown>>
    for (const name of requestNames) {
      const [domain, action] = name.split('/')
      expect(typeof api[domain][actionFunctionName(action)], name).toBe('function')
    }
  })

  it('sends the request key and input, and unwraps results', async () => {
    const { transport, calls } = fakeTransport((name) => ({ ok: true, result: { echoed: name } }))
    const api = createStudioApi(requestNames, transport)
    await expect(api.projects.open({ path: '/x.mtpstudio' })).resolves.toEqual({ echoed: 'projects/open' })
    await api.app.info()
    expect(calls).toEqual([
      ['projects/open', { path: '/x.mtpstudio' }],
      ['app/info', {}],
    ])
  })

  it('turns error envelopes into ApiError with the code', async () => {
    const { transport } = fakeTransport(() => ({ ok: false, error: { code: 'no_project', message: 'no project is open' } }))
    const api = createStudioApi(requestNames, transport)
    const err = await api.configurations.list({}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'no_project', message: 'no project is open', request: 'configurations/list' })
  })

  it('names kebab-case actions in camelCase', () => {
    expect(actionFunctionName('create-training-set')).toBe('createTrainingSet')
    expect(actionFunctionName('list')).toBe('list')
  })

  it('subscribes to push events', () => {
    const { transport, listeners } = fakeTransport(() => ({ ok: true, result: null }))
    const api = createStudioApi(requestNames, transport)
    const seen: unknown[] = []
    const off = api.on('jobs:log', (p) => seen.push(p.message))
    listeners.get('jobs:log')?.({ jobId: 'j', level: 'info', message: 'hi' })
    expect(seen).toEqual(['hi'])
    off()
    expect(listeners.has('jobs:log')).toBe(false)
  })
})
