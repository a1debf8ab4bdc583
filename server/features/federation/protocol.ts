/**
 * The wire contract between two Lianxin instances (联邦): the envelope of a case handed over, the
 * headers of a signed request and the exact string both ends sign. Pure: no database, no clock.
 * The sending end (scripts/federation-send.ts today, an outbox job later) and the receiving end
 * (inbound.ts) use the same functions; docs/ARCHITECTURE.md "Federation between provinces"
 * states the contract in words.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** The headers of a signed request (lower case, as Node reads them). */
export const FEDERATION_HEADERS = {
  peer: 'lianxin-peer',
  sentAt: 'lianxin-sent-at',
  signature: 'lianxin-signature',
} as const;

/** How far a request's time may lie from the receiver's clock, either way. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export const PEER_ID = /^[a-z][a-z0-9-]{1,39}$/;
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A case handed over by another province's instance. */
export const Envelope = z.object({
  messageId: z.uuid(),
  from: z.string().regex(PEER_ID),
  sentAt: z.iso.datetime({ offset: true }),
  case: z.object({
    stationId: z.number().int().positive().max(2_147_483_647),
    categoryCode: z.string().min(1).max(40),
    content: Text(5000),
    placeRegionCode: z.string().regex(/^\d{6,12}$/).nullable().optional(),
    submitter: z.object({ name: Text(50).nullable().optional(), phone: z.string().trim().max(30).nullable().optional() }).strict().default({}),
    receivedAt: z.iso.datetime({ offset: true }),
    originTrackingCode: Text(64),
  }).strict(),
}).strict();
export type Envelope = z.infer<typeof Envelope>;

/** JSON with every object's keys sorted and no white space: the same value gives the same bytes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What makes two deliveries of one message the same: the SHA-256 (hex) of its `case` as
 * canonical JSON. A retry is signed afresh with a new `sentAt`, so the whole body may differ
 * between deliveries while the case does not.
 */
export function caseDigest(c: Envelope['case']): string {
  return createHash('sha256').update(canonicalJson(c)).digest('hex');
}

/** The lowercase hex SHA-256 of the exact bytes of a body (of nothing, for a GET). */
export function bodyDigest(body: Uint8Array | string = ''): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The string signed: six lines joined by LF, no trailing LF, UTF-8.
 *
 *     LIANXIN-FEDERATION-V1
 *     POST                              (the method, upper case)
 *     /api/federation/v1/cases          (the path as sent, no query)
 *     henan                             (the sender's peer id, as in Lianxin-Peer)
 *     2026-12-05T10:00:00.000Z          (exactly as in Lianxin-Sent-At)
 *     9f86d081…                         (bodyDigest of the exact body bytes)
 */
export function canonicalString(p: { method: string; path: string; peer: string; sentAt: string; digest: string }): string {
  return ['LIANXIN-FEDERATION-V1', p.method.toUpperCase(), p.path, p.peer, p.sentAt, p.digest].join('\n');
}

/** The Lianxin-Signature header's value: Ed25519 over the canonical string, base64. */
export function signRequest(privateKey: KeyObject, p: Parameters<typeof canonicalString>[0]): string {
  return sign(null, Buffer.from(canonicalString(p), 'utf8'), privateKey).toString('base64');
}

export function verifyRequest(publicKey: KeyObject, signature: string, p: Parameters<typeof canonicalString>[0]): boolean {
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
  try {
    return verify(null, Buffer.from(canonicalString(p), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Headers for a signed request from `peer`, at `sentAt` (an ISO time). */
export function signedHeaders(privateKey: KeyObject, p: { method: string; path: string; peer: string; sentAt: string; body?: Uint8Array | string }): Record<string, string> {
  const signature = signRequest(privateKey, { method: p.method, path: p.path, peer: p.peer, sentAt: p.sentAt, digest: bodyDigest(p.body) });
  return { [FEDERATION_HEADERS.peer]: p.peer, [FEDERATION_HEADERS.sentAt]: p.sentAt, [FEDERATION_HEADERS.signature]: signature };
}

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * An Ed25519 public key from what another instance's administrator hands over: a PEM
 * (`-----BEGIN PUBLIC KEY-----`) or the 32 raw bytes in base64. Null when it is neither.
 */
export function parsePublicKey(text: string): KeyObject | null {
  const value = text.trim();
  try {
    if (value.startsWith('-----BEGIN')) {
      const key = createPublicKey(value);
      return key.asymmetricKeyType === 'ed25519' ? key : null;
    }
    if (!/^[A-Za-z0-9+/]{43}=$/.test(value)) return null;
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(value, 'base64')]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** A public key as stored and shown: SPKI PEM, the raw 32 bytes in base64, and a short fingerprint. */
export function describePublicKey(key: KeyObject): { pem: string; raw: string; fingerprint: string } {
  const der = key.export({ format: 'der', type: 'spki' });
  return {
    pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    raw: der.subarray(ED25519_SPKI_PREFIX.length).toString('base64'),
    fingerprint: `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`,
  };
}

/** A private key from a PKCS#8 PEM, refused unless it is Ed25519. */
export function parsePrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The federation key must be an Ed25519 private key (PKCS#8 PEM)');
  return key;
}
