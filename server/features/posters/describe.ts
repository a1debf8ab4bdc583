import { STATION_TYPES } from '../../../common/enums.js';
import type { DeputyView } from '../deputies/index.js';
import type { StationView } from '../stations/index.js';
import type { PosterDescription } from './layout.js';

/**
 * What a station's poster and a deputy's card say, from the records as the caller may see them.
 * The QR code opens the public submit page pre-addressed to the station or deputy, under the
 * address constituents reach the server at (LIANXIN_PUBLIC_BASE_URL).
 */
export function submitUrl(publicBaseUrl: string, target: 'station' | 'deputy', id: number): string {
  return `${publicBaseUrl}/m/submit?${target}=${id}`;
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** "每周二、周四 09:00-12:00" / "每月 4、14、24 日 09:00-12:00"; empty when nothing is scheduled. */
export function receptionText(s: StationView['receptionSchedule']): string {
  const when: string[] = [];
  if (s.weekdays.length) when.push(`每周${s.weekdays.map((d) => WEEKDAYS[d - 1]).join('、周')}`);
  if (s.monthDays.length) when.push(`每月 ${s.monthDays.join('、')} 日`);
  const text = [when.join('，'), s.hours].filter(Boolean).join(' ');
  return s.note ? (text ? `${text}（${s.note}）` : s.note) : text;
}

export function stationPoster(s: StationView, publicBaseUrl: string): PosterDescription {
  const details: PosterDescription['details'] = [];
  if (s.address) details.push({ label: '地址', text: s.address });
  const reception = receptionText(s.receptionSchedule);
  if (reception) details.push({ label: '接待日', text: reception });
  if (s.openingHours) details.push({ label: '开放时间', text: s.openingHours });
  if (s.phone) details.push({ label: '联系电话', text: s.phone });
  return {
    page: 'A5',
    header: '连心桥·人大代表联络站',
    title: s.name,
    subtitles: [`${STATION_TYPES.labels[s.type].zh}·${s.homeRegion.fullName}`],
    details,
    url: submitUrl(publicBaseUrl, 'station', s.id),
    footer: `联络站编号 ${s.id}·件件有着落 事事有回音`,
  };
}

/** "平桂区人大代表", "全国人大代表"; "原…" for a former deputy. */
export function levelTitle(d: Pick<DeputyView, 'status'>, level: DeputyView['levels'][number]): string {
  const congress = level.level === 'national' || !level.region ? '全国' : level.region.name;
  return `${d.status === 'former' ? '原' : ''}${congress}人大代表`;
}

/**
 * A deputy's card. It carries no phone number: constituents reach the deputy through the
 * submit page, and a personal number on a printed card is the deputy's own decision.
 */
export function deputyCard(d: DeputyView, publicBaseUrl: string): PosterDescription {
  const titles = d.levels.map((l) => levelTitle(d, l));
  if (d.specialLiaison) titles.push('特邀联络员');
  const subtitles = [titles.join('·') || '人大代表'];
  if (d.occupation) subtitles.push(d.occupation);
  const details: PosterDescription['details'] = [];
  if (d.stations.length) details.push({ label: '联络站', text: d.stations.map((s) => s.name).join('、') });
  if (d.constituency) details.push({ label: '选区', text: d.constituency });
  return {
    page: 'A6',
    header: '连心桥·人大代表联系卡',
    title: `${d.name} 代表`,
    subtitles,
    details,
    url: submitUrl(publicBaseUrl, 'deputy', d.id),
    footer: `代表编号 ${d.id}·${d.region.fullName}`,
  };
}

/** Download names: the record's own name, with characters no file system takes replaced. */
export function posterFileName(kind: 'station' | 'deputy', name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among those replaced
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim() || kind;
  return kind === 'station' ? `${safe}-二维码海报` : `${safe}-代表二维码联系卡`;
}
