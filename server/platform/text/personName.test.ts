import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskNameIn, maskPersonName } from './personName.js';

describe('masking a constituent\'s name', () => {
  it('keeps the first character', () => {
    assert.equal(maskPersonName('李秀英'), '李**');
    assert.equal(maskPersonName('欧阳娜娜好'), '欧***');
    assert.equal(maskPersonName('王'), '*');
  });
  it('masks every occurrence inside a text, and leaves a text without a usable name alone', () => {
    assert.equal(maskNameIn('我是李秀英,公和村路灯不亮,李秀英家门口最黑', '李秀英'), '我是李**,公和村路灯不亮,李**家门口最黑');
    assert.equal(maskNameIn('路灯不亮', null), '路灯不亮');
    assert.equal(maskNameIn('王家门口路灯不亮', '王'), '王家门口路灯不亮');
  });
});
