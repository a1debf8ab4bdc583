import type { Kysely } from 'kysely';
import { composeServer } from './composition.js';
import type { Config } from './platform/config.js';
import { createAccount } from './features/accounts/index.js';
import { importShippedSchedules } from './features/calendar/index.js';
import { loadDemoCases } from './features/cases/index.js';
import { loadDemoSuggestions } from './features/suggestions/index.js';
import { loadDemoBudget } from './features/budget/index.js';
import { loadDemoLivelihood } from './features/livelihood/index.js';
import { loadDemoConsultations } from './features/consultations/index.js';
import { loadDemoReportBacks } from './features/reportBacks/index.js';
import { loadDemoDeliberations } from './features/deliberations/index.js';
import { loadDemoHotTopics } from './features/hotTopics/index.js';
import { loadDemoMediation } from './features/mediation/index.js';
import { loadDemoFormerDeputies } from './features/formerDeputies/index.js';
import { loadDemoWhistle } from './features/grids/index.js';
import { importRegions } from './features/regions/index.js';
import { scheduleMaintenance } from './platform/jobs/maintenance.js';
import type { DB } from './platform/db/schema.js';
import { isStrongPassword } from './platform/access/password.js';
import { SYSTEM_ACTOR } from './platform/access/actor.js';
import { loadDemo, type DemoLogin } from './demo.js';
import { now } from './platform/clock.js';

export type FirstStart =
  | { kind: 'existing' }
  | { kind: 'demo'; logins: DemoLogin[] }
  | { kind: 'admin'; username: string };

export class BootstrapError extends Error {}

/**
 * At every start, loads the shipped holiday schedules of years the database lacks.
 * On an empty database: imports the region tree, then loads the demo set (unless
 * LIANXIN_DEMO=0), with twelve weeks of cases and 平桂区's suggestions when `demoCases` is set
 * (the server, not the test fixtures), or creates the first administrator from LIANXIN_ADMIN_PASSWORD.
 * All in one transaction: a failed first start leaves the database empty.
 */
export async function bootstrap(db: Kysely<DB>, config: Config, options: { demoCases?: boolean } = {}): Promise<FirstStart> {
  composeServer();
  // Holiday schedules shipped with a newer version arrive at every start.
  await db.transaction().execute(async (trx) => {
    await importShippedSchedules({ trx, actor: SYSTEM_ACTOR, ip: null });
    await scheduleMaintenance(trx, now());
  });
  const hasAccount = await db.selectFrom('account').select('id').limit(1).executeTakeFirst();
  if (hasAccount) return { kind: 'existing' };
  if (!config.demo) {
    if (!config.adminPassword) {
      throw new BootstrapError('First start without demo data: set LIANXIN_ADMIN_PASSWORD for the first administrator account (admin). '
        + '首次启动且未加载演示数据:请设置 LIANXIN_ADMIN_PASSWORD 作为首个管理员(admin)的密码。');
    }
    if (!isStrongPassword(config.adminPassword)) {
      throw new BootstrapError('LIANXIN_ADMIN_PASSWORD is too weak: at least 10 characters from at least three of upper case, lower case, digits, symbols. '
        + 'LIANXIN_ADMIN_PASSWORD 强度不足:至少 10 位,且包含大写字母、小写字母、数字、符号中的至少三类。');
    }
  }
  return db.transaction().execute(async (trx) => {
    const ctx = { trx, actor: SYSTEM_ACTOR, ip: null };
    const hasRegions = await trx.selectFrom('region').select('code').limit(1).executeTakeFirst();
    if (!hasRegions) await importRegions(ctx);
    if (config.demo) {
      const logins = await loadDemo(ctx);
      if (options.demoCases) {
        await loadDemoCases(trx);
        await loadDemoSuggestions(trx);
        await loadDemoBudget(trx);
        await loadDemoLivelihood(trx);
        await loadDemoConsultations(trx);
        await loadDemoReportBacks(trx);
        await loadDemoDeliberations(trx);
        await loadDemoHotTopics(trx);
        await loadDemoMediation(trx);
        await loadDemoFormerDeputies(trx);
        await loadDemoWhistle(trx);
        // The demo's messages tell of its past twelve weeks: they are recorded as sent, so a first
        // start does not send (or log) a hundred messages about events nobody is waiting on.
        await trx.updateTable('outbox').set({ sent_at: now() }).where('sent_at', 'is', null).execute();
        // …and the people they went to have read those about cases that are over: the inbox opens on what still awaits them.
        await trx.updateTable('notification').set({ read_at: now() }).where('read_at', 'is', null)
          .where('case_id', 'in', trx.selectFrom('opinion').select('id').where('state', 'in', ['closed', 'archived', 'declined', 'merged']))
          .execute();
      }
      return { kind: 'demo' as const, logins };
    }
    await createAccount(ctx, { username: 'admin', displayName: '系统管理员', role: 'admin', password: config.adminPassword! }, { mustChangePassword: false });
    return { kind: 'admin' as const, username: 'admin' };
  });
}
