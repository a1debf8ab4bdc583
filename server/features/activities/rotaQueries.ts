import { sql, type Kysely } from 'kysely';
import type { DB, ReceptionSchedule } from '../../platform/db/schema.js';
import { receptionDates, rotaStatus, type RotaStatus } from './rota.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { loadCalendar } from '../calendar/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationOperable, stationVisible } from '../../platform/access/scope.js';
import { now as clockNow } from '../../platform/clock.js';

interface SlotRow { id: number; station_id: number; station_name: string; on_date: string; hours: string; activity_id: number | null; cancelled: boolean; note: string; version: number }

async function present(db: Kysely<DB>, slots: SlotRow[], now: Date) {
  const today = shanghaiDate(now);
  const duties = slots.length
    ? await db.selectFrom('rota_duty as t').innerJoin('deputy as d', 'd.id', 't.deputy_id').leftJoin('deputy as r', 'r.id', 't.replaces_deputy_id')
      .select(['t.slot_id', 'd.id', 'd.name', 'r.name as replaces']).where('t.slot_id', 'in', slots.map((s) => s.id)).orderBy('d.id').execute()
    : [];
  return slots.map((s) => ({
    id: s.id, station: { id: s.station_id, name: s.station_name }, date: s.on_date, hours: s.hours,
    status: rotaStatus({ onDate: s.on_date, activityId: s.activity_id, cancelled: s.cancelled }, today) as RotaStatus,
    activityId: s.activity_id, note: s.note, version: s.version,
    deputies: duties.filter((d) => d.slot_id === s.id).map((d) => ({ id: d.id, name: d.name, replaces: d.replaces })),
  }));
}

const slotColumns = ['s.id', 's.station_id', 'st.name as station_name', 's.on_date', 's.hours', 's.activity_id', 's.cancelled', 's.note', 's.version'] as const;

/** A station's rota over a period, with each day's status and whether the reader may change it. */
export async function stationRota(db: Kysely<DB>, actor: Actor, stationId: number, from: string, to: string, now = clockNow()) {
  const station = await db.selectFrom('station as st')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 'st.id').on('h.is_home', '=', true))
    .select(['st.id', stationOperable(actor, ref('st.id'), ref('h.region_path')).as('operable')])
    .where('st.id', '=', stationId).where(stationVisible(actor, ref('st.id'))).executeTakeFirst();
  if (!station) throw new AppError('NOT_FOUND');
  const slots = await db.selectFrom('rota_slot as s').innerJoin('station as st', 'st.id', 's.station_id').select([...slotColumns])
    .where('s.station_id', '=', stationId).where('s.on_date', '>=', from).where('s.on_date', '<=', to).orderBy('s.on_date').execute();
  const days = await present(db, slots, now);
  const count = (status: RotaStatus) => days.filter((d) => d.status === status).length;
  return {
    days,
    summary: { scheduled: count('scheduled'), held: count('held'), missed: count('missed'), cancelled: count('cancelled') },
    abilities: station.operable ? ['manage' as const] : [],
  };
}

/** A deputy's own turns from a day on (their phone's "my reception days"). */
export async function deputyDuties(db: Kysely<DB>, deputyId: number, from: string, now = clockNow()) {
  const slots = await db.selectFrom('rota_slot as s').innerJoin('station as st', 'st.id', 's.station_id').select([...slotColumns])
    .where('s.on_date', '>=', from)
    .where(sql<boolean>`exists (select 1 from rota_duty t where t.slot_id = s.id and t.deputy_id = ${deputyId})`)
    .orderBy('s.on_date').limit(50).execute();
  return present(db, slots, now);
}

/**
 * A station's next reception day from `today` on, as the public sees it: the rota's first day
 * not cancelled, with the deputies on duty; without a rota day ahead, the next day its schedule
 * names (public holidays left out, within 62 days), with no one named. Null when it has neither.
 */
export async function nextReceptionDay(db: Kysely<DB>, station: { id: number; schedule: ReceptionSchedule }, today: string) {
  const slot = await db.selectFrom('rota_slot').select(['id', 'on_date', 'hours'])
    .where('station_id', '=', station.id).where('on_date', '>=', today).where('cancelled', '=', false)
    .orderBy('on_date').limit(1).executeTakeFirst();
  if (slot) {
    const deputies = await db.selectFrom('rota_duty as t').innerJoin('deputy as d', 'd.id', 't.deputy_id')
      .select(['d.id', 'd.name']).where('t.slot_id', '=', slot.id).where('d.active', '=', true).orderBy('d.id').execute();
    return { date: slot.on_date, hours: slot.hours, deputies, fromRota: true };
  }
  const dates = receptionDates(station.schedule, today, addDays(today, 62), await loadCalendar(db));
  return dates[0] ? { date: dates[0], hours: station.schedule.hours, deputies: [], fromRota: false } : null;
}
