/**
 * The bare limit for `npm run bench:bare`: a minimal Fastify + pg server answering Lianxin's hot
 * requests on the same database, with the fewest statements that give the same answer and keep
 * the guarantees a request needs (the session checked, the public routes' rate-limit upsert),
 * each statement prepared (named), no response schema, no request log, no audit, no jobs.
 *
 *   GET  /api/cases?limit=50                the queue's first page, newest first, in the session's scope
 *   GET  /api/cases/:id                     a case with its photos and events
 *   GET  /api/public/stations               the first page of active stations with their deputies
 *   GET  /api/statistics/cases              the statistics of the session's scope
 *   GET  /api/public/opinions/:code?key=    the public tracking page
 *   POST /api/public/opinions               a submission: the case and its first event in one statement
 *   POST /bare/one/opinions                 the same submission's rows written by one statement after the
 *                                           rate limit: the case and its event, a notification, an outbox
 *                                           message and its delivery job for each of the station's people
 *                                           and its head deputy as each wishes (notification_pref, for the
 *                                           app and the log channel), the audit record linked into one of 64
 *                                           chains and the chain's head moved (copies of those tables)
 *   POST /bare/same/opinions                the same submission's rows written one statement each: the
 *                                           station, the case, the recipients, the notifications, the jobs,
 *                                           the audit head and record (into copies of those tables, so
 *                                           Lianxin's audit chain and jobs stay its own), in a transaction
 *   GET  /bare/same/cases/:id               a case's page by Lianxin's own statement(s), after the session
 *   GET  /bare/same/opinions/:code?key=     the tracking page by Lianxin's own statement(s), after the rate limit
 *
 * Run by scripts/bench-bare.ts: DATABASE_URL, PORT; BARE_SAME_STATEMENTS = how many statements
 * the "same rows" submission sends at least (it pads with look-ups of the station);
 * BARE_SAME_READS = Lianxin's statements for a case's page and a tracking page (JSON, `SameStatement[]` each).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: '-c jit=off' });
const SAME = Number(process.env.BARE_SAME_STATEMENTS ?? 11);

/** A statement of Lianxin's, compiled, with the places of the request's own values: `slot` (`now` is the clock). */
export interface SameStatement { sql: string; parameters: ({ slot: string } | { value: unknown })[] }
const SAME_READS = JSON.parse(process.env.BARE_SAME_READS ?? '{"case":[],"tracking":[]}') as Record<'case' | 'tracking', SameStatement[]>;
let counter = 0;

