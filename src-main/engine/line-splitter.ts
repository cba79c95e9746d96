/**
 * Splits a byte stream into text lines. Chunks from a pipe end anywhere — inside a line or inside
 * a multi-byte UTF-8 character — so lines are only handed out once their '\n' has arrived.
 */
import { StringDecoder } from 'node:string_decoder'

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''

  /** Returns the complete lines in this chunk (without '\n' or a trailing '\r'). */
  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk)
    const parts = this.pending.split('\n')
    this.pending = parts.pop() ?? ''
    return parts.map(stripCr)
  }

  /** At end of stream: the last line if it had no '\n', else nothing. */
  end(): string[] {
    const rest = this.pending + this.decoder.end()
    this.pending = ''
    return rest.length ? [stripCr(rest)] : []
  }
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line)
