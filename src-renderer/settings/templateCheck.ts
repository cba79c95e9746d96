/**
 * The placeholders of a job template ({{name}}, as dft/templates.ts fills them) that the export does
 * not know, so a typo is shown while editing instead of being refused by the core.
 */
export function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  const found = [...text.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1])
  return [...new Set(found.filter((name) => !known.includes(name)))]
}
