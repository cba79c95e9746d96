/**
 * Streaming line input shared by the text readers. A source is a file path or in-memory text
 * (tests, uploads). Lines are delivered in chunks (about 1 MiB of text per await) so the async
 * overhead is per chunk, not per line; parsers are synchronous push parsers fed line by line.
 */
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { ParsedStructure, ReadOptions } from './types.js';

export type TextSource = string | { name: string; text: string };

export function sourceName(src: TextSource): string {
  return typeof src === 'string' ? src : src.name;
}

export interface LineChunk {
  lines: string[];
  /** 1-based number of lines[0]. */
  firstLine: number;
  bytesRead: number;
  totalBytes: number;
}

const CHUNK = 1 << 20;

function splitInto(text: string, out: string[]): string {
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return text.slice(start);
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push(text.slice(start, end));
    start = nl + 1;
  }
}

export async function* readLineChunks(src: TextSource): AsyncGenerator<LineChunk> {
  let lineNo = 1;
  if (typeof src !== 'string') {
    const total = Buffer.byteLength(src.text);
    const lines: string[] = [];
    const rest = splitInto(src.text, lines);
    if (rest.length > 0) lines.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
    yield { lines, firstLine: 1, bytesRead: total, totalBytes: total };
    return;
  }
  const total = statSync(src).size;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let bytes = 0;
  for await (const buf of createReadStream(src, { highWaterMark: CHUNK })) {
    bytes += (buf as Buffer).length;
    const lines: string[] = [];
    carry = splitInto(carry + decoder.write(buf as Buffer), lines);
    yield { lines, firstLine: lineNo, bytesRead: bytes, totalBytes: total };
    lineNo += lines.length;
  }
  carry += decoder.end();
  if (carry.length > 0) {
    yield { lines: [carry.endsWith('\r') ? carry.slice(0, -1) : carry], firstLine: lineNo, bytesRead: bytes, totalBytes: total };
  }
}

/** A synchronous push parser: lines in, finished frames out. */
export interface LineParser {
  push(line: string, lineNo: number): void;
  /** Called once after the last line; `lastLine` is the number of lines seen. */
  finish(lastLine: number): void;
  /** Frames completed so far (drained by the driver). */
  readonly done: ParsedStructure[];
}

/** Drive a push parser over a source, yielding frames as they complete. */
export async function* runLineParser(src: TextSource, parser: LineParser, opts: ReadOptions = {}): AsyncGenerator<ParsedStructure> {
  let frames = 0;
  let last = 0;
  let bytesRead = 0;
  let totalBytes = 0;
  for await (const chunk of readLineChunks(src)) {
    const { lines, firstLine } = chunk;
    for (let i = 0; i < lines.length; i++) parser.push(lines[i], firstLine + i);
    last = firstLine + lines.length - 1;
    bytesRead = chunk.bytesRead;
    totalBytes = chunk.totalBytes;
    for (const f of parser.done.splice(0)) {
      frames++;
      yield f;
    }
    opts.onProgress?.({ bytesRead, totalBytes, frames });
  }
  parser.finish(last);
  for (const f of parser.done.splice(0)) {
    frames++;
    yield f;
  }
  opts.onProgress?.({ bytesRead, totalBytes, frames });
}

/** Same as runLineParser for in-memory text, synchronously. */
export function runLineParserSync(text: string, parser: LineParser): ParsedStructure[] {
  const lines: string[] = [];
  const rest = splitInto(text, lines);
  if (rest.length > 0) lines.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  for (let i = 0; i < lines.length; i++) parser.push(lines[i], i + 1);
  parser.finish(lines.length);
  return parser.done.splice(0);
}

/** Collect every frame of an async reader (small files, tests). */
export async function collect(it: AsyncIterable<ParsedStructure>): Promise<ParsedStructure[]> {
  const out: ParsedStructure[] = [];
  for await (const s of it) out.push(s);
  return out;
}
