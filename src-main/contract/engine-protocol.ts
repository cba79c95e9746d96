/**
 * The engine's JSON-lines protocol on stdout (COMMON.md "Engine protocol"), version 1. The same
 * rules are checked by the C++ validator (native/src/core/engine_protocol.cpp); both read the
 * fixtures in test/fixtures/engine-protocol/.
 */
import { z } from 'zod'

export const ENGINE_PROTOCOL_NAME = 'mtp-engine'
export const ENGINE_PROTOCOL_VERSION = 1

const count = z.number().int().nonnegative()

export const helloMessage = z.looseObject({
  type: z.literal('hello'),
  protocol: z.literal(ENGINE_PROTOCOL_NAME),
  version: z.number().int().positive(),
  engine: z.string(),
  command: z.string().min(1),
})

/** Extra keys (loss, rmse, …) are allowed and forwarded to the renderer as `extra`. */
export const progressMessage = z
  .looseObject({ type: z.literal('progress'), stage: z.string(), done: count, total: count })
  .refine((m) => m.done <= m.total, { message: 'done > total', path: ['done'] })

export const logMessage = z.looseObject({
  type: z.literal('log'),
  level: z.enum(['info', 'warn']),
  message: z.string(),
})

export const resultMessage = z.looseObject({ type: z.literal('result') })

export const errorMessage = z.looseObject({
  type: z.literal('error'),
  code: z.string().min(1),
  message: z.string(),
  file: z.string().nullable().optional(),
  line: z.number().int().positive().nullable().optional(),
  field: z.string().nullable().optional(),
})

export const engineMessage = z.union([helloMessage, progressMessage, logMessage, resultMessage, errorMessage])

export type HelloMessage = z.infer<typeof helloMessage>
export type ProgressMessage = z.infer<typeof progressMessage>
export type LogMessage = z.infer<typeof logMessage>
export type ResultMessage = z.infer<typeof resultMessage>
export type ErrorMessage = z.infer<typeof errorMessage>
export type EngineMessage = HelloMessage | ProgressMessage | LogMessage | ResultMessage | ErrorMessage

const schemaByType: Record<string, z.ZodType> = {
  hello: helloMessage,
  progress: progressMessage,
  log: logMessage,
  result: resultMessage,
  error: errorMessage,
}

export type LineCheck = { ok: true; message: EngineMessage } | { ok: false; reason: string }

/** Parses and validates one stdout line (without its line end). */
export function parseEngineLine(line: string): LineCheck {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' }
  }
  const type = (value as { type?: unknown }).type
  if (typeof type !== 'string') return { ok: false, reason: "missing string field 'type'" }
  const schema = schemaByType[type]
  if (!schema) return { ok: false, reason: `unknown type '${type}'` }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { ok: false, reason: `${type}: ${issue.path.join('.') || 'message'}: ${issue.message}` }
  }
  return { ok: true, message: parsed.data as EngineMessage }
}

export const isTerminalMessage = (m: EngineMessage): m is ResultMessage | ErrorMessage =>
  m.type === 'result' || m.type === 'error'

/**
 * Whole-stream rules: every line valid, hello first and only first, exactly one terminal
 * message and it is the last line.
 */
export function checkEngineStream(lines: string[]): { ok: true } | { ok: false; reason: string } {
  if (lines.length === 0) return { ok: false, reason: 'empty stream' }
  for (let i = 0; i < lines.length; i++) {
    const check = parseEngineLine(lines[i])
    if (!check.ok) return { ok: false, reason: `line ${i + 1}: ${check.reason}` }
    const m = check.message
    if (i === 0 && m.type !== 'hello') return { ok: false, reason: 'line 1: the first message must be hello' }
    if (i > 0 && m.type === 'hello') return { ok: false, reason: `line ${i + 1}: repeated hello` }
    const last = i === lines.length - 1
    if (isTerminalMessage(m) && !last) return { ok: false, reason: `line ${i + 1}: messages after the final ${m.type}` }
    if (!isTerminalMessage(m) && last) return { ok: false, reason: 'stream does not end with result or error' }
  }
  return { ok: true }
}
