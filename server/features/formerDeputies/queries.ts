/**
 * Reads of the former deputies' roster, scope inside each query: the roster (former deputies the
 * reader sees, with their card, fields and roles, what they collected and their deeds), one
 * former deputy, the opinions they collected (the constituent masked for anyone not handling
 * the opinion), and the card's description for the posters kit.
 */
import { sql, type Kysely } from 'kysely';
import { FORMER_FIELDS, FORMER_OPINION_STATES, FORMER_ROLES, type FormerOpinionState } from '../../../common/formerDeputies.js';
import type { Actor } from '../../platform/access/actor.js';
import { deputyVisible, ref, stationVisible } from '../../platform/access/scope.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { maskName, maskNameIn } from '../../platform/text/personName.js';
import { maskPhone } from '../../platform/text/phone.js';
import { maskText } from '../../platform/text/maskText.js';
import type { PosterDescription } from '../posters/index.js';
import { stationRun, submitterVisible } from './access.js';

const labelsOf = <K extends string>(keys: K[], table: Record<K, { zh: string; en: string }>) => keys.map((k) => ({ key: k, label: table[k] }));

export async function listRoster(db: Kysely<DB>, actor: Actor, q: { stationId?: number | undefined; deputyId?: number | undefined }) {
  let query = db.selectFrom('deputy as d').leftJoin('former_deputy_profile as p', 'p.deputy_id', 'd.id').leftJoin('station as s', 's.id', 'p.station_id')
    .select([
      'd.id', 'd.name', 'd.gender', 'd.occupation', 'd.special_liaison', 'p.card_number', 'p.card_issued_on', 'p.fields', 'p.roles', 's.id as station_id', 's.name as station_name',
      sql<number>`(select count(*)::int from former_deputy_opinion o where o.former_deputy_id = d.id)`.as('opinions'),
      sql<number>`(select count(*)::int from former_deputy_opinion o where o.former_deputy_id = d.id and o.state = 'carried')`.as('carried'),
      sql<number>`(select count(*)::int from deputy_deed dd where dd.deputy_id = d.id)`.as('deeds'),
      sql<string>`coalesce((select string_agg(distinct st.name, '、') from deputy_station ds join station st on st.id = ds.station_id where ds.deputy_id = d.id), '')`.as('stations'),
    ])
    .where('d.status', '=', 'former').where(deputyVisible(actor, ref('d.id'), ref('d.region_path')));
  if (q.deputyId !== undefined) query = query.where('d.id', '=', q.deputyId);
  if (q.stationId !== undefined) query = query.where(sql<boolean>`exists (select 1 from deputy_station ds where ds.deputy_id = d.id and ds.station_id = ${q.stationId})`);
  const rows = await query.orderBy(sql`p.card_number is null`).orderBy('d.id').limit(1000).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, name: r.name, occupation: r.occupation, specialLiaison: r.special_liaison, stations: r.stations,
      card: r.card_number ? { number: r.card_number, issuedOn: r.card_issued_on!, station: { id: r.station_id!, name: r.station_name! } } : null,
      fields: labelsOf(r.fields ?? [], FORMER_FIELDS.labels), roles: labelsOf(r.roles ?? [], FORMER_ROLES.labels),
      opinions: r.opinions, carried: r.carried, deeds: r.deeds,
    })),
  };
}

export async function getFormerDeputy(db: Kysely<DB>, actor: Actor, deputyId: number) {
  const { items } = await listRoster(db, actor, { deputyId });
  const d = items[0];
  if (!d) throw new AppError('NOT_FOUND');
  const profile = await db.selectFrom('former_deputy_profile as p').select(stationRun(actor, ref('p.station_id')).as('run')).where('p.deputy_id', '=', deputyId).executeTakeFirst();
  const stations = await db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id').select(['s.id', 's.name', stationRun(actor, ref('s.id')).as('run')])
    .where('ds.deputy_id', '=', deputyId).orderBy('s.id').execute();
  const deeds = await db.selectFrom('deputy_deed as dd').innerJoin('station as s', 's.id', 'dd.station_id')
    .select(['dd.id', 'dd.occurred_on', 'dd.title', 'dd.description', 's.name as station_name'])
    .where('dd.deputy_id', '=', deputyId).where(stationVisible(actor, ref('dd.station_id'))).orderBy('dd.occurred_on', 'desc').execute();
  const opinions = await listFormerOpinions(db, actor, { formerDeputyId: deputyId });
  const actions: ('enrol' | 'edit' | 'opinion')[] = [];
  if (!d.card && stations.some((s) => s.run)) actions.push('enrol');
  if (d.card && profile?.run) actions.push('edit', 'opinion');
  return {
    ...d,
    homeStations: stations.filter((s) => s.run).map((s) => ({ id: s.id, name: s.name })),
    deeds: deeds.map((x) => ({ id: x.id, occurredOn: x.occurred_on, title: x.title, description: x.description, station: x.station_name })),
    opinions: opinions.items, actions,
  };
}

