import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';

/** The path of a region named in a list filter; an unknown code is the client's error. */
export async function regionPathOf(db: Kysely<DB>, code: string): Promise<string> {
  const region = await db.selectFrom('region').select('path').where('code', '=', code).executeTakeFirst();
  if (!region) throw new AppError('REGION_NOT_FOUND', { code });
  return region.path;
}

export type ActiveFilter = 'true' | 'false' | 'all';

/** The `active` flag a list keeps: active rows by default, `false` for inactive ones, `all` for both; null = no condition. */
export function activeCondition(filter: ActiveFilter | undefined, fallback: ActiveFilter = 'true'): boolean | null {
  const f = filter ?? fallback;
  return f === 'all' ? null : f === 'true';
}
