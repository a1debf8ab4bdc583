import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, signIn, type Client, type TestApp } from '../../testing/harness.js';
import { factories } from '../../testing/factories.js';
import { containsPattern, containsText, gramsQuery, termGrams } from '../../platform/db/sql.js';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from '../../platform/db/migrate.js';
import { openTestDatabase } from '../../testing/database.js';
import { loadActor } from '../../platform/access/actors.js';
import { listCases, type CaseFilters } from './queries.js';
import { rareTerm, termCasesBound } from './searchPlan.js';

// The queue's word search reads the index of text grams (migration 0041) and must answer exactly
// what `content LIKE '%term%'` answered before it: the same cases, for any term.
const TEXTS = [
  '小区自来水管爆裂，停水三天了，希望尽快维修。',
  '村道路灯坏了一个多月，晚上出行不方便',
  '5G基站建在学校旁边，家长担心辐射',
  'G75高速出口拥堵严重，建议增加匝道',
  'abc 公司拖欠工资 ABC',
  '水',
  '100%的居民同意加装电梯，a_b 栋除外',
  "it's 老旧小区改造\\反映",
  '第一行写水\n第二行写电',
  '点赞👍社区服务好',
  '希望自来水公司的维修人员能尽快到村里来检查一下水管和水表的情况',
  '控制字符\u0001在这里',
  '的',
];
const TERMS = [
  '水', '的', '，', '。', '电', 'a', 'A', '👍', // one character, a stop character, punctuation
  '路灯', '水管', 'G7', '5G', '%', '_', "'", '\\', // two
  '自来水管', '尽快维修', '5G基站', 'G75高速', 'abc', 'ABC', 'Abc', '100%', 'a_b', "it's", '改造\\反', '写水\n第二', // four and mixed
  '希望自来水公司的维修人员能尽快到村里来检查一下水管', // longer than the grams looked up
  '不存在的词语', '火星基地', 'zzz', '👎', // nothing
  '字符\u0001在', '\u0001',
];

