/**
 * Regions carry a materialised path of their ancestors' codes, e.g. `450000.451100.451103.451103101.`:
 * region A is inside region B exactly when A's path starts with B's.
 */
export function regionPath(ancestorCodes: string[]): string {
  return ancestorCodes.map((c) => `${c}.`).join('');
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/** The deepest path that all the given paths lie within ('' when they share no province). */
export function commonAncestorPath(paths: string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((p) => p.split('.').filter(Boolean));
  const first = split[0]!;
  let depth = 0;
  while (depth < first.length && split.every((s) => s[depth] === first[depth])) depth++;
  return regionPath(first.slice(0, depth));
}

export function pathCodes(path: string): string[] {
  return path.split('.').filter(Boolean);
}
