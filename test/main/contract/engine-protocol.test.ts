import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkEngineStream, parseEngineLine } from '../../../src-main/contract/engine-protocol'

const fixtures = fileURLToPath(new URL('../../fixtures/engine-protocol/', import.meta.url))
const streams = (kind: 'valid' | 'invalid') =>
  readdirSync(join(fixtures, kind))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => [f, readFileSync(join(fixtures, kind, f), 'utf8')] as const)
const lines = (text: string) => (text.length ? text.replace(/\n$/, '').split('\n') : [])

describe('engine protocol schema (shared fixtures)', () => {
  it('has fixtures of both kinds', () => {
    expect(streams('valid').length).toBeGreaterThanOrEqual(5)
    expect(streams('invalid').length).toBeGreaterThanOrEqual(20)
  })

  it.each(streams('valid'))('accepts valid/%s', (_name, text) => {
    expect(checkEngineStream(lines(text))).toEqual({ ok: true })
    for (const l of lines(text)) expect(parseEngineLine(l).ok).toBe(true)
  })

  it.each(streams('invalid'))('rejects invalid/%s', (_name, text) => {
    const r = checkEngineStream(lines(text))
    expect(r.ok).toBe(false)
  })

  it('says why a line is rejected', () => {
    expect(parseEngineLine('{"type":"progress","stage":"s","done":3,"total":2}')).toEqual({ ok: false, reason: 'progress: done: done > total' })
    expect(parseEngineLine('{"type":"log","level":"debug","message":"m"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/^log: level/) })
    expect(parseEngineLine('nope')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not JSON/) })
    expect(parseEngineLine('{"type":"x"}')).toEqual({ ok: false, reason: "unknown type 'x'" })
  })

  it('keeps the extra keys of progress and result messages', () => {
    const r = parseEngineLine('{"type":"progress","stage":"bfgs","done":1,"total":2,"loss":0.5}')
    expect(r).toEqual({ ok: true, message: { type: 'progress', stage: 'bfgs', done: 1, total: 2, loss: 0.5 } })
  })
})
