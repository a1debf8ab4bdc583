import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Engine } from '../db/engine.js';
import type { DB } from '../db/schema.js';
import type { Lang } from '../errors.js';
import type { Ability } from '../access/abilities.js';
import type { Actor } from '../access/actor.js';

export type Access = 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    /** For reports, statistics and exports: the replica when DATABASE_REPLICA_URL is set, else `db`. Never for writes. */
    readDb: Kysely<DB>;
    engine: Engine;
    config: Config;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionInfo: { token: string; csrfToken: string; expiresAt: Date } | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Who may call the route at all; every route must say. */
    access?: Access;
    /** The ability (policies/abilities.ts) an authenticated route needs. */
    ability?: Ability;
    /** Still callable while the account must change its password (me, logout, password). */
    allowPendingPasswordChange?: boolean;
  }
}
