import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookTitle } from './bookTitle.js';

describe('bookTitle', () => {
  it('marks a bare title, and leaves a marked one alone', () => {
    assert.equal(bookTitle('平桂区城乡生活垃圾分类管理办法(草案)'), '《平桂区城乡生活垃圾分类管理办法(草案)》');
    assert.equal(bookTitle(' 《平桂区城乡生活垃圾分类管理办法(草案)》'), '《平桂区城乡生活垃圾分类管理办法(草案)》');
  });

  it('gives a work cited inside the title single marks', () => {
    assert.equal(bookTitle('《关于农村饮用水安全保障工作情况的报告》意见征询'), '《〈关于农村饮用水安全保障工作情况的报告〉意见征询》');
  });
});
