import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL_TO_ACTION, fitText, layoutPoster, moduleSize, textWidth, wrap, type Item, type PosterDescription } from './layout.js';
import { QUIET_ZONE } from '../../platform/documents/qr.js';

const poster = (over: Partial<PosterDescription> = {}): PosterDescription => ({
  page: 'A5',
  header: '连心桥·人大代表联络站',
  title: '平桂区黄田镇人大代表联络站',
  subtitles: ['中心站·广西壮族自治区贺州市平桂区黄田镇'],
  details: [
    { label: '地址', text: '广西贺州市平桂区黄田镇人民政府一楼' },
    { label: '接待日', text: '每周三 09:00-12:00（每周三代表轮值接待选民）' },
    { label: '联系电话', text: '0774-8881001' },
  ],
  url: 'https://lianxin.example.gov.cn/m/submit?station=1',
  footer: '联络站编号 1',
  ...over,
});

const texts = (items: Item[]) => items.filter((i): i is Extract<Item, { kind: 'text' }> => i.kind === 'text');

describe('wrap', () => {
  it('breaks Chinese anywhere but keeps numbers and Latin words whole', () => {
    const lines = wrap('接待时间 09:00-12:00 逢四接待', textWidth('接待时间 09:00', 10), 10);
    assert.deepEqual(lines, ['接待时间', '09:00-12:00', '逢四接待']);
  });

  it('never starts a line with closing punctuation', () => {
    const lines = wrap('一二三四、五六', textWidth('一二三四', 10), 10);
    assert.deepEqual(lines, ['一二三', '四、五六']);
  });

  it('cuts a token longer than a line', () => {
    const lines = wrap('abcdefghijklmnopqrstuvwxyz', textWidth('abcdefghij', 10), 10);
    assert.ok(lines.length >= 3);
    assert.equal(lines.join(''), 'abcdefghijklmnopqrstuvwxyz');
    for (const l of lines) assert.ok(textWidth(l, 10) <= textWidth('abcdefghij', 10));
  });
});

describe('fitText', () => {
  it('takes the largest size that fits the lines allowed', () => {
    const r = fitText('一二三四五六七八九十', 100, [20, 10, 5], 1);
    assert.equal(r.size, 10);
    assert.deepEqual(r.lines, ['一二三四五六七八九十']);
  });

  it('ends what does not fit at the smallest size with an ellipsis', () => {
    const r = fitText('一二三四五六七八九十'.repeat(5), 100, [20, 10], 2);
    assert.equal(r.size, 10);
    assert.equal(r.lines.length, 2);
    assert.ok(r.lines[1]!.endsWith('…'));
    assert.ok(textWidth(r.lines[1]!, 10) <= 100);
  });
});

describe('layoutPoster', () => {
  for (const [name, d] of [
    ['a station poster', poster()],
    ['a deputy card', poster({ page: 'A6', title: '梁俊华 代表', details: [{ label: '联络站', text: '平桂区黄田镇人大代表联络站、平桂区黄田镇公和村人大代表联络点' }] })],
    ['a long name and many facts', poster({
      title: '廉江市石角镇粤桂省际人大代表联络站暨产业发展代表之家联络站',
      details: Array.from({ length: 5 }, () => ({ label: '地址', text: '很长的地址'.repeat(12) })),
    })],
  ] as const) {
    it(`keeps ${name} on the page, text inside the margins, nothing over the QR code`, () => {
      const layout = layoutPoster(d);
      assert.equal(layout.width, 1000);
      assert.ok(Math.abs(layout.height / layout.width - layout.heightMm / layout.widthMm) < 0.001);
      for (const item of layout.items) {
        const x0 = item.x;
        const x1 = item.kind === 'rect' ? item.x + item.width : item.kind === 'qr' ? item.x + item.size : item.x;
        assert.ok(x0 >= 0 && x1 <= layout.width, `${item.kind} within the width`);
        assert.ok(item.y >= 0 && item.y <= layout.height, `${item.kind} within the height`);
      }
      for (const t of texts(layout.items)) {
        const w = textWidth(t.text, t.size);
        const [left, right] = t.anchor === 'middle' ? [t.x - w / 2, t.x + w / 2] : [t.x, t.x + w];
        assert.ok(left >= 60 && right <= layout.width - 60, `"${t.text}" inside the margins`);
      }
      const qr = layout.items.find((i) => i.kind === 'qr')!;
      assert.ok(qr.size >= 280, 'the QR code stays big enough to scan from a step away');
      assert.ok(moduleSize(qr) * (qr.matrix.size + 2 * QUIET_ZONE) - qr.size < 1e-9);
      for (const t of texts(layout.items)) {
        const top = t.y - t.size;
        assert.ok(t.y <= qr.y || top >= qr.y + qr.size, `"${t.text}" is clear of the QR code`);
      }
      const footer = layout.items.filter((i) => i.kind === 'rect' && i.y + i.height === layout.height && i.y > 0).at(-1)!;
      for (const t of texts(layout.items).slice(0, -1)) assert.ok(t.y < footer.y, `"${t.text}" above the footer band`);
      assert.ok(texts(layout.items).some((t) => t.text === CALL_TO_ACTION));
      assert.ok(texts(layout.items).some((t) => t.text === d.url), 'the link is printed under the code');
    });
  }

  it('prints a long name on two lines', () => {
    const layout = layoutPoster(poster({ title: '宜城市雷河镇民主村基层治理人大代表联络点' }));
    const big = texts(layout.items).filter((t) => t.bold && t.size >= 42 && t.color === '#1f1f1f');
    assert.equal(big.length, 2);
    assert.equal(big.map((t) => t.text).join(''), '宜城市雷河镇民主村基层治理人大代表联络点');
  });
});
