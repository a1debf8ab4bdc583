/**
 * The reception rota of a station (接待日轮值): generated for a period from the station's
 * schedule, deputies taking turns; a deputy's turn can be swapped to another; a day can be
 * cancelled. Held days are marked by the activity that records them (commands/activities.ts).
 */
import { sql } from 'kysely';
import type { ReceptionSchedule } from '../../platform/db/schema.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { assignTurns, receptionDates } from './rota.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { ref, stationOperable, stationVisible } from '../../platform/access/scope.js';
import { loadCalendar } from '../calendar/index.js';

const MAX_PERIOD_DAYS = 366;

/** The station as the rota's editor reaches it: officers their own stations, staff the ones they manage. */
async function operableStation(ctx: WriteContext, stationId: number) {
  const station = await ctx.trx.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .select(['s.id', 's.reception_schedule', 's.active', stationOperable(ctx.actor, ref('s.id'), ref('h.region_path')).as('operable')])
    .where('s.id', '=', stationId).where(stationVisible(ctx.actor, ref('s.id')))
    .forUpdate('s')
    .executeTakeFirst();
  if (!station) throw new AppError('NOT_FOUND');
  if (!station.operable) throw new AppError('FORBIDDEN');
  return station;
}

export interface RotaRequest { from: string; to: string; perDay: number; deputyIds: number[] | null }

/**
 * Adds the reception days of [from, to] that the rota lacks, deputies taking turns after the
 * last one on duty before `from`. Days already in the rota are left as they are. Answers the
 * days added.
 */
export async function generateRota(ctx: WriteContext, stationId: number, req: RotaRequest): Promise<number> {
  const station = await operableStation(ctx, stationId);
  if (req.to < req.from) throw invalidFields([{ path: 'to', code: 'ENDS_BEFORE_START' }]);
  if (addDays(req.from, MAX_PERIOD_DAYS) < req.to) throw invalidFields([{ path: 'to', code: 'PERIOD_TOO_LONG' }]);
  const schedule = station.reception_schedule as ReceptionSchedule;
  if (!schedule.weekdays.length && !schedule.monthDays.length) throw invalidFields([{ path: 'stationId', code: 'NO_RECEPTION_SCHEDULE' }]);

  // The station's current deputies, heads first, unless the request names who takes turns.
  const members = await ctx.trx.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
    .select(['d.id', 'ds.role']).where('ds.station_id', '=', stationId).where('d.active', '=', true).where('d.status', '=', 'current')
    .orderBy(sql`case ds.role when 'head' then 0 when 'liaison' then 1 else 2 end`).orderBy('d.id').execute();
  const memberIds = members.map((m) => m.id);
  const deputyIds = req.deputyIds ?? memberIds;
  const strangers = deputyIds.map((id, i) => ({ id, i })).filter(({ id }) => !memberIds.includes(id));
  if (strangers.length) throw invalidFields(strangers.map(({ i }) => ({ path: `deputyIds.${i}`, code: 'NOT_STATION_DEPUTY' })));
  if (deputyIds.length === 0) throw invalidFields([{ path: 'deputyIds', code: 'NO_STATION_DEPUTIES' }]);

  const existing = new Set((await ctx.trx.selectFrom('rota_slot').select('on_date').where('station_id', '=', stationId)
    .where('on_date', '>=', req.from).where('on_date', '<=', req.to).execute()).map((s) => s.on_date));
  const dates = receptionDates(schedule, req.from, req.to, await loadCalendar(ctx.trx)).filter((d) => !existing.has(d));
  const last = await ctx.trx.selectFrom('rota_duty as t').innerJoin('rota_slot as s', 's.id', 't.slot_id')
    .select('t.deputy_id').where('s.station_id', '=', stationId).where('s.on_date', '<', req.from)
    .orderBy('s.on_date', 'desc').orderBy('t.deputy_id', 'desc').limit(1).executeTakeFirst();
  const turns = assignTurns(dates, deputyIds, req.perDay, last?.deputy_id ?? null);
  for (const turn of turns) {
    const { id } = await ctx.trx.insertInto('rota_slot').values({ station_id: stationId, on_date: turn.date, hours: schedule.hours, note: '' })
      .returning('id').executeTakeFirstOrThrow();
    await ctx.trx.insertInto('rota_duty').values(turn.deputyIds.map((d) => ({ slot_id: id, deputy_id: d, replaces_deputy_id: null }))).execute();
  }
  await recordAudit(ctx, {
    action: 'rota.generate', entityType: 'station', entityId: stationId,
    after: { from: req.from, to: req.to, perDay: req.perDay, deputyIds, days: turns.map((t) => t.date) },
  });
  return turns.length;
}

