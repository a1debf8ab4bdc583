import { sql, type Kysely } from 'kysely';

/**
 * The audit log in several hash chains, and the audit log and the case events partitioned by year.
 *
 * - `audit_log.chain` names the chain a record links into; `audit_chain` holds each chain's head
 *   (last id, its hash, the chain's length). A writer locks its chain's head row until commit, so
 *   writers of different chains do not wait for each other. The rows written before this
 *   migration form chain 0.
 * - `audit_log` and `opinion_event` become tables partitioned by range of `at`, one partition per
 *   calendar year in Asia/Shanghai time plus a default partition (rows of a year that has no
 *   partition yet). The daily housekeeping creates next year's partitions ahead. A partitioned
 *   table's keys include the partition key: the primary keys become (id, at), the ids come from
 *   sequences (PostgreSQL 15 has no identity columns on partitioned tables), `audit_log.hash` is
 *   no longer unique by constraint (the chains prove it), and the reply attachments' reference to
 *   their event is checked by a trigger instead of a foreign key.
 *
 * Down restores plain tables with every row (the chains' membership is lost; the up step finds it
 * again by following each record's link to the head of its chain).
 */

const CHAINS = 64;
const GENESIS = '0'.repeat(64);

const AUDIT_COLUMNS = 'id, at, actor_account_id, actor_name, action, entity_type, entity_id, before, after, ip, prev_hash, hash';
const EVENT_COLUMNS = 'id, opinion_id, at, actor_kind, actor_account_id, actor_name, action, from_state, to_state, comment, public, data';

async function run(db: Kysely<unknown>, statements: string[]) {
  for (const s of statements) await sql.raw(s).execute(db);
}

