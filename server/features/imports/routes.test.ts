import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { PROJECT_ROOT } from '../../platform/config.js';
import { COLUMNS } from '../../platform/tables/columns.js';
import { IMPORT_ROW_ERRORS } from '../../platform/tables/rowErrors.js';
import { IMPORT_LIMITS } from '../../platform/tables/stage.js';
import { csvBuffer, roster, uploadImport, writeXlsxFile, xlsxBuffer, type Rows } from '../../testing/importFiles.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

interface Batch { id: number; status: string; totalRows: number; errorRows: number; errorCount: number; createdCount: number; columns: { header: string; field: string | null; ignored?: string }[]; failure: { code: string; message: string } | null }
interface RowView { row: number; data: Record<string, unknown>; errors: { column: string; code: string; message: string; value?: string }[] }

const HUANGTIAN_STATION = '平桂区黄田镇人大代表联络站';
const GONGHE_POINT = '平桂区黄田镇公和村人大代表联络点';

describe('imports', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  const db = () => t.database.db;
  const count = async (table: 'deputy' | 'station') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function rowsOf(client: Client, kind: 'deputies' | 'stations', id: number, errorsOnly = false): Promise<RowView[]> {
    const all: RowView[] = [];
    let cursor: string | null = null;
    do {
      const res = await client.get(`/api/imports/${kind}/${id}/rows?limit=200${errorsOnly ? '&errors=true' : ''}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json<{ items: RowView[]; nextCursor: string | null }>();
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  async function stationBody(name: string, region = '451103101') {
    const res = await admin.post('/api/stations', { name, type: 'point', tier: 'village_point', homeRegionCode: region });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ id: number }>().id;
  }

  before(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, 'admin');
    staff = await signIn(t.app, 'pinggui');
  });
  after(() => t.close());

  it('serves a template whose headers it recognises, and refuses it empty', async () => {
    for (const kind of ['deputies', 'stations'] as const) {
      const res = await staff.get(`/api/imports/${kind}/template.xlsx`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const headers = (workbook.worksheets[0]!.getRow(1).values as string[]).slice(1);
      assert.deepEqual(headers, COLUMNS[kind].map((c) => c.header));
      assert.equal(workbook.worksheets[1]!.name, '填写说明');
      const { res: upload } = await uploadImport(staff, kind, res.rawPayload, '模板.xlsx');
      assert.equal(upload.statusCode, 400, upload.body);
      assert.equal(upload.json().error.code, 'IMPORT_FILE_EMPTY');
    }
  });

  it('maps header variants in any order, in .xlsx and in CSV of every usual encoding', async () => {
    const header = ['序号', '联系电话', '代表姓名', '性别', '级别', '届别', '区划', '进站', '职责', '出生日期', '党派/政治面貌'];
    const rows = (tag: string): Rows => [
      ['平桂区人大代表花名册'],
      [],
      header,
      [1, '139 0000 1001', `王${tag}一`, '男', '县(区)人大代表、乡镇', '第四届、第十二届', '黄田镇', `${HUANGTIAN_STATION}、${GONGHE_POINT}`, '站长、驻站代表', '1968-05-01', '中共党员'],
      [2, '+86 13900001002', `李 ${tag}`, '女', '乡镇', '十二', '451103104', '', '', '1980.7', '群众'],
    ];
    const files: [string, Buffer, string][] = [
      ['x', await xlsxBuffer(rows('甲')), '花名册.xlsx'],
      ['u', csvBuffer(rows('乙'), 'utf8-bom'), '花名册.csv'],
      ['g', csvBuffer(rows('丙'), 'gb18030'), '花名册(GBK).csv'],
      ['t', csvBuffer(rows('丁'), 'utf8', '\t'), '花名册.txt'],
    ];
    const before = await count('deputy');
    for (const [suffix, file, filename] of files) {
      const tag = { x: '甲', u: '乙', g: '丙', t: '丁' }[suffix]!;
      const { id, res } = await uploadImport(staff, 'deputies', file, filename);
      assert.equal(res.statusCode, 200, `${filename}: ${res.body}`);
      const batch = res.json<Batch>();
      assert.equal(batch.status, 'ready', filename);
      assert.equal(batch.totalRows, 2, filename);
      assert.equal(batch.errorRows, 0, `${filename}: ${JSON.stringify(await rowsOf(staff, 'deputies', id, true))}`);
      assert.deepEqual(batch.columns.filter((c) => c.field === null).map((c) => c.header), ['序号'], filename);
      const [first, second] = await rowsOf(staff, 'deputies', id);
      assert.equal(first!.row, 4, 'the row number as the sheet shows it');
      assert.equal(first!.data.name, `王${tag}一`);
      assert.equal(first!.data.phone, '13900001001');
      assert.equal(first!.data.birthYear, 1968);
      assert.deepEqual(first!.data.levels, [{ level: 'county', term: 4, regionCode: '451103' }, { level: 'township', term: 12, regionCode: '451103101' }]);
      assert.deepEqual((first!.data.stations as { role: string }[]).map((s) => s.role), ['head', 'resident']);
      assert.equal(second!.data.name, `李${tag}`, 'padding inside a Chinese name is dropped');
      assert.equal(second!.data.phone, '13900001002');
      assert.equal((second!.data.region as { name: string }).name, '公会镇');
      const commit = await staff.post(`/api/imports/deputies/${id}/commit`);
      assert.equal(commit.statusCode, 200, commit.body);
      assert.equal(commit.json<Batch>().status, 'committed');
      assert.equal(commit.json<Batch>().createdCount, 2);
    }
    assert.equal(await count('deputy'), before + 8);
    const found = await staff.get(`/api/deputies?q=${encodeURIComponent('王丙一')}`);
    const [deputy] = found.json<{ items: { id: number }[] }>().items;
    const detail = (await staff.get(`/api/deputies/${deputy!.id}`)).json();
    assert.equal(detail.party, '中共党员');
    assert.equal(detail.gender, 'male');
    assert.deepEqual(detail.stations.map((s: { name: string; role: string }) => [s.name, s.role]), [[HUANGTIAN_STATION, 'head'], [GONGHE_POINT, 'resident']]);
  });

  it('reports every kind of row error, by row and column, and commits nothing', async () => {
    const inactive = await stationBody('停用测试站');
    assert.equal((await admin.post(`/api/stations/${inactive}/deactivate`)).statusCode, 200);
    await stationBody('重名站');
    await stationBody('重名站', '451103104');
    const header = ['姓名', '性别', '出生年月', '手机号码', '代表层级', '届次', '所属区划', '所在联络站', '站内职责', '代表状态', '专业领域'];
    const ok = ['甲一', '男', '1970', '13800000001', '乡镇', '十二', '黄田镇', HUANGTIAN_STATION, '站长', '现届', '农业'];
    const vary = (i: number, v: string | number) => ok.map((c, j) => (j === i ? v : c));
    const rows: Rows = [
      header,
      ok,                                                                   // 2
      vary(0, ''),                                                          // 3 REQUIRED
      [...vary(0, '乙二').slice(0, 1), '未知', ...ok.slice(2)],             // 4 GENDER_INVALID
      [...vary(0, '丙三').slice(0, 2), '不详', '13800000005', ...ok.slice(4)], // 5 BIRTH_YEAR_INVALID
      [...vary(0, '丁四').slice(0, 3), '1380000', ...ok.slice(4)],          // 6 PHONE_INVALID
      [...vary(0, '戊五').slice(0, 3), '13800000007', '村级', ...ok.slice(5)], // 7 LEVEL_UNKNOWN
      [...vary(0, '己六').slice(0, 3), '13800000008', '县、乡镇', '第几届', ...ok.slice(6)], // 8 TERM_INVALID
      [...vary(0, '庚七').slice(0, 3), '13800000009', '乡镇', '十二', '平桂区', ...ok.slice(7)], // 9 LEVEL_REGION_MISMATCH
      [...vary(0, '辛八').slice(0, 3), '13800000010', '乡镇', '十二', '雷河镇', '', '', '现届', ''], // 10 REGION_UNKNOWN
      [...vary(0, '壬九').slice(0, 3), '13800000011', '乡镇', '十二', '黄田镇', '宜城市雷河镇人大代表中心联络站', '', '现届', ''], // 11 STATION_UNKNOWN
      [...vary(0, '癸十').slice(0, 3), '13800000012', '乡镇', '十二', '黄田镇', '停用测试站', '', '现届', ''], // 12 STATION_INACTIVE
      [...vary(0, '子一').slice(0, 3), '13800000013', '乡镇', '十二', '黄田镇', '重名站', '', '现届', ''], // 13 STATION_AMBIGUOUS
      [...vary(0, '丑二').slice(0, 3), '13800000014', '乡镇', '十二', '黄田镇', HUANGTIAN_STATION, '主任', '现届', ''], // 14 ROLE_UNKNOWN
      [...vary(0, '寅三').slice(0, 3), '13800000015', '乡镇', '十二', '黄田镇', '', '', '候补', ''], // 15 STATUS_UNKNOWN
      [...vary(0, '卯四').slice(0, 3), '13800000016', '乡镇', '十二', '黄田镇', '', '', '现届', '一二三四五六七八九十一二三四五六七八九十一'], // 16 TOO_LONG
      [...vary(0, '辰五').slice(0, 3), '13800000017', '乡镇', '十二', '黄田镇', '', '', '现届', Array.from({ length: 21 }, (_, i) => `标签${i}`).join('、')], // 17 TOO_MANY
      [...vary(0, '甲一').slice(0, 3), '13800000018', ...ok.slice(4)],      // 18 DUPLICATE_IN_FILE (name + year of row 2)
      ['梁俊华', '男', '', '13907741001', '', '', '黄田镇', '', '', '', ''], // 19 DUPLICATE_EXISTING
      ['巳六', '', '', '', '', '', '', '', '', '', ''],                     // 20 REQUIRED gender; region defaults to 平桂区
    ];
    const expected: Record<number, [string, string]> = {
      3: ['REQUIRED', '姓名'], 4: ['GENDER_INVALID', '性别'], 5: ['BIRTH_YEAR_INVALID', '出生年月'], 6: ['PHONE_INVALID', '手机号码'],
      7: ['LEVEL_UNKNOWN', '代表层级'], 8: ['TERM_INVALID', '届次'], 9: ['LEVEL_REGION_MISMATCH', '代表层级'], 10: ['REGION_UNKNOWN', '所属区划'],
      11: ['STATION_UNKNOWN', '所在联络站'], 12: ['STATION_INACTIVE', '所在联络站'], 13: ['STATION_AMBIGUOUS', '所在联络站'],
      14: ['ROLE_UNKNOWN', '站内职责'], 15: ['STATUS_UNKNOWN', '代表状态'], 16: ['TOO_LONG', '专业领域'], 17: ['TOO_MANY', '专业领域'],
      18: ['DUPLICATE_IN_FILE', '姓名'], 19: ['DUPLICATE_EXISTING', '姓名'], 20: ['REQUIRED', '性别'],
    };
    const before = await count('deputy');
    const { id, res } = await uploadImport(staff, 'deputies', await xlsxBuffer(rows), '有错误的花名册.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const batch = res.json<Batch>();
    assert.equal(batch.status, 'ready');
    assert.equal(batch.totalRows, 19);
    assert.equal(batch.errorRows, Object.keys(expected).length);
    const withErrors = await rowsOf(staff, 'deputies', id, true);
    assert.deepEqual(withErrors.map((r) => r.row), Object.keys(expected).map(Number));
    for (const r of withErrors) {
      const [code, column] = expected[r.row]!;
      const error = r.errors.find((e) => e.code === code);
      assert.ok(error, `row ${r.row}: ${code} in ${JSON.stringify(r.errors)}`);
      assert.equal(error.column, column, `row ${r.row}`);
      assert.match(error.message, /[\u4e00-\u9fff]/, `row ${r.row}: a Chinese message`);
    }
    assert.equal(withErrors.find((r) => r.row === 18)!.errors[0]!.message, '与第 2 行重复');
    assert.match(withErrors.find((r) => r.row === 6)!.errors[0]!.message, /1380000/);
    const all = await rowsOf(staff, 'deputies', id);
    assert.equal(all.find((r) => r.row === 20)!.data.region && (all.find((r) => r.row === 20)!.data.region as { code: string }).code, '451103',
      'a blank region is the importer\'s own');

    // The same file in English.
    const english = new Client(t.app, 'en');
    await english.login('pinggui');
    const en = await english.get(`/api/imports/deputies/${id}/rows?errors=true&limit=1`);
    assert.equal(en.json<{ items: RowView[] }>().items[0]!.errors[0]!.message, 'This column is required');

    const refused = await staff.post(`/api/imports/deputies/${id}/commit`);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'IMPORT_HAS_ERRORS');
    assert.equal(await count('deputy'), before);

    // An administrator's scope is the whole country: a town name shared by many counties is ambiguous.
    const { id: adminBatch } = await uploadImport(admin, 'deputies', await xlsxBuffer([['姓名', '性别', '所属区划'], ['午七', '男', '城关镇']]));
    const [ambiguous] = await rowsOf(admin, 'deputies', adminBatch, true);
    assert.equal(ambiguous!.errors[0]!.code, 'REGION_AMBIGUOUS');
  });

  it('refuses names a spreadsheet would run as formulas (=HYPERLINK…), in rosters and station lists, CSV or .xlsx', async () => {
    const formulas = ['=HYPERLINK("http://evil.example/x","点此查看")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)'];
    const roster: Rows = [['姓名', '性别', '所属区划'], ...formulas.map((f) => [f, '男', '黄田镇']), ['王 芳', '女', '黄田镇']];
    const stations: Rows = [['站点名称', '类型', '层级', '所在区划'], ...formulas.map((f) => [f, '联络点', '村级', '黄田镇']), ['公式测试联络点', '联络点', '村级', '黄田镇']];
    for (const [kind, rows] of [['deputies', roster], ['stations', stations]] as const) {
      for (const [file, name] of [[csvBuffer(rows), '名单.csv'], [await xlsxBuffer(rows), '名单.xlsx']] as const) {
        const { id, res } = await uploadImport(staff, kind, file, name);
        assert.equal(res.statusCode, 200, res.body);
        const refused = await rowsOf(staff, kind, id, true);
        assert.deepEqual(refused.map((r) => [r.row, r.errors.map((e) => e.code)]), formulas.map((_, i) => [i + 2, ['FORMULA_TEXT']]), `${kind} ${name}`);
        assert.equal(refused[0]!.errors[0]!.message, `名称“${formulas[0]}”不能以 = + - @ 开头(表格软件会把它当作公式执行)`);
        assert.equal(refused[0]!.errors[0]!.column, kind === 'deputies' ? '姓名' : '站点名称');
      }
    }
  });

  it('covers every row error code in the tests', () => {
    const tested = ['REQUIRED', 'TOO_LONG', 'TOO_MANY', 'GENDER_INVALID', 'BIRTH_YEAR_INVALID', 'PHONE_INVALID', 'LEVEL_UNKNOWN', 'TERM_INVALID',
      'LEVEL_REGION_MISMATCH', 'REGION_UNKNOWN', 'REGION_AMBIGUOUS', 'STATION_UNKNOWN', 'STATION_AMBIGUOUS', 'STATION_INACTIVE', 'ROLE_UNKNOWN',
      'STATUS_UNKNOWN', 'TYPE_UNKNOWN', 'TIER_UNKNOWN', 'PARENT_UNKNOWN', 'DUPLICATE_IN_FILE', 'DUPLICATE_EXISTING',
      // Member enterprises of an industry contact point: server/features/industry/import.test.ts.
      'CREDIT_CODE_INVALID', 'TELEPHONE_INVALID', 'FORMULA_TEXT'];
    assert.deepEqual([...tested].sort(), Object.keys(IMPORT_ROW_ERRORS).sort());
  });

  it('imports a station list, parents from earlier rows included, and reports its row errors', async () => {
    const header = ['站点名称', '类型', '层级', '上级站点', '所在区划', '地址', '电话', '开放时间', '简介'];
    const good: Rows = [
      header,
      ['鹅塘镇人大代表联络站', '联络站', '镇(街道)中心站', '', '鹅塘镇', '鹅塘镇政府', '0774-1234567', '工作日', ''],
      ['鹅塘镇明梅村联络点', '联络点', '村(社区)联络点', '鹅塘镇人大代表联络站', '451103102', '明梅村委', '', '', ''],
      ['黄田镇新村联络点', '联络点', '村级', HUANGTIAN_STATION, '黄田镇', '', '', '', '村级联络点'],
    ];
    const before = await count('station');
    const { id, res } = await uploadImport(staff, 'stations', await xlsxBuffer(good), '站点.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<Batch>().errorRows, 0, JSON.stringify(await rowsOf(staff, 'stations', id, true)));
    const commit = await staff.post(`/api/imports/stations/${id}/commit`);
    assert.equal(commit.statusCode, 200, commit.body);
    assert.equal(await count('station'), before + 3);
    const point = await db().selectFrom('station as s').innerJoin('station as p', 'p.id', 's.parent_id')
      .select(['p.name as parent', 's.home_region_code']).where('s.name', '=', '鹅塘镇明梅村联络点').executeTakeFirstOrThrow();
    assert.deepEqual(point, { parent: '鹅塘镇人大代表联络站', home_region_code: '451103102' });
    const audit = await db().selectFrom('audit_log').select(['action']).where('action', 'in', ['station.import', 'station.create'])
      .orderBy('id', 'desc').limit(4).execute();
    assert.deepEqual(audit.map((a) => a.action), ['station.create', 'station.create', 'station.create', 'station.import']);

    const bad: Rows = [
      header,
      ['水口镇联络站', '驿站', '镇级', '', '水口镇'],                          // 2 TYPE_UNKNOWN
      ['望高镇联络站', '联络站', '省级', '', '望高镇'],                        // 3 TIER_UNKNOWN
      ['羊头镇联络点', '联络点', '村级', '羊头镇联络站', '羊头镇'],            // 4 PARENT_UNKNOWN (named by a later row)
      ['羊头镇联络站', '联络站', '镇级', '', '羊头镇'],                        // 5 fine
      ['羊头镇联络站', '联络站', '镇级', '', '羊头镇'],                        // 6 DUPLICATE_IN_FILE
      [HUANGTIAN_STATION, '中心站', '镇级', '', '黄田镇'],                     // 7 DUPLICATE_EXISTING
      ['雷河镇联络点', '联络点', '村级', '', '雷河镇'],                        // 8 REGION_UNKNOWN (宜城)
      ['无区划站', '联络点', '村级', '', ''],                                  // 9 REQUIRED
      ['长'.repeat(101), '联络点', '村级', '', '黄田镇'],                      // 10 TOO_LONG
    ];
    const { id: badId } = await uploadImport(staff, 'stations', await xlsxBuffer(bad));
    const errors = await rowsOf(staff, 'stations', badId, true);
    assert.deepEqual(errors.map((r) => [r.row, r.errors.map((e) => e.code)]), [
      [2, ['TYPE_UNKNOWN']], [3, ['TIER_UNKNOWN']], [4, ['PARENT_UNKNOWN']], [6, ['DUPLICATE_IN_FILE']], [7, ['DUPLICATE_EXISTING']],
      [8, ['REGION_UNKNOWN']], [9, ['REQUIRED']], [10, ['TOO_LONG']],
    ]);
  });

  it('writes what createDeputy writes, with one import record and the audit chain intact', async () => {
    const row = ['未八', '女', '壮', '中国民主同盟盟员', '1981年2月', '13811112222', '县(区)、乡镇', '第四届、第十二届', '黄田镇', '第二选区',
      '黄田镇卫生院医生', '医疗、教育', `${GONGHE_POINT}、${HUANGTIAN_STATION}`, '联络员、驻站代表', '公和村第2网格', '现届'];
    const header = ['姓名', '性别', '民族', '政治面貌', '出生年月', '手机号码', '代表层级', '届次', '所属区划', '选区', '工作单位及职务', '专业领域', '所在联络站', '站内职责', '网格', '代表状态'];
    const { id } = await uploadImport(staff, 'deputies', await xlsxBuffer([header, row]));
    const commit = await staff.post(`/api/imports/deputies/${id}/commit`);
    assert.equal(commit.statusCode, 200, commit.body);
    const gonghe = await idOf(db(), 'station', GONGHE_POINT);
    const huangtian = await idOf(db(), 'station', HUANGTIAN_STATION);
    const byHand = await staff.post('/api/deputies', {
      name: '申九', gender: 'female', ethnicity: '壮族', party: '中国民主同盟盟员', birthYear: 1981, phone: '13811113333',
      regionCode: '451103101', constituency: '第二选区', occupation: '黄田镇卫生院医生', professionTags: ['医疗', '教育'], gridCell: '公和村第2网格',
      levels: [{ level: 'county', term: 4, regionCode: '451103' }, { level: 'township', term: 12, regionCode: '451103101' }],
      stations: [{ stationId: gonghe, role: 'liaison' }, { stationId: huangtian, role: 'resident' }],
    });
    assert.equal(byHand.statusCode, 201, byHand.body);
    const imported = await idOf(db(), 'deputy', '未八');
    const afterOf = async (entityId: number) => (await db().selectFrom('audit_log').select('after')
      .where('action', '=', 'deputy.create').where('entity_id', '=', String(entityId)).executeTakeFirstOrThrow()).after as Record<string, unknown>;
    const strip = (a: Record<string, unknown>) => {
      const { id: _id, name: _n, name_pinyin: _p, name_initials: _i, phone: _ph, created_at: _c, updated_at: _u, ...rest } = a;
      return rest;
    };
    assert.deepEqual(strip(await afterOf(imported)), strip(await afterOf(byHand.json().id)));
    const a = (await staff.get(`/api/deputies/${imported}`)).json();
    const b = byHand.json();
    for (const key of ['gender', 'ethnicity', 'party', 'birthYear', 'status', 'constituency', 'occupation', 'professionTags', 'gridCell', 'levels', 'stations', 'region']) {
      assert.deepEqual(a[key], b[key], key);
    }
    const summary = await db().selectFrom('audit_log').select(['entity_type', 'entity_id', 'after']).where('action', '=', 'deputy.import')
      .orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(summary, { entity_type: 'import_batch', entity_id: String(id), after: { batchId: id, filename: 'roster.xlsx', rows: 1 } });
    const verify = await admin.get('/api/audit/verify');
    assert.equal(verify.json().ok, true, verify.body);
    assert.equal(await db().selectFrom('import_row').select('row_no').where('batch_id', '=', id).executeTakeFirst(), undefined,
      'staged rows are dropped once committed');
  });

  it('is all or nothing: a station deactivated after the preview leaves nothing written', async () => {
    const late = await stationBody('迟停站');
    // 1 500 rows: the first 1 000 go in before the commit reaches the stale ones, and must roll back.
    const rows: Rows = [['姓名', '性别', '出生年月', '手机号码', '所属区划', '所在联络站']];
    for (let i = 0; i < 1500; i++) rows.push([`全${i}`, '男', 1960 + (i % 40), `137${String(i).padStart(8, '0')}`, '黄田镇', i >= 1200 ? '迟停站' : '']);
    const { id, res } = await uploadImport(staff, 'deputies', csvBuffer(rows));
    assert.equal(res.json<Batch>().errorRows, 0, res.body);
    assert.equal((await admin.post(`/api/stations/${late}/deactivate`)).statusCode, 200);
    const deputies = await count('deputy');
    const audits = Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const commit = await staff.post(`/api/imports/deputies/${id}/commit`);
    assert.equal(commit.statusCode, 409, commit.body);
    assert.equal(commit.json().error.code, 'IMPORT_STALE');
    assert.equal(commit.json().error.details.errorRows, 300);
    assert.equal(await count('deputy'), deputies, 'no deputy written');
    assert.equal(Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), audits, 'no audit record');
    const batch = (await staff.get(`/api/imports/deputies/${id}`)).json<Batch>();
    assert.equal(batch.status, 'ready');
    assert.equal(batch.errorRows, 300);
    const stale = await rowsOf(staff, 'deputies', id, true);
    assert.equal(stale[0]!.row, 1202);
    assert.equal(stale[0]!.errors[0]!.code, 'STATION_INACTIVE');
    assert.equal(stale[0]!.errors[0]!.column, '所在联络站');
    const again = await staff.post(`/api/imports/deputies/${id}/commit`);
    assert.equal(again.json().error.code, 'IMPORT_HAS_ERRORS');

    // A station list: someone registered one of its stations meanwhile.
    const { id: stationsBatch } = await uploadImport(staff, 'stations', await xlsxBuffer([
      ['站点名称', '类型', '层级', '所在区划'], ['大平瑶族乡联络站', '联络站', '镇级', '大平瑶族乡'], ['大平乡某村联络点', '联络点', '村级', '大平瑶族乡'],
    ]));
    await stationBody('大平乡某村联络点', '451103201');
    const stations = await count('station');
    const refused = await staff.post(`/api/imports/stations/${stationsBatch}/commit`);
    assert.equal(refused.json().error.code, 'IMPORT_STALE');
    assert.equal(await count('station'), stations);
  });

  it('keeps to the importer\'s scope and abilities', async () => {
    const yicheng = await signIn(t.app, 'yicheng');
    const { id } = await uploadImport(yicheng, 'deputies', await xlsxBuffer([
      ['姓名', '性别', '所属区划', '所在联络站'],
      ['外区代表', '男', '雷河镇', HUANGTIAN_STATION],
      ['越界代表', '女', '黄田镇', ''],
    ]));
    const errors = await rowsOf(yicheng, 'deputies', id, true);
    assert.deepEqual(errors.map((r) => [r.row, r.errors.map((e) => e.code)]), [[2, ['STATION_UNKNOWN']], [3, ['REGION_UNKNOWN']]]);
    // A batch is its creator's alone.
    assert.equal((await staff.get(`/api/imports/deputies/${id}`)).statusCode, 404);
    assert.equal((await staff.post(`/api/imports/deputies/${id}/commit`)).statusCode, 404);
    assert.equal((await staff.get(`/api/imports/stations/${id}`)).statusCode, 404, 'not as the other kind either');

    const unit = await signIn(t.app, 'shuiliju');
    assert.equal((await unit.post('/api/imports/deputies', { filename: 'x.xlsx' })).statusCode, 403);
    assert.equal((await unit.get('/api/imports/deputies/template.xlsx')).statusCode, 403);
    const officer = await signIn(t.app, 'huangtian');
    assert.equal((await officer.post('/api/imports/stations', { filename: 'x.xlsx' })).statusCode, 403);
  });

  it('fails a file it cannot take as a whole, and takes one file per batch', async () => {
    const missing = await uploadImport(staff, 'deputies', csvBuffer([['姓名', '手机'], ['张三', '13800000000']]));
    assert.equal(missing.res.statusCode, 400);
    assert.equal(missing.res.json().error.code, 'IMPORT_COLUMNS_MISSING');
    assert.match(missing.res.json().error.message, /性别/);
    const failed = (await staff.get(`/api/imports/deputies/${missing.id}`)).json<Batch>();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failure!.code, 'IMPORT_COLUMNS_MISSING');

    const again = await staff.app.inject({
      method: 'PUT', url: `/api/imports/deputies/${missing.id}/file`, payload: csvBuffer([['姓名', '性别'], ['张三', '男']]), remoteAddress: staff.remoteAddress,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'text/csv' },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'IMPORT_NOT_READY');

    const xls = await uploadImport(staff, 'deputies', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'old.xls');
    assert.equal(xls.res.statusCode, 400);
    assert.equal(xls.res.json().error.code, 'IMPORT_FILE_UNREADABLE');
    assert.match(xls.res.json().error.message, /xlsx/);

    const broken = await uploadImport(staff, 'deputies', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]), 'broken.xlsx');
    assert.equal(broken.res.json().error.code, 'IMPORT_FILE_UNREADABLE');

    // Larger than the limit, streamed without a length: stopped while it arrives (blank rows, so no
    // other limit comes first). The limit is lowered for the test so it does not parse 50 MB.
    const limit = IMPORT_LIMITS.maxBytes;
    IMPORT_LIMITS.maxBytes = 2 * 1024 * 1024;
    try {
      const chunk = Buffer.from(`${','.repeat(1023)}\n`.repeat(64));
      let sent = 0;
      const endless = new Readable({
        read() {
          this.push(sent === 0 ? '姓名,性别\n' : sent > 3 * 1024 * 1024 ? null : chunk);
          sent += chunk.length;
        },
      });
      const tooLarge = await uploadImport(staff, 'deputies', endless, 'big.csv');
      assert.equal(tooLarge.res.statusCode, 413);
      assert.equal(tooLarge.res.json().error.code, 'PAYLOAD_TOO_LARGE');
    } finally {
      IMPORT_LIMITS.maxBytes = limit;
    }

    const commit = await staff.post(`/api/imports/deputies/${missing.id}/commit`);
    assert.equal(commit.json().error.code, 'IMPORT_NOT_READY');
  });

  it('imports a 10 000-row roster streamed from disk, reporting progress while it checks', async () => {
    const dir = path.join(PROJECT_ROOT, 'test-output');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `roster-10000-${process.pid}.xlsx`);
    await writeXlsxFile(file, roster(10_000));
    assert.ok(statSync(file).size > 100_000);
    const before = await count('deputy');
    const started = Date.now();
    const created = await staff.post('/api/imports/deputies', { filename: 'roster-10000.xlsx' });
    const id = created.json<Batch>().id;
    const upload = staff.app.inject({
      method: 'PUT', url: `/api/imports/deputies/${id}/file`, payload: createReadStream(file), remoteAddress: staff.remoteAddress,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/octet-stream' },
    });
    let done = false;
    void upload.then(() => { done = true; });
    const seen: number[] = [];
    while (!done) {
      const b = (await staff.get(`/api/imports/deputies/${id}`)).json<Batch>();
      if (b.status === 'parsing') seen.push(b.totalRows);
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await upload;
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<Batch>().totalRows, 10_000);
    assert.equal(res.json<Batch>().errorRows, 0, JSON.stringify(await rowsOf(staff, 'deputies', id, true).then((r) => r.slice(0, 3))));
    assert.ok(seen.length > 0, 'the batch was seen parsing');
    assert.ok(seen.some((n) => n > 0 && n < 10_000), `progress seen: ${seen.join(',')}`);
    const commit = await staff.post(`/api/imports/deputies/${id}/commit`);
    assert.equal(commit.statusCode, 200, commit.body);
    assert.equal(await count('deputy'), before + 10_000);
    t.app.log.info(`10 000 rows in ${Date.now() - started} ms`);

    // The export pages through all of them (ten pages and more), as the JSON list does.
    const exported = await staff.get('/api/deputies.xlsx');
    assert.equal(exported.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const listed = await db().selectFrom('deputy').select((eb) => eb.fn.countAll().as('n'))
      .where('region_path', 'like', '450000.451100.451103.%').where('active', '=', true).executeTakeFirstOrThrow();
    assert.equal(workbook.worksheets[0]!.rowCount - 1, Number(listed.n));
    rmSync(file, { force: true });
  });
});
