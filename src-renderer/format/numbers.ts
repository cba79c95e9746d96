/** Thousands separated with a thin space (SI style), so 1 000 000 configurations read at a glance. */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const [int, frac] = Math.abs(n).toString().split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009')
  return (n < 0 ? '−' : '') + grouped + (frac ? `.${frac}` : '')
}

/** A value with a fixed number of decimals and a proper minus sign, or an en dash when missing. */
export function fixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const s = value.toFixed(decimals)
  return s.startsWith('-') ? `−${s.slice(1)}` : s
}
