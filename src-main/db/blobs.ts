/**
 * Typed arrays ↔ SQLite BLOBs, little-endian. Copies on read so the result never aliases the
 * driver's buffer and is correctly aligned.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
if (!LITTLE_ENDIAN) throw new Error('MTP Studio project files are little-endian; big-endian hosts are not supported')

export function float64ToBlob(a: ArrayLike<number>): Buffer {
  const f = a instanceof Float64Array ? a : Float64Array.from(a)
  return Buffer.from(f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength))
}

export function blobToFloat64(b: Uint8Array): Float64Array {
  if (b.byteLength % 8 !== 0) throw new Error(`float64 blob of ${b.byteLength} bytes`)
  const copy = new Uint8Array(b)
  return new Float64Array(copy.buffer, 0, b.byteLength / 8)
}

export function int32ToBlob(a: ArrayLike<number>): Buffer {
  const i = a instanceof Int32Array ? a : Int32Array.from(a)
  return Buffer.from(i.buffer.slice(i.byteOffset, i.byteOffset + i.byteLength))
}

export function blobToInt32(b: Uint8Array): Int32Array {
  if (b.byteLength % 4 !== 0) throw new Error(`int32 blob of ${b.byteLength} bytes`)
  const copy = new Uint8Array(b)
  return new Int32Array(copy.buffer, 0, b.byteLength / 4)
}
