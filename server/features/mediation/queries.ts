/**
 * Reads of mediation rooms, scope inside each query (access.ts): the list of a reader's
 * mediations, one mediation with its parties (masked for anyone not handling it), sessions and
 * outcome, the agreement document, a room's statistics per year, and what a deputy's archive
 * shows of the mediations they sat in.
 */
import { sql, type Kysely } from 'kysely';
import { DISPUTE_TYPES, MEDIATION_OUTCOMES, type DisputeType, type MediationOutcome, type MediationState } from '../../../common/mediation.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref } from '../../platform/access/scope.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/paging.js';
import { maskNameIn, maskPersonName } from '../../platform/text/personName.js';
import { maskPhone } from '../../platform/text/phone.js';
import { mediationOperable, mediationVisible, partiesVisible } from './access.js';

interface ListQuery {
  stationId?: number | undefined;
  year?: number | undefined;
  state?: MediationState | undefined;
  disputeType?: DisputeType | undefined;
  outcome?: MediationOutcome | undefined;
  limit: number;
  cursor?: string | undefined;
}

type Cursor = [string, number];
const isCursor = (v: unknown): v is Cursor => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1]);

export async function listMediations(db: Kysely<DB>, actor: Actor, q: ListQuery) {
  const cursor = decodeCursor(q.cursor, isCursor);
  let query = db.selectFrom('mediation as m').innerJoin('station as s', 's.id', 'm.station_id')
    .select([
      'm.id', 'm.station_id', 's.name as station_name', 'm.dispute_type', 'm.title', 'm.received_on', 'm.state', 'm.outcome', 'm.closed_on',
      sql<number>`(select count(*)::int from mediation_session ms where ms.mediation_id = m.id)`.as('sessions'),
      sql<string[]>`array(select p.name from mediation_party p where p.mediation_id = m.id)`.as('party_names'),
      partiesVisible(actor, ref('m.id'), ref('m.station_id')).as('handler'),
    ])
    .where(mediationVisible(actor, ref('m.station_id')));
  if (q.stationId !== undefined) query = query.where('m.station_id', '=', q.stationId);
  if (q.year !== undefined) query = query.where('m.received_on', '>=', `${q.year}-01-01`).where('m.received_on', '<=', `${q.year}-12-31`);
  if (q.state !== undefined) query = query.where('m.state', '=', q.state);
  if (q.disputeType !== undefined) query = query.where('m.dispute_type', '=', q.disputeType);
  if (q.outcome !== undefined) query = query.where('m.outcome', '=', q.outcome);
  if (cursor) query = query.where(sql<boolean>`(m.received_on, m.id) < (${cursor[0]}::date, ${cursor[1]})`);
  const rows = await query.orderBy('m.received_on', 'desc').orderBy('m.id', 'desc').limit(q.limit + 1).execute();
  return toPage(rows, q.limit, (r) => [r.received_on, r.id], (r) => ({
    id: r.id, station: { id: r.station_id, name: r.station_name }, disputeType: r.dispute_type, disputeTypeLabel: DISPUTE_TYPES.labels[r.dispute_type],
    title: r.handler ? r.title : r.party_names.reduce((t, n) => maskNameIn(t, n), r.title), receivedOn: r.received_on, state: r.state, outcome: r.outcome, outcomeLabel: r.outcome ? MEDIATION_OUTCOMES.labels[r.outcome] : null,
    closedOn: r.closed_on, sessions: r.sessions,
  }));
}

