/**
 * The registers, the performance archive and the public disclosure, from a month of work at the
 * 黄田镇 station entered through the API. The files are read back by tools that know nothing of
 * how they were made: exceljs and LibreOffice (converted to CSV) for Excel, pdftotext for PDF.
 * Without those tools the tests fail: scripts/install-system-deps.sh installs them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

const TOOLS_HINT = 'run scripts/install-system-deps.sh (libreoffice-calc, poppler-utils, fonts-noto-cjk)';

function run(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is not installed: ${TOOLS_HINT}`);
  if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

const KINDS = ['reception', 'visit', 'opinions', 'activities', 'training', 'deeds', 'roster', 'chronicle', 'mediation'] as const;
const MARCH = 'from=2026-03-01&to=2026-03-31';
const STATION = '平桂区黄田镇人大代表联络站';

describe('registers, archives and the public disclosure', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let clerk: Client;
  let yicheng: Client;
  let dir: string;
  const ids = { huangtian: 0, gonghe: 0, liangjun: 0, weixiulan: 0, huangzhiqiang: 0, chen: 0, mo: 0, wang: 0, water: 0, catWater: 0, catRoads: 0, catOther: 0 };
  let weixiulanDuties: string[] = [];

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const fieldCodes = (res: { json(): { error: { fields?: { path: string; code: string }[] } } }) => (res.json().error.fields ?? []).map((f) => `${f.path}:${f.code}`);
  const save = (name: string, body: Buffer) => { const file = path.join(dir, name); writeFileSync(file, body); return file; };
  /** The PDF's text with the spaces pdftotext's layout puts between glyphs taken out. */
  const pdfText = (file: string) => run('pdftotext', ['-layout', file, '-']).replace(/[ \t]+/g, '');
  const squeeze = (s: string) => s.replace(/\s+/g, '');

  before(async () => {
    // Fail at once, naming the fix, when the checking tools are missing.
    run('libreoffice', ['--version']);
    run('pdftotext', ['-v']);
    run('pdfinfo', ['-v']);
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-registers-'));
    t = await startTestApp();
    [admin, staff, officer, deputy, clerk, yicheng] = await Promise.all([
      signIn(t.app, 'admin'), signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'liangjun'), signIn(t.app, 'shuiliju'), signIn(t.app, 'yicheng'),
    ]);
    const db = t.database.db;
    const cat = async (code: string) => (await db.selectFrom('case_category').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    Object.assign(ids, {
      huangtian: await idOf(db, 'station', STATION), gonghe: await idOf(db, 'station', '平桂区黄田镇公和村人大代表联络点'),
      liangjun: await idOf(db, 'deputy', '梁俊华'), weixiulan: await idOf(db, 'deputy', '韦秀兰'), huangzhiqiang: await idOf(db, 'deputy', '黄志强'),
      chen: await idOf(db, 'deputy', '陈美玲'), mo: await idOf(db, 'deputy', '莫德光'), wang: await idOf(db, 'deputy', '王建华'),
      water: await idOf(db, 'unit', '贺州市平桂区水利局'), catWater: await cat('water'), catRoads: await cat('roads'), catOther: await cat('other'),
    });

    // March 2026 at 黄田镇: a rota of four Wednesdays, the first held by a reception day.
    ok(await officer.post(`/api/stations/${ids.huangtian}/rota`, { from: '2026-03-01', to: '2026-03-31' }), 201);
    const rota = ok(await staff.get(`/api/stations/${ids.huangtian}/rota?${MARCH}`)).json() as { days: { id: number; date: string; deputies: { id: number }[] }[] };
    const first = rota.days[0]!;
    assert.deepEqual(first.deputies.map((d) => d.id), [ids.liangjun], 'the head takes the first turn');
    weixiulanDuties = rota.days.filter((d) => d.deputies.some((x) => x.id === ids.weixiulan)).map((d) => d.date);

    const activity = async (client: Client, body: Record<string, unknown>) => ok(await client.post('/api/activities', { stationId: ids.huangtian, ...body }), 201).json<{ id: number }>().id;
    const present = (id: number) => ({ deputyId: id, attendance: 'present' });
    const reception = await activity(officer, {
      kind: 'reception', title: '三月接待日', startsAt: '2026-03-04T09:00:00+08:00', place: '黄田镇联络站接待室', rotaSlotId: first.id,
      participants: [present(ids.liangjun), { deputyId: ids.weixiulan, attendance: 'leave' }],
    });
    const [watery] = ok(await officer.post('/api/cases', {
      stationId: ids.huangtian, channel: 'reception', activityId: reception, receivedAt: '2026-03-04T10:00:00+08:00',
      items: [
        { categoryId: ids.catWater, content: '公和村水并片区尚未通自来水', name: '梁大哥', phone: '13977410000' },
        { categoryId: ids.catRoads, content: '村道路灯损坏' },
      ],
    }), 201).json<{ items: { id: number; trackingCode: string; queryKey: string }[] }>().items;
    for (const [client, action, body] of [
      [officer, 'accept', {}], [officer, 'assign', { unitId: ids.water }], [clerk, 'sign', {}], [clerk, 'reply', { comment: '已安排施工队铺设入户管道。' }],
      [officer, 'approve_reply', {}], [deputy, 'answer', { comment: '水利局已安排施工,下周通水。', mode: 'agreed_time' }],
    ] as const) ok(await client.post(`/api/cases/${watery!.id}/actions/${action}`, body));
    ok(await t.app.inject({ method: 'POST', url: `/api/public/opinions/${watery!.trackingCode}/rating?key=${watery!.queryKey}`, payload: { rating: 'satisfied' } }));

    const visit = await activity(deputy, { kind: 'visit', title: '走访公和村困难群众', startsAt: '2026-03-10T15:00:00+08:00', place: '公和村', summary: '了解到三户人家饮水困难' });
    ok(await deputy.post('/api/cases', {
      stationId: ids.huangtian, channel: 'visit', activityId: visit, receivedAt: '2026-03-10T16:00:00+08:00',
      items: [{ categoryId: ids.catWater, content: '三户人家饮水困难', name: '黄阿婆', phone: '13977430000' }],
    }), 201);
    ok(await officer.post('/api/cases', {
      stationId: ids.huangtian, deputyId: ids.liangjun, channel: 'phone', receivedAt: '2026-03-12T09:00:00+08:00',
      items: [{ categoryId: ids.catOther, content: '希望增设公交站点', name: '韦大姐', phone: '13977420000' }],
    }), 201);
    await activity(staff, {
      kind: 'training', title: '代表履职能力培训', startsAt: '2026-03-12T14:30:00+08:00',
      participants: [present(ids.liangjun), { deputyId: ids.weixiulan, attendance: 'absent' }, { deputyId: ids.huangzhiqiang, attendance: 'leave' }],
    });
    const campaign = ok(await staff.post('/api/campaigns', { name: '产业协同发展·代表在行动', regionCode: '451103', startsOn: '2026-03-15', endsOn: '2026-04-30' }), 201).json().id;
    await activity(staff, {
      kind: 'theme', title: '走进产业园', campaignId: campaign, startsAt: '2026-03-20T09:00:00+08:00', suggestionsMade: 2,
      participants: [ids.liangjun, ids.weixiulan, ids.huangzhiqiang, ids.chen, ids.mo].map(present),
    });
    // Outside the period: must not appear in March's registers.
    await activity(officer, { kind: 'reception', title: '四月接待日', startsAt: '2026-04-01T09:00:00+08:00', participants: [present(ids.liangjun)] });
    ok(await officer.post('/api/deeds', {
      stationId: ids.huangtian, deputyId: ids.liangjun, occurredOn: '2026-03-18', title: '协调解决水并片区通水', description: '多次走访并协调水利局,120 户群众通上自来水。',
    }), 201);
    ok(await officer.post('/api/chronicle', { stationId: ids.huangtian, occurredOn: '2026-03-01', title: '联络站完成规范化建设', body: '按照“八有一册六簿”要求完成升级。' }), 201);
  });
  after(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const register = async (client: Client, kind: string, format: 'xlsx' | 'pdf', query = `stationId=${ids.huangtian}&${MARCH}`) =>
    ok(await client.get(`/api/registers/${kind}.${format}?${query}`));

  /** The first worksheet's rows as plain text. */
  async function sheetRows(body: Buffer, sheet = 0): Promise<string[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const ws = workbook.worksheets[sheet]!;
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    return rows;
  }

  it('lists the nine registers with their labels', async () => {
    const list = ok(await deputy.get('/api/registers')).json() as { key: string; label: { zh: string }; periodic: boolean }[];
    assert.deepEqual(list.map((r) => r.key), [...KINDS]);
    assert.deepEqual(list.map((r) => r.label.zh), ['接待选民登记簿', '走访选民登记簿', '意见建议登记簿', '代表活动登记簿', '学习活动考勤簿', '先进事迹登记簿', '代表花名册', '人大工作大事记', '矛盾纠纷调解登记簿']);
    assert.equal(list.find((r) => r.key === 'roster')!.periodic, false);
    assert.equal((await clerk.get('/api/registers')).statusCode, 403);
  });

  it('writes every register as an Excel file with its title, place, period and Chinese headers', async () => {
    const expected: Record<(typeof KINDS)[number], string[]> = {
      reception: ['接待选民登记簿', '来访群众', '梁大哥', '13977410000', '公和村水并片区尚未通自来水', '水利局已安排施工,下周通水。', '村道路灯损坏', '匿名', '梁俊华'],
      visit: ['走访选民登记簿', '走访公和村困难群众', '三户人家饮水困难', '梁俊华'],
      opinions: ['意见建议登记簿', '反映人', '公和村水并片区尚未通自来水', '希望增设公交站点', '韦大姐', '13977420000', '满意', '贺州市平桂区水利局'],
      activities: ['代表活动登记簿', '代表履职能力培训', '走进产业园', '出席:梁俊华', '请假:黄志强'],
      training: ['学习活动考勤簿', '代表履职能力培训', '梁俊华', '黄志强', '韦秀兰'],
      deeds: ['先进事迹登记簿', '协调解决水并片区通水', '梁俊华', '蒙工'],
      roster: ['代表花名册', '梁俊华', '韦秀兰', '13907741002', '站长', '壮族'],
      chronicle: ['人大工作大事记', '联络站完成规范化建设', '主题活动:产业协同发展·代表在行动', '主题活动:走进产业园'],
      mediation: ['矛盾纠纷调解登记簿', '本期没有受理矛盾纠纷调解'],
    };
    for (const kind of KINDS) {
      const res = await register(officer, kind, 'xlsx');
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), new RegExp(`filename="register-${kind}-station-${ids.huangtian}\\.xlsx"`));
      const rows = await sheetRows(res.rawPayload);
      assert.equal(rows[0]![0], expected[kind][0], `${kind}: title row`);
      assert.ok(rows[1]![0]!.startsWith(STATION), `${kind}: place row`);
      assert.ok(rows[1]![0]!.includes(kind === 'roster' ? '截至' : '2026-03-01 至 2026-03-31'), `${kind}: period`);
      const text = rows.flat().join('\n');
      for (const s of expected[kind]) assert.ok(text.includes(s), `${kind}: “${s}” in\n${text}`);
      assert.ok(!text.includes('四月接待日'), `${kind}: nothing outside the period`);
      save(`${kind}.xlsx`, res.rawPayload);
    }
    // The training register's second sheet: each deputy's attendance.
    const totals = await sheetRows((await register(officer, 'training', 'xlsx')).rawPayload, 1);
    assert.deepEqual(totals[2], ['序号', '代表', '应参加(次)', '出席', '请假', '缺席', '出勤率']);
    assert.deepEqual(totals.slice(3).map((r) => r.slice(1, 6)), [['梁俊华', '1', '1', '0', '0'], ['韦秀兰', '1', '0', '0', '1'], ['黄志强', '1', '0', '1', '0']]);

    // LibreOffice opens each file: its CSV carries the same Chinese text.
    const profile = path.join(dir, 'lo-profile');
    run('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir', dir, ...KINDS.map((k) => path.join(dir, `${k}.xlsx`))]);
    for (const kind of KINDS) {
      const csv = parse(readFileSync(path.join(dir, `${kind}.csv`), 'utf8'), { relaxColumnCount: true }) as string[][];
      assert.equal(csv[0]![0], expected[kind][0], `${kind}: LibreOffice reads the title`);
      const text = csv.flat().join('\n');
      for (const s of expected[kind]) assert.ok(text.includes(s), `${kind}: LibreOffice reads “${s}”`);
    }
  });

  it('prints every register as an A4 landscape PDF with real Chinese text', async () => {
    const expected: Record<(typeof KINDS)[number], string[]> = {
      reception: ['接待选民登记簿', '梁俊华', '公和村水并片区尚未通自来水'],
      visit: ['走访选民登记簿', '梁俊华', '三户人家饮水困难'],
      opinions: ['意见建议登记簿', '希望增设公交站点', '公和村水并片区尚未通自来水'],
      activities: ['代表活动登记簿', '梁俊华', '代表履职能力培训'],
      training: ['学习活动考勤簿', '代表出勤汇总', '韦秀兰'],
      deeds: ['先进事迹登记簿', '梁俊华', '协调解决水并片区通水'],
      roster: ['代表花名册', '梁俊华', '黄志强'],
      chronicle: ['人大工作大事记', '联络站完成规范化建设', '走进产业园'],
      mediation: ['矛盾纠纷调解登记簿', '本期没有受理矛盾纠纷调解'],
    };
    for (const kind of KINDS) {
      const res = await register(officer, kind, 'pdf');
      assert.equal(res.headers['content-type'], 'application/pdf');
      const file = save(`${kind}.pdf`, res.rawPayload);
      assert.match(run('pdfinfo', [file]), /Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
      const text = pdfText(file);
      for (const s of [STATION, '第 1 页 / 共', ...expected[kind]]) assert.ok(text.includes(squeeze(s)), `${kind}: “${s}” in\n${text}`);
    }
  });

  it('masks personal data exactly as the API does for the reader', async () => {
    // liangjun is a deputy of the station: the walk-in's name and phone are masked for him, those
    // of the caller who asked for him by name are not; other deputies' phones are masked.
    const opinions = (await sheetRows((await register(deputy, 'opinions', 'xlsx')).rawPayload)).flat().join('\n');
    assert.ok(opinions.includes('梁**') && opinions.includes('139****0000'), opinions);
    assert.ok(!opinions.includes('梁大哥') && !opinions.includes('13977410000'));
    assert.ok(opinions.includes('韦大姐') && opinions.includes('13977420000'), 'the case addressed to him');
    const reception = pdfText(save('reception-deputy.pdf', (await register(deputy, 'reception', 'pdf')).rawPayload));
    assert.ok(reception.includes('梁**') && !reception.includes('13977410000'));
    const roster = (await sheetRows((await register(deputy, 'roster', 'xlsx')).rawPayload)).flat().join('\n');
    assert.ok(roster.includes('13907741001'), 'his own phone');
    assert.ok(roster.includes('139****1002') && !roster.includes('13907741002'), 'a colleague\'s phone is masked');
    // The station's officer handles the cases: in full.
    const full = (await sheetRows((await register(officer, 'opinions', 'xlsx')).rawPayload)).flat().join('\n');
    assert.ok(full.includes('梁大哥') && full.includes('13977410000') && full.includes('黄阿婆'));
  });

  it('keeps to the reader\'s region: another county answers 404, a region register is for its staff', async () => {
    const yc = await yicheng.get(`/api/registers/opinions.xlsx?stationId=${ids.huangtian}&${MARCH}`);
    assert.equal(yc.statusCode, 404);
    assert.equal(yc.body, (await yicheng.get(`/api/registers/opinions.xlsx?stationId=999999&${MARCH}`)).body, 'like a missing station');
    assert.equal((await yicheng.get('/api/registers/roster.pdf?regionCode=451103')).statusCode, 404);
    assert.equal((await deputy.get('/api/registers/roster.xlsx?regionCode=451103')).statusCode, 404);
    assert.equal((await clerk.get(`/api/registers/roster.xlsx?stationId=${ids.huangtian}`)).statusCode, 403);

    const district = await sheetRows((await register(staff, 'roster', 'xlsx', 'regionCode=451103')).rawPayload);
    assert.ok(district[1]![0]!.startsWith('广西壮族自治区贺州市平桂区'));
    const stations = new Set(district.slice(3).map((r) => r[8]));
    assert.ok(stations.has(STATION) && stations.has('平桂区黄田镇公和村人大代表联络点') && stations.has('平桂区公会镇代表法庭联络室'));
    assert.ok(![...stations].some((s) => s?.startsWith('宜城市')));
    const regionOpinions = (await sheetRows((await register(staff, 'opinions', 'xlsx', `regionCode=451103&${MARCH}`)).rawPayload)).flat().join('\n');
    assert.ok(regionOpinions.includes('公和村水并片区尚未通自来水'));
    ok(await admin.get(`/api/registers/opinions.xlsx?regionCode=420684&${MARCH}`));
  });

  it('refuses an unclear place or a backwards period, and tells a server without the font to install one', async () => {
    assert.deepEqual(fieldCodes(await staff.get(`/api/registers/roster.xlsx?stationId=${ids.huangtian}&regionCode=451103`)), ['regionCode:PLACE_REQUIRED']);
    assert.deepEqual(fieldCodes(await staff.get('/api/registers/roster.xlsx')), ['stationId:PLACE_REQUIRED']);
    assert.deepEqual(fieldCodes(await staff.get(`/api/registers/visit.xlsx?stationId=${ids.huangtian}&from=2026-03-31&to=2026-03-01`)), ['querystring.to:ENDS_BEFORE_START']);
    const noFont = await startTestApp({ posterFont: path.join(dir, 'no-such-font.ttc') });
    try {
      const client = await signIn(noFont.app, 'pinggui');
      const pdf = await client.get(`/api/registers/roster.pdf?stationId=${ids.huangtian}`);
      assert.equal(pdf.statusCode, 503);
      assert.equal(pdf.json().error.code, 'PDF_FONT_MISSING');
      assert.match(pdf.json().error.message, /fonts-noto-cjk/);
      ok(await client.get(`/api/registers/roster.xlsx?stationId=${ids.huangtian}`));
    } finally {
      await noFont.close();
    }
  });

  it('records deeds and chronicle entries with their audit records, for the station\'s own deputies only', async () => {
    const deed = ok(await staff.post('/api/deeds', { stationId: ids.gonghe, deputyId: ids.huangzhiqiang, occurredOn: '2026-03-22', title: '义诊 200 人次' }), 201).json();
    assert.deepEqual([deed.station.name, deed.deputy.name, deed.recordedBy], ['平桂区黄田镇公和村人大代表联络点', '黄志强', '平桂区人大常委会 韦工']);
    assert.deepEqual(fieldCodes(await officer.post('/api/deeds', { stationId: ids.huangtian, deputyId: ids.wang, occurredOn: '2026-03-22', title: 'x' })), ['deputyId:NOT_STATION_DEPUTY']);
    assert.equal((await deputy.post('/api/deeds', { stationId: ids.huangtian, deputyId: ids.liangjun, occurredOn: '2026-03-22', title: '自夸' })).statusCode, 403);
    const listed = ok(await deputy.get(`/api/deeds?stationId=${ids.huangtian}`)).json().items as { title: string }[];
    assert.deepEqual(listed.map((d) => d.title), ['协调解决水并片区通水']);

    const entry = ok(await staff.post('/api/chronicle', { regionCode: '451103', occurredOn: '2026-03-05', title: '区人大常委会部署代表联络站年度工作' }), 201).json();
    assert.deepEqual([entry.station, entry.region.code], [null, '451103']);
    assert.deepEqual(fieldCodes(await officer.post('/api/chronicle', { regionCode: '451103', occurredOn: '2026-03-05', title: 'x' })), ['regionCode:NOT_IN_SCOPE']);
    assert.deepEqual(fieldCodes(await staff.post('/api/chronicle', { stationId: ids.huangtian, regionCode: '451103', occurredOn: '2026-03-05', title: 'x' })), ['regionCode:PLACE_REQUIRED']);
    const district = (await sheetRows((await register(staff, 'chronicle', 'xlsx', `regionCode=451103&${MARCH}`)).rawPayload)).flat().join('\n');
    assert.ok(district.includes('区人大常委会部署代表联络站年度工作') && district.includes('联络站完成规范化建设'));
    const station = (await sheetRows((await register(officer, 'chronicle', 'xlsx')).rawPayload)).flat().join('\n');
    assert.ok(!station.includes('区人大常委会部署代表联络站年度工作'), 'a station\'s chronicle has its own entries');

    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['deed.create', 'chronicle.create']).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['chronicle.create', 'chronicle.create', 'deed.create', 'deed.create']);
  });

  it('builds a deputy\'s archive from the month\'s records', async () => {
    const archive = ok(await deputy.get(`/api/deputies/${ids.liangjun}/archive?${MARCH}`)).json();
    assert.equal(archive.deputy.name, '梁俊华');
    assert.deepEqual(archive.deputy.levels.map((l: { label: { zh: string }; term: number }) => `${l.label.zh}${l.term}`), ['县(区)人大代表4', '乡镇人大代表13'], 'the seats held now: re-elected at 黄田镇\'s 换届');
    const s = archive.summary;
    assert.deepEqual([s.activities.expected, s.activities.present, s.activities.leave, s.activities.absent], [4, 4, 0, 0]);
    assert.deepEqual(s.activities.byKind.map((k: { kind: string; count: number }) => `${k.kind}:${k.count}`), ['reception:1', 'visit:1', 'training:1', 'theme:1']);
    assert.deepEqual(s.receptionDays, { total: 1, held: 1, missed: 0, cancelled: 0, scheduled: 0 });
    assert.deepEqual(s.opinions, {
      total: 4, addressed: 1, answeredByDeputy: 1, collectedAtActivities: 3, answered: 1,
      rated: 1, satisfied: 1, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: 1,
    });
    assert.equal(s.campaigns, 1);
    assert.equal(typeof s.points.total, 'number');
    assert.deepEqual(archive.activities.map((a: { title: string }) => a.title), ['三月接待日', '走访公和村困难群众', '代表履职能力培训', '走进产业园']);

    const colleague = ok(await staff.get(`/api/deputies/${ids.weixiulan}/archive?${MARCH}`)).json().summary;
    assert.deepEqual([colleague.activities.expected, colleague.activities.present, colleague.activities.leave, colleague.activities.absent], [3, 1, 1, 1]);
    assert.equal(colleague.receptionDays.total, weixiulanDuties.length);
    assert.equal(colleague.receptionDays.missed, weixiulanDuties.length, 'her Wednesdays passed without a reception');
    assert.equal(colleague.opinions.total, 0);

    assert.equal((await deputy.get(`/api/deputies/${ids.weixiulan}/archive`)).statusCode, 404, 'a deputy reads their own archive only');
    assert.equal((await yicheng.get(`/api/deputies/${ids.liangjun}/archive`)).statusCode, 404);

    const pdf = ok(await deputy.get(`/api/deputies/${ids.liangjun}/archive.pdf?${MARCH}`));
    const text = pdfText(save('archive.pdf', pdf.rawPayload));
    for (const x of ['人大代表履职档案', '梁俊华', '走进产业园', '公和村水并片区尚未通自来水', '第 1 页 / 共']) assert.ok(text.includes(squeeze(x)), `archive: “${x}”`);
  });

  it('discloses counts to the public, without phones, constituents or case texts', async () => {
    const res = ok(await t.app.inject({ method: 'GET', url: `/api/public/deputies/${ids.liangjun}/disclosure` }));
    const d = res.json();
    assert.equal(d.name, '梁俊华');
    assert.equal(d.activities.total, 5, 'March\'s four and April\'s reception');
    assert.equal(d.receptionDaysHeld, 1);
    assert.deepEqual([d.opinions.collected, d.opinions.answered, d.opinions.rated, d.opinions.satisfactionRate], [4, 1, 1, 1]);
    assert.equal(d.campaigns, 1);
    const raw = res.body;
    assert.ok(!/1\d{10}/.test(raw) && !/\d{3}\*{4}\d{4}/.test(raw), 'no phone number, full or masked');
    for (const secret of ['梁大哥', '韦大姐', '黄阿婆', '公和村水并片区尚未通自来水', '希望增设公交站点', '出席', '缺席', '请假']) {
      assert.ok(!raw.includes(secret), `“${secret}” is not public`);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/public/deputies/999999/disclosure' })).statusCode, 404);
  });
});
