/**
 * The receiving end of federation: a case handed over by another province's instance, and the
 * sender's question about the state of a case it handed over. Every request is signed by the
 * sending instance (protocol.ts); the checks run in this order, each with its own error code:
 * headers present and well formed, peer registered, signature, peer enabled, time within the
 * replay window, then (for a case) the body, the message id, the station.
 */
import type { Kysely } from 'kysely';
import { CASE_STATE_LABELS } from '../../../common/caseVocabulary.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { PUBLIC_ACTOR, type PublicActor } from '../../platform/access/actor.js';
import { now } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { parseJsonText } from '../../platform/http/textInput.js';
import { registerFederated } from '../cases/index.js';
import { bodyDigest, caseDigest, Envelope, FEDERATION_HEADERS, parsePublicKey, PEER_ID, REPLAY_WINDOW_MS, verifyRequest } from './protocol.js';

export interface SignedRequest {
  method: string;
  /** The path as received, without the query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes of the body (empty for a GET). */
  body: Uint8Array;
}

interface Peer { id: string; name: string }

function header(req: SignedRequest, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
}

/** The registered, enabled peer that signed the request, within the replay window. */
export async function authenticatePeer(db: Kysely<DB>, req: SignedRequest): Promise<Peer> {
  const peerId = header(req, FEDERATION_HEADERS.peer);
  const sentAt = header(req, FEDERATION_HEADERS.sentAt);
  const signature = header(req, FEDERATION_HEADERS.signature);
  const sentTime = sentAt === null ? Number.NaN : Date.parse(sentAt);
  if (!peerId || !PEER_ID.test(peerId) || !sentAt || Number.isNaN(sentTime) || !signature) throw new AppError('FEDERATION_SIGNATURE_INVALID');
  const peer = await db.selectFrom('federation_peer').select(['id', 'name', 'public_key', 'active']).where('id', '=', peerId).executeTakeFirst();
  if (!peer) throw new AppError('FEDERATION_PEER_UNKNOWN');
  const key = parsePublicKey(peer.public_key);
  if (!key || !verifyRequest(key, signature, { method: req.method, path: req.path, peer: peerId, sentAt, digest: bodyDigest(req.body) })) {
    throw new AppError('FEDERATION_SIGNATURE_INVALID');
  }
  if (!peer.active) throw new AppError('FEDERATION_PEER_DISABLED');
  if (Math.abs(now().getTime() - sentTime) > REPLAY_WINDOW_MS) throw new AppError('FEDERATION_CLOCK_SKEW', { minutes: REPLAY_WINDOW_MS / 60_000 });
  return { id: peer.id, name: peer.name };
}

function parseEnvelope(req: SignedRequest, peer: Peer): Envelope {
  // Bytes that are not UTF-8 (TEXT_ENCODING_INVALID) and lone surrogates (TEXT_LONE_SURROGATE)
  // are refused naming the field, as in any other body; they are judged after the signature, so
  // that only a registered peer learns how its body is read.
  const json = parseJsonText(req.body);
  if (json === undefined) throw new AppError('FEDERATION_BODY_INVALID', {}, [{ path: '', code: 'JSON_INVALID', message: 'The body is not JSON' }]);
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) {
    throw new AppError('FEDERATION_BODY_INVALID', {}, parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })));
  }
  const envelope = parsed.data;
  // The body is signed, but the headers say who signed it and when: both must agree.
  if (envelope.from !== peer.id) throw new AppError('FEDERATION_BODY_INVALID', {}, [{ path: 'from', code: 'PEER_MISMATCH', message: 'Not the peer that signed the request' }]);
  if (envelope.sentAt !== header(req, FEDERATION_HEADERS.sentAt)) {
    throw new AppError('FEDERATION_BODY_INVALID', {}, [{ path: 'sentAt', code: 'SENT_AT_MISMATCH', message: 'Not the time the request was signed at' }]);
  }
  return envelope;
}

export interface Delivery {
  messageId: string;
  trackingCode: string;
  /** True when this message had been received before: nothing new was written. */
  replayed: boolean;
}

/**
 * Receives a case from a peer. The first delivery of a message id registers the case (channel
 * `federation`) with its origin, in one transaction with its audit records; any later delivery
 * of the same message (the same case) answers the same tracking code and writes nothing, even
 * when deliveries race: the (peer, message id) key decides which one registers. The same
 * message id with a different case is refused (409 FEDERATION_MESSAGE_REUSED).
 */
