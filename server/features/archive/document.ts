/** A deputy's performance archive as a printable document, through the registers' PDF writer. */
import type { DeputyArchive } from './queries.js';
import { names, numbered, periodText, ratio, SERIAL, type Cell, type RegisterDocument } from '../../platform/documents/model.js';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function archiveDocument(a: DeputyArchive, now: Date): RegisterDocument {
  const d = a.deputy;
  const s = a.summary;
  const ways = (o: DeputyArchive['opinions'][number]) => names([
    o.addressed ? '致本人' : '', o.answeredByDeputy ? '本人答复' : '', o.collectedAtActivity ? '活动中收集' : '',
  ].filter(Boolean));
  const facts: [string, string][] = [
    ['姓名', d.name],
    ['性别 · 民族 · 政治面貌', [d.gender.zh, d.ethnicity, d.party].filter(Boolean).join(' · ')],
    ['代表层级', d.levels.map((l) => `${l.region ?? ''}${l.label.zh}(第${l.term}届)`).join('\n') || '—'],
    ['代表状态', d.specialLiaison ? `${d.status.zh}(特邀联络员)` : d.status.zh],
    ['所属区划', d.region],
    ['选区', d.constituency || '—'],
    ['职业', d.occupation || '—'],
    ['进站情况', d.stations.map((x) => `${x.name}(${x.role.zh})`).join('\n') || '—'],
  ];
  const figures: Cell[][] = [
    ['参加活动', '应参加', s.activities.expected, ''],
    ['', '出席 / 请假 / 缺席', `${s.activities.present} / ${s.activities.leave} / ${s.activities.absent}`, `出席率 ${ratio(s.activities.present, s.activities.expected)}`],
    ...s.activities.byKind.map((k): Cell[] => ['', `出席${k.label.zh}`, k.count, '']),
    ['接待日轮值', '轮值天数', s.receptionDays.total, ''],
    ['', '已接待 / 未接待 / 已取消 / 待接待', `${s.receptionDays.held} / ${s.receptionDays.missed} / ${s.receptionDays.cancelled} / ${s.receptionDays.scheduled}`, '未接待:当天未举行,或举行时本人未出席'],
    ['联系群众意见', '共计(件)', s.opinions.total, '致本人、本人答复或在本人出席的活动中收集'],
    ['', '致本人 / 本人答复 / 活动中收集', `${s.opinions.addressed} / ${s.opinions.answeredByDeputy} / ${s.opinions.collectedAtActivities}`, '一件意见可同时属于几类'],
    ['', '已答复群众', s.opinions.answered, ''],
    ['', '满意 / 基本满意 / 不满意', `${s.opinions.satisfied} / ${s.opinions.basicallySatisfied} / ${s.opinions.unsatisfied}`, `满意度 ${percent(s.opinions.satisfactionRate)}`],
    ['主题活动', '参加(个)', s.campaigns, ''],
    ['代表建议', '领衔 / 附议(件)', `${s.suggestions.led} / ${s.suggestions.cosigned}`, '含议案;不含草稿和撤回的'],
    ['', '已答复 A / B / C', `${s.suggestions.a} / ${s.suggestions.b} / ${s.suggestions.c}`, ''],
    ['', '满意 / 基本满意 / 不满意', `${s.suggestions.satisfied} / ${s.suggestions.basicallySatisfied} / ${s.suggestions.unsatisfied}`, '领衔代表对办理答复的评价'],
    ['议题征询', '参与议题(项)', s.consultations.topics, `登记接待意见 ${s.consultations.views} 条,参加征询活动 ${s.consultations.activities} 次`],
    ['预算审查', '参与审查(次)', s.budget.reviews, `提出意见 ${s.budget.comments} 条,询问报告 ${s.budget.questions} 条,参加绩效评价 ${s.budget.evaluations} 项`],
    ['民生实事', '提出项目 / 票决通过(项)', `${s.livelihood.proposed} / ${s.livelihood.adopted}`, `参加满意度测评 ${s.livelihood.evaluations} 次,测评项目 ${s.livelihood.rated} 个`],
    ['述职', '述职(次)', s.reportBacks.count, `选民测评 ${s.reportBacks.evaluations} 份,满意和基本满意 ${s.reportBacks.satisfiedPercent === null ? '—' : `${s.reportBacks.satisfiedPercent}%`}`],
    ...(s.points.years.length ? s.points.years : [{ year: Number(a.period.to.slice(0, 4)), points: 0 }])
      .map((y, i): Cell[] => [i === 0 ? '履职积分' : '', `${y.year} 年`, y.points, i === 0 ? '积分每年从零累计' : '']),
  ];
  return {
    // An archive of one term is that congress's deputy's: 平桂区第四届人民代表大会代表履职档案.
    title: a.term ? `${a.term.label.zh}代表履职档案` : '人大代表履职档案',
    place: d.name,
    period: periodText(a.period),
    generatedAt: now,
    sections: [
      { heading: '基本情况', columns: [{ header: '项目', width: 10 }, { header: '内容', width: 50 }], rows: facts },
      {
        heading: '履职概况',
        columns: [{ header: '方面', width: 8 }, { header: '项目', width: 16 }, { header: '数量', width: 10, align: 'center' }, { header: '说明', width: 26 }],
        rows: figures,
      },
      {
        heading: '参加活动',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '类别', width: 5 }, { header: '主题', width: 18 },
          { header: '联络站', width: 14 }, { header: '主题活动', width: 10 }, { header: '出勤', width: 4, align: 'center' }],
        rows: numbered(a.activities.map((x): Cell[] => [x.date, x.kindLabel.zh, x.title, x.station ?? '—', x.campaign ?? '', x.attendanceLabel.zh])),
        empty: '期间没有参加活动的记录',
      },
      {
        heading: '联系群众意见',
        columns: [SERIAL, { header: '编号', width: 6.5 }, { header: '日期', width: 5.5 }, { header: '类别', width: 5 }, { header: '摘要', width: 22 },
          { header: '与本人关系', width: 8 }, { header: '状态', width: 4.5 }, { header: '评价', width: 4.5, align: 'center' }],
        rows: numbered(a.opinions.map((o): Cell[] => [o.trackingCode, o.date, o.category, o.summary, ways(o), o.stateLabel.zh, o.ratingLabel?.zh ?? ''])),
        empty: '期间没有联系群众意见的记录',
      },
      {
        heading: '代表建议',
        columns: [SERIAL, { header: '编号', width: 11 }, { header: '日期', width: 5.5 }, { header: '标题', width: 20 }, { header: '本人', width: 3.5, align: 'center' },
          { header: '状态', width: 6 }, { header: '答复', width: 3, align: 'center' }, { header: '评价', width: 4.5, align: 'center' }],
        rows: numbered(a.suggestions.map((x): Cell[] => [
          x.numberLabel ?? '', x.date, x.title, x.role === 'lead' ? '领衔' : '附议', x.stateLabel.zh, x.answerCategory ?? '', x.ratingLabel?.zh ?? '',
        ])),
        empty: '期间没有提出代表建议',
      },
      {
        heading: '参与议题征询',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '议题', width: 24 }, { header: '人大常委会', width: 10 },
          { header: '登记意见(条)', width: 5, align: 'center' }, { header: '征询活动(次)', width: 5, align: 'center' }],
        rows: numbered(a.consultations.map((x): Cell[] => [x.date, x.title, x.committee, x.views, x.activities])),
        empty: '期间没有参与议题征询',
      },
      {
        heading: '述职',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '述职', width: 20 }, { header: '地点', width: 10 },
          { header: '测评(份)', width: 4, align: 'center' }, { header: '满意率', width: 5, align: 'center' }, { header: '问题销号', width: 5, align: 'center' }],
        rows: numbered(a.reportBacks.map((x): Cell[] => [x.date, x.title, x.place, x.evaluationCount, x.satisfiedPercent === null ? '—' : `${x.satisfiedPercent}%`, `${x.issues.closed}/${x.issues.total}`])),
        empty: '期间没有述职',
      },
      {
        heading: '参加矛盾纠纷调解',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '调解室', width: 16 }, { header: '纠纷类型', width: 6 }, { header: '调解结果', width: 6 }],
        rows: numbered(a.mediations.map((x): Cell[] => [x.on, x.station, x.disputeType.zh, x.outcome?.zh ?? '调解中'])),
        empty: '期间没有参加调解',
      },
      {
        heading: '参与预算审查',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '预算审查', width: 22 }, { header: '人民代表大会', width: 10 },
          { header: '意见(条)', width: 4, align: 'center' }, { header: '询问(条)', width: 4, align: 'center' }, { header: '绩效评价(项)', width: 5, align: 'center' }],
        rows: numbered(a.budgetReviews.map((x): Cell[] => [x.date, x.title, x.congress, x.comments, x.questions, x.evaluations])),
        empty: '期间没有参与预算审查',
      },
      {
        heading: '民生实事项目',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '项目', width: 18 }, { header: '票决', width: 14 },
          { header: '估算(万元)', width: 5, align: 'center' }, { header: '结果', width: 6, align: 'center' }],
        rows: numbered(a.livelihoodProjects.map((x): Cell[] => [x.date, x.title, x.round, Math.round(x.budgetYuan / 100) / 100, x.stateLabel.zh])),
        empty: '期间没有提出民生实事项目',
      },
      {
        heading: '民生实事项目满意度测评',
        columns: [SERIAL, { header: '日期', width: 5.5 }, { header: '票决', width: 22 }, { header: '人民代表大会', width: 12 },
          { header: '测评项目(个)', width: 6, align: 'center' }],
        rows: numbered(a.livelihoodEvaluations.map((x): Cell[] => [x.date, x.round, x.congress.zh, x.rated])),
        empty: '期间没有参加民生实事项目满意度测评',
      },
      {
        heading: '参加主题活动',
        columns: [SERIAL, { header: '主题活动', width: 30 }, { header: '出席活动(次)', width: 8, align: 'center' }],
        rows: numbered(a.campaigns.map((c): Cell[] => [c.name, c.activities])),
        empty: '期间没有参加主题活动',
      },
      {
        heading: '接待日轮值',
        columns: [SERIAL, { header: '日期', width: 6 }, { header: '联络站', width: 24 }, { header: '情况', width: 6, align: 'center' }],
        rows: numbered(a.receptionDays.map((r): Cell[] => [r.date, r.station, r.statusLabel.zh])),
        empty: '期间没有接待日轮值',
      },
    ],
    notes: ['本档案由平台根据履职活动的出勤记录、群众意见的办理记录、代表建议的办理记录、接待日轮值和履职积分自动生成。'],
  };
}