/** The years (Asia/Shanghai) that hold rows of `table`, and this year and the next. */
async function yearsOf(db: Kysely<unknown>, table: string): Promise<number[]> {
  const { rows } = await sql<{ lo: number | null; hi: number | null; now: number }>`select
      extract(year from min(at) at time zone 'Asia/Shanghai')::int as lo, extract(year from max(at) at time zone 'Asia/Shanghai')::int as hi,
      extract(year from now() at time zone 'Asia/Shanghai')::int as now
    from ${sql.table(table)}`.execute(db);
  const { lo, hi, now } = rows[0]!;
  const first = Math.min(lo ?? now, now);
  const last = Math.max(hi ?? now, now + 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function yearPartition(table: string, year: number): string {
  return `create table ${table}_y${year} partition of ${table}
    for values from ('${year}-01-01 00:00:00+08') to ('${year + 1}-01-01 00:00:00+08')`;
}

async function partitionAuditLog(db: Kysely<unknown>) {
  const years = await yearsOf(db, 'audit_log_plain');
  await run(db, [
    `create sequence audit_log_id_sequence as bigint`,
    `create table audit_log (
      id bigint not null default nextval('audit_log_id_sequence'),
      at timestamptz not null,
      actor_account_id integer,
      actor_name text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      prev_hash text not null,
      hash text not null,
      chain smallint not null default 0,
      primary key (id, at)
    ) partition by range (at)`,
    `alter sequence audit_log_id_sequence owned by audit_log.id`,
    ...years.map((y) => yearPartition('audit_log', y)),
    `create table audit_log_default partition of audit_log default`,
  ]);
  // The rows as they were: one chain, unless an earlier undo of this migration left several
  // (then each row joins the chain whose head its link names).
  const genesisRows = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log_plain where prev_hash = ${GENESIS}`.execute(db)).rows[0]!.n);
  if (genesisRows <= 1) {
    await sql.raw(`insert into audit_log (${AUDIT_COLUMNS}, chain) select ${AUDIT_COLUMNS}, 0 from audit_log_plain`).execute(db);
  } else {
    await relinkChains(db);
  }
  await run(db, [
    `select setval('audit_log_id_sequence', coalesce((select max(id) from audit_log), 0) + 1, false)`,
    `drop table audit_log_plain`,
    `create index audit_entity_idx on audit_log (entity_type, entity_id, id)`,
    `create index audit_actor_idx on audit_log (actor_account_id, id)`,
    `create index audit_at_idx on audit_log (at, id)`,
    `create index audit_hash_idx on audit_log (hash)`,
    `create trigger audit_log_no_update before update or delete on audit_log
       for each row execute function audit_log_append_only()`,
    `create trigger audit_log_no_truncate before truncate on audit_log
       for each statement execute function audit_log_append_only()`,
    ...['default', ...years.map((y) => `y${y}`)].map((p) => `create trigger audit_log_no_truncate before truncate on audit_log_${p}
       for each statement execute function audit_log_append_only()`),
    `create table audit_chain (
      chain smallint primary key check (chain >= 0),
      head_id bigint,
      head_hash text not null,
      length bigint not null default 0
    )`,
  ]);
  await sql.raw(`insert into audit_chain (chain, head_id, head_hash, length)
    select c, h.id, coalesce(h.hash, '${GENESIS}'), coalesce(n.n, 0)
    from generate_series(0, ${CHAINS - 1}) c
    left join lateral (select id, hash from audit_log a where a.chain = c order by id desc limit 1) h on true
    left join lateral (select count(*) as n from audit_log a where a.chain = c) n on true`).execute(db);
}

/** Assigns each row the chain whose head its prev_hash is, in id order (rows that start a chain take the next free number). */
async function relinkChains(db: Kysely<unknown>) {
  const heads = new Map<string, number>();
  let nextChain = 0;
  let lastId = 0;
  for (;;) {
    const { rows } = await sql<{ id: number; prev_hash: string; hash: string }>`select id, prev_hash, hash from audit_log_plain
      where id > ${lastId} order by id limit 5000`.execute(db);
    if (rows.length === 0) break;
    const chains = rows.map((r) => {
      let chain = heads.get(r.prev_hash);
      if (chain === undefined) chain = r.prev_hash === GENESIS && nextChain < CHAINS ? nextChain++ : 0;
      heads.delete(r.prev_hash);
      heads.set(r.hash, chain);
      return chain;
    });
    const ids = rows.map((r) => r.id);
    await sql`insert into audit_log (${sql.raw(AUDIT_COLUMNS)}, chain)
      select ${sql.raw(AUDIT_COLUMNS.split(', ').map((c) => `p.${c}`).join(', '))}, x.chain
      from unnest(${ids}::bigint[], ${chains}::smallint[]) x(id, chain) join audit_log_plain p on p.id = x.id`.execute(db);
    lastId = ids.at(-1)!;
  }
}

async function partitionEvents(db: Kysely<unknown>) {
  const years = await yearsOf(db, 'opinion_event_plain');
  await run(db, [
    `create sequence opinion_event_id_sequence as bigint`,
    `create table opinion_event (
      id bigint not null default nextval('opinion_event_id_sequence'),
      opinion_id bigint not null references opinion (id),
      at timestamptz not null,
      actor_kind text not null,
      actor_account_id integer references account (id),
      actor_name text not null,
      action text not null,
      from_state text,
      to_state text not null,
      comment text,
      public boolean not null default false,
      data jsonb not null default '{}',
      primary key (id, at)
    ) partition by range (at)`,
    `alter sequence opinion_event_id_sequence owned by opinion_event.id`,
    ...years.map((y) => yearPartition('opinion_event', y)),
    `create table opinion_event_default partition of opinion_event default`,
    `insert into opinion_event (${EVENT_COLUMNS}) select ${EVENT_COLUMNS} from opinion_event_plain`,
    `select setval('opinion_event_id_sequence', coalesce((select max(id) from opinion_event), 0) + 1, false)`,
    `alter table opinion_reply_attachment drop constraint opinion_reply_attachment_event_id_fkey`,
    `drop table opinion_event_plain`,
    `create index opinion_event_opinion_idx on opinion_event (opinion_id, id)`,
    `create index opinion_event_id_idx on opinion_event (id)`,
    `create index opinion_event_answerer_idx on opinion_event (actor_account_id) where action in ('answer', 'answer_on_spot')`,
    // What the foreign key checked: an attachment belongs to an event that exists.
    `create function opinion_reply_attachment_event_exists() returns trigger language plpgsql as $$
     begin
       if not exists (select 1 from opinion_event where id = new.event_id) then
         raise exception 'opinion_reply_attachment.event_id % names no opinion_event', new.event_id using errcode = '23503';
       end if;
       return new;
     end $$`,
    `create trigger opinion_reply_attachment_event_check before insert or update of event_id on opinion_reply_attachment
       for each row execute function opinion_reply_attachment_event_exists()`,
  ]);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `alter table audit_log rename to audit_log_plain`,
    `alter table audit_log_plain rename constraint audit_log_pkey to audit_log_plain_pkey`,
    `alter table audit_log_plain rename constraint audit_log_hash_key to audit_log_plain_hash_key`,
    `drop index audit_entity_idx`, `drop index audit_actor_idx`, `drop index audit_at_idx`,
    `alter table opinion_event rename to opinion_event_plain`,
    `alter table opinion_event_plain rename constraint opinion_event_pkey to opinion_event_plain_pkey`,
    `drop index opinion_event_opinion_idx`, `drop index opinion_event_answerer_idx`,
  ]);
  await partitionAuditLog(db);
  await partitionEvents(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    `drop trigger opinion_reply_attachment_event_check on opinion_reply_attachment`,
    `drop function opinion_reply_attachment_event_exists()`,
    `alter table opinion_event rename to opinion_event_parted`,
    `alter table opinion_event_parted rename constraint opinion_event_pkey to opinion_event_parted_pkey`,
    `drop index opinion_event_opinion_idx`, `drop index opinion_event_id_idx`, `drop index opinion_event_answerer_idx`,
    `create table opinion_event (
      id bigint generated always as identity primary key,
      opinion_id bigint not null references opinion (id),
      at timestamptz not null,
      actor_kind text not null,
      actor_account_id integer references account (id),
      actor_name text not null,
      action text not null,
      from_state text,
      to_state text not null,
      comment text,
      public boolean not null default false,
      data jsonb not null default '{}'
    )`,
    `insert into opinion_event (${EVENT_COLUMNS}) overriding system value select ${EVENT_COLUMNS} from opinion_event_parted order by id`,
    `select setval(pg_get_serial_sequence('opinion_event', 'id'), coalesce((select max(id) from opinion_event), 0) + 1, false)`,
    `drop table opinion_event_parted`,
    `create index opinion_event_opinion_idx on opinion_event (opinion_id, id)`,
    `create index opinion_event_answerer_idx on opinion_event (actor_account_id) where action in ('answer', 'answer_on_spot')`,
    `alter table opinion_reply_attachment add constraint opinion_reply_attachment_event_id_fkey foreign key (event_id) references opinion_event (id)`,

    `drop table audit_chain`,
    `alter table audit_log rename to audit_log_parted`,
    `alter table audit_log_parted rename constraint audit_log_pkey to audit_log_parted_pkey`,
    `drop index audit_entity_idx`, `drop index audit_actor_idx`, `drop index audit_at_idx`, `drop index audit_hash_idx`,
    `create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      actor_account_id integer,
      actor_name text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      prev_hash text not null,
      hash text not null unique
    )`,
    `insert into audit_log (${AUDIT_COLUMNS}) overriding system value select ${AUDIT_COLUMNS} from audit_log_parted order by id`,
    `select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 0) + 1, false)`,
    `drop table audit_log_parted`,
    `create index audit_entity_idx on audit_log (entity_type, entity_id, id)`,
    `create index audit_actor_idx on audit_log (actor_account_id, id)`,
    `create index audit_at_idx on audit_log (at, id)`,
    `create trigger audit_log_no_update before update or delete on audit_log
       for each row execute function audit_log_append_only()`,
    `create trigger audit_log_no_truncate before truncate on audit_log
       for each statement execute function audit_log_append_only()`,
  ]);
}
