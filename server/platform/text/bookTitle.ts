/**
 * A title between book-title marks, as Chinese documents cite a law, a report or a topic:
 * 关于…的报告 → 《关于…的报告》. A title typed with its own marks around it is left as it is; a
 * title that cites another work inside it takes single marks for the inner one, as the
 * punctuation standard (GB/T 15834) writes a title within a title:
 * 《关于…的报告》意见征询 → 《〈关于…的报告〉意见征询》.
 */
export function bookTitle(title: string): string {
  const t = title.trim();
  if (/^《[^《》]*》$/.test(t)) return t;
  return `《${t.replaceAll('《', '〈').replaceAll('》', '〉')}》`;
}
