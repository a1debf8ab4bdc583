/**
 * One register of a place and period, as a document ready for the Excel or PDF writer. The
 * records are read as the caller, through the same scope filters and masking rules as the
 * API, so a register never shows more than its reader could open one record at a time.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { activityRegister, receptionRegister, trainingRegister, visitRegister } from '../activities/registers.js';
import type { RegisterBody, RegisterContext } from './context.js';
import { chronicleRegister, deedRegister } from './entryRegisters.js';
import { REGISTERS, type RegisterKind } from './kinds.js';
import { dateText, periodText, type Period, type RegisterDocument } from '../../platform/documents/model.js';
import { opinionRegister } from '../cases/registers.js';
import type { Place } from './place.js';
import { rosterRegister } from '../deputies/registers.js';
import { now as clockNow } from '../../platform/clock.js';

const BUILDERS: Record<RegisterKind, (ctx: RegisterContext) => Promise<RegisterBody>> = {
  reception: receptionRegister,
  visit: visitRegister,
  opinions: opinionRegister,
  activities: activityRegister,
  training: trainingRegister,
  deeds: deedRegister,
  roster: rosterRegister,
  chronicle: chronicleRegister,
};

export async function buildRegister(db: Kysely<DB>, actor: Actor, kind: RegisterKind, place: Place, period: Period, now = clockNow()): Promise<RegisterDocument> {
  const body = await BUILDERS[kind]({ db, actor, place, period, now });
  return {
    title: REGISTERS[kind].label.zh,
    place: place.name,
    // The roster is who is in the station now, whatever period was asked for.
    period: REGISTERS[kind].periodic ? periodText(period) : `截至 ${dateText(now)}`,
    generatedAt: now,
    ...body,
  };
}