export async function receiveCase(db: Kysely<DB>, req: SignedRequest, ip: string | null): Promise<Delivery> {
  const peer = await authenticatePeer(db, req);
  const envelope = parseEnvelope(req, peer);
  envelope.messageId = envelope.messageId.toLowerCase();
  const digest = caseDigest(envelope.case);
  const c = envelope.case;
  return db.transaction().execute(async (trx) => {
    const actor: PublicActor = { ...PUBLIC_ACTOR, displayName: peer.name };
    const ctx = { trx, actor, ip };
    const claimed = await trx.insertInto('federation_inbound').values({
      peer_id: peer.id, message_id: envelope.messageId, case_sha256: digest, opinion_id: null,
      origin_tracking_code: c.originTrackingCode, origin_received_at: c.receivedAt, sent_at: envelope.sentAt, received_at: now(),
    }).onConflict((oc) => oc.columns(['peer_id', 'message_id']).doNothing()).returning('message_id').executeTakeFirst();
    if (!claimed) {
      const first = await trx.selectFrom('federation_inbound as i').innerJoin('opinion as o', 'o.id', 'i.opinion_id')
        .select(['i.case_sha256', 'o.tracking_code']).where('i.peer_id', '=', peer.id).where('i.message_id', '=', envelope.messageId).executeTakeFirstOrThrow();
      if (first.case_sha256 !== digest) throw new AppError('FEDERATION_MESSAGE_REUSED');
      return { messageId: envelope.messageId, trackingCode: first.tracking_code, replayed: true };
    }
    const allowed = await trx.selectFrom('federation_peer_station as ps').innerJoin('station as s', 's.id', 'ps.station_id').select('s.id')
      .where('ps.peer_id', '=', peer.id).where('ps.station_id', '=', c.stationId).where('s.type', '=', 'cross_province').where('s.active', '=', true)
      .executeTakeFirst();
    if (!allowed) throw new AppError('FEDERATION_STATION_NOT_ALLOWED', { stationId: c.stationId });
    const receipt = await registerFederated(ctx, {
      stationId: c.stationId, categoryCode: c.categoryCode, content: c.content, placeRegionCode: c.placeRegionCode ?? null,
      name: c.submitter.name ?? null, phone: c.submitter.phone ?? null,
      origin: { peerId: peer.id, peerName: peer.name, trackingCode: c.originTrackingCode, receivedAt: new Date(c.receivedAt) },
    });
    await trx.updateTable('federation_inbound').set({ opinion_id: receipt.id }).where('peer_id', '=', peer.id).where('message_id', '=', envelope.messageId).execute();
    await recordAudit(ctx, {
      action: 'federation.case_receive', entityType: 'case', entityId: receipt.id,
      after: { peerId: peer.id, messageId: envelope.messageId, originTrackingCode: c.originTrackingCode, trackingCode: receipt.trackingCode, stationId: c.stationId },
    });
    return { messageId: envelope.messageId, trackingCode: receipt.trackingCode, replayed: false };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The state of a case the asking peer handed over; another peer's message is unknown to it. */
export async function caseStatus(db: Kysely<DB>, req: SignedRequest, messageId: string) {
  const peer = await authenticatePeer(db, req);
  if (!UUID.test(messageId)) throw new AppError('FEDERATION_MESSAGE_UNKNOWN');
  const row = await db.selectFrom('federation_inbound as i').innerJoin('opinion as o', 'o.id', 'i.opinion_id')
    .select(['i.message_id', 'i.origin_tracking_code', 'i.received_at', 'o.tracking_code', 'o.state', 'o.updated_at', 'o.closed_at'])
    .where('i.peer_id', '=', peer.id).where('i.message_id', '=', messageId.toLowerCase()).executeTakeFirst();
  if (!row) throw new AppError('FEDERATION_MESSAGE_UNKNOWN');
  return {
    messageId: row.message_id, originTrackingCode: row.origin_tracking_code, trackingCode: row.tracking_code,
    state: row.state, stateLabel: CASE_STATE_LABELS.labels[row.state],
    receivedAt: row.received_at.toISOString(), updatedAt: row.updated_at.toISOString(), closedAt: row.closed_at?.toISOString() ?? null,
  };
}
