import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ConsultationTopicTable } from '../../platform/db/schemaConsultation.js';
import type { Selectable } from 'kysely';
import { AppError } from '../../platform/errors.js';
import type { PosterDescription } from '../posters/index.js';
import { congressName, STATE_LABELS } from './states.js';

/** The public form of a topic, at one station when given. */
export function consultationFormUrl(publicBaseUrl: string, topicId: number, stationId?: number): string {
  return `${publicBaseUrl}/m/consultations/${topicId}${stationId ? `?station=${stationId}` : ''}`;
}

/** What the poster of a topic's public form says: the committee, the title, the window, the station. */
export async function consultationPoster(db: Kysely<DB>, topic: Selectable<ConsultationTopicTable>, stationId: number | undefined, publicBaseUrl: string): Promise<PosterDescription> {
  if (topic.state === 'draft') throw new AppError('CONSULTATION_TRANSITION_INVALID', { stateLabel: STATE_LABELS.draft.zh, stepLabel: '打印二维码海报' });
  const region = await db.selectFrom('region').select('name').where('code', '=', topic.congress_region_code).executeTakeFirstOrThrow();
  let station: { name: string } | undefined;
  if (stationId !== undefined) {
    station = await db.selectFrom('consultation_station as cs').innerJoin('station as s', 's.id', 'cs.station_id').select('s.name')
      .where('cs.topic_id', '=', topic.id).where('cs.station_id', '=', stationId).executeTakeFirst();
    if (!station) throw new AppError('CONSULTATION_STATION_NOT_ASKED');
  }
  const details: PosterDescription['details'] = [{ label: '征询时间', text: `${topic.opens_on} 至 ${topic.closes_on}` }];
  if (station) details.push({ label: '联络站', text: station.name });
  return {
    page: 'A5',
    header: `${congressName(region.name)}议题征询`,
    title: topic.title,
    subtitles: ['您的意见将汇总报送人大常委会审议'],
    details,
    url: consultationFormUrl(publicBaseUrl, topic.id, stationId),
    footer: '扫码填写意见,凭回执码查看审议意见和处理情况',
  };
}
