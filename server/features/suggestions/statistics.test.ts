/**
 * The suggestion statistics equal a recount from the timeline. Three hundred suggestions of a
 * fresh county's congress and two of its towns' congresses (and some of another county's) are
 * written as their stored facts together with the timeline events of each step, on stories
 * drawn at random from a fixed seed: submitted, withdrawn, declined, registered, assigned,
 * met face to face or by phone, answered on time or late with A, B or C and its commitments,
 * rated, re-handled after an unsatisfied rating, followed up, upgraded from B to A. The
 * statistics (read from the facts) are compared, per group, with the same figures counted
 * from the events alone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { now } from '../../platform/clock.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { factories, type County } from '../../testing/factories.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import type { SuggestionState } from './workflow.js';

const DAY = 86_400_000;

function run(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: run scripts/install-system-deps.sh (libreoffice-calc, poppler-utils, fonts-noto-cjk)`);
  }
  if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

/** A fixed-seed generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

interface Event { at: Date; action: string; from: SuggestionState | null; to: SuggestionState; data: Record<string, unknown> }
interface Congress { level: 'county' | 'township'; regionCode: string; path: string; termId: number }

interface Figures {
  total: number; assigned: number; answered: number; answeredOnTime: number; overdue: number; faceToFace: number;
  rated: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; a: number; b: number; c: number;
  commitments: number; commitmentsDone: number;
}
const zero = (): Figures => ({
  total: 0, assigned: 0, answered: 0, answeredOnTime: 0, overdue: 0, faceToFace: 0, rated: 0, satisfied: 0, basicallySatisfied: 0,
  unsatisfied: 0, a: 0, b: 0, c: 0, commitments: 0, commitmentsDone: 0,
});

/** One suggestion's figures and group keys, counted from its events only. */
function recount(events: Event[], today: string) {
  const f = zero();
  const submit = events.find((e) => e.action === 'submit');
  if (!submit || events.some((e) => e.action === 'withdraw')) return null;
  f.total = 1;
  const last = <A extends string>(...actions: A[]) => [...events].reverse().find((e) => actions.includes(e.action as A));
  const assign = last('assign');
  if (assign) f.assigned = 1;
  const answers = events.filter((e) => e.action === 'answer');
  const state = events.at(-1)!.to;
  if (answers.length) {
    f.answered = 1;
    f.answeredOnTime = answers.at(-1)!.data.onTime ? 1 : 0;
    const firstDay = shanghaiDate(answers[0]!.at);
    f.faceToFace = events.some((e) => e.action === 'record_contact' && ['meeting', 'site_visit'].includes(e.data.mode as string)
      && (e.data.on as string) <= firstDay) ? 1 : 0;
    const category = events.some((e) => e.action === 'upgrade_answer') ? 'A' : answers.at(-1)!.data.category as 'A' | 'B' | 'C';
    f[category.toLowerCase() as 'a' | 'b' | 'c'] = 1;
    f.commitments = answers.reduce((n, e) => n + (e.data.commitments as unknown[]).length, 0);
    f.commitmentsDone = new Set(events.filter((e) => e.action === 'report_progress').flatMap((e) => e.data.done as string[])).size;
  }
  const deadline = last('assign', 'rate')?.data.deadline as string | undefined;
  if (['assigned', 'reassign_requested', 'rehandling'].includes(state) && deadline && deadline < today) f.overdue = 1;
  const rating = last('rate')?.data.rating as 'satisfied' | 'basically_satisfied' | 'unsatisfied' | undefined;
  if (rating) {
    f.rated = 1;
    f[rating === 'basically_satisfied' ? 'basicallySatisfied' : rating] = 1;
  }
  return { figures: f, unit: assign ? String(assign.data.leadUnitId) : '', month: shanghaiDate(submit.at).slice(0, 7), submittedAt: submit.at };
}

