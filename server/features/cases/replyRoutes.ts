import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPLY_RESULTS } from '../../../common/caseVocabulary.js';
import { attachment } from '../../platform/http/download.js';
import { errorResponses, IdParams, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { revealCaseContact } from './contact.js';
import { findByTrackingKey } from './queries.js';
import {
  checkReplyAttachments, getPublicReplyAttachment, getReplyAttachment, MAX_REPLY_ATTACHMENTS, MAX_REPLY_TOTAL_BYTES, type ReplyDetails,
} from './replyAttachments.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const FILE_NAME = z.string().trim().min(1).max(200);

/** The largest request a reply with its files can be (base64 grows bytes by a third), with room for the text. */
export const REPLY_BODY_LIMIT = Math.ceil((MAX_REPLY_TOTAL_BYTES * 4) / 3) + MAX_REPLY_ATTACHMENTS * 16 + 64 * 1024;

/** The fields the reply action (办复) takes besides its comment. */
export const ReplyBodyFields = {
  result: z.enum(REPLY_RESULTS.keys).optional()
    .meta({ description: 'reply: the result type (办复结果): resolved 已解决, partly_resolved 部分解决, planned 列入计划, explained 无法解决·已解释' }),
  handlerName: z.string().trim().min(1).max(50).optional().meta({ description: 'reply: the name of the person who handled it (承办人)' }),
  handlerContact: z.string().trim().min(1).max(50).optional().meta({ description: 'reply: a contact for them (联系电话)' }),
  attachments: z.array(z.object({
    name: FILE_NAME,
    data: z.base64().meta({ description: 'The file, base64: a PDF (the reply letter 答复函, ≤ 10 MB) or a JPEG/PNG/WebP photo (≤ 5 MB), recognised by its content' }),
    public: z.boolean().meta({ description: 'true: the constituent sees it on her tracking page once the reply is approved; false: internal' }),
  })).max(MAX_REPLY_ATTACHMENTS).optional().meta({ description: `reply: up to ${MAX_REPLY_ATTACHMENTS} files, 20 MB in all` }),
};

type ReplyBody = { [K in keyof typeof ReplyBodyFields]?: z.infer<(typeof ReplyBodyFields)[K]> };

/** The reply details of an action request, for a reply only. */
export async function replyDetailsOf(action: string, body: ReplyBody): Promise<ReplyDetails | undefined> {
  if (action !== 'reply') return undefined;
  return {
    result: body.result ?? null,
    handlerName: body.handlerName ?? null,
    handlerContact: body.handlerContact ?? null,
    // Checked, and photos cleaned, before the transaction opens: no connection is held while libvips works.
    attachments: await checkReplyAttachments((body.attachments ?? []).map((a) => ({ name: a.name, public: a.public, bytes: new Uint8Array(Buffer.from(a.data, 'base64')) }))),
  };
}

/** The latest reply of the unit on the case page (the people handling the case see all of it). */
export const CaseReply = z.object({
  result: z.enum(REPLY_RESULTS.keys).nullable().meta({ description: 'Null for a reply made without one (before result types were recorded)' }),
  resultLabel: Label.nullable(),
  handlerName: z.string().nullable(),
  handlerContact: z.string().nullable(),
  at: z.string(),
  status: z.enum(['pending', 'approved', 'sent_back']).meta({ description: 'Waiting for the station\'s review, approved (the constituent sees its result and public files), or sent back' }),
  attachments: z.array(z.object({
    id: z.number(), name: z.string(), mime: z.string(), size: z.number(),
    public: z.boolean().meta({ description: 'Shown to the constituent once the reply is approved' }),
    url: z.string(),
  })),
}).meta({ id: 'CaseReply' });

/** What the constituent sees of the approved reply on her tracking page. */
export const PublicReplyFields = {
  replyResult: z.object({ code: z.enum(REPLY_RESULTS.keys), label: Label }).nullable()
    .meta({ description: 'The result type of the unit\'s reply, once the station approved it' }),
  attachments: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() }))
    .meta({ description: 'The public files of the approved reply; each url downloads with the same key (`?key=` or X-Query-Key)' }),
};

function keyOf(request: { query: { key?: string | undefined }; headers: Record<string, unknown> }): string {
  const header = request.headers['x-query-key'];
  return request.query.key ?? (typeof header === 'string' ? header : '');
}

/** Sends a stored file: its checked type, never sniffed again by the browser; a PDF opens inline, with its name. */
function disposition(name: string, mime: string, fallback: string) {
  return mime === 'application/pdf' ? attachment(name, fallback).replace(/^attachment/, 'inline') : attachment(name, fallback);
}

export const caseReplyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/cases/:id/reply-attachments/:attachmentId', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '办复附件 A file of the unit\'s reply (public or internal)',
      params: IdParams.extend({ attachmentId: QueryId }),
    },
  }, async (request, reply) => {
    const file = await getReplyAttachment(app.db, request.actor!, request.params.id, request.params.attachmentId);
    reply.header('content-type', file.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-disposition', disposition(file.name, file.mime, `case-${request.params.id}-reply-${request.params.attachmentId}`));
    return reply.send(Buffer.from(file.bytes));
  });

  app.post('/api/cases/:id/contact', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '查看联系方式 Reveal the submitter\'s name and phone (written to the audit log)',
      description: 'For the deputy who must answer the constituent (the case\'s deputy, or for a case addressed to no deputy, '
        + 'a deputy of its station while it waits for a deputy\'s answer), and whoever reads them anyway. '
        + 'Others who see the case: 403 CASE_CONTACT_FORBIDDEN. Each reveal is an audit record `case.contact_reveal`.',
      params: IdParams,
      response: { 200: z.object({ name: z.string().nullable(), phone: z.string().nullable() }), ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => revealCaseContact(ctx, request.params.id)));

  app.get('/api/public/opinions/:code/attachments/:attachmentId', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'], summary: '下载办复附件 A public file of the approved reply, with the tracking code and key',
      description: 'The key goes in `?key=` or the `X-Query-Key` header. A wrong key, an internal file or a reply not yet approved answer 404.',
      params: z.object({ code: z.string().max(20), attachmentId: QueryId }),
      querystring: z.object({ key: z.string().max(64).optional() }),
    },
  }, async (request, reply) => {
    const { id } = await findByTrackingKey(app.db, request.params.code, keyOf(request));
    const file = await getPublicReplyAttachment(app.db, id, request.params.attachmentId);
    reply.header('content-type', file.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff')
      .header('content-disposition', disposition(file.name, file.mime, `reply-${request.params.attachmentId}`));
    return reply.send(Buffer.from(file.bytes));
  });
};