export async function listFormerOpinions(db: Kysely<DB>, actor: Actor, q: { id?: number; formerDeputyId?: number | undefined; stationId?: number | undefined; state?: FormerOpinionState | undefined }) {
  let query = db.selectFrom('former_deputy_opinion as o').innerJoin('deputy as f', 'f.id', 'o.former_deputy_id').innerJoin('station as s', 's.id', 'o.station_id')
    .leftJoin('deputy as c', 'c.id', 'o.carrier_deputy_id').leftJoin('opinion as k', 'k.id', 'o.case_id')
    .select([
      'o.id', 'o.collected_on', 'o.content', 'o.place', 'o.submitter_name', 'o.submitter_phone', 'o.state', 'o.answer', 'o.carried_at',
      'f.id as collector_id', 'f.name as collector_name', 's.id as station_id', 's.name as station_name', 'c.id as carrier_id', 'c.name as carrier_name',
      'k.id as case_id', 'k.tracking_code', 'k.state as case_state',
      submitterVisible(actor, ref('o.station_id'), ref('o.carrier_deputy_id')).as('handler'),
      stationRun(actor, ref('o.station_id')).as('run'),
    ])
    .where(stationVisible(actor, ref('o.station_id')));
  if (q.id !== undefined) query = query.where('o.id', '=', q.id);
  if (q.formerDeputyId !== undefined) query = query.where('o.former_deputy_id', '=', q.formerDeputyId);
  if (q.stationId !== undefined) query = query.where('o.station_id', '=', q.stationId);
  if (q.state !== undefined) query = query.where('o.state', '=', q.state);
  const rows = await query.orderBy('o.collected_on', 'desc').orderBy('o.id', 'desc').limit(500).execute();
  return {
    items: rows.map((r) => {
      const handler = Boolean(r.handler);
      const content = handler ? r.content : maskText(maskNameIn(r.content, r.submitter_name));
      const actions: ('answer' | 'carry')[] = [];
      if (r.state === 'registered' && r.run) actions.push('answer');
      if (r.state === 'registered' && (r.run || actor.role === 'deputy')) actions.push('carry');
      return {
        id: r.id, collectedOn: r.collected_on, content, place: r.place,
        submitter: { name: handler ? r.submitter_name : maskName(r.submitter_name), phone: handler ? r.submitter_phone : maskPhone(r.submitter_phone), masked: !handler },
        state: r.state, stateLabel: FORMER_OPINION_STATES.labels[r.state], answer: r.answer,
        collector: { id: r.collector_id, name: r.collector_name }, station: { id: r.station_id, name: r.station_name },
        carrier: r.carrier_id ? { id: r.carrier_id, name: r.carrier_name! } : null,
        case: r.case_id ? { id: r.case_id, trackingCode: r.tracking_code!, state: r.case_state! } : null,
        carriedAt: r.carried_at ? r.carried_at.toISOString() : null, actions,
      };
    }),
  };
}

/** The 特邀联络员 card: like a deputy's card, its QR code opens the public submit page addressed to them. */
export async function formerCard(db: Kysely<DB>, actor: Actor, deputyId: number, publicBaseUrl: string): Promise<{ name: string; poster: PosterDescription }> {
  const row = await db.selectFrom('deputy as d').innerJoin('former_deputy_profile as p', 'p.deputy_id', 'd.id').innerJoin('station as s', 's.id', 'p.station_id')
    .select(['d.id', 'd.name', 'd.occupation', 'p.card_number', 'p.card_issued_on', 'p.fields', 'p.roles', 's.name as station_name',
      sql<string>`coalesce((select string_agg(distinct coalesce(r.name, '全国') || '人大代表', '·') from deputy_level l left join region r on r.code = l.region_code where l.deputy_id = d.id), '')`.as('levels')])
    .where('d.id', '=', deputyId).where('d.status', '=', 'former').where(deputyVisible(actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
  if (!row) {
    const exists = await db.selectFrom('deputy as d').select('d.id').where('d.id', '=', deputyId).where(deputyVisible(actor, ref('d.id'), ref('d.region_path'))).executeTakeFirst();
    throw new AppError(exists ? 'FORMER_DEPUTY_NO_CARD' : 'NOT_FOUND');
  }
  const details: PosterDescription['details'] = [{ label: '代表之家', text: row.station_name }, { label: '证号', text: row.card_number }];
  if (row.fields.length) details.push({ label: '六大方面', text: row.fields.map((f) => FORMER_FIELDS.labels[f].zh).join('、') });
  if (row.roles.length) details.push({ label: '四种作用', text: row.roles.map((r) => FORMER_ROLES.labels[r].zh).join('、') });
  return {
    name: row.name,
    poster: {
      page: 'A6', header: '代表之家·特邀联络员证', title: `${row.name}`,
      subtitles: [row.levels ? `原${row.levels.split('·').join('·原')}·特邀联络员` : '特邀联络员', ...(row.occupation ? [row.occupation] : [])],
      details, url: `${publicBaseUrl}/m/submit?deputy=${row.id}`,
      footer: `一届当代表 终身为人民·${row.card_issued_on} 颁发`,
    },
  };
}
