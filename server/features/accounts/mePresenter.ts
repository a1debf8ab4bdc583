import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ROLES } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { abilitiesOf } from '../../platform/access/abilities.js';
import type { Actor } from '../../platform/access/actor.js';

export const MeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES.keys),
  roleLabel: z.object({ zh: z.string(), en: z.string() }),
  mustChangePassword: z.boolean(),
  scope: z.object({
    region: z.object({ code: z.string(), name: z.string(), fullName: z.string() }).nullable(),
    stations: z.array(z.object({ id: z.number(), name: z.string() })),
    deputy: z.object({ id: z.number(), name: z.string() }).nullable(),
    unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  }),
  abilities: z.array(z.string()).meta({ description: 'What this account may do; the UI shows only these actions' }),
  session: z.object({ expiresAt: z.string(), idleTimeoutMinutes: z.number() }),
}).meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export async function describeMe(db: Kysely<DB>, actor: Actor, session: { expiresAt: Date; idleMinutes: number }): Promise<Me> {
  const region = actor.regionCode
    ? await db.selectFrom('region').select(['code', 'name', 'full_name']).where('code', '=', actor.regionCode).executeTakeFirst()
    : undefined;
  const stations = actor.role === 'officer'
    ? await db.selectFrom('account_station').innerJoin('station', 'station.id', 'account_station.station_id')
      .select(['station.id', 'station.name']).where('account_station.account_id', '=', actor.accountId).orderBy('station.id').execute()
    : actor.role === 'deputy'
      ? await db.selectFrom('deputy_station').innerJoin('station', 'station.id', 'deputy_station.station_id')
        .select(['station.id', 'station.name']).where('deputy_station.deputy_id', '=', actor.deputyId!).orderBy('station.id').execute()
      : [];
  const deputy = actor.deputyId
    ? await db.selectFrom('deputy').select(['id', 'name']).where('id', '=', actor.deputyId).executeTakeFirst()
    : undefined;
  const unit = actor.unitId
    ? await db.selectFrom('unit').select(['id', 'name']).where('id', '=', actor.unitId).executeTakeFirst()
    : undefined;
  return {
    id: actor.accountId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: ROLES.labels[actor.role],
    mustChangePassword: actor.mustChangePassword,
    scope: {
      region: region ? { code: region.code, name: region.name, fullName: region.full_name } : null,
      stations,
      deputy: deputy ?? null,
      unit: unit ?? null,
    },
    abilities: actor.mustChangePassword ? [] : abilitiesOf(actor),
    session: { expiresAt: session.expiresAt.toISOString(), idleTimeoutMinutes: session.idleMinutes },
  };
}
