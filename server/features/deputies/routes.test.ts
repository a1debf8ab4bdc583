import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type County, type Factories } from '../../testing/factories.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

describe('deputies', () => {
  let t: TestApp;
  let make: Factories;
  let county: County;
  let pinggui: Client;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    county = await make.county();
    pinggui = (await make.signedIn('staff', { regionCode: county.code })).client;
  });
  after(() => t.close());

  const town = () => county.towns[0]!;
  const province = () => `${county.code.slice(0, 2)}0000`;

  it('adds a deputy holding several levels, with station memberships, pinyin and an audit record', async () => {
    const station = (await make.station({ regionCode: town().code })).id;
    const res = await pinggui.post('/api/deputies', {
      name: '吕晓燕', gender: 'female', ethnicity: '瑶族', party: '中国共产党', phone: '+86 139-0774-9999',
      regionCode: town().code, constituency: '黄田镇第三选区', professionTags: ['环保', '教育'],
      levels: [{ level: 'county', term: 4, regionCode: county.code }, { level: 'township', term: 12, regionCode: town().code }],
      stations: [{ stationId: station, role: 'resident' }],
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.equal(d.phone, '13907749999', 'normalised and shown unmasked to the staff who handle the deputy');
    assert.equal(d.phoneMasked, false);
    assert.equal(d.initials, 'lxy');
    assert.equal(d.pinyin, 'lv xiao yan');
    assert.deepEqual(d.levels.map((l: { level: string; term: number }) => [l.level, l.term]), [['county', 4], ['township', 12]]);
    assert.deepEqual(d.stations.map((s: { id: number; role: string }) => [s.id, s.role]), [[station, 'resident']]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'deputy').where('entity_id', '=', String(d.id)).execute();
    assert.equal(audit.length, 1);
    assert.equal((audit[0]!.after as { phone: string }).phone, '139****9999', 'the audit log keeps the number masked');
  });

  it('finds deputies by name, by pinyin initials and by pinyin', async () => {
    await make.deputy({ name: '韦秀兰', stations: [{ id: (await make.station({ regionCode: town().code })).id }] });
    await make.deputy({ name: '王建华' });
    const byName = await pinggui.get(`/api/deputies?q=${encodeURIComponent('秀兰')}`);
    assert.deepEqual(byName.json().items.map((d: { name: string }) => d.name), ['韦秀兰']);
    const byInitials = await pinggui.get('/api/deputies?q=WXL');
    assert.deepEqual(byInitials.json().items.map((d: { name: string }) => d.name), ['韦秀兰']);
    const byPinyin = await pinggui.get('/api/deputies?q=weixiu');
    assert.deepEqual(byPinyin.json().items.map((d: { name: string }) => d.name), ['韦秀兰']);
    const outside = await pinggui.get(`/api/deputies?q=${encodeURIComponent('王建华')}`);
    assert.deepEqual(outside.json().items, [], 'a deputy of another county is not in the county staff results');
  });

  it('filters by station, level, status and profession tag', async () => {
    const area = await make.county();
    const areaStaff = (await make.signedIn('staff', { regionCode: area.code })).client;
    const court = (await make.station({ regionCode: area.towns[0]!.code, type: 'judicial' })).id;
    const lawyers = { professionTags: ['法律'] };
    await make.deputy({ name: '钟立新', stations: [{ id: court, role: 'head' }], ...lawyers });
    await make.deputy({ name: '邓丽娟', stations: [{ id: court, role: 'liaison' }], ...lawyers });
    await make.deputy({ name: '覃永福', stations: [{ id: court }] });
    await make.deputy({ name: '李红梅', stations: [{ id: court }], ...lawyers });
    const other = (await make.station({ regionCode: area.towns[1]!.code })).id;
    await make.deputy({ name: '莫德光', stations: [{ id: other }], status: 'former', specialLiaison: true });
    await make.deputy({ name: '黎永昌', stations: [{ id: other }], status: 'former', specialLiaison: true });
    await make.deputy({
      name: '刘明辉', stations: [{ id: other }],
      levels: [{ level: 'provincial', term: 14, regionCode: `${area.code.slice(0, 2)}0000` }, { level: 'township', term: 12, regionCode: area.towns[1]!.code }],
    });
    const members = (await areaStaff.get(`/api/deputies?stationId=${court}`)).json().items.map((d: { name: string }) => d.name).sort();
    assert.deepEqual(members, ['李红梅', '覃永福', '邓丽娟', '钟立新'].sort());
    const roles = (await areaStaff.get(`/api/deputies?stationId=${court}`)).json().items.map((d: { name: string; stationRole: string }) => [d.name, d.stationRole]);
    assert.deepEqual(Object.fromEntries(roles), { 钟立新: 'head', 邓丽娟: 'liaison', 覃永福: 'resident', 李红梅: 'resident' }, 'each with the role in that station');
    assert.equal((await areaStaff.get('/api/deputies?limit=1')).json().items[0].stationRole, null, 'no station asked, no role');
    const former = (await areaStaff.get('/api/deputies?status=former')).json().items;
    assert.deepEqual(former.map((d: { name: string; specialLiaison: boolean }) => [d.name, d.specialLiaison]), [['莫德光', true], ['黎永昌', true]]);
    const law = (await areaStaff.get(`/api/deputies?tag=${encodeURIComponent('法律')}`)).json().items.map((d: { name: string }) => d.name).sort();
    assert.deepEqual(law, ['李红梅', '邓丽娟', '钟立新'].sort());
    const provincial = (await areaStaff.get('/api/deputies?level=provincial')).json().items.map((d: { name: string }) => d.name);
    assert.deepEqual(provincial, ['刘明辉']);
  });

  it('masks phone numbers for everyone who does not handle the deputy', async () => {
    const station = (await make.station({ regionCode: town().code })).id;
    const self = (await make.deputy({ stations: [{ id: station }], phone: '13907741001' })).id;
    const fellow = (await make.deputy({ stations: [{ id: station }], phone: '13907741002' })).id;
    const liangjun = (await make.signedIn('deputy', { deputyId: self })).client;
    const officer = (await make.signedIn('officer', { stationIds: [station] })).client;
    const seenByFellow = (await liangjun.get(`/api/deputies/${fellow}`)).json();
    assert.equal(seenByFellow.phone, '139****1002');
    assert.equal(seenByFellow.phoneMasked, true);
    assert.equal((await liangjun.get(`/api/deputies/${self}`)).json().phone, '13907741001');
    const list = (await liangjun.get('/api/deputies?limit=100')).json().items;
    for (const d of list) {
      if (d.id === self) assert.equal(d.phone, '13907741001');
      else assert.match(d.phone, /^\d{3}\*{4}\d{4}$/, `${d.name} masked in the list`);
    }
    assert.equal((await officer.get(`/api/deputies/${fellow}`)).json().phone, '13907741002');
    assert.equal((await pinggui.get(`/api/deputies/${fellow}`)).json().phone, '13907741002');
    // A deputy sees only the deputies of their own stations.
    const court = (await make.deputy({ phone: '13907741003' })).id;
    assert.equal((await liangjun.get(`/api/deputies/${court}`)).statusCode, 404);
  });

  it('keeps the National People\'s Congress level without a region, and refuses a region-less local level', async () => {
    const who = (await make.deputy({
      stations: [{ id: (await make.station({ regionCode: town().code })).id }],
      levels: [{ level: 'national', term: 14, regionCode: null }, { level: 'provincial', term: 14, regionCode: province() }],
    })).id;
    const d = (await pinggui.get(`/api/deputies/${who}`)).json();
    assert.deepEqual(d.levels.map((l: { level: string; region: unknown }) => [l.level, l.region === null]), [['national', true], ['provincial', false]]);
    const bad = await pinggui.post('/api/deputies', { name: '无区代表', gender: 'male', regionCode: county.code, levels: [{ level: 'county', term: 4 }] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['levels.0.regionCode', 'REQUIRED']]);
  });

  it('refuses a congress level paired with a region of another level', async () => {
    const res = await pinggui.post('/api/deputies', {
      name: '错级代表', gender: 'male', regionCode: county.code,
      levels: [{ level: 'county', term: 4, regionCode: town().code }, { level: 'township', term: 12, regionCode: town().code }],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['levels.0.regionCode', 'REGION_LEVEL_MISMATCH']]);
  });

  it('deactivates a deputy: gone from lists, their account stops working', async () => {
    const account = await make.account('deputy', { deputyId: (await make.deputy({ stations: [{ id: (await make.station({ regionCode: town().code })).id }] })).id });
    const deputy = await make.signIn(account);
    const who = account.deputyId!;
    const current = (await pinggui.get(`/api/deputies/${who}`)).json();
    const res = await pinggui.patch(`/api/deputies/${who}`, { version: current.version, active: false });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().active, false);
    assert.ok(!(await pinggui.get('/api/deputies?limit=200')).json().items.some((d: { id: number }) => d.id === who));
    assert.ok((await pinggui.get('/api/deputies?active=false')).json().items.some((d: { id: number }) => d.id === who));
    assert.equal((await deputy.get('/api/auth/me')).statusCode, 401);
    assert.equal((await new Client(t.app).login(account.username, account.password)).json().error.code, 'ACCOUNT_DISABLED');
    assert.equal((await pinggui.patch(`/api/deputies/${who}`, { version: res.json().version, active: true })).statusCode, 200);
    assert.equal((await new Client(t.app).login(account.username, account.password)).statusCode, 200);
  });

  it('rejects a bad phone and an unknown station on their fields, writing nothing', async () => {
    const before = await t.database.db.selectFrom('deputy').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const phone = await pinggui.post('/api/deputies', { name: '错号', gender: 'male', regionCode: county.code, phone: '12345678901' });
    assert.equal(phone.statusCode, 400);
    assert.deepEqual(phone.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['body.phone', 'PHONE_INVALID']]);
    assert.equal(phone.json().error.fields[0].message, '请输入正确的手机号码');
    const outside = (await make.station()).id;
    const station = await pinggui.post('/api/deputies', { name: '越站', gender: 'male', regionCode: county.code, stations: [{ stationId: outside, role: 'resident' }] });
    assert.equal(station.statusCode, 400);
    assert.deepEqual(station.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['stations.0.stationId', 'UNKNOWN_REFERENCE']]);
    const after = await t.database.db.selectFrom('deputy').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    assert.equal(await t.database.db.selectFrom('deputy').select('id').where('name', 'in', ['错号', '越站']).executeTakeFirst(), undefined);
  });

  it('edits a deputy (status to former), keeping memberships in stations the editor cannot see', async () => {
    const deputy = (await make.deputy({ stations: [{ id: (await make.station({ regionCode: town().code })).id }] })).id;
    const xiwan = (await make.station({ regionCode: county.towns[1]!.code })).id;
    const admin = await signIn(t.app, 'admin');
    // Add a membership in a station outside the county that its staff cannot see.
    const far = (await make.station()).id;
    const current = (await admin.get(`/api/deputies/${deputy}`)).json();
    const withFar = await admin.patch(`/api/deputies/${deputy}`, {
      version: current.version,
      stations: [...current.stations.map((s: { id: number; role: string }) => ({ stationId: s.id, role: s.role })), { stationId: far, role: 'resident' }],
    });
    assert.equal(withFar.statusCode, 200, withFar.body);
    const res = await pinggui.patch(`/api/deputies/${deputy}`, {
      version: withFar.json().version, status: 'former', specialLiaison: true, stations: [{ stationId: xiwan, role: 'head' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.status, 'former');
    assert.deepEqual(d.stations.map((s: { id: number; role: string }) => [s.id, s.role]).sort(), [[xiwan, 'head'], [far, 'resident']].sort());
    const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'deputy.update').where('entity_id', '=', String(deputy)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal((audit.before as { status: string }).status, 'current');
    assert.equal((audit.after as { status: string }).status, 'former');
  });
});
