import type { FastifyRequest } from 'fastify';
import type { WriteContext } from '../audit/audit.js';

/** Runs a write use case in one transaction, with the signed-in actor and the client address. */
export function runWrite<T>(request: FastifyRequest, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
  const actor = request.actor!;
  return request.server.db.transaction().execute((trx) => fn({ trx, actor, ip: request.ip }));
}
