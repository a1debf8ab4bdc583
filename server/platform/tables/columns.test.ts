import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLUMNS, fieldOfHeader, isHeaderRow, mapHeaders, normaliseHeader } from './columns.js';

describe('import header mapping', () => {
  it('maps the usual Chinese names of roster columns, in any order', () => {
    const m = mapHeaders('deputies', ['联系电话', '代表姓名', '性别', '民族', '政治面貌', '出生年月', '级别', '届次', '行政区划代码', '选区', '工作单位及职务', '标签', '进站', '站内职责', '网格']);
    assert.deepEqual(m.columns.map((c) => c.field), [
      'phone', 'name', 'gender', 'ethnicity', 'party', 'birthYear', 'levels', 'term', 'region', 'constituency', 'occupation', 'tags', 'stations', 'roles', 'grid',
    ]);
    assert.deepEqual(m.missing, []);
  });

  it('knows each alias of a field', () => {
    const cases: [string, string][] = [
      ['姓名', 'name'], ['名字', 'name'], ['Name', 'name'],
      ['手机', 'phone'], ['手机号', 'phone'], ['手机号码', 'phone'], ['电话', 'phone'], ['Mobile', 'phone'],
      ['出生年份', 'birthYear'], ['出生日期', 'birthYear'], ['Birth Year', 'birthYear'], ['date_of_birth', 'birthYear'],
      ['代表层级', 'levels'], ['层级', 'levels'], ['党派', 'party'], ['所属区划', 'region'], ['区划', 'region'],
      ['职业', 'occupation'], ['专业领域', 'tags'], ['联络站', 'stations'], ['所在联络站', 'stations'],
    ];
    for (const [header, field] of cases) assert.equal(fieldOfHeader('deputies', header), field, header);
  });

  it('ignores width, case, spaces, required marks and a bracketed note', () => {
    assert.equal(normaliseHeader(' *姓 名: '), '姓名');
    assert.equal(fieldOfHeader('deputies', '*姓名'), 'name');
    assert.equal(fieldOfHeader('deputies', '姓名*'), 'name');
    assert.equal(fieldOfHeader('deputies', '姓\u3000名'), 'name');
    assert.equal(fieldOfHeader('deputies', '出生年月(年份)'), 'birthYear');
    assert.equal(fieldOfHeader('deputies', '出生年月(年份)'), 'birthYear');
    assert.equal(fieldOfHeader('deputies', '手机号码【11位】'), 'phone');
    assert.equal(fieldOfHeader('deputies', '党派/政治面貌'), 'party');
    assert.equal(fieldOfHeader('deputies', '联络站(点)'), 'stations');
    assert.equal(fieldOfHeader('deputies', 'ＮＡＭＥ'), 'name');
  });

  it('reports unknown columns and second columns for a field as ignored', () => {
    const m = mapHeaders('deputies', ['序号', '姓名', '性别', '手机', '联系电话', '', '备注']);
    assert.deepEqual(m.columns.map((c) => [c.header, c.field, c.ignored]), [
      ['序号', null, 'unknown'], ['姓名', 'name', undefined], ['性别', 'gender', undefined],
      ['手机', 'phone', undefined], ['联系电话', null, 'duplicate'], ['备注', null, 'unknown'],
    ]);
    assert.equal(m.columns[1]!.index, 1);
  });

  it('names the required columns that are missing', () => {
    assert.deepEqual(mapHeaders('deputies', ['姓名', '手机']).missing, ['性别']);
    assert.deepEqual(mapHeaders('stations', ['站点名称', '地址']).missing, ['类型', '层级', '所在区划']);
  });

  it('maps station list columns', () => {
    const m = mapHeaders('stations', ['站名', '站点类型', '层级', '上级联络站', '所在地区', '详细地址', '联系电话', '接待时间', '备注']);
    assert.deepEqual(m.columns.map((c) => c.field), ['name', 'type', 'tier', 'parent', 'region', 'address', 'phone', 'openingHours', 'description']);
    assert.deepEqual(m.missing, []);
  });

  it('tells a header row from a title row above it', () => {
    assert.equal(isHeaderRow('deputies', ['平桂区第十八届人大代表花名册']), false);
    assert.equal(isHeaderRow('deputies', ['序号', '姓名', '性别']), true);
    assert.equal(isHeaderRow('deputies', ['张三', '男', '13800001234']), false);
    assert.equal(isHeaderRow('stations', ['站点名称', '类型']), true);
  });

  it('gives every template header and alias to one field only', () => {
    for (const kind of ['deputies', 'stations'] as const) {
      const seen = new Map<string, string>();
      for (const spec of COLUMNS[kind]) {
        for (const name of [spec.header, ...spec.aliases]) {
          const n = normaliseHeader(name);
          assert.ok(!seen.has(n) || seen.get(n) === spec.field, `${kind}: ${name} for ${seen.get(n)} and ${spec.field}`);
          seen.set(n, spec.field);
        }
      }
    }
  });
});
