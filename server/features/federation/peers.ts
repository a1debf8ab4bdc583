/**
 * Peers (联邦对端): the other provinces' instances an administrator registers, with the public
 * key their requests are verified with and the cross-province stations of ours they may hand
 * cases to. Each write is one transaction with its audit record.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { Id } from '../../platform/http/schemas.js';
import { describePublicKey, parsePublicKey, PEER_ID } from './protocol.js';

const PeerFields = {
  name: z.string().trim().min(1).max(100),
  baseUrl: z.url({ protocol: /^https?$/ }).max(300).meta({ description: 'Where the peer instance answers, e.g. https://lianxin.henan.example.gov.cn' }),
  publicKey: z.string().trim().min(40).max(1000).meta({ description: 'Its Ed25519 public key: a PEM (-----BEGIN PUBLIC KEY-----) or the 32 bytes in base64' }),
  stationIds: z.array(Id).max(500).meta({ description: 'The cross-province stations of this instance it may hand cases to' }),
  active: z.boolean(),
};

export const PeerBody = z.object({
  id: z.string().regex(PEER_ID).meta({ description: 'The id the peer names itself by (its LIANXIN_FEDERATION_ID), e.g. henan' }),
  ...PeerFields,
  stationIds: PeerFields.stationIds.default([]),
  active: PeerFields.active.default(true),
});
export const PeerPatch = z.object({ version: z.number().int(), ...PeerFields }).partial({ name: true, baseUrl: true, publicKey: true, stationIds: true, active: true });

export interface PeerView {
  id: string;
  name: string;
  baseUrl: string;
  publicKey: string;
  fingerprint: string;
  active: boolean;
  version: number;
  stations: { id: number; name: string }[];
  received: number;
  lastReceivedAt: string | null;
}

function keyOf(text: string) {
  const key = parsePublicKey(text);
  if (!key) throw new AppError('FEDERATION_KEY_INVALID');
  return describePublicKey(key);
}

/** The stations must be active cross-province stations of this instance. */
async function checkStations(trx: Transaction<DB>, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (unique.length === 0) return unique;
  const found = await trx.selectFrom('station').select('id').where('id', 'in', unique).where('type', '=', 'cross_province').where('active', '=', true).execute();
  if (found.length !== unique.length) throw new AppError('FEDERATION_STATION_INVALID');
  return unique;
}

export async function listPeers(db: Kysely<DB>, only?: string): Promise<PeerView[]> {
  let q = db.selectFrom('federation_peer as p')
    .select((eb) => [
      'p.id', 'p.name', 'p.base_url', 'p.public_key', 'p.active', 'p.version',
      eb.selectFrom('federation_inbound as i').select((e) => e.fn.countAll<string>().as('n')).whereRef('i.peer_id', '=', 'p.id').as('received'),
      eb.selectFrom('federation_inbound as i').select((e) => e.fn.max('i.received_at').as('at')).whereRef('i.peer_id', '=', 'p.id').as('last_received_at'),
    ])
    .orderBy('p.id');
  if (only !== undefined) q = q.where('p.id', '=', only);
  const peers = await q.execute();
  const stations = peers.length === 0 ? [] : await db.selectFrom('federation_peer_station as ps').innerJoin('station as s', 's.id', 'ps.station_id')
    .select(['ps.peer_id', 's.id', 's.name']).where('ps.peer_id', 'in', peers.map((p) => p.id)).orderBy('s.id').execute();
  return peers.map((p) => ({
    id: p.id, name: p.name, baseUrl: p.base_url, publicKey: p.public_key, fingerprint: keyOf(p.public_key).fingerprint, active: p.active, version: p.version,
    stations: stations.filter((s) => s.peer_id === p.id).map((s) => ({ id: s.id, name: s.name })),
    received: Number(p.received ?? 0),
    lastReceivedAt: p.last_received_at ? new Date(p.last_received_at as unknown as string).toISOString() : null,
  }));
}

export async function getPeer(db: Kysely<DB>, id: string): Promise<PeerView> {
  const [peer] = await listPeers(db, id);
  if (!peer) throw new AppError('NOT_FOUND');
  return peer;
}

export async function createPeer(ctx: WriteContext, body: z.infer<typeof PeerBody>): Promise<string> {
  const key = keyOf(body.publicKey);
  const stationIds = await checkStations(ctx.trx, body.stationIds);
  const at = now();
  const inserted = await ctx.trx.insertInto('federation_peer').values({
    id: body.id, name: body.name, base_url: body.baseUrl, public_key: key.pem, active: body.active, created_at: at, updated_at: at,
  }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new AppError('FEDERATION_PEER_EXISTS', { id: body.id });
  if (stationIds.length) await ctx.trx.insertInto('federation_peer_station').values(stationIds.map((s) => ({ peer_id: body.id, station_id: s }))).execute();
  await recordAudit(ctx, {
    action: 'federation.peer_create', entityType: 'federation_peer', entityId: body.id,
    after: { name: body.name, baseUrl: body.baseUrl, fingerprint: key.fingerprint, stationIds, active: body.active },
  });
  return body.id;
}

export async function updatePeer(ctx: WriteContext, id: string, patch: z.infer<typeof PeerPatch>): Promise<void> {
  const row = await ctx.trx.selectFrom('federation_peer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.version !== patch.version) throw new AppError('CONFLICT');
  const before = {
    name: row.name, baseUrl: row.base_url, fingerprint: keyOf(row.public_key).fingerprint, active: row.active,
    stationIds: (await ctx.trx.selectFrom('federation_peer_station').select('station_id').where('peer_id', '=', id).orderBy('station_id').execute()).map((s) => s.station_id),
  };
  const key = patch.publicKey === undefined ? null : keyOf(patch.publicKey);
  const stationIds = patch.stationIds === undefined ? before.stationIds : await checkStations(ctx.trx, patch.stationIds);
  await ctx.trx.updateTable('federation_peer').set({
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.baseUrl !== undefined && { base_url: patch.baseUrl }),
    ...(key && { public_key: key.pem }),
    ...(patch.active !== undefined && { active: patch.active }),
    version: row.version + 1, updated_at: now(),
  }).where('id', '=', id).execute();
  if (patch.stationIds !== undefined) {
    await ctx.trx.deleteFrom('federation_peer_station').where('peer_id', '=', id).execute();
    if (stationIds.length) await ctx.trx.insertInto('federation_peer_station').values(stationIds.map((s) => ({ peer_id: id, station_id: s }))).execute();
  }
  await recordAudit(ctx, {
    action: 'federation.peer_update', entityType: 'federation_peer', entityId: id, before,
    after: {
      name: patch.name ?? before.name, baseUrl: patch.baseUrl ?? before.baseUrl, fingerprint: key?.fingerprint ?? before.fingerprint,
      active: patch.active ?? before.active, stationIds,
    },
  });
}

/** A peer that never handed a case over may be removed; one that did is disabled instead (its messages stay on record). */
export async function removePeer(ctx: WriteContext, id: string): Promise<void> {
  const row = await ctx.trx.selectFrom('federation_peer').select(['id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const used = await ctx.trx.selectFrom('federation_inbound').select('peer_id').where('peer_id', '=', id).limit(1).executeTakeFirst();
  if (used) throw new AppError('FEDERATION_PEER_IN_USE');
  await ctx.trx.deleteFrom('federation_peer').where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'federation.peer_remove', entityType: 'federation_peer', entityId: id, before: { name: row.name } });
}