describe('word search over the cases\' text', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    const station = await f.station();
    for (const content of TEXTS) await f.case({ content, stationId: station.id });
    admin = await signIn(t.app, 'admin');
  });
  after(() => t.close());

  it('answers exactly the cases LIKE finds, for every kind of term', async () => {
    for (const term of TERMS) {
      const expected = (await sql<{ id: string }>`select id from opinion where content like ${containsPattern(term)} order by id desc`
        .execute(t.database.db)).rows.map((r) => Number(r.id));
      const res = await admin.get(`/api/cases?q=${encodeURIComponent(term)}&limit=100&count=true`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { items: { id: number }[]; total: number };
      assert.deepEqual(page.items.map((i) => i.id), expected, JSON.stringify(term));
      assert.equal(page.total, expected.length);
    }
  });

  it('pages alike when it searches the newest cases first and then the index, wherever the two meet', async () => {
    const db = t.database.db;
    const actor = await loadActor(db, (await db.selectFrom('account').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id);
    const maxId = Number((await sql<{ n: string }>`select max(id) as n from opinion`.execute(db)).rows[0]!.n);
    for (const term of ['水', '的', 'a', '自来水管', '火星基地', '%']) {
      const expected = (await sql<{ id: string }>`select id from opinion where content like ${containsPattern(term)} order by id desc`
        .execute(db)).rows.map((r) => Number(r.id));
      // From a walk that reaches nothing to one that reaches every case; pages of 1 and 2 cases.
      for (const walk of [1, 2, 3, 5, 8, maxId + 1]) {
        for (const limit of [1, 2]) {
          const ids: number[] = [];
          let cursor: string | null = null;
          do {
            const page: { items: { id: number }[]; nextCursor: string | null } = await listCases(db, actor, { limit, q: term, ...(cursor && { cursor }) } as CaseFilters, null, false, { walk, direct: -1 });
            ids.push(...page.items.map((i) => i.id));
            cursor = page.nextCursor;
          } while (cursor);
          assert.deepEqual(ids, expected, `${JSON.stringify(term)}, walk ${walk}, pages of ${limit}`);
        }
      }
    }
  });

  it('bounds how many cases hold a term from the statistics of the index, and reads a rare term from the index at once', async () => {
    const db = t.database.db;
    await sql`analyze opinion`.execute(db);
    for (const term of TERMS) {
      const grams = termGrams(term);
      const bound = await termCasesBound(db, term);
      if (grams === null) {
        assert.equal(bound, null, JSON.stringify(term));
        continue;
      }
      // The cases holding every gram looked up: what the index offers, never more than the bound.
      const offered = (await sql<{ n: number }>`select count(*)::int as n from opinion where text_grams(content) @@ ${gramsQuery(term)}::tsquery`.execute(db)).rows[0]!.n;
      assert.ok(bound !== null && bound.offered >= offered, `${JSON.stringify(term)}: ${bound?.offered} < ${offered}`);
    }
    assert.ok((await termCasesBound(db, '火星基地'))!.offered <= (await termCasesBound(db, '水'))!.offered);
    // Every term read from the index at once, and every term walked: the same pages as LIKE.
    const actor = await loadActor(db, (await db.selectFrom('account').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id);
    for (const term of ['水', '自来水管', '火星基地', '%']) {
      const expected = (await sql<{ id: string }>`select id from opinion where content like ${containsPattern(term)} order by id desc`.execute(db)).rows.map((r) => Number(r.id));
      assert.equal(await rareTerm(db, term, Number.MAX_SAFE_INTEGER), true);
      for (const direct of [Number.MAX_SAFE_INTEGER, -1]) {
        const page = await listCases(db, actor, { limit: 100, q: term } as CaseFilters, null, false, { walk: 2, direct });
        assert.deepEqual(page.items.map((i) => i.id), expected, `${JSON.stringify(term)}, direct ${direct}`);
      }
    }
  });

  it('tells nothing from statistics taken before more cases came than ANALYZE counted', async () => {
    const db = t.database.db;
    await sql`analyze opinion`.execute(db);
    assert.notEqual(await termCasesBound(db, '水'), null);
    const rolledBack = new Error('rolled back');
    await assert.rejects(db.transaction().execute(async (trx) => {
      // Twice as many cases again, after the last ANALYZE (rolled back: the other tests count matches).
      await sql`insert into opinion (tracking_code, public_id, query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths, content, submitted_at, updated_at)
        select 'W' || id || '-' || k, md5('w' || id || '-' || k), query_key_hash, channel, state, category_id, station_id, region_code, region_path, scope_paths, content, submitted_at, updated_at
        from opinion cross join generate_series(1, 2) k`.execute(trx);
      assert.equal(await termCasesBound(trx, '水'), null);
      assert.equal(await rareTerm(trx, '水', Number.MAX_SAFE_INTEGER), false);
      throw rolledBack;
    }), rolledBack);
  });

  it('finds the texts written here', async () => {
    const found = async (term: string) => ((await admin.get(`/api/cases?q=${encodeURIComponent(term)}&limit=100`)).json() as { items: unknown[] }).items.length;
    assert.equal(await found('自来水管'), 1);
    assert.equal(await found('G75高速'), 1);
    assert.equal(await found('写水\n第二'), 1);
    assert.equal(await found('👍'), 1);
    assert.equal(await found('字符\u0001在'), 1);
    assert.equal(await found('火星基地'), 0);
  });

  it('reads the index of grams', async () => {
    const plan = await t.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<Record<string, string>>`explain select id from opinion o where ${containsText(sql.ref('o.content'), '自来水管')}`.execute(trx);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    assert.match(plan, /opinion_content_grams_idx/);
  });

  it('asks for a term\'s unigram or its bigrams, quoted for tsquery', () => {
    assert.equal(gramsQuery('水'), "'水'");
    assert.equal(gramsQuery('路灯'), "'路灯'");
    assert.equal(gramsQuery('自来水管'), "'自来' & '来水' & '水管'");
    assert.equal(gramsQuery("a'\\"), "'a''' & '''\\\\'");
    assert.equal(gramsQuery('哈哈哈'), "'哈哈'");
    assert.equal(gramsQuery('x\u0001'), null);
    assert.equal(gramsQuery('一二三四五六七八九十百千万亿')!.split(' & ').length, 8);
  });
});

describe('migrations 0041 (the index of text grams) and 0044 (its statistics)', () => {
  /** 0041 and every migration after it. */
  const LATER = MIGRATION_NAMES.filter((name) => name > '0040_federation');
  it('is undone and done again with the demo data present', async () => {
    const database = await openTestDatabase();
    try {
      const indexes = () => sql<{ n: number }>`select count(*)::int as n from pg_indexes
        where indexname in ('opinion_content_grams_idx', 'deputy_pinyin_compact_idx')`.execute(database.db).then((r) => r.rows[0]!.n);
      assert.equal(await indexes(), 2);
      assert.deepEqual(await migrateTo(database.db, '0040_federation'), [...LATER].reverse());
      assert.equal(await indexes(), 0);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from pg_proc where proname = 'text_grams'`.execute(database.db)).rows[0]!.n, 0);
      assert.deepEqual(await migrateToLatest(database.db), LATER);
      assert.equal(await indexes(), 2);
      // 0044: ANALYZE keeps ten times more of the commonest grams.
      const target = await sql<{ n: number }>`select attstattarget::int as n from pg_attribute where attrelid = 'opinion_content_grams_idx'::regclass`.execute(database.db);
      assert.equal(target.rows[0]!.n, 1000);
    } finally {
      await database.close();
    }
  });
});
