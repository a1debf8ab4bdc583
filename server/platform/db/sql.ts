/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

export function prefixPattern(text: string): string {
  return `${text.replace(/[%_\\]/g, '\\$&')}%`;
}
