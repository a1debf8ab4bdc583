/**
 * What the case clocks' rules contribute to the cases feature's manifest: their errors, the
 * ability to read and edit the rules, and the audit actions of editing them.
 */
import type { Label } from '../../../common/enums.js';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of the case clocks' rules (deadline rules per category and region, extensions beyond the maximum). */
export const CASE_CLOCK_ERRORS = {
  EXTENSION_NEEDS_HIGHER_APPROVAL: {
    status: 403,
    zh: '延期后办理期限共 {total} 个工作日,超过上限 {max} 个工作日,须由上级人大工作人员或管理员批准',
    en: 'With this extension the case would take {total} working days, beyond the maximum of {max}: the congress above or an administrator must approve it',
  },
  CASE_RULE_MAX_TOO_HIGH: {
    status: 403, zh: '最长期限不能超过上级规定的 {max} 个工作日', en: 'The maximum may not exceed the {max} working days set above your level',
  },
  CASE_RULE_DAYS_ABOVE_MAX: {
    status: 400, zh: '办理期限({days} 个工作日)不能超过最长期限({max} 个工作日)', en: 'The deadline ({days} working days) may not exceed the maximum ({max})',
  },
} as const satisfies Record<string, ErrorSpec>;

type CaseClockErrors = typeof CASE_CLOCK_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends CaseClockErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}

export const CASE_CLOCK_ABILITIES = {
  /** Reading and editing the deadline rules (which regions: clocks.ts). */
  'case.rules': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { caseClocks: typeof CASE_CLOCK_ABILITIES }
}

export const CASE_CLOCK_AUDIT_ACTIONS = {
  'case_rule.set_default': { zh: '设置类别默认办理时限', en: 'Category default deadline rule set' },
  'case_rule.set_region': { zh: '设置本地区办理时限', en: 'Region deadline rule set' },
  'case_rule.remove_region': { zh: '取消本地区办理时限', en: 'Region deadline rule removed' },
} as const satisfies Record<string, Label>;

export const CASE_CLOCK_ENTITY_TYPES = {
  case_category: { zh: '意见类别', en: 'Case category' },
} as const satisfies Record<string, Label>;
