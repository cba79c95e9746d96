import { describe, expect, it } from 'vitest'
import { LineSplitter } from '../../../src-main/engine/line-splitter'

describe('LineSplitter', () => {
  it('hands out only complete lines, across chunks and CRLF', () => {
    const s = new LineSplitter()
    expect(s.push('{"a":')).toEqual([])
    expect(s.push('1}\r\n{"b"')).toEqual(['{"a":1}'])
    expect(s.push(':2}\n\n')).toEqual(['{"b":2}', ''])
    expect(s.end()).toEqual([])
  })

  it('keeps multi-byte characters split between chunks intact', () => {
    const s = new LineSplitter()
    const bytes = Buffer.from('γÅ\n')
    const out = [...s.push(bytes.subarray(0, 1)), ...s.push(bytes.subarray(1, 3)), ...s.push(bytes.subarray(3))]
    expect(out).toEqual(['γÅ'])
  })

  it('returns a last line without newline at the end of the stream', () => {
    const s = new LineSplitter()
    expect(s.push('x\ny')).toEqual(['x'])
    expect(s.end()).toEqual(['y'])
  })
})
