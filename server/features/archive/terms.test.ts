/**
 * A deputy's performance archive per term: `?term=` covers exactly the days of one of the
 * deputy's terms. A known set at the 黄田镇 station, around the demo's term boundaries:
 * 梁俊华 sits in 黄田镇's 12th congress (from 2021-11-26) and 平桂区's 4th (from 2021-12-10);
 * 莫德光 sat in 黄田镇's 11th (2016-11-18 to 2021-11-25). These are the demo's dates as written
 * for its reference day; the template holds them moved to its own day (`demoDay`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoDay } from '../../testing/demoDates.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

interface ArchiveTerm { id: number; level: string; label: { zh: string; en: string }; number: number; from: string; to: string | null; current: boolean }
interface Archive {
  term: ArchiveTerm | null; period: { from: string | null; to: string };
  activities: { title: string }[]; opinions: { trackingCode: string }[];
  summary: { activities: { expected: number; present: number; absent: number }; opinions: { total: number; addressed: number } };
}

describe('the archive per term', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let yicheng: Client;
  let dir: string;
  const ids = { liangjun: 0, mo: 0, huangtian: 0, county4: 0, township11: 0, township12: 0, yicheng10: 0 };
  const codes = { before: '', during: '' };
  // Titles of the set, so the demo's own records never count here.
  const TITLES = ['十一届期间走访困难户', '换届后履职培训', '两届期间小组活动'];
  const at = (written: string, time: string) => `${demoDay(written)}T${time}+08:00`;

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const errorOf = (res: { json(): { error: { code: string; message: string; fields?: { path: string; code: string }[] } } }) => res.json().error;
  const archive = async (client: Client, deputyId: number, query: string) => ok(await client.get(`/api/deputies/${deputyId}/archive?${query}`)).json<Archive>();
  const titles = (a: Archive) => a.activities.map((x) => x.title).filter((x) => TITLES.includes(x));
  const mine = (a: Archive) => a.opinions.map((o) => o.trackingCode).filter((c) => c === codes.before || c === codes.during);

  before(async () => {
    t = await startTestApp();
    [staff, officer, deputy, yicheng] = await Promise.all([signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'liangjun'), signIn(t.app, 'yicheng')]);
    const db = t.database.db;
    Object.assign(ids, { liangjun: await idOf(db, 'deputy', '梁俊华'), mo: await idOf(db, 'deputy', '莫德光'), huangtian: await idOf(db, 'station', '平桂区黄田镇人大代表联络站') });
    const termId = async (level: 'county' | 'township', regionCode: string, number: number) => (await db.selectFrom('congress_term').select('id')
      .where('level', '=', level).where('region_code', '=', regionCode).where('number', '=', number).executeTakeFirstOrThrow()).id;
    Object.assign(ids, {
      county4: await termId('county', '451103', 4), township11: await termId('township', '451103101', 11),
      township12: await termId('township', '451103101', 12), yicheng10: await termId('county', '420684', 10),
    });

    const activity = async (title: string, kind: string, startsAt: string, attendance: Record<number, string>) => ok(await officer.post('/api/activities', {
      stationId: ids.huangtian, kind, title, startsAt, participants: Object.entries(attendance).map(([id, a]) => ({ deputyId: Number(id), attendance: a })),
    }), 201);
    // In 莫德光's 11th term; before 梁俊华's terms.
    await activity(TITLES[0]!, 'visit', at('2020-05-06', '09:00:00'), { [ids.liangjun]: 'present', [ids.mo]: 'present' });
    // After the 11th term: in 梁俊华's township term, not yet in his county term.
    await activity(TITLES[1]!, 'training', at('2021-12-01', '14:30:00'), { [ids.liangjun]: 'present', [ids.mo]: 'present' });
    // In both of 梁俊华's terms; 莫德光 no longer sits.
    await activity(TITLES[2]!, 'group', at('2026-03-20', '09:00:00'), { [ids.liangjun]: 'present', [ids.mo]: 'absent' });
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const opinion = async (receivedAt: string, content: string) => ok(await officer.post('/api/cases', {
      stationId: ids.huangtian, deputyId: ids.liangjun, channel: 'phone', receivedAt, items: [{ categoryId, content }],
    }), 201).json<{ items: { trackingCode: string }[] }>().items[0]!.trackingCode;
    codes.before = await opinion(at('2021-06-01', '10:00:00'), '二〇二一年六月来电反映饮水问题');
    codes.during = await opinion(at('2022-02-15', '10:00:00'), '二〇二二年二月来电反映饮水问题');
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-archive-terms-'));
  });
  after(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the terms a deputy sits in, highest level first, and the running one the archive opens on', async () => {
    const theirs = ok(await deputy.get(`/api/deputies/${ids.liangjun}/terms`)).json<{ terms: ArchiveTerm[]; current: number | null }>();
    assert.deepEqual(theirs.terms.map((x) => `${x.label.zh} ${x.from}~${x.to ?? ''} ${x.current}`), [
      `平桂区第四届人民代表大会 ${demoDay('2021-12-10')}~ true`,
      // Re-elected at 黄田镇's 换届: both terms, the running one first.
      `黄田镇第十三届人民代表大会 ${demoDay('2026-11-26')}~ true`, `黄田镇第十二届人民代表大会 ${demoDay('2021-11-26')}~${demoDay('2026-11-25')} false`,
    ]);
    assert.equal(theirs.current, ids.county4);
    const former = ok(await staff.get(`/api/deputies/${ids.mo}/terms`)).json<{ terms: ArchiveTerm[]; current: number | null }>();
    assert.deepEqual([former.terms.map((x) => x.label.zh), former.current], [['黄田镇第十一届人民代表大会'], null]);
    assert.equal((await deputy.get(`/api/deputies/${ids.mo}/terms`)).statusCode, 404, 'a deputy reads their own only');
    assert.equal((await yicheng.get(`/api/deputies/${ids.liangjun}/terms`)).statusCode, 404);
  });

  it('counts only the records of the term asked for', async () => {
    const everything = await archive(staff, ids.liangjun, '');
    assert.equal(everything.term, null);
    assert.deepEqual(titles(everything), TITLES);
    assert.deepEqual(mine(everything), [codes.before, codes.during]);

    const county = await archive(deputy, ids.liangjun, `term=${ids.county4}`);
    assert.deepEqual(county.term && { ...county.term, id: undefined }, {
      id: undefined, level: 'county', label: { zh: '平桂区第四届人民代表大会', en: '4th People\'s Congress of 平桂区' }, number: 4, from: demoDay('2021-12-10'), to: null, current: true,
    });
    assert.equal(county.period.from, demoDay('2021-12-10'));
    assert.equal(county.period.to, everything.period.to, 'a running term reaches today');
    assert.deepEqual(titles(county), [TITLES[2]]);
    assert.deepEqual(mine(county), [codes.during]);

    const township = await archive(staff, ids.liangjun, `term=${ids.township12}`);
    assert.deepEqual([township.period.from, titles(township), mine(township)], [demoDay('2021-11-26'), [TITLES[1], TITLES[2]], [codes.during]]);

    // A term that ended: its first day to its last.
    const former = await archive(staff, ids.mo, `term=${ids.township11}`);
    assert.deepEqual(former.period, { from: demoDay('2016-11-18'), to: demoDay('2021-11-25') });
    assert.deepEqual(titles(former), [TITLES[0]]);
    assert.deepEqual([former.summary.activities.present, former.summary.activities.absent], [1, 0], 'the absence in the two terms is after his term');
  });

  it('refuses a term the deputy does not sit in, an unknown term, and a term with dates', async () => {
    const other = await staff.get(`/api/deputies/${ids.liangjun}/archive?term=${ids.township11}`);
    assert.deepEqual([other.statusCode, errorOf(other).code, errorOf(other).message], [400, 'DEPUTY_NOT_IN_TERM', '该代表不是黄田镇第十一届人民代表大会代表']);
    const elsewhere = await staff.get(`/api/deputies/${ids.liangjun}/archive?term=${ids.yicheng10}`);
    assert.deepEqual([elsewhere.statusCode, errorOf(elsewhere).code], [400, 'DEPUTY_NOT_IN_TERM']);
    const unknown = await staff.get(`/api/deputies/${ids.liangjun}/archive?term=999999`);
    assert.deepEqual(errorOf(unknown).fields?.map((f) => `${f.path}:${f.code}`), ['querystring.term:UNKNOWN_REFERENCE']);
    for (const dates of ['from=2022-01-01', 'to=2022-12-31', 'from=2022-01-01&to=2022-12-31']) {
      const both = await staff.get(`/api/deputies/${ids.liangjun}/archive?term=${ids.county4}&${dates}`);
      assert.deepEqual([both.statusCode, errorOf(both).code], [400, 'ARCHIVE_TERM_WITH_PERIOD'], dates);
    }
    const pdf = await staff.get(`/api/deputies/${ids.liangjun}/archive.pdf?term=${ids.county4}&from=2022-01-01`);
    assert.deepEqual([pdf.statusCode, errorOf(pdf).code], [400, 'ARCHIVE_TERM_WITH_PERIOD']);
    // Whether the deputy may be read comes first: out of reach is 404 whatever the term.
    assert.equal((await yicheng.get(`/api/deputies/${ids.liangjun}/archive?term=${ids.yicheng10}`)).statusCode, 404);
  });

  it('prints the term in the title of the PDF and of its file', async () => {
    const res = ok(await deputy.get(`/api/deputies/${ids.liangjun}/archive.pdf?term=${ids.county4}`));
    assert.match(decodeURIComponent(String(res.headers['content-disposition'])), /平桂区第四届人民代表大会代表履职档案/);
    const file = path.join(dir, 'archive.pdf');
    writeFileSync(file, res.rawPayload);
    const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(out.status, 0, `pdftotext: ${out.stderr} (scripts/install-system-deps.sh installs poppler-utils)`);
    const text = out.stdout.replace(/\s+/g, '');
    for (const x of ['平桂区第四届人民代表大会代表履职档案', '梁俊华', `${demoDay('2021-12-10')}至`, TITLES[2]!]) assert.ok(text.includes(x), `“${x}”`);
    assert.ok(!text.includes(TITLES[0]!), 'nothing from before the term');
  });
});
