/** The labels of suggestion and motion numbers, as a congress writes them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberLabel } from './numbering.js';

describe('suggestion number labels', () => {
  it('names the term and the session in Chinese numerals, the number in four digits', () => {
    assert.equal(numberLabel(18, 3, 'suggestion', 12), '第十八届第三次会议第0012号');
    assert.equal(numberLabel(4, 1, 'suggestion', 1), '第四届第一次会议第0001号');
    assert.equal(numberLabel(21, 10, 'suggestion', 1234), '第二十一届第十次会议第1234号');
  });

  it('numbers between sessions under 闭会期间, and motions as 议案', () => {
    assert.equal(numberLabel(18, null, 'suggestion', 3), '第十八届闭会期间第0003号');
    assert.equal(numberLabel(18, 3, 'motion', 2), '第十八届第三次会议议案第0002号');
  });
});