type Q = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
const named = (client: { query: pg.Pool['query'] }): Q => (text, values = []) => {
  const name = `bare_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  return client.query({ name, text, values });
};
const q = named(pool);

const SESSION = `select a.id, a.role, r.path as region_path, a.active as usable, s.expires_at from session s
  join account a on a.id = s.account_id left join region r on r.code = a.region_code where s.id_hash = $1`;
const RATE = `insert into rate_limit (key, hits, reset_at) values ($1, 1, $2) on conflict (key) do update set
  hits = case when rate_limit.reset_at <= $3 then 1 else rate_limit.hits + 1 end,
  reset_at = case when rate_limit.reset_at <= $3 then excluded.reset_at else rate_limit.reset_at end returning hits`;

class HttpError extends Error { constructor(readonly status: number) { super(String(status)); } }

async function scopeOf(cookie: string | undefined): Promise<string> {
  const token = /lx_session=([^;]+)/.exec(cookie ?? '')?.[1];
  if (!token) throw new HttpError(401);
  const { rows } = await q(SESSION, [createHash('sha256').update(token).digest('hex')]);
  const s = rows[0];
  if (!s || !s.usable || s.expires_at < new Date() || !s.region_path) throw new HttpError(401);
  return s.region_path as string;
}

async function limited(key: string, max: number, windowMs: number): Promise<void> {
  const at = new Date();
  const { rows } = await q(RATE, [key, new Date(at.getTime() + windowMs), at]);
  if (rows[0].hits > max) throw new HttpError(429);
}

const ip = (req: { headers: Record<string, string | string[] | undefined>; ip: string }) =>
  String(req.headers['x-forwarded-for'] ?? req.ip).split(',')[0]!.trim();

/** Per scope, whether it holds under 2 % of the cases (measured once): then the queue walks the scope's own index. */
const narrowScopes = new Map<string, Promise<boolean>>();
function narrow(scope: string): Promise<boolean> {
  let known = narrowScopes.get(scope);
  if (!known) {
    known = q(`select (select count(*) from opinion where scope_paths @> array[$1]::text[]) < 0.02 * (select count(*) from opinion) as narrow`, [scope])
      .then((r) => r.rows[0].narrow as boolean);
    narrowScopes.set(scope, known);
  }
  return known;
}

const QUEUE = (order: string) => `select o.id, o.tracking_code, o.state, o.channel, o.content, o.submitted_at, o.deadline_at, o.key_supervision,
  o.urge_count, o.round, o.deadline_provisional, o.deadline_date, o.paused_at, o.rating, c.name as category_name, s.name as station_name,
  u.name as unit_name, (o.state in ('assigned', 'in_progress', 'extension_requested') and o.deadline_at < $1 and (o.paused_at is null or o.deadline_at < o.paused_at)) as overdue
  from opinion o join case_category c on c.id = o.category_id join station s on s.id = o.station_id left join unit u on u.id = o.assigned_unit_id
  where o.scope_paths @> array[$2]::text[] order by ${order} desc limit $3`;

const DETAIL = `select o.*, c.name as category_name, s.name as station_name, r.name as region_name, d.name as deputy_name, u.name as unit_name,
  m.tracking_code as merged_into_code, pr.full_name as place_region_full_name,
  (select coalesce(json_agg(json_build_object('id', p.id, 'mime', p.mime, 'size', p.size) order by p.id), '[]') from opinion_photo p where p.opinion_id = o.id) as photos,
  (select coalesce(json_agg(json_build_object('id', e.id, 'at', e.at, 'action', e.action, 'actorName', e.actor_name, 'fromState', e.from_state,
     'toState', e.to_state, 'comment', e.comment, 'public', e.public, 'data', e.data) order by e.id), '[]') from opinion_event e where e.opinion_id = o.id) as events
  from opinion o join case_category c on c.id = o.category_id join station s on s.id = o.station_id join region r on r.code = o.region_code
  left join deputy d on d.id = o.deputy_id left join unit u on u.id = o.assigned_unit_id left join opinion m on m.id = o.merged_into_id
  left join region pr on pr.code = o.place_region_code
  where o.id = $1 and o.scope_paths @> array[$2]::text[]`;

const STATIONS = `select s.id, s.name, s.type, s.address, s.phone, s.opening_hours, s.reception_schedule, s.latitude, s.longitude,
  hr.code as region_code, hr.full_name as region_full_name, s.located_region_code, lr.full_name as located_full_name,
  coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by ds.role, d.id) from deputy_station ds join deputy d on d.id = ds.deputy_id
    where ds.station_id = s.id and d.active and d.status = 'current'), '[]'::json) as deputies
  from station s join region hr on hr.code = s.home_region_code left join region lr on lr.code = s.located_region_code
  where s.active order by s.id limit $1`;

const ROLLUP_COLUMNS = ['received', 'accepted', 'declined', 'answered_on_spot', 'assigned', 'signed_late', 'replied', 'replied_on_time',
  'overdue_capable', 'working_days_sum', 'working_days_count', 'satisfied', 'basically_satisfied', 'unsatisfied', 'unrated', 'rehandled',
  'closed', 'answered', 'closed_handled', 'transferred', 'transferred_within_24h', 'signed_on_time', 'sign_due', 'resolved', 'with_result'];
const STATISTICS = `select ${ROLLUP_COLUMNS.map((c) => `coalesce(sum(${c}), 0) as ${c}`).join(', ')} from case_rollup where scope_paths @> array[$1]::text[]`;
const LIVE = `select count(*) filter (where (o.state in ('assigned', 'in_progress', 'extension_requested') and o.deadline_at >= $1 and (o.paused_at is null or o.deadline_at < o.paused_at))) as overdue,
  count(*) filter (where (o.state = 'assigned' and o.sign_due_at >= $1)) as sign
  from (select o.* from opinion o where ((o.state in ('assigned', 'in_progress', 'extension_requested') and o.deadline_at >= $1 and (o.paused_at is null or o.deadline_at < o.paused_at))
    or (o.state = 'assigned' and o.sign_due_at >= $1)) offset 0) o where o.scope_paths @> array[$2]::text[]`;

const TRACKING = `select o.id, o.tracking_code, o.query_key_hash, o.state, o.submitted_at, o.answered_at, o.rating, o.merged_into_id, c.name as category, s.name as station,
  (select coalesce(json_agg(json_build_object('opinionId', e.opinion_id, 'at', e.at, 'action', e.action, 'toState', e.to_state, 'comment', e.comment, 'data', e.data, 'unit', u.name) order by e.id), '[]')
     from opinion_event e left join unit u on u.id = (e.data->>'unitId')::int where e.opinion_id in (o.id, coalesce(o.merged_into_id, o.id)) and e.public) as events
  from opinion o join case_category c on c.id = o.category_id join station s on s.id = o.station_id where o.tracking_code = $1`;

/** The case and its first event (CTEs `o` and `e`), as both submissions write them. */
const CASE_CTES = `with o as (insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, region_code, region_path,
    scope_paths, content, place, submitter_name, submitter_phone, submitted_at, submitter_ip, co_unit_ids, updated_at)
  select $1, $2, $3, 'online', 'submitted', c.id, s.id, h.region_code, h.region_path, case_scope_paths(s.id, h.region_path), $4, '', $5, $6, $7, $8, '{}', $7
  from station s join station_region h on h.station_id = s.id and h.is_home join case_category c on c.id = $9 and c.active
  where s.id = $10 and s.active returning id, tracking_code, submitted_at)
  , e as (insert into opinion_event (opinion_id, at, actor_kind, actor_name, action, to_state, public, data)
    select id, submitted_at, 'constituent', '群众', 'submit', 'submitted', true, '{"channel":"online","photos":0}' from o)`;

const INSERT_CASE = `${CASE_CTES}
  select id, tracking_code from o`;

const app = Fastify({ logger: false });
app.setErrorHandler((err, _req, reply) => {
  if (err instanceof HttpError) return reply.status(err.status).send({ error: err.status });
  console.error(err);
  return reply.status(500).send({ error: 500 });
});

app.get('/api/cases', async (req) => {
  const scope = await scopeOf(req.headers.cookie);
  const limit = Math.min(Number((req.query as { limit?: string }).limit ?? 50), 100);
  const { rows } = await q(QUEUE(await narrow(scope) ? 'o.id + 0' : 'o.id'), [new Date(), scope, limit + 1]);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, trackingCode: r.tracking_code, state: r.state, channel: r.channel, summary: r.content.slice(0, 80), category: r.category_name,
    station: r.station_name, unit: r.unit_name, submittedAt: r.submitted_at, deadlineDate: r.deadline_date, deadlineAt: r.deadline_at,
    overdue: r.overdue, keySupervision: r.key_supervision, urgeCount: r.urge_count, round: r.round, rating: r.rating,
  }));
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
});

app.get('/api/cases/:id', async (req) => {
  const scope = await scopeOf(req.headers.cookie);
  const { rows } = await q(DETAIL, [Number((req.params as { id: string }).id), scope]);
  const r = rows[0];
  if (!r) throw new HttpError(404);
  return {
    id: r.id, trackingCode: r.tracking_code, state: r.state, channel: r.channel, category: { id: r.category_id, name: r.category_name },
    station: { id: r.station_id, name: r.station_name }, deputy: r.deputy_id ? { id: r.deputy_id, name: r.deputy_name } : null,
    region: { code: r.region_code, name: r.region_name }, content: r.content, place: r.place, submittedAt: r.submitted_at,
    unit: r.assigned_unit_id ? { id: r.assigned_unit_id, name: r.unit_name } : null, deadlineDate: r.deadline_date, deadlineAt: r.deadline_at,
    submitter: { name: r.submitter_name, phone: r.submitter_phone }, rating: r.rating, mergedInto: r.merged_into_code,
    photos: r.photos, events: r.events,
  };
});

app.get('/api/public/stations', async (req) => {
  await limited(`GET/api/public/stations-${ip(req)}`, 120, 60_000);
  const { rows } = await q(STATIONS, [51]);
  const items = rows.slice(0, 50).map((r) => ({
    id: r.id, name: r.name, type: r.type, address: r.address, phone: r.phone, openingHours: r.opening_hours, receptionSchedule: r.reception_schedule,
    region: { code: r.region_code, fullName: r.region_full_name },
    locatedRegion: r.located_region_code ? { code: r.located_region_code, fullName: r.located_full_name } : null,
    location: r.latitude === null ? null : { latitude: r.latitude, longitude: r.longitude }, deputies: r.deputies,
  }));
  return { items, nextCursor: rows.length > 50 ? String(items.at(-1)!.id) : null };
});

app.get('/api/statistics/cases', async (req) => {
  const scope = await scopeOf(req.headers.cookie);
  const at = new Date();
  const [sums, live] = await Promise.all([q(STATISTICS, [scope]), q(LIVE, [at, scope])]);
  const s = sums.rows[0];
  const n = (c: string) => Number(s[c]);
  return {
    received: n('received'), accepted: n('accepted'), declined: n('declined'), answeredOnSpot: n('answered_on_spot'), assigned: n('assigned'),
    signedLate: n('signed_late'), replied: n('replied'), repliedOnTime: n('replied_on_time'), overdueNow: n('overdue_capable') - Number(live.rows[0]?.overdue ?? 0),
    rated: n('satisfied') + n('basically_satisfied') + n('unsatisfied'), satisfied: n('satisfied'), basicallySatisfied: n('basically_satisfied'),
    unsatisfied: n('unsatisfied'), unrated: n('unrated'), rehandled: n('rehandled'), closed: n('closed'),
    onTimeRate: n('replied') ? n('replied_on_time') / n('replied') : null,
    satisfactionRate: n('satisfied') + n('basically_satisfied') + n('unsatisfied') ? (n('satisfied') + n('basically_satisfied')) / (n('satisfied') + n('basically_satisfied') + n('unsatisfied')) : null,
  };
});

app.get('/api/public/opinions/:code', async (req) => {
  await limited(`GET/api/public/opinions/:code-${ip(req)}`, 60, 60_000);
  const key = (req.query as { key?: string }).key ?? '';
  const { rows } = await q(TRACKING, [(req.params as { code: string }).code.toUpperCase()]);
  const r = rows[0];
  if (!r || createHash('sha256').update(key).digest('hex') !== r.query_key_hash) throw new HttpError(404);
  const events = r.events as { opinionId: number; action: string; at: string; toState: string; comment: string | null; unit: string | null }[];
  return {
    trackingCode: r.tracking_code, state: r.state, category: r.category, station: r.station, submittedAt: r.submitted_at,
    timeline: events.filter((e) => e.opinionId === r.id).map((e) => ({ at: e.at, action: e.action, toState: e.toState, note: e.comment ?? e.unit })),
    answers: events.filter((e) => e.opinionId === (r.merged_into_id ?? r.id) && (e.action === 'answer' || e.action === 'answer_on_spot')).map((e) => ({ at: e.at, text: e.comment })),
    rating: r.rating, mergedInto: r.merged_into_id !== null,
  };
});

/** Sends Lianxin's statements in order with this request's values; answers the first one's rows. */
async function sendSame(statements: SameStatement[], slots: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  let first: Record<string, unknown>[] | null = null;
  for (const st of statements) {
    const { rows } = await q(st.sql, st.parameters.map((p) => ('slot' in p ? (p.slot === 'now' ? new Date() : slots[p.slot]) : p.value)));
    first ??= rows;
  }
  return first ?? [];
}

app.get('/bare/same/cases/:id', async (req) => {
  await scopeOf(req.headers.cookie);
  const [r] = await sendSame(SAME_READS.case, { id: Number((req.params as { id: string }).id) });
  if (!r) throw new HttpError(404);
  return { ...r, trackingCode: r.tracking_code };
});

app.get('/bare/same/opinions/:code', async (req) => {
  await limited(`GET/bare/same/opinions/:code-${ip(req)}`, 60, 60_000);
  const key = (req.query as { key?: string }).key ?? '';
  const [r] = await sendSame(SAME_READS.tracking, { code: (req.params as { code: string }).code.toUpperCase() });
  if (!r || createHash('sha256').update(key).digest('hex') !== r.query_key_hash) throw new HttpError(404);
  const events = r.events as { opinion_id: number; at: string; action: string; to_state: string; comment: string | null; public: boolean; unit_name: string | null }[];
  const answerSource = r.merged_into_id ?? r.id;
  return {
    trackingCode: r.tracking_code, state: r.state, category: r.category, station: r.station, submittedAt: r.submitted_at,
    timeline: events.filter((e) => e.opinion_id === r.id && e.public).map((e) => ({ at: e.at, action: e.action, toState: e.to_state, note: e.comment ?? e.unit_name })),
    answers: events.filter((e) => e.opinion_id === answerSource && e.public && (e.action === 'answer' || e.action === 'answer_on_spot')).map((e) => ({ at: e.at, text: e.comment })),
    rating: r.rating, mergedInto: r.merged_into_id !== null,
  };
});

interface Submission { stationId: number; categoryId: number; content: string; name: string | null; phone: string | null }

function receiptValues(req: { body: unknown; headers: Record<string, string | string[] | undefined>; ip: string }, body: Submission) {
  const key = randomBytes(16).toString('base64url');
  const code = `BR${process.pid.toString(36)}${(counter++).toString(36)}`.toUpperCase();
  return {
    key, code,
    values: [code, randomBytes(12).toString('hex'), createHash('sha256').update(key).digest('hex'), body.content, body.name, body.phone, new Date(), ip(req), body.categoryId, body.stationId],
  };
}

app.post('/api/public/opinions', async (req, reply) => {
  await limited(`POST/api/public/opinions-${ip(req)}`, 10, 600_000);
  const { key, code, values } = receiptValues(req, req.body as Submission);
  const { rows } = await q(INSERT_CASE, values);
  if (!rows[0]) throw new HttpError(404);
  reply.status(201);
  return { trackingCode: code, queryKey: key, pin: String(randomInt(1e6)).padStart(6, '0') };
});

/** The same rows as Lianxin's submission, in one statement: the floor for the work a submission does. */
const ONE_SUBMISSION = `${CASE_CTES}
  , r as (select a.id, a.username, coalesce(pa.mode, 'immediate') as app, coalesce(pl.mode, 'immediate') as log from account a
    left join notification_pref pa on pa.account_id = a.id and pa.type = 'task' and pa.channel = 'app'
    left join notification_pref pl on pl.account_id = a.id and pl.type = 'task' and pl.channel = 'log'
    where a.active and a.id in (select account_id from account_station where station_id = $10
      union all select h.id from account h join deputy_station ds on ds.deputy_id = h.deputy_id where ds.station_id = $10 and ds.role = 'head'))
  , n as (insert into bare_notification (account_id, kind, title, body, link, case_id, dedupe_key, shown, digest_channels)
    select r.id, 'case.submit', '收到新的群众意见', $11, '/cases/' || o.id, o.id, null, r.app = 'immediate',
      case when r.app = 'digest' then '{app}'::text[] else '{}' end || case when r.log = 'digest' then '{log}'::text[] else '{}' end
    from r cross join o where r.app <> 'off' or r.log <> 'off' order by r.id returning id, account_id)
  , m as (insert into bare_outbox (channel, recipient, subject, body, notification_id)
    select 'log', r.username, '收到新的群众意见', $11, n.id from n join r on r.id = n.account_id where r.log = 'immediate' order by n.account_id returning id)
  , j as (insert into bare_job (kind, payload, dedupe_key, run_at) select 'outbox.deliver', jsonb_build_object('outboxId', m.id), 'outbox:' || m.id, now() from m)
  , head as (select head_hash, head_id from bare_audit_chain where chain = $12 for update)
  , added as (insert into bare_audit_log (at, actor_account_id, actor_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash, chain, prev_id)
    select now(), null, '群众', 'case.submit', 'case', o.id::text, null, $13::jsonb, $8, head.head_hash,
      encode(sha256(convert_to(head.head_hash || chr(10) || $14 || o.id::text, 'UTF8')), 'hex'), $12, head.head_id from head cross join o returning id, hash)
  , moved as (update bare_audit_chain c set head_id = added.id, head_hash = added.hash, length = c.length + 1 from added where c.chain = $12)
  select id, tracking_code from o`;

app.post('/bare/one/opinions', async (req, reply) => {
  await limited(`POST/bare/one/opinions-${ip(req)}`, 10, 600_000);
  const body = req.body as Submission;
  const { key, code, values } = receiptValues(req, body);
  const after = JSON.stringify({ trackingCode: code, stationId: body.stationId, categoryId: body.categoryId });
  const summary = `${code}:${body.content.length > 40 ? `${body.content.slice(0, 40)}…` : body.content}`;
  const { rows } = await q(ONE_SUBMISSION, [...values, summary, randomInt(64), after, `{"action":"case.submit","after":${after},"entityId":`]);
  if (!rows[0]) throw new HttpError(404);
  reply.status(201);
  return { trackingCode: code, queryKey: key, pin: String(randomInt(1e6)).padStart(6, '0') };
});

/** The same rows as Lianxin's submission, one statement each: the reads, the case, notifications and jobs, the audit head and record. */
app.post('/bare/same/opinions', async (req, reply) => {
  await limited(`POST/bare/same/opinions-${ip(req)}`, 10, 600_000);
  const body = req.body as Submission;
  const { key, code, values } = receiptValues(req, body);
  const client = await pool.connect();
  const t = named(client);
  try {
    await client.query('begin');
    let sent = 3; // the rate limit, begin and commit
    const station = (await t(`select exists (select 1 from case_category where id = $1 and active) as category_ok, s.id, h.region_code, h.region_path
      from (select 1) as one left join (station s join station_region h on h.station_id = s.id and h.is_home) on s.id = $2 and s.active`, [body.categoryId, body.stationId])).rows[0];
    if (!station.category_ok || station.id === null) throw new HttpError(404);
    const id = (await t(INSERT_CASE, values)).rows[0].id as number;
    const recipients = (await t(`select account_id as id from account_station where station_id = $1`, [body.stationId])).rows.map((r) => r.id as number);
    const accounts = (await t(`select a.id, a.display_name from account a where a.id = any($1::int[]) and a.active`, [recipients])).rows;
    const notes = (await t(`insert into bare_notification (account_id, kind, title, body, link, case_id, dedupe_key, shown, digest_channels)
      select unnest($1::int[]), 'case_submitted', '新意见', $2, $3, $4, null, true, '{}' returning id`, [accounts.map((a) => a.id), body.content.slice(0, 80), `/cases/${id}`, id])).rows;
    await t(`insert into bare_job (kind, payload, run_at) select 'notify', json_build_object('notificationId', n), now() from unnest($1::bigint[]) n`, [notes.map((n) => n.id)]);
    const head = (await t(`select head_hash from bare_audit_chain where chain = $1 for update`, [0])).rows[0]?.head_hash ?? '';
    const hash = createHash('sha256').update(`${head}|case.submit|${id}`).digest('hex');
    await t(`with added as (insert into bare_audit_log (at, actor_account_id, actor_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash, chain)
      values (now(), null, '群众', 'case.submit', 'case', $1, null, $2, $3, $4, $5, 0) returning id, hash)
      insert into bare_audit_chain (chain, head_id, head_hash, length) select 0, id, hash, 1 from added
      on conflict (chain) do update set head_id = excluded.head_id, head_hash = excluded.head_hash, length = bare_audit_chain.length + 1`,
    [String(id), JSON.stringify({ trackingCode: code, stationId: body.stationId, categoryId: body.categoryId }), ip(req), head, hash]);
    sent += 7;
    // As many statements as Lianxin sends: look-ups of the station stand in for any more.
    for (; sent < SAME; sent++) await t('select id, name from station where id = $1', [body.stationId]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
  reply.status(201);
  return { trackingCode: code, queryKey: key, pin: String(randomInt(1e6)).padStart(6, '0') };
});

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
console.log('bare server ready');
