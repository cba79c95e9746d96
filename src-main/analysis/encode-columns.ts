/** Typed arrays as the base64 column text of the contract (contract/columns.ts decodes it). */
export function encodeColumn(values: Float64Array | Int32Array | Uint8Array): string {
  // Typed arrays use the platform's byte order; every platform the app runs on is little-endian.
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
}
