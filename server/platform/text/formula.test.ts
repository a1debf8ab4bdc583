import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inertCellText, looksLikeFormula } from './formula.js';

describe('formula text in spreadsheets', () => {
  it('takes = + - @ and a leading tab or carriage return for the start of a formula', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1']) assert.equal(looksLikeFormula(text), true, JSON.stringify(text));
    for (const text of ['', '梁俊华', ' =1', '1-2', 'a=b', '(0774)1234567', '＝1']) assert.equal(looksLikeFormula(text), false, JSON.stringify(text));
  });

  it('writes such text with a leading apostrophe and leaves any other text as it is', () => {
    assert.equal(inertCellText('=1+1'), "'=1+1");
    assert.equal(inertCellText('@cmd'), "'@cmd");
    assert.equal(inertCellText('黄田镇联络站'), '黄田镇联络站');
  });
});