async function lockSlot(ctx: WriteContext, slotId: number) {
  const slot = await ctx.trx.selectFrom('rota_slot').selectAll().where('id', '=', slotId).forUpdate().executeTakeFirst();
  if (!slot) throw new AppError('NOT_FOUND');
  await operableStation(ctx, slot.station_id);
  return slot;
}

const dutiesOf = async (ctx: WriteContext, slotId: number) =>
  ctx.trx.selectFrom('rota_duty').select(['deputy_id', 'replaces_deputy_id']).where('slot_id', '=', slotId).orderBy('deputy_id').execute();

/** 调班: `to` takes the turn of `from` on that day; a held or cancelled day cannot change. */
export async function swapDuty(ctx: WriteContext, slotId: number, from: number, to: number): Promise<void> {
  const slot = await lockSlot(ctx, slotId);
  if (slot.activity_id !== null || slot.cancelled) throw new AppError('ROTA_SLOT_CLOSED');
  const duties = await dutiesOf(ctx, slotId);
  if (!duties.some((d) => d.deputy_id === from)) throw invalidFields([{ path: 'fromDeputyId', code: 'NOT_ON_DUTY' }]);
  if (duties.some((d) => d.deputy_id === to)) throw invalidFields([{ path: 'toDeputyId', code: 'ALREADY_ON_DUTY' }]);
  const member = await ctx.trx.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id').select('d.id')
    .where('ds.station_id', '=', slot.station_id).where('ds.deputy_id', '=', to).where('d.active', '=', true).executeTakeFirst();
  if (!member) throw invalidFields([{ path: 'toDeputyId', code: 'NOT_STATION_DEPUTY' }]);
  const replaced = duties.find((d) => d.deputy_id === from)!;
  await ctx.trx.deleteFrom('rota_duty').where('slot_id', '=', slotId).where('deputy_id', '=', from).execute();
  // The one originally on duty stays named through a chain of swaps.
  await ctx.trx.insertInto('rota_duty').values({ slot_id: slotId, deputy_id: to, replaces_deputy_id: replaced.replaces_deputy_id ?? from }).execute();
  await ctx.trx.updateTable('rota_slot').set({ version: sql`version + 1` }).where('id', '=', slotId).execute();
  await recordAudit(ctx, { action: 'rota.swap', entityType: 'rota_slot', entityId: slotId, before: { duties }, after: { duties: await dutiesOf(ctx, slotId) } });
}

/** Cancels a day that will not be held (a typhoon, a meeting), with the reason. */
export async function cancelSlot(ctx: WriteContext, slotId: number, reason: string): Promise<void> {
  const slot = await lockSlot(ctx, slotId);
  if (slot.activity_id !== null || slot.cancelled) throw new AppError('ROTA_SLOT_CLOSED');
  await ctx.trx.updateTable('rota_slot').set({ cancelled: true, note: reason, version: sql`version + 1` }).where('id', '=', slotId).execute();
  await recordAudit(ctx, { action: 'rota.cancel', entityType: 'rota_slot', entityId: slotId, before: { cancelled: false }, after: { cancelled: true, reason } });
}
