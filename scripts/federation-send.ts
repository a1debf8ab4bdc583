/**
 * Plays another province's instance against a running Lianxin server: signs a demo envelope
 * (a case for the 豫鲁 cross-province station) with an Ed25519 key, sends it, sends it again
 * (a retry: the same tracking code, nothing new), and asks for its state — the receiving end
 * of federation, end to end (README, "Federation").
 *
 *   node --import tsx scripts/federation-send.ts --register
 *
 * Options: --url (default http://localhost:3000), --peer (default henan), --key (the sender's
 * private key file, created when missing; default data/federation-sender-<peer>.pem),
 * --register (sign in as the administrator — LIANXIN_ADMIN_USER, default admin, and
 * LIANXIN_ADMIN_PASSWORD, default the demo password — and register or update the peer with this
 * key and the cross-province stations), --station <id> (default: the first cross-province
 * station the peer may hand to), --category <code> (default: the first category).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/platform/config.js';
import { DEMO_PASSWORD } from '../server/platform/demo/password.js';
import { federationIdentity } from '../server/features/federation/identity.js';
import { signedHeaders } from '../server/features/federation/protocol.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    peer: { type: 'string', default: 'henan' },
    key: { type: 'string' },
    register: { type: 'boolean', default: false },
    station: { type: 'string' },
    category: { type: 'string' },
  },
});
const base = args.url.replace(/\/+$/, '');
const peer = args.peer;
const sender = federationIdentity(path.resolve(args.key ?? path.join(PROJECT_ROOT, 'data', `federation-sender-${peer}.pem`)));
console.log(`Sender ${peer}, key ${sender.publicKey.fingerprint}\n  public key (raw base64): ${sender.publicKey.raw}`);

async function json<T>(res: Response): Promise<T> {
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${body}`);
  return JSON.parse(body) as T;
}

async function register(): Promise<number[]> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env.LIANXIN_ADMIN_USER ?? 'admin', password: process.env.LIANXIN_ADMIN_PASSWORD ?? DEMO_PASSWORD }),
  });
  const { csrfToken } = await json<{ csrfToken: string }>(login);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const stations = (await json<{ items: { id: number; name: string }[] }>(await fetch(`${base}/api/stations?type=cross_province&limit=200`, { headers }))).items;
  const stationIds = stations.map((s) => s.id);
  const existing = await fetch(`${base}/api/federation/peers/${peer}`, { headers });
  const body = { name: `${peer} 省级实例(演示发送方)`, baseUrl: 'https://lianxin.example.gov.cn', publicKey: sender.publicKey.pem, stationIds, active: true };
  if (existing.status === 404) {
    await json(await fetch(`${base}/api/federation/peers`, { method: 'POST', headers, body: JSON.stringify({ id: peer, ...body }) }));
  } else {
    const { version } = await json<{ version: number }>(existing);
    await json(await fetch(`${base}/api/federation/peers/${peer}`, { method: 'PATCH', headers, body: JSON.stringify({ version, ...body }) }));
  }
  console.log(`Registered peer ${peer}, allowed to hand cases to: ${stations.map((s) => `${s.name} (${s.id})`).join(', ')}`);
  // The demo's 豫鲁 station first: a 河南 instance hands its cases there.
  return [...stations.filter((s) => s.name.includes('豫鲁')), ...stations.filter((s) => !s.name.includes('豫鲁'))].map((s) => s.id);
}

async function send(method: 'POST' | 'GET', urlPath: string, body?: string): Promise<Response> {
  // The sender's own clock: the receiver refuses a time more than five minutes from its own.
  const headers = signedHeaders(sender.privateKey, { method, path: urlPath, peer, sentAt: new Date().toISOString(), ...(body !== undefined && { body }) });
  return fetch(`${base}${urlPath}`, { method, headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body }) });
}

const allowed = args.register ? await register() : [];
const stationId = Number(args.station ?? allowed[0]);
if (!Number.isInteger(stationId) || stationId <= 0) throw new Error('Name the station with --station <id>, or use --register');
const categoryCode = args.category ?? (await json<{ code: string }[]>(await fetch(`${base}/api/case-categories`)))[0]!.code;

const messageId = randomUUID();
// When the constituent's case was received at the sending instance: part of the case, the same in every delivery.
const receivedAt = new Date().toISOString();
const envelope = (sentAt: string) => JSON.stringify({
  messageId, from: peer, sentAt,
  case: {
    stationId, categoryCode, content: '(联邦演示)交界处的排水沟淤堵,两省群众都反映过,请联建站协调清理。', submitter: { name: '演示群众', phone: '13800000000' },
    receivedAt, originTrackingCode: `${peer.toUpperCase()}-DEMO-${messageId.slice(0, 8)}`,
  },
});

for (const attempt of ['first delivery', 'retry (same messageId, signed afresh)']) {
  const body = envelope(new Date().toISOString());
  // The signed header's time must equal the envelope's: sign with the time written into it.
  const sentAt = (JSON.parse(body) as { sentAt: string }).sentAt;
  const headers = signedHeaders(sender.privateKey, { method: 'POST', path: '/api/federation/v1/cases', peer, sentAt, body });
  const res = await fetch(`${base}/api/federation/v1/cases`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  console.log(`${attempt}: ${res.status} ${await res.text()}`);
}
const status = await send('GET', `/api/federation/v1/cases/${messageId}`);
console.log(`status: ${status.status} ${await status.text()}`);
