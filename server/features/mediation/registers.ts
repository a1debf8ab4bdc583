/**
 * 矛盾纠纷调解登记簿: the mediations a place's rooms received in the period, with the parties
 * (masked for a reader not handling the record, as the API shows them), the sessions (day,
 * deputies present, judge or prosecutor, village secretary) and the outcome.
 */
import { sql } from 'kysely';
import { DISPUTE_TYPES, LEGAL_OFFICER_ROLES, MEDIATION_OUTCOMES, PARTY_SIDES, type LegalOfficerRole, type PartySide } from '../../../common/mediation.js';
import { ref } from '../../platform/access/scope.js';
import { numbered, SERIAL, type Cell } from '../../platform/documents/model.js';
import { maskNameIn, maskPersonName } from '../../platform/text/personName.js';
import { maskPhone } from '../../platform/text/phone.js';
import { capped, MAX_REGISTER_ROWS, stationAt, type RegisterBody, type RegisterContext, type RegisterSource } from '../registers/index.js';
import { mediationVisible, partiesVisible } from './access.js';

interface PartyRow { side: PartySide; name: string; phone: string | null }
interface SessionRow { held_on: string; deputies: string | null; role: LegalOfficerRole | null; officer: string | null; secretary: string | null }

async function mediationRegister(ctx: RegisterContext): Promise<RegisterBody> {
  const { from, to } = ctx.period;
  const rows = capped(await ctx.db.selectFrom('mediation as m').innerJoin('station as s', 's.id', 'm.station_id')
    .select([
      'm.id', 'm.received_on', 'm.dispute_type', 'm.title', 'm.outcome', 'm.outcome_note', 'm.closed_on', 's.name as station_name',
      partiesVisible(ctx.actor, ref('m.id'), ref('m.station_id')).as('handler'),
      sql<PartyRow[]>`coalesce((select json_agg(json_build_object('side', p.side, 'name', p.name, 'phone', p.phone) order by p.position)
        from mediation_party p where p.mediation_id = m.id), '[]'::json)`.as('parties'),
      sql<SessionRow[]>`coalesce((select json_agg(json_build_object('held_on', ms.held_on, 'role', ms.legal_officer_role, 'officer', ms.legal_officer_name,
        'secretary', ms.village_secretary, 'deputies', (select string_agg(d.name, '、' order by d.id) from mediation_session_deputy md join deputy d on d.id = md.deputy_id
        where md.session_id = ms.id)) order by ms.held_on, ms.id) from mediation_session ms where ms.mediation_id = m.id), '[]'::json)`.as('sessions'),
    ])
    .where(stationAt(ctx.place, ref('m.station_id'))).where(mediationVisible(ctx.actor, ref('m.station_id')))
    .where((eb) => (from ? eb.and([eb('m.received_on', '>=', from), eb('m.received_on', '<=', to)]) : eb('m.received_on', '<=', to)))
    .orderBy('m.received_on').orderBy('m.id').limit(MAX_REGISTER_ROWS + 1).execute());
  const table = rows.map((r): Cell[] => {
    const mask = (text: string) => (r.handler ? text : r.parties.reduce((t, p) => maskNameIn(t, p.name), text));
    const parties = r.parties.map((p) => `${PARTY_SIDES.labels[p.side].zh}:${r.handler ? p.name : maskPersonName(p.name)}${p.phone ? ` ${r.handler ? p.phone : maskPhone(p.phone)}` : ''}`).join('\n');
    const sessions = r.sessions.map((s) => [
      s.held_on, s.deputies ? `代表 ${s.deputies}` : '', s.role ? `${LEGAL_OFFICER_ROLES.labels[s.role].zh} ${s.officer}` : '', s.secretary ? `村支书 ${s.secretary}` : '',
    ].filter(Boolean).join(' ')).join('\n');
    return [
      r.received_on, r.station_name, DISPUTE_TYPES.labels[r.dispute_type].zh, mask(r.title), parties, sessions || '—',
      r.outcome ? `${MEDIATION_OUTCOMES.labels[r.outcome].zh}${r.outcome_note ? `:${mask(r.outcome_note)}` : ''}` : '调解中', r.closed_on ?? '—',
    ];
  });
  return {
    sections: [{
      columns: [
        SERIAL, { header: '受理日期', width: 5.5 }, { header: '调解室', width: 8 }, { header: '纠纷类型', width: 4.5 }, { header: '纠纷事由', width: 12 },
        { header: '当事人', width: 9 }, { header: '调解经过', width: 14 }, { header: '调解结果', width: 11 }, { header: '结案日期', width: 5.5 },
      ],
      rows: numbered(table),
      empty: '本期没有受理矛盾纠纷调解',
    }],
    notes: ['当事人的姓名和电话只向办理调解的人员(联络站工作人员和出席调解的代表)完整显示,其他查阅人看到的是打码后的信息。'],
  };
}

/** The register of mediations, as this feature contributes it. */
export const MEDIATION_REGISTERS: RegisterSource[] = [
  {
    order: 9, build: mediationRegister,
    key: 'mediation', periodic: true, entries: null,
    label: { zh: '矛盾纠纷调解登记簿', en: 'Mediation register' },
    description: { zh: '期间受理的矛盾纠纷调解:当事人、调解经过和结果', en: 'The disputes mediated in the period: parties, sessions and outcome' },
  },
];
