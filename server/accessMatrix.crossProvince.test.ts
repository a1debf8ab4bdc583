/**
 * The access matrix across a province border: the 豫鲁 joint station (豫鲁跨省联建站), whose home
 * is 台前县打渔陈镇 (河南) and whose member town is 阳谷县十五里园镇 (山东). 台前县's staff
 * (`taiqian`) manage it; 阳谷县's staff (`yanggu`) see it through their member town.
 *
 * Every staff read that takes a place (the registers as Excel, the deeds and the chronicle) is
 * read by each side with its own region, with the partner's region, with the member town and with
 * each station, and must return exactly what that reader may see:
 * - its own region: its own stations' records and the joint station's, none of the partner's own;
 * - the partner's county or town (even the joint station's home town): 404, as for any region
 *   outside the reader's subtree; the joint station's records are reached by its own id instead;
 * - the joint station by id: its records only, for both sides;
 * - the partner's own station by id: 404.
 * Personal data in the files is masked exactly as the API masks it for that reader.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { addDays } from './platform/calendar/workingDays.js';
import { now, today } from './platform/clock.js';
import { factories, type Factories } from './testing/factories.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from './testing/harness.js';

const TAIQIAN = '410927';
const DAYUCHEN = '410927103';
const YANGGU = '371521';
const SHIWULIYUAN = '371521111';

type Side = 'joint' | 'tq' | 'yg';
type Reader = 'taiqian' | 'yanggu';
/** A place as a query string, and which sides' records it must hold (null: the place answers 404). */
interface Row { reader: Reader; place: string; why: string; sees: Side[] | null }

