import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPinyinQuery, nameToPinyin } from './pinyin.js';

describe('nameToPinyin', () => {
  it('gives toneless pinyin and initials', () => {
    assert.deepEqual(nameToPinyin('张晓明'), { pinyin: 'zhang xiao ming', initials: 'zxm' });
    assert.deepEqual(nameToPinyin('李华'), { pinyin: 'li hua', initials: 'lh' });
    assert.deepEqual(nameToPinyin('王'), { pinyin: 'wang', initials: 'w' });
  });

  it('reads the first character with its surname reading', () => {
    assert.deepEqual(nameToPinyin('单雄信'), { pinyin: 'shan xiong xin', initials: 'sxx' });
    assert.deepEqual(nameToPinyin('曾国藩'), { pinyin: 'zeng guo fan', initials: 'zgf' });
    assert.equal(nameToPinyin('仇小明').pinyin, 'qiu xiao ming');
    assert.equal(nameToPinyin('区家明').pinyin, 'ou jia ming');
    assert.equal(nameToPinyin('解放').pinyin, 'xie fang');
    assert.equal(nameToPinyin('朴槿').pinyin, 'piao jin');
    assert.equal(nameToPinyin('查小明').pinyin, 'zha xiao ming');
    assert.equal(nameToPinyin('覃明').pinyin, 'qin ming');
    assert.equal(nameToPinyin('缪明').pinyin, 'miao ming');
  });

  it('reads compound surnames', () => {
    assert.deepEqual(nameToPinyin('欧阳修'), { pinyin: 'ou yang xiu', initials: 'oyx' });
    assert.deepEqual(nameToPinyin('尉迟恭'), { pinyin: 'yu chi gong', initials: 'ycg' });
    assert.deepEqual(nameToPinyin('万俟卨'), { pinyin: 'mo qi xie', initials: 'mqx' });
  });

  it('uses the ordinary reading outside the surname position', () => {
    assert.equal(nameToPinyin('王单').pinyin, 'wang dan');
    assert.equal(nameToPinyin('王曾').pinyin, 'wang ceng');
  });

  it('outputs only lower-case letters, digits and single spaces', () => {
    for (const name of ['张晓明', '绿茵', '阿不都·热合曼', 'Anna张', '李2号', '欧阳娜娜']) {
      const { pinyin, initials } = nameToPinyin(name);
      assert.match(pinyin, /^[a-z0-9]+( [a-z0-9]+)*$/, name);
      assert.match(initials, /^[a-z0-9]+$/, name);
      assert.equal(initials, pinyin.split(' ').map((s) => s[0]).join(''), `${name}: initials are the syllables' first letters`);
    }
  });

  it('drops the middle dot and spaces of names', () => {
    assert.deepEqual(nameToPinyin('阿不都·热合曼'), { pinyin: 'a bu dou re he man', initials: 'abdrhm' });
    assert.deepEqual(nameToPinyin('王 明'), { pinyin: 'wang ming', initials: 'wm' });
  });

  it('keeps Latin runs as one lower-cased word', () => {
    assert.deepEqual(nameToPinyin('Anna张'), { pinyin: 'anna zhang', initials: 'az' });
    assert.deepEqual(nameToPinyin('ABC'), { pinyin: 'abc', initials: 'a' });
  });

  it('gives empty strings for an empty name', () => {
    assert.deepEqual(nameToPinyin(''), { pinyin: '', initials: '' });
    assert.deepEqual(nameToPinyin('  '), { pinyin: '', initials: '' });
  });

  it('keeps the vowel ü (as v or u) so 吕 and 女 stay searchable', () => {
    const lv = nameToPinyin('吕布').pinyin;
    assert.ok(['lv bu', 'lu bu'].includes(lv), lv);
    const nv = nameToPinyin('女娲').pinyin;
    assert.ok(['nv wa', 'nu wa'].includes(nv), nv);
    assert.notEqual(nameToPinyin('略').pinyin, 'le');
  });
});

describe('isPinyinQuery', () => {
  it('is true for Latin letters only, in any case', () => {
    assert.equal(isPinyinQuery('zxm'), true);
    assert.equal(isPinyinQuery('zhang'), true);
    assert.equal(isPinyinQuery('ZXM'), true);
    assert.equal(isPinyinQuery('ZhangXiao'), true);
    assert.equal(isPinyinQuery('z'), true);
  });

  it('is false for Chinese, digits, spaces, punctuation and the empty string', () => {
    assert.equal(isPinyinQuery('张'), false);
    assert.equal(isPinyinQuery('张xm'), false);
    assert.equal(isPinyinQuery('zx1'), false);
    assert.equal(isPinyinQuery('zhang xiao'), false);
    assert.equal(isPinyinQuery(' zxm'), false);
    assert.equal(isPinyinQuery('z-x'), false);
    assert.equal(isPinyinQuery('lü'), false);
    assert.equal(isPinyinQuery(''), false);
    assert.equal(isPinyinQuery('zxm\n'), false);
  });
});
