import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { ref } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { caseColumns, caseContactRevealable, caseContactVisible, caseVisible } from './access.js';

/**
 * 查看联系方式: the submitter's name and phone, unmasked, for someone entitled to reveal them
 * (caseContactRevealable: chiefly the deputy who must answer the constituent), written to the
 * audit log in the same transaction. A case out of reach answers NOT_FOUND; a case in reach
 * without the right, CASE_CONTACT_FORBIDDEN (and no audit record: nothing was shown).
 */
export async function revealCaseContact(ctx: WriteContext, caseId: number) {
  const o = caseColumns('o');
  const row = await ctx.trx.selectFrom('opinion as o')
    .select([
      'o.id', 'o.tracking_code', 'o.state', 'o.submitter_name', 'o.submitter_phone',
      caseContactRevealable(ctx.actor, { ...o, state: ref('o.state') }).as('revealable'),
      caseContactVisible(ctx.actor, o).as('visible'),
    ])
    .where('o.id', '=', caseId).where(caseVisible(ctx.actor, o))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.revealable) throw new AppError('CASE_CONTACT_FORBIDDEN');
  await recordAudit(ctx, {
    action: 'case.contact_reveal', entityType: 'case', entityId: caseId,
    before: null,
    // What was shown is named, not copied: the audit log does not become a second store of the phone number.
    after: { trackingCode: row.tracking_code, state: row.state, fields: ['name', 'phone'].filter((f) => (f === 'name' ? row.submitter_name : row.submitter_phone) !== null) },
  });
  return { name: row.submitter_name, phone: row.submitter_phone };
}

/** Whether the reader may reveal a case's contact details (the case page offers 查看联系方式 when masked and this holds). */
export const contactRevealableExpr = (actor: WriteContext['actor']) => caseContactRevealable(actor, { ...caseColumns('o'), state: ref('o.state') });

