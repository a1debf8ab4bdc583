import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { now as clockNow } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { ErrorResponse, errorResponses, Id, IdParams } from '../../platform/http/schemas.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { runWrite } from '../../platform/http/write.js';
import { BATCH_ACTIONS, takeBatchAction } from './batch.js';
import { handlingFormDocument } from './handlingForm.js';
import { getCase } from './queries.js';
import { CASE_STATES } from './workflow.js';

/** The queue's desk work: batch actions on chosen cases, and a case's handling form for print. */
export const caseDeskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/cases/batch/:action', {
    config: { access: 'authenticated', ability: 'case.batch' },
    schema: {
      tags: ['cases'], summary: '批量交办 / 批量催办 Take one action on several cases',
      description: 'assign (unitId, coUnitIds, deadlineDays) or urge (comment) on each of `ids`, one case at a time, each through the same '
        + 'workflow action as POST /api/cases/{id}/actions/{action} (its own transaction, timeline entry, notifications and audit record). '
        + 'Per case, not all or nothing: the answer lists each case\'s outcome, with the error its single action would have answered '
        + '(CASE_TRANSITION_INVALID, CASE_ACTION_FORBIDDEN, NOT_FOUND for a case out of reach …). A missing unitId (assign) or comment (urge) answers 400 before any case is touched.',
      params: z.object({ action: z.enum(BATCH_ACTIONS) }),
      body: z.object({
        ids: z.array(Id).min(1).max(100),
        comment: z.string().trim().max(2000).nullable().optional(),
        unitId: Id.optional(),
        coUnitIds: z.array(Id).max(10).optional(),
        deadlineDays: z.number().int().min(1).max(60).optional(),
      }),
      response: {
        200: z.object({
          action: z.enum(BATCH_ACTIONS), succeeded: z.number(), failed: z.number(),
          results: z.array(z.object({
            id: z.number(), ok: z.boolean(), from: z.enum(CASE_STATES).nullable(), to: z.enum(CASE_STATES).nullable(),
            error: z.object({ code: z.string(), message: z.string() }).nullable(),
          })),
        }).meta({ id: 'CaseBatchResult' }),
        ...errorResponses,
      },
    },
  }, async (request) => takeBatchAction(
    app.db, request.actor!, request.ip, request.lang, request.params.action, request.body,
    (err, id) => request.log.error({ err, caseId: id }, 'batch case action failed'),
  ));

  app.get('/api/cases/:id/form.pdf', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '打印办理单 The case handling form (办理单) as a PDF',
      description: 'The case as the reader sees it (the submitter masked where the case page masks it) with its whole timeline, A4. '
        + 'Each download is written to the audit log (case.print_form). 503 PDF_FONT_MISSING without a CJK font.',
      params: IdParams, produces: ['application/pdf'],
      response: { ...errorResponses, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const font = registerFont(app.config.posterFont);
    const record = await getCase(app.db, request.actor!, request.params.id);
    const printedAt = clockNow();
    const doc = handlingFormDocument(record, printedAt);
    const body = await renderRegister(doc, 'pdf', font);
    // The submitter's details may be on it: on the record once the file is made, before it is sent.
    await runWrite(request, (ctx) => recordAudit(ctx, {
      action: 'case.print_form', entityType: 'case', entityId: record.id,
      before: null, after: { trackingCode: record.trackingCode, masked: record.submitter.masked },
    }));
    return sendFile(reply, {
      body, type: 'application/pdf', name: `群众意见办理单-${record.trackingCode}.pdf`, asciiName: `case-${record.trackingCode}.pdf`,
    });
  });
};
