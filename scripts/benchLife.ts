/**
 * A province's cases as they accumulate in life, for the benchmarks: every town of the province
 * (BENCH_PROVINCE, default 330000) has a liaison station and every county a liaison centre; each
 * station has its deputies (township, county, city and provincial) and each county a handling unit
 * per category. BENCH_CASES cases arrive over BENCH_DAYS days (default 730) in submission order —
 * the stations interleaved, the ids following time — with more on working days and office hours,
 * fewer at the Spring Festival, and a volume that grows year by year; town streets (街道) and
 * busy stations get more than quiet ones. Each case lives its timeline (accepted, assigned, signed
 * for, replied, answered, rated, closed, archived at the year's end) and stands today wherever
 * that timeline has reached, so the open cases are the recent ones, a few long overdue. Its text
 * is Chinese as constituents write it (scripts/benchText.ts).
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/platform/db/schema.js';
import type { App } from '../server/app.js';
import { signIn } from '../server/testing/harness.js';
import { CATEGORY_PHRASES, GIVEN, OCCUPATIONS, PLACE_KINDS, PLACE_STEMS, REMARKS, REQUESTS, ROADS, SURNAMES, UNIT_BY_CATEGORY } from './benchText.js';

/** Shares of the cases by category (the rest of the codes share what is left). */
const CATEGORY_SHARE: Record<string, number> = {
  livelihood: 0.2, water: 0.08, roads: 0.15, agriculture: 0.1, environment: 0.1, social: 0.1, education_health: 0.08, dispute: 0.07, economy: 0.05, other: 0.07,
};
/** Channels and their shares; offline channels are recorded a while after the constituent spoke. */
const CHANNELS: [string, number, string][] = [
  ['wechat', 0.25, '0'], ['online', 0.22, '0'], ['qr', 0.15, '0'], ['reception', 0.14, 'random() * 2'], ['visit', 0.08, 'random() * 24'],
  ['phone', 0.07, '0'], ['grid', 0.06, 'random() * 12'], ['letter', 0.03, '24 + random() * 96'],
];
const DEPUTIES_PER_STATION = 20;

export interface LifeOptions { cases: number; province: string; days: number }
export interface LifeSummary { stations: number; deputies: number; units: number; cases: number; correlation: number }

const log = (s: string) => console.log(`[generate] ${s}`);
const arr = (xs: readonly (string | number)[]) => sql`${sql.raw(`array[${xs.map((x) => (typeof x === 'number' ? String(x) : `'${x.replaceAll("'", "''")}'`)).join(',')}]`)}`;