describe('the access matrix across a province border (豫鲁 joint station)', () => {
  let t: TestApp;
  let make: Factories;
  const readers = {} as Record<Reader, Client>;
  const stations = {} as Record<Side, number>;
  /** A tag in every record made at each side's station, unique to this run. */
  const tag: Record<Side, string> = { joint: '联建站记录', tq: '台前本县记录', yg: '阳谷本县记录' };
  const period = () => `from=${addDays(today(), -30)}&to=${today()}`;
  let rows: Row[] = [];

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    readers.taiqian = await signIn(t.app, 'taiqian');
    readers.yanggu = await signIn(t.app, 'yanggu');
    const db = t.database.db;
    stations.joint = await idOf(db, 'station', '豫鲁跨省联建人大代表联络站');
    // A station of each side's own, in a town other than the joint station's.
    const otherTown = async (county: string, not: string) => (await db.selectFrom('region').select('code')
      .where('parent_code', '=', county).where('code', '!=', not).orderBy('code').executeTakeFirstOrThrow()).code;
    stations.tq = (await make.station({ regionCode: await otherTown(TAIQIAN, DAYUCHEN) })).id;
    stations.yg = (await make.station({ regionCode: await otherTown(YANGGU, SHIWULIYUAN) })).id;

    const admin = (await make.signedIn('admin')).client;
    const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'other').executeTakeFirstOrThrow()).id;
    const day = addDays(today(), -2);
    for (const side of ['joint', 'tq', 'yg'] as const) {
      const stationId = stations[side];
      const deputy = side === 'joint'
        ? await idOf(db, 'deputy', '刘长河')
        : (await make.deputy({ stations: [{ id: stationId }] })).id;
      const ok = <R extends { statusCode: number; body: string }>(res: R, status = 201): R => { assert.equal(res.statusCode, status, res.body); return res; };
      const held = new Date(now().getTime() - 2 * 86_400_000);
      // A reception day, and an opinion heard at it (the reception register lists the day's opinions).
      const reception = ok(await admin.post('/api/activities', {
        kind: 'reception', title: `${tag[side]}接待日`, stationId, startsAt: held.toISOString(),
        participants: [{ deputyId: deputy, attendance: 'present' }],
      })).json<{ id: number }>().id;
      ok(await admin.post('/api/cases', {
        stationId, channel: 'reception', activityId: reception, receivedAt: new Date(held.getTime() + 3_600_000).toISOString(),
        items: [{ categoryId: category, content: `${tag[side]}:村里路灯坏了`, name: '张大姐', phone: '13912345678' }],
      }));
      ok(await admin.post('/api/deeds', { stationId, deputyId: deputy, occurredOn: day, title: `${tag[side]}事迹`, description: '' }));
      ok(await admin.post('/api/chronicle', { stationId, occurredOn: day, title: `${tag[side]}大事`, body: '' }));
    }

    rows = [
      { reader: 'yanggu', place: `regionCode=${YANGGU}`, why: 'own county: own stations and the joint station', sees: ['joint', 'yg'] },
      { reader: 'yanggu', place: `regionCode=${SHIWULIYUAN}`, why: 'own member town: the joint station only', sees: ['joint'] },
      { reader: 'yanggu', place: `regionCode=${TAIQIAN}`, why: 'the partner\'s county', sees: null },
      { reader: 'yanggu', place: `regionCode=${DAYUCHEN}`, why: 'the partner\'s town, the joint station\'s home', sees: null },
      { reader: 'yanggu', place: `stationId=${stations.joint}`, why: 'the joint station by id', sees: ['joint'] },
      { reader: 'yanggu', place: `stationId=${stations.tq}`, why: 'the partner\'s own station', sees: null },
      { reader: 'taiqian', place: `regionCode=${TAIQIAN}`, why: 'own county: own stations and the joint station', sees: ['joint', 'tq'] },
      { reader: 'taiqian', place: `regionCode=${DAYUCHEN}`, why: 'own town, the joint station\'s home', sees: ['joint'] },
      { reader: 'taiqian', place: `regionCode=${YANGGU}`, why: 'the partner\'s county', sees: null },
      { reader: 'taiqian', place: `regionCode=${SHIWULIYUAN}`, why: 'the partner\'s member town', sees: null },
      { reader: 'taiqian', place: `stationId=${stations.joint}`, why: 'the joint station by id', sees: ['joint'] },
      { reader: 'taiqian', place: `stationId=${stations.yg}`, why: 'the partner\'s own station', sees: null },
    ];
  });
  after(() => t?.close());

  /** Every cell of every sheet of a workbook, as one text. */
  async function workbookText(body: Buffer): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const cells: string[] = [];
    for (const ws of workbook.worksheets) ws.eachRow((row) => { for (const v of (row.values as unknown[]).slice(1)) cells.push(v === null || v === undefined ? '' : String(v)); });
    return cells.join('\n');
  }

  function expectSides(text: string, row: Row, what: string) {
    for (const side of ['joint', 'tq', 'yg'] as const) {
      const shown = text.includes(tag[side]);
      assert.equal(shown, row.sees!.includes(side), `${row.reader} reading ${what} at ${row.place} (${row.why}): ${side}'s records ${shown ? 'shown' : 'missing'}`);
    }
  }

  for (const kind of ['reception', 'opinions', 'deeds', 'chronicle'] as const) {
    it(`the ${kind} register holds exactly what each side may see`, async () => {
      for (const row of rows) {
        const res = await readers[row.reader].get(`/api/registers/${kind}.xlsx?${row.place}&${period()}`);
        if (row.sees === null) {
          assert.equal(res.statusCode, 404, `${row.reader} at ${row.place} (${row.why})`);
          continue;
        }
        assert.equal(res.statusCode, 200, res.body);
        expectSides(await workbookText(res.rawPayload), row, `the ${kind} register`);
      }
    });
  }

  for (const list of ['deeds', 'chronicle'] as const) {
    it(`GET /api/${list} lists exactly what each side may see`, async () => {
      for (const row of rows) {
        const res = await readers[row.reader].get(`/api/${list}?${row.place}&${period()}`);
        if (row.sees === null) {
          assert.equal(res.statusCode, 404, `${row.reader} at ${row.place} (${row.why})`);
          continue;
        }
        assert.equal(res.statusCode, 200, res.body);
        expectSides(JSON.stringify(res.json()), row, list);
      }
    });
  }

  it('masks the joint station\'s personal data in the files exactly as the API does for each side', async () => {
    for (const reader of ['taiqian', 'yanggu'] as const) {
      const client = readers[reader];
      const file = await workbookText((await client.get(`/api/registers/opinions.xlsx?stationId=${stations.joint}&${period()}`)).rawPayload);
      const cases = (await client.get(`/api/cases?stationId=${stations.joint}&limit=50`)).json<{ items: { id: number; content: string }[] }>().items;
      const ours = cases.find((c) => c.content.startsWith(tag.joint));
      assert.ok(ours, `${reader} sees the joint station's case in the queue`);
      const { submitter } = (await client.get(`/api/cases/${ours.id}`)).json<{ submitter: { phone: string | null; masked: boolean } }>();
      assert.ok(submitter.phone, `${reader} gets the phone, masked or not`);
      // The register shows the phone exactly as the API gives it to this reader: whole to whoever handles the case, masked otherwise.
      assert.ok(file.includes(submitter.phone), `${reader}'s register shows the phone as the API does (${submitter.phone})`);
      if (submitter.masked) assert.ok(!file.includes('13912345678'), `${reader}'s register has no phone the API masks`);

      const roster = await workbookText((await client.get(`/api/registers/roster.xlsx?stationId=${stations.joint}`)).rawPayload);
      for (const name of ['刘长河', '任建军']) {
        const id = await idOf(t.database.db, 'deputy', name);
        const deputy = await client.get(`/api/deputies/${id}`);
        assert.equal(deputy.statusCode, 200, `${reader} reads ${name} of the joint station`);
        const phone = deputy.json<{ phone: string | null }>().phone;
        if (phone) assert.ok(roster.includes(phone), `${reader}'s roster shows ${name}'s phone as the API does (${phone})`);
        assert.ok(!/1390\d{7}/.test(roster) || (phone !== null && /1390\d{7}/.test(phone)), `${reader}'s roster unmasks no phone the API masks`);
      }
    }
  });
});
