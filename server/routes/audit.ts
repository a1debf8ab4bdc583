import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decodeCursor, isIdCursor, toPage } from '../http/pagination.js';
import { errorResponses, PageQuery, pageOf } from '../http/schemas.js';
import { verifyAuditChain } from '../queries/auditChain.js';

const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorAccountId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
}).meta({ id: 'AuditEntry' });

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    config: { access: 'authenticated', ability: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计日志 The audit log, newest first',
      querystring: z.object({
        entityType: z.string().max(50).optional(),
        entityId: z.string().max(50).optional(),
        actorAccountId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
        action: z.string().max(80).optional().meta({ description: 'Exact action, or a prefix ending with a dot (e.g. `station.`)' }),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        ...PageQuery,
      }),
      response: { 200: pageOf(AuditEntrySchema), ...errorResponses },
    },
  }, async (request) => {
    const f = request.query;
    const before = decodeCursor(f.cursor, isIdCursor);
    let q = app.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit + 1);
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.actorAccountId) q = q.where('actor_account_id', '=', f.actorAccountId);
    if (f.action) q = f.action.endsWith('.') ? q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`) : q.where('action', '=', f.action);
    if (f.from) q = q.where('at', '>=', new Date(f.from));
    if (f.to) q = q.where('at', '<', new Date(f.to));
    if (before !== null) q = q.where('id', '<', before);
    return toPage(await q.execute(), f.limit, (r) => r.id, (r) => ({
      id: r.id, at: r.at.toISOString(), actorAccountId: r.actor_account_id, actorName: r.actor_name, action: r.action,
      entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip, hash: r.hash,
    }));
  });

  app.get('/api/audit/verify', {
    config: { access: 'authenticated', ability: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '校验审计链 Verify the hash chain of the whole log',
      response: {
        200: z.object({
          ok: z.boolean(), checked: z.number(), lastId: z.number().nullable(),
          broken: z.object({ id: z.number(), reason: z.enum(['prev_hash_mismatch', 'hash_mismatch']) }).nullable(),
        }),
        ...errorResponses,
      },
    },
  }, async () => verifyAuditChain(app.db));
};
