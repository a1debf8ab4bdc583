import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chineseNumeral, congressTermName, isCurrentTerm, ordinal, termConflict, termDatesText, termPeriod, type TermDates } from './congressTerms.js';

describe('congress terms', () => {
  it('writes term numbers as congresses do', () => {
    assert.deepEqual([1, 4, 10, 11, 12, 19, 20, 21, 30, 99].map(chineseNumeral), ['一', '四', '十', '十一', '十二', '十九', '二十', '二十一', '三十', '九十九']);
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '14th', '21st', '22nd', '23rd']);
  });

  it('names a congress\'s term, the NPC without a region', () => {
    assert.deepEqual(congressTermName('county', '平桂区', 4), { zh: '平桂区第四届人民代表大会', en: '4th People\'s Congress of 平桂区' });
    assert.deepEqual(congressTermName('township', '黄田镇', 12), { zh: '黄田镇第十二届人民代表大会', en: '12th People\'s Congress of 黄田镇' });
    assert.deepEqual(congressTermName('national', null, 14), { zh: '第十四届全国人民代表大会', en: '14th National People\'s Congress' });
  });

  it('covers a term\'s days, or up to today while it runs', () => {
    assert.deepEqual(termPeriod({ startsOn: '2016-11-18', endsOn: '2021-11-25' }, '2026-11-22'), { from: '2016-11-18', to: '2021-11-25' });
    assert.deepEqual(termPeriod({ startsOn: '2021-11-26', endsOn: null }, '2026-11-22'), { from: '2021-11-26', to: '2026-11-22' });
    assert.deepEqual(termPeriod({ startsOn: '2027-01-10', endsOn: null }, '2026-11-22'), { from: '2027-01-10', to: '2027-01-10' }, 'never ends before it starts');
    assert.equal(isCurrentTerm({ startsOn: '2021-11-26', endsOn: null }, '2026-11-22'), true);
    assert.equal(isCurrentTerm({ startsOn: '2021-11-26', endsOn: '2026-11-22' }, '2026-11-22'), true, 'its last day included');
    assert.equal(isCurrentTerm({ startsOn: '2016-11-18', endsOn: '2021-11-25' }, '2026-11-22'), false);
    assert.equal(isCurrentTerm({ startsOn: '2027-01-10', endsOn: null }, '2026-11-22'), false);
    assert.deepEqual(termDatesText({ startsOn: '2021-11-26', endsOn: null }), { zh: '2021-11-26 至今', en: '2021-11-26 – present' });
  });

  describe('termConflict', () => {
    const eleventh: TermDates = { number: 11, startsOn: '2016-11-18', endsOn: '2021-11-25' };
    const twelfth: TermDates = { number: 12, startsOn: '2021-11-26', endsOn: null };
    const others = [eleventh, twelfth];

    it('lets terms follow one another, the day after the last one ended', () => {
      assert.equal(termConflict({ number: 10, startsOn: '2011-11-01', endsOn: '2016-11-17' }, others), null);
      assert.equal(termConflict(twelfth, [eleventh]), null);
      assert.equal(termConflict({ number: 13, startsOn: '2026-11-26', endsOn: null }, [eleventh, { ...twelfth, endsOn: '2026-11-25' }]), null);
    });

    it('refuses a number taken', () => {
      assert.deepEqual(termConflict({ number: 12, startsOn: '2031-01-01', endsOn: null }, others), { kind: 'exists', other: twelfth });
    });

    it('refuses dates sharing a day with another term, a running term reaching every later day', () => {
      assert.deepEqual(termConflict({ number: 10, startsOn: '2011-11-01', endsOn: '2016-11-18' }, others), { kind: 'overlap', other: eleventh }, 'the last day shared');
      assert.deepEqual(termConflict({ number: 13, startsOn: '2030-01-01', endsOn: null }, others), { kind: 'overlap', other: twelfth });
      assert.deepEqual(termConflict({ number: 9, startsOn: '2010-01-01', endsOn: null }, [eleventh]), { kind: 'overlap', other: eleventh }, 'an earlier running term');
    });

    it('refuses numbers that run against the dates', () => {
      assert.deepEqual(termConflict({ number: 13, startsOn: '2010-01-01', endsOn: '2014-12-31' }, others), { kind: 'order', other: eleventh });
      assert.deepEqual(termConflict({ number: 10, startsOn: '2040-01-01', endsOn: '2044-12-31' }, [eleventh, { ...twelfth, endsOn: '2026-11-25' }]), { kind: 'order', other: eleventh });
    });
  });
});
