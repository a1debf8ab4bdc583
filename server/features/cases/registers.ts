/** 意见建议登记簿: every case of the place registered in the period, with how it was handled. */
import { sql } from 'kysely';
import { caseAt, inPeriod, type RegisterBody, type RegisterContext, type RegisterSource } from '../registers/index.js';
import { dateText, numbered, SERIAL, type Cell } from '../../platform/documents/model.js';
import { opinionFacts } from './opinionFacts.js';

async function opinionRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const facts = await opinionFacts(ctx, sql`(${caseAt(ctx.place)} and ${inPeriod(ctx, 'o.submitted_at')})`);
  const rows = facts.map((f): Cell[] => [
    f.trackingCode, dateText(f.submittedAt), f.channel, f.submitter, f.phone, f.content, f.category, f.unit || '—', f.state, f.answer, f.rating,
  ]);
  return {
    sections: [{
      columns: [
        SERIAL, { header: '编号', width: 7.5 }, { header: '登记日期', width: 5.5 }, { header: '渠道', width: 4.5 },
        { header: '反映人', width: 4 }, { header: '联系电话', width: 6.5 }, { header: '意见内容', width: 18.5 }, { header: '类别', width: 5 },
        { header: '承办单位', width: 8 }, { header: '状态', width: 4 }, { header: '答复情况', width: 15 }, { header: '评价', width: 4, align: 'center' },
      ],
      rows: numbered(rows),
      empty: '本期没有登记意见建议',
    }],
    notes: ['反映人的姓名和电话只向办理该件的人员完整显示(联络站工作人员、所指向的代表、主办单位),其他查阅人看到的是打码后的信息。'],
  };
}

/** The register of opinions, as this feature contributes it. */
export const CASE_REGISTERS: RegisterSource[] = [
  {
    order: 3, build: opinionRegister,
    key: 'opinions', periodic: true, entries: null,
    label: { zh: '意见建议登记簿', en: 'Opinion register' },
    description: { zh: '期间登记的群众意见建议及其办理、答复和评价', en: 'The opinions of the period with their handling, answer and rating' },
  },
];
