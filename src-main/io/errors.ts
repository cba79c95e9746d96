/**
 * Every malformed input is reported as a ParseError naming the file, the 1-based line and the
 * field being read, so a user can open the file at that line and see what is wrong.
 */
export class ParseError extends Error {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly detail: string;

  constructor(file: string, line: number, field: string, detail: string) {
    super(`${file}:${line}: ${field}: ${detail}`);
    this.name = 'ParseError';
    this.file = file;
    this.line = line;
    this.field = field;
    this.detail = detail;
  }
}

/** Show a token in an error message: quoted, control bytes escaped, long tokens cut. */
export function showToken(tok: string | undefined): string {
  if (tok === undefined) return 'end of line';
  const cut = tok.length > 40 ? tok.slice(0, 40) + '…' : tok;
  return JSON.stringify(cut);
}
