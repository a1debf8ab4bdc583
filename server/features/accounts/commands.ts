import { sql } from 'kysely';
import type { Role } from '../../../common/enums.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { hashPassword, isStrongPassword } from '../../platform/access/password.js';
import { commonAncestorPath } from '../../platform/regions/regionPath.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { accountManageable, atOperableStation, deputyManageable, ref, regionManageable, stationVisible, unitManageable } from '../../platform/access/scope.js';
import { requireRegions } from '../../platform/regions/lookup.js';
import { now } from '../../platform/clock.js';
import { rememberReplaced, usedRecently } from './passwordHistory.js';

export interface AccountInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  regionCode?: string | null;
  stationIds?: number[];
  deputyId?: number | null;
  unitId?: number | null;
}

type Scope = Pick<AccountInput, 'role' | 'regionCode' | 'stationIds' | 'deputyId' | 'unitId'>;

/**
 * Resolves what an account's scope hangs on — staff a region, officers stations, deputies a
 * deputy, unit clerks a unit — through the actor's own scope filters, and returns the anchor
 * path that decides who may manage the account.
 */
async function resolveScope(ctx: WriteContext, s: Scope): Promise<{ anchorPath: string; stationIds: number[] }> {
  const { trx, actor } = ctx;
  const wrong = (path: string) => invalidFields([{ path, code: 'SCOPE_MISMATCH' }]);
  if (s.role !== 'staff' && s.role !== 'grid' && s.regionCode) throw wrong('regionCode');
  if (s.role !== 'officer' && s.stationIds?.length) throw wrong('stationIds');
  if (s.role !== 'deputy' && s.deputyId) throw wrong('deputyId');
  if (s.role !== 'unit' && s.unitId) throw wrong('unitId');
  switch (s.role) {
    case 'admin':
      return { anchorPath: '', stationIds: [] };
    case 'staff': {
      if (!s.regionCode) throw wrong('regionCode');
      const region = (await requireRegions(trx, [{ path: 'regionCode', code: s.regionCode }])).get(s.regionCode)!;
      return { anchorPath: region.path, stationIds: [] };
    }
    case 'officer': {
      const ids = [...new Set(s.stationIds ?? [])];
      if (ids.length === 0) throw wrong('stationIds');
      const stations = await trx.selectFrom('station as s')
        .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
        .select(['s.id', 'h.region_path']).where('s.id', 'in', ids).where(stationVisible(actor, ref('s.id')))
        // An officer runs their stations: only those who run a station (its manage rule) may
        // name its officers, so another side of a shared station cannot give itself the pen.
        .where(atOperableStation(actor, ref('s.id'))).execute();
      if (stations.length !== ids.length) throw invalidFields([{ path: 'stationIds', code: 'UNKNOWN_REFERENCE' }]);
      return { anchorPath: commonAncestorPath(stations.map((x) => x.region_path)), stationIds: ids };
    }
    case 'deputy': {
      if (!s.deputyId) throw wrong('deputyId');
      const deputy = await trx.selectFrom('deputy as d').select('d.region_path')
        .where('d.id', '=', s.deputyId).where(deputyManageable(actor, ref('d.region_path'))).executeTakeFirst();
      if (!deputy) throw invalidFields([{ path: 'deputyId', code: 'UNKNOWN_REFERENCE' }]);
      return { anchorPath: deputy.region_path, stationIds: [] };
    }
    case 'grid': {
      // A grid worker is anchored at the town they work in; their cells are attached in the grids feature.
      if (!s.regionCode) throw wrong('regionCode');
      const region = (await requireRegions(trx, [{ path: 'regionCode', code: s.regionCode }])).get(s.regionCode)!;
      if (!regionManageable(actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
      return { anchorPath: region.path, stationIds: [] };
    }
    case 'unit': {
      if (!s.unitId) throw wrong('unitId');
      const unit = await trx.selectFrom('unit as u').select('u.region_path')
        .where('u.id', '=', s.unitId).where(unitManageable(actor, ref('u.region_path'))).executeTakeFirst();
      if (!unit) throw invalidFields([{ path: 'unitId', code: 'UNKNOWN_REFERENCE' }]);
      return { anchorPath: unit.region_path, stationIds: [] };
    }
  }
}

/** After a write, the account must still be one the actor may manage — the same SQL rule as reads. */
async function requireManageable(ctx: WriteContext, id: number): Promise<void> {
  const ok = await ctx.trx.selectFrom('account as a').select('a.id').where('a.id', '=', id)
    .where(accountManageable(ctx.actor, ref('a.role'), ref('a.anchor_path'))).executeTakeFirst();
  if (!ok) throw new AppError('OUT_OF_SCOPE');
}

async function snapshot(ctx: WriteContext, id: number) {
  const { password_hash: _hidden, ...account } = await ctx.trx.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const stations = await ctx.trx.selectFrom('account_station').select('station_id').where('account_id', '=', id).orderBy('station_id').execute();
  return { ...account, stationIds: stations.map((s) => s.station_id) };
}

async function writeStations(ctx: WriteContext, id: number, stationIds: number[]) {
  await ctx.trx.deleteFrom('account_station').where('account_id', '=', id).execute();
  if (stationIds.length) {
    await ctx.trx.insertInto('account_station').values(stationIds.map((station_id) => ({ account_id: id, station_id }))).execute();
  }
}

/**
 * Creates an account with an initial password that must be changed at first sign-in.
 * `trustedInitialPassword` (first start only) skips the forced change.
 */
export async function createAccount(ctx: WriteContext, input: AccountInput, opts: { mustChangePassword?: boolean } = {}): Promise<number> {
  if (!isStrongPassword(input.password)) throw invalidFields([{ path: 'password', code: 'PASSWORD_TOO_WEAK' }]);
  const taken = await ctx.trx.selectFrom('account').select('id').where(sql`lower(username)`, '=', input.username.toLowerCase()).executeTakeFirst();
  if (taken) throw new AppError('USERNAME_TAKEN');
  const scope = await resolveScope(ctx, input);
  const { id } = await ctx.trx.insertInto('account').values({
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    password_hash: await hashPassword(input.password),
    must_change_password: opts.mustChangePassword ?? true,
    region_code: input.role === 'staff' ? input.regionCode! : null,
    deputy_id: input.role === 'deputy' ? input.deputyId! : null,
    unit_id: input.role === 'unit' ? input.unitId! : null,
    anchor_path: scope.anchorPath,
    password_changed_at: null,
    locked_until: null,
    last_login_at: null,
    updated_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  await writeStations(ctx, id, scope.stationIds);
  await requireManageable(ctx, id);
  await recordAudit(ctx, { action: 'account.create', entityType: 'account', entityId: id, after: await snapshot(ctx, id) });
  return id;
}

async function lockForChange(ctx: WriteContext, id: number) {
  const current = await ctx.trx.selectFrom('account as a').select(['a.id', 'a.role', 'a.version', 'a.region_code', 'a.deputy_id', 'a.unit_id'])
    .where('a.id', '=', id).where(accountManageable(ctx.actor, ref('a.role'), ref('a.anchor_path')))
    .forUpdate().executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  return current;
}

export interface AccountPatch {
  displayName?: string;
  active?: boolean;
  regionCode?: string;
  stationIds?: number[];
}

export async function updateAccount(ctx: WriteContext, id: number, version: number, patch: AccountPatch): Promise<void> {
  const current = await lockForChange(ctx, id);
  if (current.version !== version) throw new AppError('CONFLICT', { currentVersion: current.version });
  if (id === ctx.actor.accountId && patch.active === false) throw new AppError('CANNOT_MODIFY_SELF');
  const before = await snapshot(ctx, id);
  const scopeChanges = patch.regionCode !== undefined || patch.stationIds !== undefined;
  const scope = scopeChanges
    ? await resolveScope(ctx, {
      role: current.role,
      regionCode: patch.regionCode ?? current.region_code,
      stationIds: patch.stationIds ?? before.stationIds,
      deputyId: current.deputy_id,
      unitId: current.unit_id,
    })
    : null;
  await ctx.trx.updateTable('account').set({
    ...(patch.displayName !== undefined && { display_name: patch.displayName }),
    ...(patch.active !== undefined && { active: patch.active }),
    ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
    ...(scope && { anchor_path: scope.anchorPath }),
    updated_at: now(),
    version: sql`version + 1`,
  }).where('id', '=', id).execute();
  if (scope && current.role === 'officer') await writeStations(ctx, id, scope.stationIds);
  // A disabled account or a changed scope ends the account's sessions.
  if (patch.active === false || scopeChanges) await ctx.trx.deleteFrom('session').where('account_id', '=', id).execute();
  await requireManageable(ctx, id);
  await recordAudit(ctx, { action: 'account.update', entityType: 'account', entityId: id, before, after: await snapshot(ctx, id) });
}

/**
 * Sets a new initial password (changed at next sign-in), unlocks the account and ends its
 * sessions. The password chosen may not be one of the account's last PASSWORD_HISTORY_SIZE;
 * the replaced one joins the history.
 */
export async function resetPassword(ctx: WriteContext, id: number, password: string): Promise<void> {
  if (!isStrongPassword(password)) throw invalidFields([{ path: 'password', code: 'PASSWORD_TOO_WEAK' }]);
  await lockForChange(ctx, id);
  if (await usedRecently(ctx.trx, id, password)) throw invalidFields([{ path: 'password', code: 'PASSWORD_REUSED' }]);
  const { password_hash: replaced } = await ctx.trx.selectFrom('account').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
  await rememberReplaced(ctx.trx, id, replaced, now());
  await ctx.trx.updateTable('account').set({
    password_hash: await hashPassword(password), must_change_password: true, failed_logins: 0, locked_until: null,
    updated_at: now(), version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await ctx.trx.deleteFrom('session').where('account_id', '=', id).execute();
  await recordAudit(ctx, { action: 'account.password_reset', entityType: 'account', entityId: id });
}

export async function unlockAccount(ctx: WriteContext, id: number): Promise<void> {
  await lockForChange(ctx, id);
  await ctx.trx.updateTable('account').set({ failed_logins: 0, locked_until: null, updated_at: now() }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'account.unlock', entityType: 'account', entityId: id });
}

/**
 * Re-derives the anchor of the accounts that act for a deputy, a unit or a station after it
 * moved region, so the staff of the new region manage them and those of the old one no longer do.
 */
export async function refreshAccountAnchors(
  ctx: WriteContext, link: { deputyId: number } | { unitId: number } | { stationId: number },
): Promise<void> {
  const { trx } = ctx;
  if ('deputyId' in link) {
    await trx.updateTable('account').set({ anchor_path: sql`(select region_path from deputy where id = ${link.deputyId})` })
      .where('deputy_id', '=', link.deputyId).execute();
  } else if ('unitId' in link) {
    await trx.updateTable('account').set({ anchor_path: sql`(select region_path from unit where id = ${link.unitId})` })
      .where('unit_id', '=', link.unitId).execute();
  } else {
    const officers = await trx.selectFrom('account_station').select('account_id').where('station_id', '=', link.stationId).execute();
    for (const { account_id } of officers) {
      const homes = await trx.selectFrom('account_station as acs')
        .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 'acs.station_id').on('h.is_home', '=', true))
        .select('h.region_path').where('acs.account_id', '=', account_id).execute();
      await trx.updateTable('account').set({ anchor_path: commonAncestorPath(homes.map((h) => h.region_path)) })
        .where('id', '=', account_id).execute();
    }
  }
}
