/**
 * Plays the attacker without an account: reads every public GET route of the API (the Open311
 * list and items, the station directory and pages, deputies' pages and disclosures, the
 * categories, the vocabulary …), collects every identifier they hand out, and tries them on the
 * tracking page and the look-up, from a fresh client address for every request, as someone
 * rotating addresses would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registeredRoutes } from '../../app.js';
import { factories } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { LOOKUP_MAX_FAILURES, LOOKUP_MAX_TOTAL_FAILURES } from './lookup.js';
import { normaliseTrackingCode } from './trackingCode.js';

interface Victim { trackingCode: string; queryKey: string; pin: string; name: string; phone: string; content: string; place: string }

describe('an attacker with only what the public API shows', () => {
  let t: TestApp;
  let address = 0;
  /** A new client address for every request: the per-address rate limits never come into play. */
  const nextAddress = () => `203.0.${113 + Math.floor(++address / 250) % 100}.${address % 250 + 1}`;
  const get = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: nextAddress() });
  const lookup = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/public/opinions/lookup', payload: body, remoteAddress: nextAddress() });
  const victims: Victim[] = [];
  /** Every public body read, by URL. */
  const bodies = new Map<string, string>();
  /** Every string and number found in them. */
  const tokens = new Set<string>();

  const collect = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number') { if (String(value).length <= 200) tokens.add(String(value)); return; }
    if (Array.isArray(value)) { for (const v of value) collect(v); return; }
    if (typeof value === 'object') for (const v of Object.values(value)) collect(v);
  };

  before(async () => {
    t = await startTestApp();
    const make = factories(t);
    const county = await make.county();
    const station = await make.station({ regionCode: county.towns[0]!.code });
    const deputy = await make.deputy({ stations: [{ id: station.id }] });
    const categoryId = (await t.database.db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('sort').executeTakeFirstOrThrow()).id;
    const staff = await make.signedIn('staff', { regionCode: county.code });
    for (let i = 0; i < 5; i++) {
      const v = { name: `受害人${i}号`, phone: `1397741${String(5000 + i).padStart(4, '0')}`, content: `攻击测试意见${i}:屯里水井被污染`, place: `攻击测试村${i}组` };
      const res = await t.app.inject({
        method: 'POST', url: '/api/public/opinions', remoteAddress: nextAddress(),
        payload: { ...(i % 2 ? { deputyId: deputy.id } : { stationId: station.id }), categoryId, ...v },
      });
      assert.equal(res.statusCode, 201, res.body);
      victims.push({ ...v, ...res.json() });
    }
    // One answered, so the answer and its unit reach the public views too.
    const first = await t.database.db.selectFrom('opinion').select('id').where('tracking_code', '=', victims[0]!.trackingCode).executeTakeFirstOrThrow();
    assert.equal((await staff.client.post(`/api/cases/${first.id}/actions/answer_on_spot`, { comment: '已派人清理水井' })).statusCode, 200);

    // Crawl: every public GET route of the API; routes with parameters are tried with every identifier found so far.
    const routes = registeredRoutes.get(t.app)!.filter((r) => r.method === 'GET' && r.access === 'public'
      && (r.url.startsWith('/api/') || r.url.startsWith('/open311/')) && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
    assert.ok(routes.some((r) => r.url === '/open311/v2/requests/:id.json') && routes.some((r) => r.url === '/api/public/deputies/:id/disclosure'));
    const read = async (url: string) => {
      if (bodies.has(url)) return;
      const res = await get(url);
      bodies.set(url, res.body);
      if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) collect(res.json());
    };
    for (const r of routes.filter((r) => !r.url.includes(':'))) await read(r.url);
    await read('/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z');
    for (let pass = 0; pass < 2; pass++) {
      const ids = [...tokens].filter((s) => /^\d{1,9}$/.test(s)).slice(0, 400);
      const strings = [...tokens].filter((s) => /^[\w-]{2,64}$/.test(s) && !/^\d+$/.test(s)).slice(0, 400);
      for (const r of routes.filter((r) => r.url.includes(':'))) {
        // The tracking page and its attachments need a key: tried below, not crawled.
        if (r.url.startsWith('/api/public/opinions/')) continue;
        const values = r.url.includes('/stations/') || r.url.includes('/deputies/') ? ids : strings;
        for (const v of values) await read(r.url.replace(/:[a-zA-Z]+/, encodeURIComponent(v)));
      }
    }
  });
  after(() => t.close());

  it('read every public page there is, with the victims\' cases among them', () => {
    assert.ok(bodies.size > 20, `${bodies.size} public answers read`);
    const open311 = JSON.parse(bodies.get('/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z')!) as { service_request_id: string }[];
    assert.ok(open311.length >= victims.length, 'the victims\' cases are in the Open311 list');
    assert.ok([...bodies.keys()].some((u) => /^\/api\/public\/deputies\/\d+\/disclosure$/.test(u)), 'a disclosure page was read');
    assert.ok([...bodies.keys()].some((u) => /^\/open311\/v2\/requests\/[0-9a-f]{32}\.json$/.test(u)), 'an Open311 item was read');
  });

  it('finds no tracking code of any case, nor any victim\'s name, phone, text or place, in anything public', async () => {
    const codes = (await t.database.db.selectFrom('opinion').select('tracking_code').execute()).map((c) => c.tracking_code);
    assert.ok(codes.length >= victims.length);
    const everything = [...bodies.values()].join('\n');
    const found = codes.filter((c) => everything.includes(c) || everything.includes(c.replaceAll('-', '')));
    assert.deepEqual(found, [], 'tracking codes in public answers');
    for (const v of victims) {
      for (const secret of [v.name, v.phone, v.phone.slice(-4) + '"', v.content, v.place, v.queryKey, v.pin + '"']) {
        assert.ok(!everything.includes(secret), `${secret} in a public answer`);
      }
    }
    assert.equal([...tokens].filter((s) => normaliseTrackingCode(s) !== null).length, 0, 'no public identifier even reads as a tracking code');
  });

  it('opens no tracking page with any public identifier, as the code or as the key', async () => {
    const candidates = [...tokens].filter((s) => /^[\w-]{1,20}$/.test(s));
    const keys = ['', ...[...tokens].filter((s) => /^[\w-]{8,64}$/.test(s)).slice(0, 20)];
    let tried = 0;
    for (const code of candidates) {
      for (const key of keys.slice(0, 3)) {
        const res = await get(`/api/public/opinions/${encodeURIComponent(code)}?key=${encodeURIComponent(key)}`);
        assert.equal(res.statusCode, 404, `${code} ${key}`);
        tried++;
      }
    }
    // …and every victim's real code with every public string as the key.
    for (const v of victims) {
      for (const key of keys) {
        assert.equal((await get(`/api/public/opinions/${v.trackingCode}?key=${encodeURIComponent(key)}`)).statusCode, 404);
        tried++;
      }
    }
    assert.ok(tried > 100, `${tried} tries`);
  });

  it('finds no case with any public identifier as the code, whatever PIN or phone digits it guesses within the limits', async () => {
    const candidates = [...tokens].filter((s) => s.trim().length > 0 && s.length <= 20).slice(0, 300);
    for (const code of candidates) {
      for (const guess of [{ pin: '000000' }, { phoneLast4: '0000' }]) {
        const res = await lookup({ code, ...guess });
        assert.notEqual(res.statusCode, 200, code);
      }
    }
  });

  it('holds the per-code lock when a leaked code is guessed from many addresses, for the right PIN too', async () => {
    const v = victims[1]!;
    const statuses: string[] = [];
    for (let guess = 0; guess < 60; guess++) {
      const pin = String((Number(v.pin) + 1 + guess) % 1_000_000).padStart(6, '0');
      statuses.push((await lookup({ code: v.trackingCode, pin })).json().error.code);
    }
    assert.deepEqual(statuses, [...Array(LOOKUP_MAX_FAILURES - 1).fill('LOOKUP_FAILED'), ...Array(61 - LOOKUP_MAX_FAILURES).fill('LOOKUP_LOCKED')]);
    assert.equal((await lookup({ code: v.trackingCode, pin: v.pin })).statusCode, 423, 'even a lucky guess is refused once locked');
    assert.equal((await lookup({ code: v.trackingCode, phoneLast4: v.phone.slice(-4) })).statusCode, 423);
    const log = await t.database.db.selectFrom('opinion_lookup_log').select(['outcome', 'ip']).where('code', '=', v.trackingCode).execute();
    assert.equal(log.filter((l) => l.outcome === 'wrong').length, LOOKUP_MAX_FAILURES, 'only 5 guesses were ever checked');
    assert.equal(new Set(log.map((l) => l.ip)).size, log.length, 'each from an address of its own');
  });

  it(`gets at most ${LOOKUP_MAX_TOTAL_FAILURES} guesses at a code over its life however often the submitter unlocks it with her link`, async () => {
    const v = victims[2]!;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < LOOKUP_MAX_FAILURES + 2; i++) {
        const res = await lookup({ code: v.trackingCode, phoneLast4: String(1000 + round * 10 + i) });
        assert.notEqual(res.statusCode, 200);
      }
      // The submitter opens her link between the attacker's rounds.
      assert.equal((await get(`/api/public/opinions/${v.trackingCode}?key=${v.queryKey}`)).statusCode, 200);
    }
    const wrong = await t.database.db.selectFrom('opinion_lookup_log').select('id').where('code', '=', v.trackingCode).where('outcome', '=', 'wrong').execute();
    assert.equal(wrong.length, LOOKUP_MAX_TOTAL_FAILURES);
  });

  it('checks no more than 5 guesses when 40 arrive at once from 40 addresses', async () => {
    const v = victims[4]!;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => lookup({ code: v.trackingCode, pin: String((Number(v.pin) + 1 + i) % 1_000_000).padStart(6, '0') })));
    assert.ok(answers.every((a) => a.statusCode === 404 || a.statusCode === 423));
    const wrong = await t.database.db.selectFrom('opinion_lookup_log').select('id').where('code', '=', v.trackingCode).where('outcome', '=', 'wrong').execute();
    assert.equal(wrong.length, LOOKUP_MAX_FAILURES);
    assert.equal(answers.filter((a) => a.statusCode === 404).length, LOOKUP_MAX_FAILURES - 1);
  });

  it('refuses the phone digits, even the right ones, for a code that was once published', async () => {
    const v = victims[3]!;
    await t.database.db.updateTable('opinion').set({ code_published: true }).where('tracking_code', '=', v.trackingCode).execute();
    assert.equal((await lookup({ code: v.trackingCode, phoneLast4: v.phone.slice(-4) })).statusCode, 404);
  });
});
