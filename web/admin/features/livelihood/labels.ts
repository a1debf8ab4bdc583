/**
 * The coded values of livelihood projects and their votes as the screens name them. A record's
 * state label comes from the server with it where it sends one; these name filters, forms and tags.
 */
type Label = { zh: string; en: string };

/** A round's states in the order it passes them. */
export const ROUND_STATES: Record<string, Label & { color: string }> = {
  collecting: { zh: '征集中', en: 'Collecting', color: 'blue' },
  shortlisting: { zh: '初选中', en: 'Shortlisting', color: 'gold' },
  ballot_ready: { zh: '主席团已审定', en: 'Ballot approved', color: 'purple' },
  voting: { zh: '投票中', en: 'Voting', color: 'red' },
  counted: { zh: '已计票', en: 'Counted', color: 'green' },
};

/** A project's states, from the proposal to its closure. */
export const PROJECT_STATES: Record<string, Label & { color: string }> = {
  proposed: { zh: '已征集', en: 'Proposed', color: 'default' },
  shortlisted: { zh: '政府已提出', en: 'Shortlisted', color: 'blue' },
  not_shortlisted: { zh: '未列入候选', en: 'Not shortlisted', color: 'default' },
  on_ballot: { zh: '列入票决', en: 'On the ballot', color: 'purple' },
  adopted: { zh: '票决通过', en: 'Adopted', color: 'green' },
  not_adopted: { zh: '未通过', en: 'Not adopted', color: 'default' },
  in_progress: { zh: '实施中', en: 'In progress', color: 'processing' },
  completed: { zh: '已验收', en: 'Completed', color: 'cyan' },
  evaluated: { zh: '测评满意', en: 'Evaluated', color: 'green' },
  rectifying: { zh: '整改中', en: 'Rectifying', color: 'orange' },
  closed: { zh: '已办结', en: 'Closed', color: 'default' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', color: 'default' },
};

export const ORIGINS: Record<string, Label> = {
  constituent: { zh: '群众提出', en: 'Constituents' },
  deputy: { zh: '代表提出', en: 'A deputy' },
  department: { zh: '政府部门提出', en: 'A department' },
  station: { zh: '联络站收集', en: 'A station' },
};

export const MODES: Record<string, Label & { hint: Label }> = {
  for_against: {
    zh: '逐项表决(赞成/反对/弃权)', en: 'For, against or abstain on each',
    hint: { zh: '对每个候选项目分别投赞成、反对或弃权', en: 'Each candidate gets for, against or abstain' },
  },
  choose: {
    zh: '差额选择(选 N 项)', en: 'Choose N of the candidates',
    hint: { zh: '在候选项目中最多选择应选项目数个', en: 'Choose at most as many candidates as there are places' },
  },
};

export const CHOICES: Record<'for' | 'against' | 'abstain', Label & { color: string }> = {
  for: { zh: '赞成', en: 'For', color: 'success' },
  against: { zh: '反对', en: 'Against', color: 'danger' },
  abstain: { zh: '弃权', en: 'Abstain', color: 'default' },
};

export const CHANNELS: Record<'phone' | 'paper', Label> = {
  phone: { zh: '手机投票', en: 'Phone' },
  paper: { zh: '纸质选票', en: 'Paper' },
};

/** Yuan as the screens show them: 44 万元 above ten thousand, otherwise 元. */
export function yuan(amount: number | null | undefined, l: (zh: string, en: string) => string): string {
  if (amount === null || amount === undefined) return '—';
  if (amount >= 10_000) {
    const wan = amount / 10_000;
    const text = Number.isInteger(wan) ? String(wan) : wan.toFixed(2).replace(/0+$/, '');
    return l(`${text} 万元`, `¥${amount.toLocaleString('en')}`);
  }
  return l(`${amount} 元`, `¥${amount}`);
}
