/**
 * Typed numeric columns in replies: the bytes of a little-endian typed array as base64 text. A
 * reply of 10^5 rows stays a few MB and costs no per-element parsing or schema checking on
 * either side (JSON numbers would be ~20 characters each, and zod would visit every one).
 * The core encodes with Node’s Buffer (src-main/analysis/encode-columns.ts); the renderer and tests decode here.
 */
import { z } from 'zod'

export type ColumnType = 'f64' | 'i32' | 'u8'

/** A column of `type`; its length is checked when it is decoded. */
export const column = (type: ColumnType) => z.string().describe(`base64 of a little-endian ${type} array`)

const bytesPer: Record<ColumnType, number> = { f64: 8, i32: 4, u8: 1 }

interface Base64Decoder {
  fromBase64?: (text: string) => Uint8Array
}

function bytesOf(text: string): Uint8Array {
  // Uint8Array.fromBase64 (Chromium ≥ 140, Node ≥ 25) is native; atob is everywhere else.
  const native = (Uint8Array as unknown as Base64Decoder).fromBase64
  if (native) return native(text)
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

type ArrayOf<T extends ColumnType> = T extends 'f64' ? Float64Array : T extends 'i32' ? Int32Array : Uint8Array

/** Decodes a column, checking that it holds exactly `length` values. */
export function decodeColumn<T extends ColumnType>(text: string, type: T, length: number): ArrayOf<T> {
  const bytes = bytesOf(text)
  if (bytes.byteLength !== length * bytesPer[type]) throw new Error(`a ${type} column of ${length} values has ${bytes.byteLength} bytes`)
  // A fresh buffer from the decoder starts at offset 0, so the view is aligned.
  const buffer = bytes.byteOffset === 0 ? bytes.buffer : bytes.slice().buffer
  if (type === 'f64') return new Float64Array(buffer, 0, length) as ArrayOf<T>
  if (type === 'i32') return new Int32Array(buffer, 0, length) as ArrayOf<T>
  return new Uint8Array(buffer, 0, length) as ArrayOf<T>
}
