/**
 * 意见建议登记簿, its part of the deputies' suggestions and motions: those the place's deputies
 * signed (as lead or co-signer) that were submitted in the period, with where they went, the
 * number, the units, the answer and the rating. The constituents' opinions are the register's
 * first part (features/cases); this one is its own sheet. A reader finds what they could open
 * one at a time: those in their reach (suggestionVisible, as the list) and those published
 * (suggestionPublic), so a station's officer sees what the public page shows.
 */
import { sql, type SqlBool } from 'kysely';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import { ref } from '../../platform/access/scope.js';
import { dateText, numbered, SERIAL, type Cell } from '../../platform/documents/model.js';
import { capped, inPeriod, MAX_REGISTER_ROWS, stationAt, type RegisterBody, type RegisterContext, type RegisterSource } from '../registers/index.js';
import { suggestionColumns, suggestionPublic, suggestionVisible } from './access.js';
import { congressName } from './presenter.js';
import { ANSWER_CATEGORY_LABELS, SUGGESTION_STATE_LABELS } from './workflow.js';

const KINDS = { suggestion: '建议', motion: '议案' } as const;

async function suggestionPart(ctx: RegisterContext): Promise<RegisterBody> {
  const rows = capped(await ctx.db.selectFrom('suggestion as s')
    .innerJoin('deputy as d', 'd.id', 's.lead_deputy_id')
    .innerJoin('case_category as c', 'c.id', 's.category_id')
    .leftJoin('region as cr', 'cr.code', 's.congress_region_code')
    .select([
      's.id', 's.kind', 's.state', 's.title', 's.number_label', 's.submitted_at', 's.congress_level', 's.answer_category', 's.rating',
      'd.name as lead_name', 'c.name as category_name', 'cr.name as congress_region_name',
      sql<string>`coalesce((select string_agg(cd.name, '、' order by g.invited_at, cd.id) from suggestion_signer g join deputy cd on cd.id = g.deputy_id
        where g.suggestion_id = s.id and g.role = 'cosigner' and g.status = 'confirmed'), '')`.as('cosigners'),
      sql<string>`coalesce((select string_agg(u.name || case su.role when 'lead' then '(主办)' else '(会办)' end, '\n' order by su.role desc, u.name)
        from suggestion_unit su join unit u on u.id = su.unit_id where su.suggestion_id = s.id), '')`.as('units'),
    ])
    .where(sql<SqlBool>`exists (select 1 from suggestion_signer g join deputy_station ds on ds.deputy_id = g.deputy_id
      where g.suggestion_id = s.id and g.status = 'confirmed' and ${stationAt(ctx.place, ref('ds.station_id'))})`)
    .where(inPeriod(ctx, 's.submitted_at'))
    .where(sql<SqlBool>`(${suggestionVisible(ctx.actor, suggestionColumns('s'))} or ${suggestionPublic({ ...suggestionColumns('s'), published: ref('s.published'), number: ref('s.number') })})`)
    .orderBy('s.submitted_at').orderBy('s.id')
    .limit(MAX_REGISTER_ROWS + 1)
    .execute());
  const table = rows.map((r): Cell[] => [
    r.number_label ?? '—', r.submitted_at ? dateText(r.submitted_at) : '—', KINDS[r.kind], r.lead_name, r.cosigners || '—', r.title, r.category_name,
    congressName(r.congress_level, r.congress_region_name), r.units || '—', SUGGESTION_STATE_LABELS[r.state].zh,
    r.answer_category ? ANSWER_CATEGORY_LABELS[r.answer_category].zh : '—', r.rating ? RATING_LABELS.labels[r.rating].zh : '—',
  ]);
  return {
    sections: [{
      heading: '代表建议、议案',
      columns: [
        SERIAL, { header: '编号', width: 9 }, { header: '提交日期', width: 5.5 }, { header: '类型', width: 3, align: 'center' },
        { header: '领衔代表', width: 4.5 }, { header: '附议代表', width: 7 }, { header: '标题', width: 15 }, { header: '类别', width: 5 },
        { header: '提交至', width: 8 }, { header: '承办单位', width: 9 }, { header: '状态', width: 5 }, { header: '答复类别', width: 7 },
        { header: '评价', width: 4, align: 'center' },
      ],
      rows: numbered(table),
      empty: '本期没有本站代表提出的建议、议案',
    }],
    notes: ['代表建议、议案按领衔或附议代表所在联络站登记,以提交日期计入期间;列入查阅人有权查看的件和已公开的件,草稿不列入。'],
  };
}

/** The suggestions' part of 意见建议登记簿 (the register's key is the cases feature's `opinions`). */
export const SUGGESTION_REGISTERS: RegisterSource[] = [
  {
    order: 3.5, build: suggestionPart,
    key: 'opinions', periodic: true, entries: null,
    label: { zh: '意见建议登记簿', en: 'Opinion register' },
    description: { zh: '期间登记的群众意见建议及其办理、答复和评价', en: 'The opinions of the period with their handling, answer and rating' },
  },
];
