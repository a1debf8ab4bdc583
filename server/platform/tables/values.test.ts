import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chineseNumber, cleanName, parseBirthYear, parseEthnicity, parseGender, parseLevel, parseLevels, parseRoles, parseStationTier,
  parseStationType, parseStatus, parseTerm, parseTerms, splitList,
} from './values.js';

describe('import values', () => {
  it('reads deputy levels as rosters write them', () => {
    const cases: [string, string | null][] = [
      ['全国', 'national'], ['全国人大代表', 'national'], ['省', 'provincial'], ['省级', 'provincial'], ['自治区人大代表', 'provincial'],
      ['市', 'city'], ['市人大代表', 'city'], ['州', 'city'], ['县', 'county'], ['区', 'county'], ['县(区)人大代表', 'county'],
      ['县(区)人大代表', 'county'], ['县(市、区)', 'county'], ['县级市', 'county'], ['乡', 'township'], ['镇', 'township'],
      ['乡镇人大代表', 'township'], ['county', 'county'], ['Township', 'township'], ['村', null], ['人大代表', null], ['', null],
    ];
    for (const [text, level] of cases) assert.equal(parseLevel(text), level, text);
  });

  it('reads several levels in one cell and names the unknown ones', () => {
    assert.deepEqual(parseLevels('县(区)、乡镇'), { levels: ['county', 'township'], unknown: [] });
    assert.deepEqual(parseLevels('省,市;县'), { levels: ['provincial', 'city', 'county'], unknown: [] });
    assert.deepEqual(parseLevels('县、县人大代表、村'), { levels: ['county'], unknown: ['村'] });
  });

  it('reads terms in figures and in Chinese numerals', () => {
    assert.equal(chineseNumber('十'), 10);
    assert.equal(chineseNumber('十七'), 17);
    assert.equal(chineseNumber('二十一'), 21);
    assert.equal(chineseNumber('一十八'), 18);
    assert.equal(chineseNumber('十十'), null);
    assert.equal(parseTerm('第十八届'), 18);
    assert.equal(parseTerm('18'), 18);
    assert.equal(parseTerm('14届'), 14);
    assert.equal(parseTerm('第三十一届'), null);
    assert.equal(parseTerm('0'), null);
    assert.deepEqual(parseTerms('第十八届', 2), [18, 18]);
    assert.deepEqual(parseTerms('14、18', 2), [14, 18]);
    assert.equal(parseTerms('14、18', 3), null);
    assert.equal(parseTerms('第几届', 1), null);
  });

  it('reads the year of birth from dates as rosters write them', () => {
    const cases: [string, number | null][] = [
      ['1975', 1975], ['1975.03', 1975], ['1975.3', 1975], ['1975年3月', 1975], ['1975-03-02', 1975], ['1975/3/2', 1975],
      ['197503', 1975], ['19750302', 1975], ['27456', 1975], ['一九七五年三月', 1975], ['1850', null], ['2999', null],
      ['75年', null], ['不详', null], ['123', null],
    ];
    for (const [text, year] of cases) assert.equal(parseBirthYear(text, 2026), year, text);
  });

  it('reads gender, status, roles, station types and tiers', () => {
    assert.equal(parseGender('男'), 'male');
    assert.equal(parseGender(' 女 '), 'female');
    assert.equal(parseGender('F'), 'female');
    assert.equal(parseGender('未知'), null);
    assert.equal(parseStatus(''), 'current');
    assert.equal(parseStatus('现届代表'), 'current');
    assert.equal(parseStatus('往届'), 'former');
    assert.equal(parseStatus('候补'), null);
    assert.deepEqual(parseRoles('', 2), ['resident', 'resident']);
    assert.deepEqual(parseRoles('站长', 2), ['head', 'head']);
    assert.deepEqual(parseRoles('站长、联络员', 2), ['head', 'liaison']);
    assert.equal(parseRoles('站长、联络员', 3), null);
    assert.equal(parseRoles('主任', 1), null);
    assert.equal(parseStationType('联络站'), 'station');
    assert.equal(parseStationType('产业(行业)联系点'), 'industry');
    assert.equal(parseStationType('省际(跨省)联建站'), 'cross_province');
    assert.equal(parseStationType('驿站'), null);
    assert.equal(parseStationTier('镇(街道)中心站'), 'town_center');
    assert.equal(parseStationTier('村(社区)联络点'), 'village_point');
    assert.equal(parseStationTier('省级'), null);
  });

  it('cleans names padded to line up and splits list cells', () => {
    assert.equal(cleanName('王  芳'), '王芳');
    assert.equal(cleanName(' 阿依古丽·买买提 '), '阿依古丽·买买提');
    assert.equal(cleanName('John  Smith'), 'John Smith');
    assert.deepEqual(splitList('黄田镇联络站、公和村联络点,西湾;'), ['黄田镇联络站', '公和村联络点', '西湾']);
    assert.deepEqual(splitList('教育 医疗', true), ['教育', '医疗']);
    assert.equal(parseEthnicity(''), '汉族');
    assert.equal(parseEthnicity('壮'), '壮族');
    assert.equal(parseEthnicity('维吾尔族'), '维吾尔族');
  });
});
