import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeputyView } from '../deputies/index.js';
import type { StationView } from '../stations/index.js';
import { deputyCard, levelTitle, posterFileName, receptionText, stationPoster, submitUrl } from './describe.js';

const schedule = (s: Partial<StationView['receptionSchedule']>) => ({ weekdays: [], monthDays: [], hours: '', note: '', ...s });

describe('submitUrl', () => {
  it('opens the submit page with the parameter the page reads', () => {
    assert.equal(submitUrl('https://lx.example.gov.cn', 'station', 7), 'https://lx.example.gov.cn/m/submit?station=7');
    assert.equal(submitUrl('http://localhost:3000/lianxin', 'deputy', 12), 'http://localhost:3000/lianxin/m/submit?deputy=12');
  });
});

describe('receptionText', () => {
  it('reads weekdays, days of the month, hours and the note as people write them', () => {
    assert.equal(receptionText(schedule({ weekdays: [2, 4], hours: '14:30-17:00' })), '每周二、周四 14:30-17:00');
    assert.equal(receptionText(schedule({ monthDays: [4, 14, 24], hours: '09:00-12:00', note: '逢四接待' })), '每月 4、14、24 日 09:00-12:00（逢四接待）');
    assert.equal(receptionText(schedule({ weekdays: [7], monthDays: [1] })), '每周日，每月 1 日');
    assert.equal(receptionText(schedule({ note: '预约接待' })), '预约接待');
    assert.equal(receptionText(schedule({})), '');
  });
});

describe('levelTitle', () => {
  const level = (l: DeputyView['levels'][number]['level'], name: string | null) => ({
    level: l, term: 1, region: name ? { code: '450000', name, fullName: name } : null,
  });
  it('names the congress by its region, the NPC as 全国', () => {
    assert.equal(levelTitle({ status: 'current' }, level('county', '平桂区')), '平桂区人大代表');
    assert.equal(levelTitle({ status: 'current' }, level('provincial', '广西壮族自治区')), '广西壮族自治区人大代表');
    assert.equal(levelTitle({ status: 'current' }, level('national', null)), '全国人大代表');
    assert.equal(levelTitle({ status: 'former' }, level('township', '黄田镇')), '原黄田镇人大代表');
  });
});

describe('stationPoster', () => {
  const station = {
    id: 3, name: '平桂区黄田镇人大代表联络站', type: 'center', phone: null, openingHours: '',
    homeRegion: { code: '451103101', name: '黄田镇', fullName: '广西壮族自治区贺州市平桂区黄田镇' },
    address: '黄田镇人民政府一楼', receptionSchedule: schedule({ weekdays: [3], hours: '09:00-12:00' }),
  } as unknown as StationView;

  it('lists only the facts the station has', () => {
    const d = stationPoster(station, 'https://lx.example.gov.cn');
    assert.equal(d.page, 'A5');
    assert.equal(d.title, station.name);
    assert.deepEqual(d.details, [{ label: '地址', text: '黄田镇人民政府一楼' }, { label: '接待日', text: '每周三 09:00-12:00' }]);
    assert.equal(d.url, 'https://lx.example.gov.cn/m/submit?station=3');
    assert.deepEqual(d.subtitles, ['中心站·广西壮族自治区贺州市平桂区黄田镇']);
  });
});

describe('deputyCard', () => {
  const deputy = {
    id: 9, name: '梁俊华', status: 'current', specialLiaison: false, occupation: '村党总支书记', constituency: '',
    phone: '13907741001', region: { code: '451103101', name: '黄田镇', fullName: '广西壮族自治区贺州市平桂区黄田镇' },
    levels: [{ level: 'county', term: 4, region: { code: '451103', name: '平桂区', fullName: '' } }],
    stations: [{ id: 1, name: '甲站', role: 'head' }, { id: 2, name: '乙点', role: 'resident' }],
  } as unknown as DeputyView;

  it('names the deputy, the congresses and the stations, and prints no phone number', () => {
    const d = deputyCard(deputy, 'https://lx.example.gov.cn');
    assert.equal(d.page, 'A6');
    assert.equal(d.title, '梁俊华 代表');
    assert.deepEqual(d.subtitles, ['平桂区人大代表', '村党总支书记']);
    assert.deepEqual(d.details, [{ label: '联络站', text: '甲站、乙点' }]);
    assert.equal(d.url, 'https://lx.example.gov.cn/m/submit?deputy=9');
    assert.doesNotMatch(JSON.stringify(d), /13907741001/);
  });
});

describe('posterFileName', () => {
  it('keeps Chinese and replaces what file systems refuse', () => {
    assert.equal(posterFileName('station', '甲站'), '甲站-二维码海报');
    assert.equal(posterFileName('deputy', '梁俊华'), '梁俊华-代表二维码联系卡');
    assert.equal(posterFileName('station', 'a/b:c*?"<>|\\'), 'a_b_c_______-二维码海报');
  });
});