/** Fills the database with the province's stations, deputies, units and cases; returns what it made. */
export async function generateLife(db: Kysely<DB>, { cases, province, days }: LifeOptions): Promise<LifeSummary> {
  const t0 = performance.now();
  const prov = await db.selectFrom('region').select(['code', 'path', 'name']).where('code', '=', province).where('level', '=', 'province').executeTakeFirstOrThrow();

  // Stations: a centre per county, a station per town.
  await sql`create temp table bench_station (n serial primary key, id integer, region_code text, region_path text, county_code text, city_code text, place_name text, weight float8, deputy_ids integer[])`.execute(db);
  await sql`
    with made as (
      insert into station (name, type, tier, home_region_code, address, updated_at)
      select r.name || case when r.level = 'county' then '人大代表联络中心' else '人大代表联络站' end,
             case when r.level = 'county' then 'center' else 'station' end,
             case when r.level = 'county' then 'city_featured' else 'town_center' end, r.code, r.full_name, now()
      from region r where r.path like ${prov.path + '%'} and r.level in ('county', 'town')
        and (r.level = 'town' or exists (select 1 from region t where t.parent_code = r.code))
      order by r.path
      returning id, home_region_code)
    insert into bench_station (id, region_code, region_path, county_code, city_code, place_name, weight)
    select m.id, r.code, r.path, case when r.level = 'county' then r.code else r.parent_code end,
           (select c.code from region c where c.level = 'city' and r.path like c.path || '%'), r.name,
           -- streets of a town see more people than villages; some stations are simply busier
           (case when r.level = 'county' then 2 when r.name like '%街道' then 3 else 1 end)
             * exp(0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))
    from made m join region r on r.code = m.home_region_code order by r.path`.execute(db);
  await sql`insert into station_region (station_id, region_code, region_path, is_home) select id, region_code, region_path, true from bench_station`.execute(db);
  const stations = Number((await sql<{ n: number }>`select count(*)::int as n from bench_station`.execute(db)).rows[0]!.n);
  log(`${stations} stations in ${prov.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Units: each county's handling department for each category.
  const categories = (await db.selectFrom('case_category').select(['id', 'code', 'deadline_days', 'sign_days']).orderBy('sort').execute())
    .filter((c) => c.code in CATEGORY_PHRASES);
  await sql`create temp table bench_unit (county_code text, category_id integer, unit_id integer)`.execute(db);
  for (const c of categories) {
    await sql`
      with made as (
        insert into unit (name, region_code, region_path, updated_at)
        select r.name || ${UNIT_BY_CATEGORY[c.code]!}, r.code, r.path, now() from region r
        where r.code in (select distinct county_code from bench_station) returning id, region_code)
      insert into bench_unit select region_code, ${c.id}, id from made`.execute(db);
  }
  await sql`create index on bench_unit (county_code, category_id)`.execute(db);
  const units = Number((await sql<{ n: number }>`select count(*)::int as n from bench_unit`.execute(db)).rows[0]!.n);

  // Deputies: township deputies of the town, county deputies, and one city or provincial deputy per station.
  await sql`
    insert into deputy (name, name_pinyin, name_initials, gender, birth_year, phone, status, region_code, region_path, constituency, occupation, grid_cell, updated_at)
    select sn.c || g1.c || coalesce(g2.c, ''), sn.p || ' ' || g1.p || coalesce(g2.p, ''), left(sn.p, 1) || left(g1.p, 1) || coalesce(left(g2.p, 1), ''),
      case when random() < 0.28 then 'female' else 'male' end, 1960 + floor(random() * 40)::int,
      '1' || (array['38','39','59','86','35','37'])[1 + floor(random() * 6)::int] || lpad(floor(random() * 100000000)::text, 8, '0'),
      'current', s.region_code, s.region_path, '第' || k || '选区', (${arr(OCCUPATIONS)})[1 + floor(random() * ${OCCUPATIONS.length})::int],
      'bench:' || s.id, now()
    from bench_station s cross join generate_series(1, ${DEPUTIES_PER_STATION}) k
    cross join lateral (select (${arr(SURNAMES.map((x) => x[0]))})[i] as c, (${arr(SURNAMES.map((x) => x[1]))})[i] as p
                        from (select 1 + floor(random() * ${SURNAMES.length} + k * 0)::int as i) x) sn
    cross join lateral (select (${arr(GIVEN.map((x) => x[0]))})[i] as c, (${arr(GIVEN.map((x) => x[1]))})[i] as p
                        from (select 1 + floor(random() * ${GIVEN.length} + k * 0)::int as i) x) g1
    left join lateral (select (${arr(GIVEN.map((x) => x[0]))})[i] as c, (${arr(GIVEN.map((x) => x[1]))})[i] as p
                       from (select 1 + floor(random() * ${GIVEN.length} + k * 0)::int as i) x) g2 on random() < 0.7
    order by s.n, k`.execute(db);
  await sql`
    insert into deputy_station (deputy_id, station_id, role)
    select d.id, substr(d.grid_cell, 7)::int, case when row_number() over (partition by d.grid_cell order by d.id) = 1 then 'head' else 'resident' end
    from deputy d where d.grid_cell like 'bench:%'`.execute(db);
  // Each station's first 15 deputies sit in the town's congress, 4 in the county's, the last in the city's or the province's.
  await sql`
    insert into deputy_level (deputy_id, level, term, region_code)
    select id, level, 14, case level when 'township' then region_code when 'county' then county_code when 'city' then coalesce(city_code, ${province}) else ${province} end
    from (select d.id, s.region_code, s.county_code, s.city_code, s.n,
                 case when k <= 15 then 'township' when k <= 19 then 'county' when s.n % 2 = 0 and s.city_code is not null then 'city' else 'provincial' end as level
          from (select id, grid_cell, row_number() over (partition by grid_cell order by id) as k from deputy where grid_cell like 'bench:%') d
          join bench_station s on s.id = substr(d.grid_cell, 7)::int) x`.execute(db);
  await sql`update bench_station s set deputy_ids = (select array_agg(deputy_id order by deputy_id) from deputy_station x where x.station_id = s.id)`.execute(db);
  await sql`update deputy set grid_cell = null where grid_cell like 'bench:%'`.execute(db);
  // Accounts as in life: every deputy signs in on a phone, every unit has a clerk, every station an
  // officer (their passwords sign nobody in: the benchmarks sign in as the readers of benchReaders),
  // and some of them have set how they want to be told.
  await sql`
    insert into account (username, display_name, role, password_hash, deputy_id, anchor_path)
    select 'bench-d' || d.id, d.name, 'deputy', '!bench', d.id, d.region_path from deputy d
    where d.id in (select deputy_id from deputy_station where station_id in (select id from bench_station))`.execute(db);
  await sql`
    insert into account (username, display_name, role, password_hash, unit_id, anchor_path)
    select 'bench-u' || u.unit_id, n.name, 'unit', '!bench', u.unit_id, n.region_path from bench_unit u join unit n on n.id = u.unit_id`.execute(db);
  await sql`
    with made as (insert into account (username, display_name, role, password_hash, anchor_path)
      select 'bench-s' || s.id, '联络站工作人员', 'officer', '!bench', s.region_path from bench_station s returning id, username)
    insert into account_station (account_id, station_id) select id, substr(username, 8)::int from made`.execute(db);
  // Some have set their notification wishes (个人中心): the rest notice only through the inbox. (The
  // draw names the account, or PostgreSQL draws once per wish.)
  await sql`
    insert into notification_pref (account_id, type, channel, mode)
    select a.id, w.type, w.channel, w.mode from account a
    cross join (values ('other', 'app', 'digest', 0.15), ('result', 'log', 'digest', 0.10), ('reminder', 'log', 'off', 0.05)) w(type, channel, mode, share)
    where a.username like 'bench-%' and random() + 0 * a.id < w.share`.execute(db);
  const deputies = stations * DEPUTIES_PER_STATION;
  log(`${deputies} deputies, ${units} units: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Days: volume grows over the period, working days busier than weekends, a lull at the Spring Festival.
  await sql`create temp table bench_day (d date primary key, n integer)`.execute(db);
  await sql`
    with w as (
      select x.day as d, (1 + 0.6 * i / ${days}::float8)
        * case when extract(isodow from x.day) >= 6 then 0.45 else 1 end
        * case when to_char(x.day, 'MM-DD') between '01-25' and '02-20' and extract(isodow from x.day) <= 5 and random() < 0.3 then 0.3 else 1 end
        * (0.85 + 0.3 * random()) as w
      from generate_series(1, ${days}) i, lateral (select (now() at time zone 'Asia/Shanghai')::date - ${days}::int - 1 + i as day) x),
    c as (select d, sum(w) over (order by d) / sum(w) over () as upto from w)
    insert into bench_day select d, (round(upto * ${cases}) - round(coalesce(lag(upto) over (order by d), 0) * ${cases}))::int from c`.execute(db);

  const share = categories.map((c) => CATEGORY_SHARE[c.code] ?? 0.01);
  const total = share.reduce((a, b) => a + b, 0);
  const catStarts = share.map((_, i) => share.slice(0, i).reduce((a, b) => a + b, 0) / total);
  const chStarts = CHANNELS.map((_, i) => CHANNELS.slice(0, i).reduce((a, c) => a + c[1], 0));
  await sql`create temp table bench_cat (k integer primary key, id integer, deadline_days integer, sign_days integer, subjects text[], details text[])`.execute(db);
  for (const [k, c] of categories.entries()) {
    const [subjects, details] = CATEGORY_PHRASES[c.code]!;
    await sql`insert into bench_cat values (${k + 1}, ${c.id}, ${c.deadline_days}, ${c.sign_days}, ${arr(subjects)}, ${arr(details)})`.execute(db);
  }
  await sql`create temp table bench_cum as select array_agg(c order by n) as cum from (select n, coalesce(sum(weight) over (order by n rows between unbounded preceding and 1 preceding), 0) / sum(weight) over () as c from bench_station) x`.execute(db);

  await sql`alter table opinion disable trigger opinion_rollup`.execute(db);
  await sql`set work_mem = '256MB'`.execute(db);
  const months = (await sql<{ m: string }>`select distinct to_char(d, 'YYYY-MM') as m from bench_day order by 1`.execute(db)).rows.map((r) => r.m);
  const first = Number((await sql<{ n: number }>`select coalesce(max(id), 0) as n from opinion`.execute(db)).rows[0]!.n);
  for (const month of months) {
    const m0 = performance.now();
    await insertMonth(db, month, catStarts, chStarts);
    log(`${month}: ${((performance.now() - m0) / 1000).toFixed(1)} s`);
  }
  await sql`reset work_mem`.execute(db);
  await sql`alter table opinion enable trigger opinion_rollup`.execute(db);
  const r0 = performance.now();
  await sql`select case_rollup_rebuild()`.execute(db);
  log(`rollups counted in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
  await sql`analyze`.execute(db);
  const made = Number((await sql<{ n: number }>`select count(*) as n from opinion where id > ${first}`.execute(db)).rows[0]!.n);
  for (const t of ['bench_station', 'bench_unit', 'bench_day', 'bench_cat', 'bench_cum']) await sql.raw(`drop table ${t}`).execute(db);
  return { stations, deputies, units, cases: made, correlation: await idTimeCorrelation(db) };
}

/** How closely the cases' ids follow their submission times (Pearson; 1 in life). */
export async function idTimeCorrelation(db: Kysely<DB>): Promise<number> {
  return Number((await sql<{ r: number }>`select corr(id::float8, extract(epoch from submitted_at)) as r from opinion`.execute(db)).rows[0]!.r);
}

/** One month's cases, inserted in the order they were recorded. */
async function insertMonth(db: Kysely<DB>, month: string, catStarts: number[], chStarts: number[]): Promise<void> {
  const delays = `case ch ${CHANNELS.map(([, , d], i) => `when ${i + 1} then ${d}`).join(' ')} end`;
  await sql`
    with g as materialized (
      select d.d, k, d.n,
             -- office hours: 6 % of a day's cases before 8:30, 82 % until 17:30, the rest in the evening
             (d.d + make_interval(secs => 3600 * case when f < 0.06 then 7 + f / 0.06 * 1.5 when f < 0.88 then 8.5 + (f - 0.06) / 0.82 * 9 else 17.5 + (f - 0.88) / 0.12 * 4.5 end))
               at time zone 'Asia/Shanghai' as recorded,
             width_bucket(random(), (select cum from bench_cum)) as sn,
             width_bucket(random(), ${arr(catStarts)}::float8[]) as ck,
             width_bucket(random(), ${arr(chStarts)}::float8[]) as ch
      from bench_day d cross join lateral generate_series(1, d.n) k cross join lateral (select (k - 0.5) / d.n as f) f
      where to_char(d.d, 'YYYY-MM') = ${month}),
    b as materialized (
      select g.*, g.recorded - make_interval(secs => 3600 * (${sql.raw(delays)})) as sub,
             random() as rpath, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7
      from g),
    -- each case's whole timeline, whether or not it has happened yet
    t as materialized (
      select b.*, s.id as station_id, s.region_code, s.region_path, s.deputy_ids, s.place_name, u.unit_id, c.id as category_id, c.deadline_days, c.sign_days,
             c.subjects, c.details,
             case when rpath < 0.05 then 'declined' when rpath < 0.15 then 'spot' when rpath < 0.155 then 'stuck' else 'normal' end as path,
             b.sub + make_interval(secs => 3600 * (0.2 + r1 * r1 * 20)) as acc
      from b join bench_station s on s.n = b.sn join bench_cat c on c.k = b.ck join bench_unit u on u.county_code = s.county_code and u.category_id = c.id),
    t2 as materialized (
      select t.*, acc + make_interval(secs => 3600 * (1 + r2 * r2 * 30)) as asg from t),
    t3 as materialized (
      select t2.*, asg + make_interval(days => sign_days) as sign_due, asg + make_interval(secs => 3600 * (0.2 + r3 * r3 * 36)) as signed from t2),
    t4 as materialized (
      select t3.*, signed + make_interval(secs => 86400 * round(deadline_days * 1.4)) as deadline,
             case when path = 'stuck' then null else signed + make_interval(secs => 86400 * deadline_days * 1.4 * (0.15 + 0.95 * r4)) end as replied from t3),
    t5 as materialized (
      select t4.*, replied + make_interval(secs => 3600 * (2 + 22 * r5)) as approved,
             case when path = 'spot' then acc else replied + make_interval(secs => 3600 * (4 + 44 * r5 * r6)) end as answered from t4),
    t6 as materialized (
      select t5.*, case when r7 < 0.8 then answered + make_interval(secs => 86400 * (0.3 + 9 * r6)) else answered + interval '15 days' end as closed,
             case when r7 < 0.8 then (case when r6 < 0.8 then 'satisfied' when r6 < 0.94 then 'basically_satisfied' else 'unsatisfied' end) end as rating,
             case when path = 'declined' then sub + make_interval(secs => 3600 * (2 + 28 * r1)) end as declined from t5),
    -- where the timeline stands now
    s as materialized (
      select t6.*,
        case
          when path = 'declined' then case when declined <= now() then 'declined' else 'submitted' end
          when acc > now() then 'submitted'
          when path = 'spot' then case when closed <= now() then (case when closed < date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' then 'archived' else 'closed' end) else 'answered' end
          when asg > now() then 'accepted'
          when signed > now() then 'assigned'
          when replied is null or replied > now() then case when r2 < 0.04 then 'extension_requested' else 'in_progress' end
          when approved > now() then 'replied'
          when answered > now() then 'reply_approved'
          when closed > now() then case when rating = 'unsatisfied' and r3 < 0.5 then 'rehandling' else 'answered' end
          when closed < date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' then 'archived'
          else 'closed' end as state
      from t6)
    insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, deputy_id, region_code, region_path, scope_paths,
      content, place, submitted_at, accepted_at, declined_at, assigned_at, assigned_unit_id, deadline_days, sign_due_date, sign_due_at, signed_at, signed_late, signed_on_time,
      sign_overdue_at, transfer_minutes, transferred_within_24h, deadline_date, deadline_at, paused_at, replied_at, replied_on_time, handling_working_days, overdue_at,
      answered_at, answer_mode, answered_on_spot, reply_result, rating, rated_at, rehandled, closed_at, close_reason, archived_at, updated_at)
    select
      'B' || to_char(recorded at time zone 'Asia/Shanghai', 'YYMMDD') || lpad(k::text, 5, '0') || lpad(sn::text, 4, '0'),
      md5('public-' || recorded || '-' || k), md5(recorded || '-' || k),
      (${arr(CHANNELS.map((c) => c[0]))})[ch], state, category_id, station_id,
      case when r5 < 0.35 then deputy_ids[1 + floor(r6 * array_length(deputy_ids, 1))::int] end,
      region_code, region_path, path_prefixes(region_path),
      x.place || subjects[1 + floor(r3 * array_length(subjects, 1))::int] || '，' || details[1 + floor(r4 * array_length(details, 1))::int]
        || case when r6 < 0.45 then '，' || replace(replace((${arr(REMARKS)})[1 + floor(r7 * ${REMARKS.length})::int],
             '{phone}', '1' || (array['38','39','59','86','35','37'])[1 + floor(r1 * 6)::int] || '****' || lpad(floor(r2 * 10000)::text, 4, '0')),
             '{road}', (${arr(ROADS)})[1 + floor(r5 * ${ROADS.length})::int]) else '' end
        || '。' || (${arr(REQUESTS)})[1 + floor(r2 * ${REQUESTS.length})::int] || '。',
      x.place,
      sub,
      case when state not in ('submitted', 'declined') then acc end,
      case when state = 'declined' then declined end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then asg end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then unit_id end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then deadline_days end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then (sign_due at time zone 'Asia/Shanghai')::date end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then sign_due end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted', 'assigned') then signed end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted', 'assigned') then signed > sign_due end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted', 'assigned') then signed <= sign_due end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') and least(signed, now()) > sign_due then sign_due end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then floor(extract(epoch from asg - acc) / 60)::int end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted') then asg - acc <= interval '24 hours' end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted', 'assigned') then (deadline at time zone 'Asia/Shanghai')::date end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted', 'assigned') then deadline end,
      case when state = 'extension_requested' then least(now(), signed + interval '1 day') end,
      case when replied <= now() and path = 'normal' then replied end,
      case when replied <= now() and path = 'normal' then replied <= deadline end,
      case when replied <= now() and path = 'normal' then greatest(1, ceil(extract(epoch from replied - signed) / 86400 / 1.4))::int end,
      case when path <> 'spot' and state not in ('submitted', 'declined', 'accepted', 'assigned') and least(coalesce(replied, now()), now()) > deadline then deadline end,
      case when answered <= now() and state <> 'declined' then answered end,
      case when answered <= now() and state <> 'declined' then (case when path = 'spot' then 'on_spot' else 'agreed_time' end) end,
      path = 'spot' and acc <= now(),
      case when replied <= now() and path = 'normal' then (case when r4 < 0.62 then 'resolved' when r4 < 0.8 then 'partly_resolved' when r4 < 0.9 then 'planned' else 'explained' end) end,
      case when state in ('closed', 'archived', 'rehandling') then rating end,
      case when state in ('closed', 'archived', 'rehandling') and rating is not null then least(closed, now()) end,
      state = 'rehandling',
      case when state in ('closed', 'archived') then closed when state = 'declined' then declined end,
      case when state in ('closed', 'archived') then (case when rating is null then 'unrated' else 'rated' end) when state = 'declined' then 'declined' end,
      case when state = 'archived' then least(now(), date_trunc('year', closed at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' + interval '1 year 20 days') end,
      least(now(), greatest(sub, case state when 'submitted' then sub when 'declined' then declined when 'accepted' then acc when 'assigned' then asg
        when 'in_progress' then signed when 'extension_requested' then signed when 'replied' then replied when 'reply_approved' then approved
        when 'answered' then answered when 'rehandling' then closed else closed end))
    from s cross join lateral (
      select s.place_name || (${arr(PLACE_STEMS)})[1 + floor(r5 * ${PLACE_STEMS.length})::int] || (${arr(PLACE_KINDS)})[1 + floor(r6 * ${PLACE_KINDS.length})::int] as place) x
    order by recorded, k`.execute(db);
}

export const BENCH_PASSWORD = 'Bench#Staff2026';

/**
 * The readers the benchmarks sign in as, made once per database: staff of the province
 * (benchprovince), of its busiest city (benchcity), of that city's median county (benchstaff), and
 * the officer of that county's median station (benchofficer); with the cases each scope holds.
 */
export async function benchReaders(app: App, db: Kysely<DB>, province: string) {
  const byLevel = async (depth: number, within: string) => (await sql<{ code: string; n: number }>`
    select split_part(region_path, '.', ${depth}) as code, count(*)::int as n from opinion where region_path like ${within}
    group by 1 order by 2 desc`.execute(db)).rows;
  const provincePath = (await db.selectFrom('region').select('path').where('code', '=', province).executeTakeFirstOrThrow()).path;
  const [city] = await byLevel(2, `${provincePath}%`);
  const counties = await byLevel(3, `${provincePath}${city!.code}.%`);
  const county = counties[Math.floor(counties.length / 2)]!;
  const stations = (await sql<{ id: number; n: number }>`select station_id as id, count(*)::int as n from opinion where region_path like ${`${provincePath}${city!.code}.${county.code}.%`}
    group by 1 order by 2 desc`.execute(db)).rows;
  const station = stations[Math.floor(stations.length / 2)]!;
  const admin = await signIn(app, 'admin');
  for (const [username, regionCode] of [['benchstaff', county.code], ['benchcity', city!.code], ['benchprovince', province], ['benchofficer', null]] as const) {
    if (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst()) continue;
    const created = await admin.post('/api/accounts', {
      username, displayName: '基准测试', password: BENCH_PASSWORD, ...(regionCode ? { role: 'staff', regionCode } : { role: 'officer', stationIds: [station.id] }),
    });
    if (created.statusCode !== 201) throw new Error(created.body);
    await db.updateTable('account').set({ must_change_password: false }).where('username', '=', username).execute();
  }
  const provinceCases = Number((await sql<{ n: number }>`select count(*)::int as n from opinion where region_path like ${`${provincePath}%`}`.execute(db)).rows[0]!.n);
  return { city: city!.code, county: county.code, cityCases: city!.n, countyCases: county.n, stationCases: station.n, provinceCases };
}
