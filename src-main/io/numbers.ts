/**
 * Fast, strict token and number handling shared by all text readers, and printf-compatible
 * number formatting for writers that must reproduce C/C++ output byte for byte.
 */
import { ParseError, showToken } from './errors.js';

const WS = /[ \t\r\v\f]+/;

/** Split on whitespace: one native regex split per line (hot path: one call per data line). */
export function splitWs(line: string): string[] {
  const t = line.trim();
  return t.length === 0 ? [] : t.split(WS);
}

/**
 * Decimal number or NaN. Rejects what Number() would wrongly accept: hex/binary/octal
 * literals, "Infinity", empty strings. Accepts Fortran exponents "1.0D-03".
 */
export function parseNum(tok: string | undefined): number {
  if (tok === undefined || tok.length === 0) return NaN;
  const c0 = tok.charCodeAt(0);
  // first char must be a digit, sign or '.'
  if (!((c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || c0 === 46)) return NaN;
  let v = Number(tok);
  if (Number.isNaN(v)) {
    const d = tok.search(/[dD]/);
    if (d > 0) v = Number(tok.slice(0, d) + 'e' + tok.slice(d + 1));
  } else if (tok.length > 1) {
    const c1 = tok.charCodeAt(1) | 32;
    if (c1 === 120 || c1 === 98 || c1 === 111) return NaN; // 0x 0b 0o
  }
  return Number.isFinite(v) ? v : NaN;
}

const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const isWs = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

/**
 * Parse the whitespace-separated numbers of `line` from character `start` into `out[at…]`
 * without creating substrings (hot path for atom rows). Plain decimals of ≤ 15 digits use
 * m / 10^k, which is exactly Number()'s result (both operands exact, one correctly rounded
 * division); anything else (exponents, long mantissas) goes through parseNum.
 * Returns the count of numbers read, or −(k+1) when token k is not a number or when there are
 * more than `max` tokens (k = max).
 */
export function scanNumbers(line: string, start: number, out: Float64Array, at: number, max: number): number {
  const n = line.length;
  let i = start;
  let k = 0;
  for (;;) {
    let c = 0;
    while (i < n && isWs((c = line.charCodeAt(i)))) i++;
    if (i >= n) return k;
    if (k >= max) return -(k + 1);
    const t0 = i;
    let neg = false;
    if (c === 45) {
      neg = true;
      i++;
    } else if (c === 43) i++;
    let m = 0, digits = 0, frac = 0, dot = false;
    while (i < n) {
      c = line.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
        if (dot) frac++;
      } else if (c === 46 && !dot) dot = true;
      else break;
      i++;
    }
    if ((i >= n || isWs(c)) && digits > 0 && digits <= 15) {
      const v = m / POW10[frac];
      out[at + k++] = neg ? -v : v;
      continue;
    }
    while (i < n && !isWs(line.charCodeAt(i))) i++;
    const v = parseNum(line.slice(t0, i));
    if (Number.isNaN(v)) return -(k + 1);
    out[at + k++] = v;
  }
}

/** Reads typed values from tokens, throwing ParseError(file, line, field) on bad input. */
export class FieldReader {
  constructor(readonly file: string) {}

  fail(line: number, field: string, detail: string): never {
    throw new ParseError(this.file, line, field, detail);
  }

  num(tok: string | undefined, line: number, field: string): number {
    const v = parseNum(tok);
    if (Number.isNaN(v)) this.fail(line, field, `expected a finite number, got ${showToken(tok)}`);
    return v;
  }

  int(tok: string | undefined, line: number, field: string): number {
    const v = parseNum(tok);
    if (!Number.isInteger(v) || !/^[+-]?\d+$/.test(tok as string))
      this.fail(line, field, `expected an integer, got ${showToken(tok)}`);
    return v;
  }

  /** Exactly `count` numbers from `toks` starting at `from` into `out` at `at`. */
  nums(toks: string[], from: number, count: number, out: Float64Array | number[], at: number, line: number, field: string): void {
    if (toks.length < from + count)
      this.fail(line, field, `expected ${count} numbers, found ${Math.max(0, toks.length - from)}`);
    for (let k = 0; k < count; k++) {
      const v = parseNum(toks[from + k]);
      if (Number.isNaN(v)) this.fail(line, field, `expected a finite number, got ${showToken(toks[from + k])}`);
      out[at + k] = v;
    }
  }
}

/**
 * C printf "%.{p}f". JS toFixed rounds exact ties away from zero and drops the sign of −0;
 * glibc rounds ties to even and prints "-0.000000" for −0 and for tiny negatives. Both are
 * reproduced so the output matches MLIP's files.
 */
export function formatFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a >= 1e21) return (neg ? '-' : '') + BigInt(Math.round(a)).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
  let s = a.toFixed(p);
  if (p < 80 && a > 0) {
    const longer = a.toFixed(p + 1);
    if (longer.charCodeAt(longer.length - 1) === 53 /* '5' */) {
      const exact = a.toFixed(100);
      const dot = exact.indexOf('.');
      const rest = exact.slice(dot + 1 + p + 1);
      if (/^0*$/.test(rest)) {
        // exact tie: choose the even neighbour (the truncated one if its last digit is even)
        const trunc = p === 0 ? exact.slice(0, dot) : exact.slice(0, dot + 1 + p);
        const last = trunc.charCodeAt(trunc.length - 1) - 48;
        if (last % 2 === 0) s = trunc;
      }
    }
  }
  return (neg ? '-' : '') + s;
}

/** C printf "%.{p}e" (two-digit minimum exponent, ties to even, signed zero). */
export function formatSci(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toExponential(p);
  if (a > 1e-60 && a < 1e21) {
    const longer = a.toExponential(p + 1);
    const e = longer.indexOf('e');
    if (longer.charCodeAt(e - 1) === 53) {
      const exp = Number(longer.slice(e + 1));
      const digitsAfterPoint = p + 1 - exp; // position of the (p+2)-th significant digit
      if (digitsAfterPoint <= 100) {
        const exact = a.toFixed(Math.max(0, Math.min(100, digitsAfterPoint + 40)));
        const sig = exact.replace('.', '').replace(/^0+/, '');
        if (sig.length >= p + 2 && /^0*$/.test(sig.slice(p + 2)) && sig[p + 1] === '5') {
          const lastKept = sig.charCodeAt(p) - 48;
          if (lastKept % 2 === 0) {
            const mant = sig[0] + (p > 0 ? '.' + sig.slice(1, p + 1) : '');
            s = mant + 'e' + (exp >= 0 ? '+' : '') + exp;
          }
        }
      }
    }
  }
  const e = s.indexOf('e');
  const mant = s.slice(0, e);
  const expNum = Number(s.slice(e + 1));
  const expAbs = Math.abs(expNum);
  return (neg ? '-' : '') + mant + 'e' + (expNum < 0 ? '-' : '+') + (expAbs < 10 ? '0' : '') + expAbs;
}

/** Right-align in a field of `width` characters (C "%*s"); never truncates. */
export function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/**
 * Shortest text that reads back to the same double (JS's own algorithm), written without an
 * exponent for ordinary magnitudes so other tools parse it too.
 */
export function formatExact(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return s + '.0';
  return s;
}
