import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { A4_LANDSCAPE, estimateWidth, layoutDocument, wrapText, type DrawItem } from './layout.js';
import type { RegisterDocument } from './model.js';

const size = 10;
const texts = (items: DrawItem[]) => items.filter((i): i is Extract<DrawItem, { kind: 'text' }> => i.kind === 'text').map((i) => i.text);

describe('wrapText', () => {
  it('breaks Chinese between any two characters, to the width', () => {
    assert.deepEqual(wrapText('公和村水并片区尚未通自来水', 5 * size, size, estimateWidth), ['公和村水并', '片区尚未通', '自来水']);
  });

  it('keeps Latin words and numbers whole, and the line breaks it was given', () => {
    assert.deepEqual(wrapText('编号 ABC-DEF-GHJ 已办结\n答复:好', 8 * size, size, estimateWidth), ['编号', 'ABC-DEF-GHJ', '已办结', '答复:好']);
  });

  it('never opens a line with closing punctuation: the character before it comes down too', () => {
    assert.deepEqual(wrapText('路灯坏了,请修', 4 * size, size, estimateWidth), ['路灯坏', '了,请修']);
  });

  it('breaks a word wider than the column where it overflows', () => {
    const lines = wrapText('13977410000139774100001397741', 6 * size, size, estimateWidth);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(''), '13977410000139774100001397741');
    for (const l of lines) assert.ok(estimateWidth(l, size, false) <= 6 * size);
  });

  it('gives an empty cell one empty line', () => {
    assert.deepEqual(wrapText('', 50, size, estimateWidth), ['']);
  });
});

describe('layoutDocument', () => {
  const doc = (rows: string[][], extra: Partial<RegisterDocument> = {}): RegisterDocument => ({
    title: '接待选民登记簿', place: '平桂区黄田镇人大代表联络站', period: '2026-03-01 至 2026-03-31', generatedAt: new Date('2026-04-01T02:00:00Z'),
    sections: [{ columns: [{ header: '序号', width: 3 }, { header: '反映事项', width: 40 }, { header: '办理情况', width: 20 }], rows }],
    ...extra,
  });

  it('puts the title on the first page, a running head on the others, the header row and page numbers on every page', () => {
    const rows = Array.from({ length: 120 }, (_, i) => [String(i + 1), `第 ${i + 1} 件:村道路灯损坏`, '已办结']);
    const pages = layoutDocument(doc(rows), estimateWidth);
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    pages.forEach((p, i) => {
      const t = texts(p.items);
      assert.ok(t.includes('反映事项'), `header row on page ${i + 1}`);
      assert.ok(t.includes(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
      assert.equal(t.includes('接待选民登记簿'), i === 0, 'the full title on the first page only');
      if (i > 0) assert.ok(t.some((x) => x.startsWith('接待选民登记簿 · 平桂区黄田镇人大代表联络站')));
    });
    const all = pages.flatMap((p) => texts(p.items));
    for (let n = 1; n <= 120; n++) assert.ok(all.includes(`第 ${n} 件:村道路灯损坏`), `row ${n} is printed`);
  });

  it('keeps everything inside the page', () => {
    const pages = layoutDocument(doc([['1', '很长的活动情况'.repeat(700), '办理中']]), estimateWidth);
    for (const p of pages) {
      for (const item of p.items) {
        assert.ok(item.y >= 0 && item.y <= A4_LANDSCAPE.height - A4_LANDSCAPE.margin, `y ${item.y}`);
        if (item.kind !== 'text') assert.ok(item.y + item.height <= A4_LANDSCAPE.height - A4_LANDSCAPE.margin + 0.01);
      }
    }
    assert.ok(pages.length >= 2, 'a row taller than a page continues on the next');
    assert.ok(texts(pages[1]!.items).includes('反映事项'), 'with the header row again');
  });

  it('says so when a table has no rows, and prints the notes', () => {
    const pages = layoutDocument(doc([], { notes: ['电话按查阅人的权限显示。'] }), estimateWidth);
    assert.equal(pages.length, 1);
    assert.ok(texts(pages[0]!.items).includes('本期无记录'));
    assert.ok(texts(pages[0]!.items).includes('电话按查阅人的权限显示。'));
  });
});
