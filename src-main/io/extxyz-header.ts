/**
 * The comment line of an extended XYZ frame: key=value pairs, values bare, "double quoted"
 * (with backslash escapes) or {braced}/[bracketed]; a bare key means True (ASE conventions).
 */
export function parseExtxyzHeader(line: string): Map<string, string> | string {
  const out = new Map<string, string>();
  const n = line.length;
  let i = 0;
  const ws = (c: number) => c === 32 || c === 9 || c === 13;
  while (i < n) {
    while (i < n && ws(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const k0 = i;
    while (i < n && !ws(line.charCodeAt(i)) && line[i] !== '=') i++;
    const key = line.slice(k0, i);
    if (key.length === 0) return `empty key at column ${i + 1}`;
    let j = i;
    while (j < n && ws(line.charCodeAt(j))) j++;
    if (line[j] !== '=') {
      out.set(key, 'T');
      continue;
    }
    i = j + 1;
    while (i < n && ws(line.charCodeAt(i))) i++;
    const c = line[i];
    if (c === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= n) return `unterminated quoted value of ${key}`;
        const ch = line[i];
        if (ch === '\\' && i + 1 < n) {
          const e = line[i + 1];
          v += e === 'n' ? '\n' : e;
          i += 2;
          continue;
        }
        if (ch === '"') break;
        v += ch;
        i++;
      }
      i++;
      out.set(key, v);
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const end = line.indexOf(close, i);
      if (end < 0) return `unterminated ${c}…${close} value of ${key}`;
      out.set(key, line.slice(i + 1, end).replace(/,/g, ' ').trim());
      i = end + 1;
    } else {
      const v0 = i;
      while (i < n && !ws(line.charCodeAt(i))) i++;
      out.set(key, line.slice(v0, i));
    }
  }
  return out;
}

/** Quote a value for the comment line when it is not a single plain token. */
export function quoteExtxyzValue(v: string): string {
  if (v.length > 0 && /^[^\s"'=\\{}[\],]+$/.test(v)) return v;
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}