export async function getMediation(db: Kysely<DB>, actor: Actor, id: number) {
  const m = await db.selectFrom('mediation as m').innerJoin('station as s', 's.id', 'm.station_id')
    .select([
      'm.id', 'm.station_id', 's.name as station_name', 'm.dispute_type', 'm.title', 'm.description', 'm.received_on', 'm.state', 'm.outcome', 'm.outcome_note',
      'm.closed_on', 'm.agreement_name', 'm.agreement_mime', 'm.agreement_size', 'm.version', 'm.created_at',
      partiesVisible(actor, ref('m.id'), ref('m.station_id')).as('handler'),
      mediationOperable(actor, ref('m.station_id')).as('operable'),
    ])
    .where('m.id', '=', id).where(mediationVisible(actor, ref('m.station_id'))).executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND');
  const parties = await db.selectFrom('mediation_party').select(['position', 'side', 'name', 'phone']).where('mediation_id', '=', id).orderBy('position').execute();
  const sessions = await db.selectFrom('mediation_session as ms')
    .select([
      'ms.id', 'ms.held_on', 'ms.place', 'ms.legal_officer_role', 'ms.legal_officer_name', 'ms.village_secretary', 'ms.notes', 'ms.activity_id',
      sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.id)
        from mediation_session_deputy md join deputy d on d.id = md.deputy_id where md.session_id = ms.id), '[]'::json)`.as('deputies'),
    ])
    .where('ms.mediation_id', '=', id).orderBy('ms.held_on').orderBy('ms.id').execute();
  const handler = Boolean(m.handler);
  // Free texts that repeat a party's name show it masked too, for a reader not handling the record.
  const masked = (text: string) => (handler ? text : parties.reduce((t, p) => maskNameIn(t, p.name), text));
  const actions: ('session' | 'close' | 'agreement')[] = [];
  if (m.operable && m.state !== 'closed') actions.push('session');
  if (m.operable && m.state === 'in_session') actions.push('close');
  if (m.operable && m.outcome === 'agreed') actions.push('agreement');
  return {
    id: m.id, station: { id: m.station_id, name: m.station_name }, disputeType: m.dispute_type, disputeTypeLabel: DISPUTE_TYPES.labels[m.dispute_type],
    title: masked(m.title), description: masked(m.description), receivedOn: m.received_on, state: m.state,
    outcome: m.outcome, outcomeLabel: m.outcome ? MEDIATION_OUTCOMES.labels[m.outcome] : null, outcomeNote: m.outcome_note === null ? null : masked(m.outcome_note), closedOn: m.closed_on,
    agreement: m.agreement_name ? { name: m.agreement_name, mime: m.agreement_mime!, size: m.agreement_size! } : null,
    partiesMasked: !handler,
    contactRevealable: !handler && actor.role === 'deputy',
    parties: parties.map((p) => ({
      position: p.position, side: p.side, name: handler ? p.name : maskPersonName(p.name), phone: handler ? p.phone : maskPhone(p.phone),
    })),
    sessions: sessions.map((s) => ({
      id: s.id, heldOn: s.held_on, place: s.place, legalOfficerRole: s.legal_officer_role, legalOfficerName: s.legal_officer_name,
      villageSecretary: s.village_secretary, notes: masked(s.notes), activityId: s.activity_id, deputies: s.deputies,
    })),
    version: m.version, actions,
  };
}

const zeroByType = () => Object.fromEntries(DISPUTE_TYPES.keys.map((k) => [k, 0])) as Record<DisputeType, number>;
const zeroByOutcome = () => Object.fromEntries(MEDIATION_OUTCOMES.keys.map((k) => [k, 0])) as Record<MediationOutcome, number>;

/**
 * A room's year: disputes received (by the day received) by type, those closed in the year by
 * outcome, resolved = closed with agreement; and the figures the room keeps by hand
 * (constituents received and visited, opinions collected), null when not entered.
 */
export async function roomStatistics(db: Kysely<DB>, actor: Actor, stationId: number, year: number) {
  const station = await db.selectFrom('station as s').select(['s.id', 's.name']).where('s.id', '=', stationId)
    .where(mediationVisible(actor, ref('s.id'))).executeTakeFirst();
  if (!station) throw new AppError('NOT_FOUND');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const received = await db.selectFrom('mediation').select(['dispute_type', sql<number>`count(*)::int`.as('n')])
    .where('station_id', '=', stationId).where('received_on', '>=', from).where('received_on', '<=', to).groupBy('dispute_type').execute();
  const closed = await db.selectFrom('mediation').select(['dispute_type', 'outcome', sql<number>`count(*)::int`.as('n')])
    .where('station_id', '=', stationId).where('closed_on', '>=', from).where('closed_on', '<=', to).groupBy(['dispute_type', 'outcome']).execute();
  const figures = await db.selectFrom('mediation_room_year').select(['constituents_received', 'opinions_collected'])
    .where('station_id', '=', stationId).where('year', '=', year).executeTakeFirst();
  const receivedByType = zeroByType();
  for (const r of received) receivedByType[r.dispute_type] = r.n;
  const resolvedByType = zeroByType();
  const byOutcome = zeroByOutcome();
  for (const c of closed) {
    byOutcome[c.outcome!] += c.n;
    if (c.outcome === 'agreed') resolvedByType[c.dispute_type] += c.n;
  }
  return {
    station: { id: station.id, name: station.name }, year,
    received: received.reduce((s, r) => s + r.n, 0), resolved: byOutcome.agreed, closed: closed.reduce((s, c) => s + c.n, 0),
    receivedByType, resolvedByType, byOutcome,
    constituentsReceived: figures?.constituents_received ?? null, opinionsCollected: figures?.opinions_collected ?? null,
  };
}

/** The mediations a deputy sat in during a period (by session day), for their performance archive. */
export async function deputyMediations(db: Kysely<DB>, deputyId: number, from: string, to: string) {
  const rows = await db.selectFrom('mediation as m').innerJoin('station as s', 's.id', 'm.station_id')
    .select(['m.id', 'm.dispute_type', 'm.outcome', 'm.closed_on', 's.name as station_name',
      sql<string>`(select min(ms.held_on)::text from mediation_session ms join mediation_session_deputy md on md.session_id = ms.id
        where ms.mediation_id = m.id and md.deputy_id = ${deputyId} and ms.held_on between ${from}::date and ${to}::date)`.as('first_on')])
    .where(sql<boolean>`exists (select 1 from mediation_session ms join mediation_session_deputy md on md.session_id = ms.id
      where ms.mediation_id = m.id and md.deputy_id = ${deputyId} and ms.held_on between ${from}::date and ${to}::date)`)
    .orderBy('m.id').execute();
  return rows.map((r) => ({
    id: r.id, station: r.station_name, on: r.first_on, disputeType: DISPUTE_TYPES.labels[r.dispute_type],
    outcome: r.outcome ? MEDIATION_OUTCOMES.labels[r.outcome] : null,
  }));
}
