import { onFirstUse } from '../lazy.js';

const pinyinPro = onFirstUse<typeof import('pinyin-pro')>('pinyin-pro');

/** Pinyin without tones and the initials of a Chinese name: 张晓明 → `zhang xiao ming`, `zxm`. */
export function nameToPinyin(name: string): { pinyin: string; initials: string } {
  // `v: true` writes ü as v (吕 → lv), the way people type it.
  const syllables = pinyinPro().pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: 'head', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { pinyin: syllables.join(' '), initials: syllables.map((s) => s[0]).join('') };
}

/** A query made only of Latin letters is taken as pinyin initials or a pinyin prefix. */
export function isPinyinQuery(q: string): boolean {
  return /^[a-z]+$/i.test(q);
}
