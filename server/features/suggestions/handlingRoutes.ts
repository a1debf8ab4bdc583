import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../platform/http/download.js';
import { errorResponses, IdParams, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { takeSuggestionAction } from './act.js';
import { checkActionFiles } from './files.js';
import { ActionBody } from './actionBody.js';
import { getSuggestionFile } from './files.js';
import { SUGGESTION_STATES } from './workflow.js';

/**
 * The largest action request: files of 20 MB in all (a case reply's limits, features/cases),
 * grown by a third in base64, with room for the letter's text and the other fields.
 */
const ACTION_BODY_LIMIT = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 256 * 1024;

const ActionResult = z.object({
  id: z.number(),
  from: z.enum(SUGGESTION_STATES),
  to: z.enum(SUGGESTION_STATES),
  data: z.record(z.string(), z.unknown()).meta({ description: 'The facts the action recorded on the timeline (a deadline set, the answer\'s category, a rating…)' }),
});

export const handlingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/suggestions/:id/actions', {
    config: { access: 'authenticated', ability: 'suggestion.act' },
    bodyLimit: ACTION_BODY_LIMIT,
    schema: {
      tags: ['suggestions'],
      summary: '建议办理操作 Take a workflow action on a suggestion or motion',
      description: 'Which part may take which action from which state is the rule table (GET /api/suggestions/{id} lists yours as `actions`); '
        + 'otherwise 403 SUGGESTION_ACTION_FORBIDDEN or 409 SUGGESTION_TRANSITION_INVALID. '
        + 'assign (leadUnit, coUnits, complex: 6 months instead of 3), request_reassignment (comment = reason; within the window, else 409 REASSIGN_WINDOW_PASSED), '
        + 'grant_reassignment (leadUnit, coUnits: the clock starts again), refuse_reassignment (comment), send_view (co-unit; comment = view, files), '
        + 'record_contact (comment = note, contact {stage, mode, on}), answer (comment = the letter, answer {category, signedBy, commitments}; '
        + 'B needs a commitment: 400 ANSWER_B_NEEDS_COMMITMENT; files: PDF, JPEG, PNG, WebP by content), rate (rating; unsatisfied the first time: re-handled), '
        + 'add_rating (a confirmed co-signer, once a round: 409 SUGGESTION_ALREADY_RATED), report_progress (commitmentsDone, files), '
        + 'upgrade_answer (B becomes A once every commitment is kept, else 409 COMMITMENTS_OPEN), close, urge (comment), flag_key (keyLeader, keyPlan), '
        + 'unflag_key, set_publication (published). The drafting and review actions take the fields their descriptions name.',
      params: IdParams,
      body: ActionBody,
      response: { 200: ActionResult, ...errorResponses },
    },
  }, async (request) => {
    // Checked, and photos cleaned, before the transaction opens: no connection is held while libvips works.
    const files = await checkActionFiles(request.body.files);
    return runWrite(request, (ctx) => takeSuggestionAction(ctx, request.params.id, request.body, { files }));
  });

  app.get('/api/suggestions/:id/files/:fileId', {
    config: { access: 'authenticated', ability: 'suggestion.read' },
    schema: {
      tags: ['suggestions'],
      summary: '建议附件 A file of a suggestion (draft, answer, co-unit view, follow-up), public or internal',
      description: 'For those who see the suggestion: its signers, the staff of its congress and above, the units it is assigned to. Others: 404.',
      params: IdParams.extend({ fileId: QueryId }),
    },
  }, async (request, reply) => {
    const { id, fileId } = request.params;
    const file = await getSuggestionFile(app.db, request.actor!, id, fileId);
    const disposition = attachment(file.name, `suggestion-${id}-file-${fileId}`);
    reply.header('content-type', file.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-disposition', file.mime === 'application/pdf' ? disposition.replace(/^attachment/, 'inline') : disposition);
    return reply.send(Buffer.from(file.bytes));
  });
};
