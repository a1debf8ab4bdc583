/**
 * A constituent's name where it is shown outside its handling: 李秀英 → 李** (the first character
 * and up to three stars, as the cases' pages show a submitter), and the same inside a free text
 * that repeats it ("我是李秀英,公和村…" → "我是李**,公和村…").
 */
export function maskPersonName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

/** A name that may be missing, masked: null stays null. */
export function maskName(name: string | null): string | null {
  return name === null ? null : maskPersonName(name);
}

/** The text with every occurrence of `name` masked; a missing or one-character name leaves it as it is. */
export function maskNameIn(text: string, name: string | null | undefined): string {
  const n = name?.trim() ?? '';
  if ([...n].length < 2) return text;
  return text.split(n).join(maskPersonName(n));
}
