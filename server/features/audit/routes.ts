import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, pageOf, PageQuery, QueryId } from '../../platform/http/schemas.js';
import { listAuditLog } from './queries.js';
import { verifyAuditChain } from './chain.js';
import { writeCheckpoint } from './checkpoints.js';
import { now } from '../../platform/clock.js';

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

/** The audit log's filters, which its Excel export takes too. */
export const AuditFilters = {
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  actorAccountId: QueryId.optional(),
  action: z.string().max(80).optional().meta({ description: 'Exact action, or a prefix ending with a dot (e.g. `station.`)' }),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    config: { access: 'authenticated', ability: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计日志 The audit log, newest first',
      querystring: z.object({ ...AuditFilters, ...PageQuery }),
      response: { 200: pageOf(AuditEntrySchema), ...errorResponses },
    },
  }, async (request) => {
    const page = await listAuditLog(app.db, request.query);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        id: r.id, at: r.at.toISOString(), actorAccountId: r.actor_account_id, actorName: r.actor_name, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip, hash: r.hash,
      })),
    };
  });

  const store = () => ({ keyFile: app.config.auditKeyFile, file: app.config.auditCheckpointFile });

  app.get('/api/audit/verify', {
    config: { access: 'authenticated', ability: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '校验审计链 Verify every hash chain of the whole log, their heads, and the signed checkpoints',
      response: {
        200: z.object({
          ok: z.boolean(), checked: z.number(), lastId: z.number().nullable(),
          chains: z.number().meta({ description: 'How many hash chains hold records' }),
          root: z.string().nullable().meta({ description: 'sha256 over every chain\'s number, length and head hash (null when the log does not verify)' }),
          broken: z.object({
            id: z.number(), chain: z.number(),
            reason: z.enum(['prev_hash_mismatch', 'hash_mismatch', 'beyond_head', 'head_mismatch', 'missing', 'checkpoint_mismatch', 'checkpoint_cut']),
            gap: z.object({
              afterId: z.number().nullable().meta({ description: 'The chain\'s last good record before the span (null: from its start)' }),
              throughId: z.number().meta({ description: 'The span\'s last record' }),
              count: z.number().nullable().meta({ description: 'How many records the span lost, when known' }),
            }).nullable().meta({ description: 'The span of the chain that lost records or was rebuilt' }),
          }).nullable().meta({ description: 'The first bad record in id order (`missing`: the removed record\'s own id), or where a chain ends too early' }),
          checkpoints: z.object({
            lines: z.number().meta({ description: 'Checkpoint lines whose signature verifies' }),
            last: z.object({ seq: z.number(), at: z.string(), root: z.string() }).nullable(),
            problems: z.array(z.object({ line: z.number(), reason: z.enum(['unreadable', 'signature_invalid', 'link_broken']) }))
              .meta({ description: 'Lines of the checkpoint file that are unreadable, forged or relinked' }),
          }).nullable().meta({ description: 'The comparison with the signed checkpoint file (null: no checkpoint yet)' }),
        }),
        ...errorResponses,
      },
    },
  }, async () => verifyAuditChain(app.db, undefined, store()));

  app.post('/api/audit/checkpoints', {
    config: { access: 'authenticated', ability: 'audit.checkpoint' },
    schema: {
      tags: ['audit'], summary: '写入审计检查点 Seal the chains\' heads now into the signed checkpoint file (nothing when unchanged)',
      response: {
        200: z.object({
          written: z.boolean().meta({ description: 'False when nothing changed since the last checkpoint' }),
          seq: z.number(), at: z.string(), root: z.string(),
        }),
        ...errorResponses,
      },
    },
  }, async () => writeCheckpoint(app.db, store(), now()));
};
