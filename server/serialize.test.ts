import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from './app.js';
import { projectedJson } from './platform/http/serialize.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from './testing/harness.js';

describe('answers written without zod\'s encoder', () => {
  let t: TestApp;
  let service: FastifyInstance;
  let staff: Client;
  let admin: Client;
  let tracking: string;
  before(async () => {
    t = await startTestApp();
    // The same database served the way a server does by default: no response check, the projection only.
    service = await buildApp({ database: t.database, config: t.config, responses: 'projected' });
    staff = await signIn(t.app, 'pinggui');
    admin = await signIn(t.app, 'admin');
    const db = t.database.db;
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const stationId = await idOf(db, 'station', '平桂区黄田镇人大代表联络站');
    const receipts = [];
    for (const content of ['村口水渠堵塞,雨天积水', '自来水压力不足', '路灯坏了三个月']) {
      const res = await new Client(t.app).post('/api/public/opinions', { stationId, categoryId, content, name: '黎秀英', phone: '13907740000' });
      assert.equal(res.statusCode, 201, res.body);
      receipts.push(res.json<{ trackingCode: string; queryKey: string }>());
    }
    tracking = `/api/public/opinions/${receipts[0]!.trackingCode}?key=${receipts[0]!.queryKey}`;
  });
  after(async () => {
    await service.close();
    await t.close();
  });

  it('writes the same JSON, byte for byte, as the checked encoder on the main routes', async () => {
    const firstCase = (await staff.get('/api/cases?limit=50')).json<{ items: { id: number }[] }>().items[0]!.id;
    const stationId = await idOf(t.database.db, 'station', '平桂区黄田镇人大代表联络站');
    const routes: [Client | null, string][] = [
      [null, '/api/public/stations'], [null, '/api/public/stations/regions'], [null, `/api/public/stations/${stationId}`],
      [null, tracking],
      [staff, '/api/cases?limit=50'], [staff, '/api/cases?open=true&sort=deadline&limit=50'], [admin, '/api/cases?limit=50'],
      [staff, `/api/cases/${firstCase}`], [staff, '/api/statistics/cases'], [staff, '/api/statistics/cases/by/category'],
      [staff, '/api/stations'], [staff, '/api/deputies'], [admin, '/api/accounts'], [admin, '/api/audit'], [staff, '/api/auth/me'],
    ];
    for (const [client, url] of routes) {
      const headers = { 'accept-language': 'zh-CN', ...(client && { cookie: client.cookie }) };
      // The test app checks each answer against its schema and against the projection (500 if they differ)…
      const checked = await t.app.inject({ url, headers });
      assert.equal(checked.statusCode, 200, `${url}: ${checked.body}`);
      // …and the service app, on the same data, answers the very same bytes.
      const served = await service.inject({ url, headers });
      assert.equal(served.statusCode, 200, `${url}: ${served.body}`);
      assert.equal(served.body, checked.body, url);
    }
  });

  it('keeps only the declared fields, in the schema\'s order, through arrays, unions and nulls', () => {
    const Item = z.object({ id: z.number(), name: z.string(), note: z.string().nullable(), at: z.string().optional() });
    const Answer = z.object({
      items: z.array(Item),
      next: z.string().nullable(),
      counts: z.record(z.string(), z.object({ n: z.number() })),
      shape: z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), a: z.number() }), z.object({ kind: z.literal('b'), b: Item })]),
      either: z.union([z.object({ x: z.number() }), z.object({ y: z.number() })]),
      loose: z.looseObject({ k: z.number() }),
      code: z.codec(z.string(), z.number(), { decode: Number, encode: String }),
    });
    const data = {
      secret: 'password hash', next: null,
      items: [{ name: '甲', id: 1, note: null, extra: true }, { id: 2, name: '乙', note: 'x', at: '2026-01-01', hidden: 1 }],
      counts: { water: { n: 3, drop: 1 } },
      shape: { kind: 'b', b: { id: 3, name: '丙', note: null, more: 1 }, c: 1 },
      either: { y: 2, z: 3 },
      loose: { k: 1, kept: 'yes' },
      code: 42,
    };
    const json = projectedJson(Answer, data);
    assert.equal(json, JSON.stringify(z.encode(Answer, data as z.output<typeof Answer>)));
    assert.doesNotMatch(json, /secret|extra|hidden|drop|more/);
    assert.match(json, /"code":"42"/);
  });
});
