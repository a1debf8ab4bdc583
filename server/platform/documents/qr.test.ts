import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { darkRuns, qrMatrix, qrPathData } from './qr.js';

const URL = 'https://lianxin.example.gov.cn/m/submit?station=12';

describe('qrMatrix', () => {
  it('makes a level-Q symbol of a short link in a small version', () => {
    const m = qrMatrix(URL);
    // Version v has 17 + 4v modules per side; a 47-byte link at level Q needs version 4 or 5.
    assert.ok(m.size === 33 || m.size === 37, `size ${m.size}`);
  });

  it('has the three finder patterns in its corners', () => {
    const m = qrMatrix(URL);
    for (const [r0, c0] of [[0, 0], [0, m.size - 7], [m.size - 7, 0]] as const) {
      for (let i = 0; i < 7; i++) {
        // The outer ring of each 7×7 finder is dark, the ring inside it light, the 3×3 centre dark.
        assert.equal(m.dark(r0, c0 + i), true);
        assert.equal(m.dark(r0 + 6, c0 + i), true);
        assert.equal(m.dark(r0 + i, c0), true);
        assert.equal(m.dark(r0 + i, c0 + 6), true);
      }
      assert.equal(m.dark(r0 + 1, c0 + 1), false);
      assert.equal(m.dark(r0 + 3, c0 + 3), true);
    }
  });

  it('differs between two links', () => {
    const a = qrMatrix(`${URL}`);
    const b = qrMatrix(URL.replace('station=12', 'deputy=12'));
    assert.notEqual(qrPathData(a), qrPathData(b));
  });
});

describe('darkRuns', () => {
  it('covers exactly the dark modules, each run maximal', () => {
    const m = qrMatrix(URL);
    const covered = new Set<string>();
    for (const run of darkRuns(m)) {
      assert.ok(run.length >= 1);
      if (run.col > 0) assert.equal(m.dark(run.row, run.col - 1), false, 'a run starts after a light module');
      if (run.col + run.length < m.size) assert.equal(m.dark(run.row, run.col + run.length), false, 'a run ends before a light module');
      for (let c = run.col; c < run.col + run.length; c++) covered.add(`${run.row},${c}`);
    }
    for (let r = 0; r < m.size; r++) {
      for (let c = 0; c < m.size; c++) assert.equal(covered.has(`${r},${c}`), m.dark(r, c), `${r},${c}`);
    }
  });
});

describe('qrPathData', () => {
  it('draws one closed rectangle per run', () => {
    const m = qrMatrix(URL);
    const d = qrPathData(m);
    assert.equal(d.match(/M/g)!.length, darkRuns(m).length);
    assert.match(d, /^M0 0h7v1h-7z/);
  });
});