describe('suggestion statistics', () => {
  let t: TestApp;
  let staff: Client;
  let county: County;
  let other: County;
  const units: { id: number; name: string }[] = [];
  let deputyId = 0;
  /** Each suggestion's group keys and its events, as written. */
  const written: { congress: string; category: string; events: Event[]; key: boolean; title: string; deputyId: number }[] = [];
  let today = '';

  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    const db = t.database.db;
    county = await f.county();
    other = await f.county();
    today = shanghaiDate(now());
    const congresses: Congress[] = [];
    for (const [level, region] of [['county', county], ['township', county.towns[0]!], ['township', county.towns[1]!], ['county', other]] as const) {
      const term = await f.term({ level, regionCode: region.code });
      congresses.push({ level, regionCode: region.code, path: region.path, termId: term.id });
    }
    for (let i = 0; i < 4; i++) units.push(await f.unit({ regionCode: county.code }));
    const otherUnit = await f.unit({ regionCode: other.code });
    const deputies = [await f.deputy({ regionCode: county.towns[0]!.code }), await f.deputy({ regionCode: county.towns[1]!.code }), await f.deputy({ regionCode: other.towns[0]!.code })];
    deputyId = deputies[0]!.id;
    const categories = (await db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('id').limit(4).execute()).map((c) => c.id);
    staff = (await f.signedIn('staff', { regionCode: county.code })).client;

    const r = random(13);
    const numbers = new Map<number, number>();
    const base = now().getTime();
    for (let n = 0; n < 300; n++) {
      const congress = n % 10 === 9 ? congresses[3]! : r.pick(congresses.slice(0, 3));
      const unitPool = congress === congresses[3] ? [otherUnit] : units;
      const category = r.pick(categories);
      const events: Event[] = [];
      const facts: Record<string, unknown> = {};
      let state: SuggestionState = 'draft';
      let at = new Date(base - (20 + r.int(400)) * DAY);
      const step = (action: string, to: SuggestionState, data: Record<string, unknown> = {}) => {
        events.push({ at, action, from: state, to, data });
        state = to;
      };
      const later = (days: number) => { at = new Date(at.getTime() + days * DAY + r.int(8) * 3_600_000); return at.getTime() <= base; };
      const contacts: { on: string; mode: string; unitId: number }[] = [];
      const answers: { round: number; category: 'A' | 'B' | 'C'; at: Date; onTime: boolean; commitments: { due: string; done: Date | null }[] }[] = [];
      const ratings: { round: number; rating: string; at: Date }[] = [];
      let lead = 0;
      const coUnits: number[] = [];
      const story = r.next();
      if (story < 0.04) {
        // a draft, never submitted: counted nowhere
      } else {
        step('submit', 'submitted');
        facts.submitted_at = at;
        const fate = r.next();
        if (fate < 0.05) step('withdraw', 'withdrawn');
        else if (fate < 0.1 && later(2)) { step('decline', 'declined'); facts.declined_at = at; }
        else if (later(2)) {
          const number = (numbers.get(congress.termId) ?? 0) + 1;
          numbers.set(congress.termId, number);
          step('register', 'registered');
          Object.assign(facts, { registered_at: at, number, number_label: `第一届闭会期间第${String(number).padStart(4, '0')}号` });
          if (r.next() < 0.93 && later(3)) {
            lead = r.pick(unitPool).id;
            if (r.next() < 0.3 && unitPool.length > 1) coUnits.push(unitPool.find((u) => u.id !== lead)!.id);
            const assignedOn = shanghaiDate(at);
            let deadline = addDays(assignedOn, r.next() < 0.2 ? 182 : 91);
            step('assign', 'assigned', { leadUnitId: lead, deadline });
            Object.assign(facts, { assigned_at: at, assigned_on: assignedOn, deadline_date: deadline, reassign_until: addDays(assignedOn, 7) });
            // Rounds of handling: contacts, an answer, a rating; unsatisfied once sends it back.
            for (let round = 1; round <= 2; round++) {
              for (let k = r.int(3); k > 0; k--) {
                if (!later(r.int(30))) break;
                const contact = { on: shanghaiDate(at), mode: r.pick(['phone', 'meeting', 'site_visit', 'letter', 'online']), unitId: lead };
                contacts.push(contact);
                step('record_contact', state, { mode: contact.mode, on: contact.on });
              }
              if (!later(r.int(round === 1 ? 150 : 40))) break;
              const category = r.pick(['A', 'B', 'B', 'C'] as const);
              const commitments = category === 'B' ? Array.from({ length: 1 + r.int(3) }, (_, i) => ({ due: addDays(shanghaiDate(at), 30 * (i + 1)), done: null as Date | null })) : [];
              const onTime = shanghaiDate(at) <= deadline;
              answers.push({ round, category, at, onTime, commitments });
              step('answer', 'answered', { round, category, onTime, commitments: commitments.map((c) => c.due) });
              // a contact recorded after the answer does not make it face to face
              if (r.next() < 0.2 && later(1)) {
                const contact = { on: shanghaiDate(at), mode: 'meeting', unitId: lead };
                contacts.push(contact);
                step('record_contact', state, { mode: contact.mode, on: contact.on });
              }
              if (r.next() < 0.15 || !later(1 + r.int(20))) break;
              const rating = r.pick(['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const);
              ratings.push({ round, rating, at });
              const open = commitments.length;
              const to: SuggestionState = rating === 'unsatisfied' && round === 1 ? 'rehandling' : category === 'B' && open > 0 ? 'following_up' : 'closed';
              if (to === 'rehandling') deadline = addDays(shanghaiDate(at), 30);
              step('rate', to, { rating, round, ...(to === 'rehandling' ? { deadline } : {}) });
              Object.assign(facts, { rating, rated_at: at, round, ...(to === 'rehandling' ? { deadline_date: deadline, round: 2 } : {}) });
              if (to === 'closed') facts.closed_at = at;
              if (to === 'following_up') {
                // each commitment kept is reported under its own key (answer:index)
                let done = 0;
                for (const [i, c] of commitments.entries()) {
                  if (r.next() < 0.6 && later(r.int(30))) { c.done = at; done++; step('report_progress', state, { done: [`${answers.length}:${i}`] }); }
                }
                if (done === commitments.length && r.next() < 0.6 && later(2)) { step('upgrade_answer', 'closed'); facts.closed_at = at; }
              }
              if (to !== 'rehandling') break;
            }
          }
        }
      }
      const latest = answers.at(-1);
      const upgraded = events.some((e) => e.action === 'upgrade_answer');
      if (latest) Object.assign(facts, { answered_at: latest.at, answered_on_time: latest.onTime, answer_category: upgraded ? 'A' : latest.category });
      const keySupervision = state !== 'draft' && r.next() < 0.05 && facts.registered_at !== undefined;
      const deputy = congress === congresses[3] ? deputies[2]! : r.pick(deputies.slice(0, 2));
      const { id } = await db.insertInto('suggestion').values({
        kind: 'suggestion', state, title: `测试建议${n}`, reasons: '理由', proposals: '建议', category_id: category,
        region_code: congress.regionCode, region_path: congress.path, congress_level: congress.level, congress_region_code: congress.regionCode,
        congress_region_path: congress.path, term_id: congress.termId, lead_deputy_id: deputy.id, updated_at: at,
        key_supervision: keySupervision, key_leader: keySupervision ? '区长' : null, ...facts,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('suggestion_signer').values({ suggestion_id: id, deputy_id: deputy.id, role: 'lead', status: 'confirmed', invited_at: at }).execute();
      if (lead) {
        await db.insertInto('suggestion_unit').values([{ suggestion_id: id, unit_id: lead, role: 'lead' as const }, ...coUnits.map((u) => ({ suggestion_id: id, unit_id: u, role: 'co' as const }))]).execute();
      }
      for (const c of contacts) {
        await db.insertInto('suggestion_contact').values({
          suggestion_id: id, unit_id: c.unitId, stage: 'during', mode: c.mode as 'phone', contacted_on: c.on, note: '沟通', recorded_at: at,
        }).execute();
      }
      for (const a of answers) {
        const { id: answerId } = await db.insertInto('suggestion_answer').values({
          suggestion_id: id, round: a.round, unit_id: lead, category: a.category, body: '答复', signed_by: '局长', answered_at: a.at, on_time: a.onTime,
        }).returning('id').executeTakeFirstOrThrow();
        for (const c of a.commitments) {
          await db.insertInto('suggestion_commitment').values({ suggestion_id: id, answer_id: answerId, body: '承诺', due_on: c.due, done_at: c.done }).execute();
        }
      }
      for (const g of ratings) {
        await db.insertInto('suggestion_rating').values({ suggestion_id: id, round: g.round, deputy_id: deputy.id, rating: g.rating as 'satisfied', rated_at: g.at }).execute();
      }
      if (events.length) {
        await db.insertInto('suggestion_event').values(events.map((e) => ({
          suggestion_id: id, at: e.at, actor_kind: 'staff', actor_name: '测试', action: e.action, from_state: e.from, to_state: e.to, data: JSON.stringify(e.data),
        }))).execute();
      }
      written.push({ congress: `${congress.level}:${congress.regionCode}`, category: String(category), events, key: keySupervision, title: `测试建议${n}`, deputyId: deputy.id });
    }
  });
  after(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  let dir = '';

  /** The recount from the events of the suggestions in the county's subtree, per group key. */
  function expected(group: 'unit' | 'congress' | 'category' | 'month', period?: { from: Date; to: Date }) {
    const groups = new Map<string, Figures>();
    const totals = zero();
    for (const w of written) {
      if (w.congress.endsWith(`:${other.code}`)) continue;
      const counted = recount(w.events, today);
      if (!counted) continue;
      if (period && (counted.submittedAt < period.from || counted.submittedAt >= period.to)) continue;
      const key = group === 'unit' ? counted.unit : group === 'month' ? counted.month : group === 'congress' ? w.congress : w.category;
      const g = groups.get(key) ?? zero();
      for (const k of Object.keys(g) as (keyof Figures)[]) { g[k] += counted.figures[k]; totals[k] += counted.figures[k]; }
      groups.set(key, g);
    }
    return { groups, totals };
  }

  const pick = (row: Figures): Figures => Object.fromEntries(Object.keys(zero()).map((k) => [k, row[k as keyof Figures]])) as unknown as Figures;

  for (const group of ['unit', 'congress', 'category', 'month'] as const) {
    it(`per ${group}, equal the recount from the timeline`, async () => {
      const res = await staff.get(`/api/suggestions/statistics?groupBy=${group}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ rows: (Figures & { key: string; label: string })[]; totals: Figures }>();
      const want = expected(group);
      assert.deepEqual(new Map(body.rows.map((row) => [row.key, pick(row)])), want.groups);
      assert.deepEqual(pick(body.totals), want.totals);
      // The drawn stories reach every figure.
      for (const [k, v] of Object.entries(want.totals)) assert.ok(v > 0, `${k} is counted somewhere`);
      if (group === 'unit') {
        for (const u of units) assert.equal(body.rows.find((row) => row.key === String(u.id))?.label, u.name);
      }
      if (group === 'congress') {
        assert.equal(body.rows.find((row) => row.key === `county:${county.code}`)?.label, `${county.name}人民代表大会`);
      }
    });
  }

  it('count a period by the day of submission, and the congress\'s level in a region\'s subtree', async () => {
    const to = new Date(now().getTime() - 100 * DAY);
    const from = new Date(to.getTime() - 120 * DAY);
    const res = await staff.get(`/api/suggestions/statistics?groupBy=month&from=${from.toISOString()}&to=${to.toISOString()}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(pick(res.json<{ totals: Figures }>().totals), expected('month', { from, to }).totals);
    const towns = await staff.get(`/api/suggestions/statistics?groupBy=congress&level=township&regionCode=${county.code}`);
    assert.deepEqual(towns.json<{ rows: { key: string }[] }>().rows.map((row) => row.key).sort(),
      [`township:${county.towns[0]!.code}`, `township:${county.towns[1]!.code}`].sort());
  });

  it('reach only the congresses in the reader\'s subtree', async () => {
    const res = await staff.get(`/api/suggestions/statistics?groupBy=congress&regionCode=${other.code}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ totals: Figures }>().totals.total, 0);
    const a = (await factories(t).signedIn('admin')).client;
    const all = await a.get(`/api/suggestions/statistics?groupBy=congress&regionCode=${other.code}`);
    const theirs = written.filter((w) => w.congress.endsWith(`:${other.code}`) && recount(w.events, today)).length;
    assert.equal(all.json<{ totals: Figures }>().totals.total, theirs);
  });

  it('write the year\'s handling report as PDF and Excel from the same figures', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-suggestion-report-'));
    const year = Number(today.slice(0, 4));
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const ours = written.filter((w) => w.congress === `county:${county.code}`);
    const counted = ours.map((w) => ({ w, c: recount(w.events, today) })).filter((x) => x.c && x.c.submittedAt >= from);
    const total = counted.length;
    const keys = counted.filter((x) => x.w.key).map((x) => x.w.title);
    const query = `year=${year}&level=county&regionCode=${county.code}`;

    const pdf = await staff.get(`/api/suggestions/report.pdf?${query}`);
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = run('pdftotext', ['-layout', file, '-']).replace(/[ \t]+/g, '');
    for (const s of [`${year}年代表建议办理情况报告`, `${county.name}人民代表大会`, '总体情况', '承办单位办理情况', '重点督办建议', '面商', `收到建议${total}`, ...keys]) {
      assert.ok(text.includes(s), `the PDF says “${s}”`);
    }

    const xlsx = await staff.get(`/api/suggestions/report.xlsx?${query}`);
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    writeFileSync(path.join(dir, 'report.xlsx'), xlsx.rawPayload);
    run('libreoffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir', dir, path.join(dir, 'report.xlsx')]);
    const csv = parse(readFileSync(path.join(dir, 'report.csv'), 'utf8'), { relaxColumnCount: true }) as string[][];
    assert.equal(csv[0]![0], `${year}年代表建议办理情况报告`);
    assert.deepEqual(csv.find((row) => row[0] === '收到建议')?.slice(0, 2), ['收到建议', String(total)]);

    const unit = await factories(t).signedIn('unit', { unitId: units[0]!.id });
    assert.equal((await unit.client.get(`/api/suggestions/report.pdf?${query}`)).statusCode, 403);
  });

  it('list a deputy\'s suggestions in their archive, and the published ones in their public disclosure', async () => {
    const theirs = written.filter((w) => w.deputyId === deputyId);
    const submitted = theirs.filter((w) => recount(w.events, today));
    const numbered = theirs.filter((w) => w.events.some((e) => e.action === 'register'));
    const admin = (await factories(t).signedIn('admin')).client;
    const archive = await admin.get(`/api/deputies/${deputyId}/archive`);
    assert.equal(archive.statusCode, 200, archive.body);
    const a = archive.json<{ summary: { suggestions: { total: number; led: number; cosigned: number } }; suggestions: { title: string; numberLabel: string | null }[] }>();
    assert.deepEqual([a.summary.suggestions.total, a.summary.suggestions.led, a.summary.suggestions.cosigned], [submitted.length, submitted.length, 0]);
    assert.deepEqual(a.suggestions.map((x) => x.title).sort(), submitted.map((w) => w.title).sort());
    const disclosure = await t.app.inject({ method: 'GET', url: `/api/public/deputies/${deputyId}/disclosure` });
    assert.equal(disclosure.statusCode, 200, disclosure.body);
    const items = disclosure.json<{ suggestions: { items: { title: string; numberLabel: string }[] } }>().suggestions.items;
    assert.deepEqual(items.map((x) => x.title).sort(), numbered.map((w) => w.title).sort());
    assert.ok(items.every((x) => x.numberLabel), 'only numbered ones are public');
  });
});
