/**
 * One register of a place and period, as a document ready for the Excel or PDF writer. The
 * records are read as the caller, through the same scope filters and masking rules as the
 * API, so a register never shows more than its reader could open one record at a time.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { registerSource } from './kinds.js';
import { dateText, periodText, type Period, type RegisterDocument } from '../../platform/documents/model.js';
import type { Place } from './place.js';
import { now as clockNow } from '../../platform/clock.js';

/** Builds the register the feature that contributes `kind` describes. */
export async function buildRegister(db: Kysely<DB>, actor: Actor, kind: string, place: Place, period: Period, now = clockNow()): Promise<RegisterDocument> {
  const source = registerSource(kind);
  const body = await source.build({ db, actor, place, period, now });
  return {
    title: source.label.zh,
    place: place.name,
    // The roster is who is in the station now, whatever period was asked for.
    period: source.periodic ? periodText(period) : `截至 ${dateText(now)}`,
    generatedAt: now,
    ...body,
  };
}
