/**
 * The election round (换届) of one congress, in the caller's one transaction: the running term
 * closes and the next opens, the seats of the old term end, re-elected deputies and the roster's
 * people take seats in the new one, the deputies who leave become former deputies (some of
 * them 特邀联络员), memberships are carried over or reassigned, and the open cases of those who
 * leave pass to the successors the stations named. Every change has its audit record, and the
 * round one of its own with the plan's figures. Anything that fails rolls all of it back.
 *
 * Writes are set-wise (a county of 5 000 deputies is a handful of statements per table), with
 * the same rows and audit snapshots the single-record commands write.
 */
import { sql } from 'kysely';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { AuditAppender, recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DeputyRowData } from '../deputies/index.js';
import { planRound, type Membership, type PersonPlan, type RoundInput } from './round.js';
import { AppError } from '../../platform/errors.js';
import { notify } from '../../platform/notify/notify.js';
import { loadRound, presentProblems, requireRoundTerm } from './roundQueries.js';
import { createTerm, updateTerm } from './commands.js';

export { requireRoundTerm };

export interface RoundOutcome {
  newTermId: number;
  closedTermId: number;
  summary: {
    reElected: number; left: number; specialLiaisons: number; imported: number; matched: number; casesHandedOver: number;
    membershipsKept: number; membershipsEnded: number; membershipsAdded: number;
  };
}

async function insertSliced<T>(rows: T[], size: number, insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** What `createDeputy` and `updateDeputy` record of a deputy: the row, its levels by level and stations by id. */
async function snapshots(ctx: WriteContext, ids: number[]) {
  const out = new Map<number, Record<string, unknown>>();
  if (ids.length === 0) return out;
  const { trx } = ctx;
  const levels = new Map<number, { level: string; term: number; region_code: string | null }[]>();
  const stations = new Map<number, { station_id: number; role: string }[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const slice = ids.slice(i, i + 5000);
    const [rows, ls, ss] = await Promise.all([
      trx.selectFrom('deputy').selectAll().where('id', 'in', slice).execute(),
      trx.selectFrom('deputy_level').select(['deputy_id', 'level', 'term', 'region_code']).where('deputy_id', 'in', slice).orderBy('deputy_id').orderBy('level').execute(),
      trx.selectFrom('deputy_station').select(['deputy_id', 'station_id', 'role']).where('deputy_id', 'in', slice).orderBy('deputy_id').orderBy('station_id').execute(),
    ]);
    for (const l of ls) levels.set(l.deputy_id, [...(levels.get(l.deputy_id) ?? []), { level: l.level, term: l.term, region_code: l.region_code }]);
    for (const s of ss) stations.set(s.deputy_id, [...(stations.get(s.deputy_id) ?? []), { station_id: s.station_id, role: s.role }]);
    for (const r of rows) out.set(r.id, { ...r, levels: levels.get(r.id) ?? [], stations: stations.get(r.id) ?? [] });
  }
  return out;
}

/** The membership changes of one person: ended, added, role changed, kept. */
function diff(before: Membership[], after: Membership[]) {
  const was = new Map(before.map((m) => [m.stationId, m.role]));
  const now = new Map(after.map((m) => [m.stationId, m.role]));
  return {
    ended: before.filter((m) => !now.has(m.stationId)),
    added: after.filter((m) => !was.has(m.stationId)),
    changed: after.filter((m) => was.has(m.stationId) && was.get(m.stationId) !== m.role),
    kept: after.filter((m) => was.get(m.stationId) === m.role).length,
  };
}

/** Plans the round as the caller may run it, without writing (the preview). */
export async function previewRound(db: Parameters<typeof loadRound>[0], actor: WriteContext['actor'], termId: number, input: RoundInput) {
  const term = await requireRoundTerm(db, actor, termId);
  if (term.version !== input.version) throw new AppError('CONFLICT', { currentVersion: term.version });
  const loaded = await loadRound(db, actor, term, input.rosterImportId);
  return { term, loaded, plan: planRound(loaded.state, input) };
}

export async function runRound(ctx: WriteContext, termId: number, input: RoundInput, lang: 'zh' | 'en' = 'zh'): Promise<RoundOutcome> {
  const { trx } = ctx;
  const term = await requireRoundTerm(trx, ctx.actor, termId, { lock: true });
  if (term.version !== input.version) throw new AppError('CONFLICT', { currentVersion: term.version });
  const loaded = await loadRound(trx, ctx.actor, term, input.rosterImportId);
  const plan = planRound(loaded.state, input);
  if (plan.problems.length) {
    const problems = presentProblems(plan.problems, lang);
    throw new AppError('ROUND_BLOCKED', { count: problems.length, problems }, problems.map(({ path, code, message }) => ({ path, code, message })));
  }

  // Terms: the running one ends the day before the next starts (both with their own audit records and checks).
  await updateTerm(ctx, term.id, input.version, { endsOn: plan.closingEndsOn });
  const newTermId = await createTerm(ctx, { level: term.level, regionCode: term.region_code, number: input.next.number, startsOn: input.next.startsOn, endsOn: null });
  await recordAudit(ctx, {
    action: 'term.round', entityType: 'congress_term', entityId: newTermId,
    after: {
      closedTermId: term.id, newTermId, next: input.next, rosterImportId: input.rosterImportId ?? null,
      counts: plan.counts, coverage: { stationedRate: plan.coverage.stationedRate, coverageRate: plan.coverage.coverageRate },
      deputies: input.deputies, successors: input.successors ?? [], memberships: input.memberships ?? [],
    },
  });
  const audit = new AuditAppender(ctx);
  const at = clockNow();

  const existing = plan.people.filter((p): p is PersonPlan & { deputyId: number } => p.deputyId !== null);
  const newcomers = plan.people.filter((p) => p.deputyId === null);
  const before = await snapshots(ctx, existing.map((p) => p.deputyId));

  // New people from the roster: created as a roster commit creates them, with a seat in the new term.
  const createdByRow = new Map<number, number>();
  if (newcomers.length) {
    const rows = new Map((await trx.selectFrom('import_row').select(['row_no', 'data']).where('batch_id', '=', input.rosterImportId!)
      .where('row_no', 'in', newcomers.map((p) => p.rosterRow!)).execute()).map((r) => [r.row_no, r.data as unknown as DeputyRowData]));
    for (let i = 0; i < newcomers.length; i += 1000) {
      await setImmediatePromise();
      const slice = newcomers.slice(i, i + 1000);
      const regionPaths = new Map((await trx.selectFrom('region').select(['code', 'path'])
        .where('code', 'in', [...new Set(slice.map((p) => rows.get(p.rosterRow!)!.region!.code))]).execute()).map((r) => [r.code, r.path]));
      const inserted = await trx.insertInto('deputy').values(slice.map((p) => {
        const d = rows.get(p.rosterRow!)!;
        return {
          name: d.name, name_pinyin: d.namePinyin, name_initials: d.nameInitials, gender: d.gender!, ethnicity: d.ethnicity,
          party: d.party, birth_year: d.birthYear, phone: d.phone, status: 'current' as const, special_liaison: false,
          region_code: d.region!.code, region_path: regionPaths.get(d.region!.code)!, constituency: d.constituency,
          profession_tags: d.professionTags, occupation: d.occupation, grid_cell: d.gridCell, updated_at: at,
        };
      })).returning(['id', 'name']).execute();
      if (inserted.length !== slice.length || inserted.some((r, k) => r.name !== slice[k]!.name)) throw new AppError('INTERNAL', { reason: 'insert order' });
      inserted.forEach((r, k) => createdByRow.set(slice[k]!.rosterRow!, r.id));
      const levels = slice.flatMap((p, k) => {
        const d = rows.get(p.rosterRow!)!;
        const others = d.levels.filter((l) => l.level !== term.level && l.term > 0);
        return [{ level: term.level, term: input.next.number, region_code: term.region_code }, ...others.map((l) => ({ level: l.level, term: l.term, region_code: l.regionCode }))]
          .map((l) => ({ deputy_id: inserted[k]!.id, ...l }));
      });
      await insertSliced(levels, 5000, (s) => trx.insertInto('deputy_level').values(s).execute());
      const members = slice.flatMap((p, k) => p.after.map((m) => ({ deputy_id: inserted[k]!.id, station_id: m.stationId, role: m.role })));
      await insertSliced(members, 5000, (s) => trx.insertInto('deputy_station').values(s).execute());
    }
  }

  // Seats: the old term's end, the new term's start.
  const olds = existing.filter((p) => p.oldOutcome !== null);
  await insertSliced(olds, 5000, (s) => trx.insertInto('deputy_term')
    .values(s.map((p) => ({ deputy_id: p.deputyId, term_id: term.id, joined_by: 'recorded' as const, outcome: p.oldOutcome })))
    .onConflict((oc) => oc.columns(['deputy_id', 'term_id']).doUpdateSet({ outcome: (eb) => eb.ref('excluded.outcome') })).execute());
  const seated = [
    ...existing.filter((p) => p.newTerm).map((p) => ({ deputy_id: p.deputyId, joined_by: p.joinedBy! })),
    ...newcomers.map((p) => ({ deputy_id: createdByRow.get(p.rosterRow!)!, joined_by: 'elected' as const })),
  ];
  await insertSliced(seated, 5000, (s) => trx.insertInto('deputy_term')
    .values(s.map((x) => ({ ...x, term_id: newTermId, outcome: null }))).execute());
  // The level names the seat held now: the new term's number for those who sit in it.
  const reSeated = existing.filter((p) => p.newTerm).map((p) => p.deputyId);
  await insertSliced(reSeated, 5000, (s) => trx.insertInto('deputy_level')
    .values(s.map((id) => ({ deputy_id: id, level: term.level, term: input.next.number, region_code: term.region_code })))
    .onConflict((oc) => oc.columns(['deputy_id', 'level']).doUpdateSet({ term: (eb) => eb.ref('excluded.term'), region_code: (eb) => eb.ref('excluded.region_code') }))
    .execute());
  // Someone who leaves this congress but sits in another keeps only that seat; a former deputy keeps their last one.
  const leftButServing = existing.filter((p) => p.oldOutcome === 'left' && p.status === 'current').map((p) => p.deputyId);
  if (leftButServing.length) {
    await insertSliced(leftButServing, 5000, (s) => trx.deleteFrom('deputy_level').where('deputy_id', 'in', s).where('level', '=', term.level).execute());
  }

  // Status: former deputies (some 特邀联络员), and registered people who come back as deputies.
  const groups = new Map<string, number[]>();
  for (const p of existing) {
    const k = `${p.status}:${p.specialLiaison}`;
    const list = groups.get(k);
    if (list) list.push(p.deputyId); else groups.set(k, [p.deputyId]);
  }
  for (const [k, ids] of groups) {
    const [status, liaison] = k.split(':') as ['current' | 'former', string];
    await insertSliced(ids, 5000, (s) => trx.updateTable('deputy')
      .set({ status, special_liaison: liaison === 'true', version: sql`version + 1`, updated_at: at }).where('id', 'in', s).execute());
  }

  // Memberships (编组进站).
  let membershipsKept = 0;
  let membershipsEnded = 0;
  let membershipsAdded = 0;
  const ended: { deputy_id: number; station_id: number }[] = [];
  const added: { deputy_id: number; station_id: number; role: Membership['role'] }[] = [];
  const changed: { deputy_id: number; station_id: number; role: Membership['role'] }[] = [];
  for (const p of existing) {
    const d = diff(p.before, p.after);
    membershipsKept += d.kept;
    membershipsEnded += d.ended.length;
    membershipsAdded += d.added.length;
    ended.push(...d.ended.map((m) => ({ deputy_id: p.deputyId, station_id: m.stationId })));
    added.push(...d.added.map((m) => ({ deputy_id: p.deputyId, station_id: m.stationId, role: m.role })));
    changed.push(...d.changed.map((m) => ({ deputy_id: p.deputyId, station_id: m.stationId, role: m.role })));
  }
  membershipsAdded += newcomers.reduce((n, p) => n + p.after.length, 0);
  await insertSliced(ended, 2000, (s) => sql`delete from deputy_station ds using (values ${sql.join(s.map((e) => sql`(${e.deputy_id}::int, ${e.station_id}::int)`))}) as v(deputy_id, station_id)
    where ds.deputy_id = v.deputy_id and ds.station_id = v.station_id`.execute(trx));
  await insertSliced(added, 5000, (s) => trx.insertInto('deputy_station').values(s).execute());
  await insertSliced(changed, 2000, (s) => sql`update deputy_station ds set role = v.role
    from (values ${sql.join(s.map((e) => sql`(${e.deputy_id}::int, ${e.station_id}::int, ${e.role}::text)`))}) as v(deputy_id, station_id, role)
    where ds.deputy_id = v.deputy_id and ds.station_id = v.station_id`.execute(trx));

  // Open cases of those who leave pass to the successors, each with a timeline event.
  const holders = plan.handovers.map((h) => ({ ...h, toId: h.to!.deputyId ?? createdByRow.get(h.to!.rosterRow!)! }));
  if (holders.length) {
    const addressed = new Map((await trx.selectFrom('opinion').select(['id', 'deputy_id']).where('id', 'in', holders.map((h) => h.caseId)).execute())
      .map((o) => [o.id, o.deputy_id]));
    await insertSliced(holders, 2000, (s) => sql`update opinion o set holder_deputy_id = nullif(v.holder, o.deputy_id), version = o.version + 1, updated_at = ${at}
      from (values ${sql.join(s.map((h) => sql`(${h.caseId}::bigint, ${h.toId}::int)`))}) as v(id, holder)
      where o.id = v.id`.execute(trx));
    await insertSliced(holders, 2000, (s) => trx.insertInto('opinion_event').values(s.map((h) => ({
      opinion_id: h.caseId, at, actor_kind: ctx.actor.role, actor_account_id: ctx.actor.accountId || null, actor_name: ctx.actor.displayName,
      action: 'hand_over', from_state: h.state as never, to_state: h.state as never,
      comment: `${h.from.name} 代表换届离任,由 ${h.to!.name} 代表接办`, public: false,
      data: JSON.stringify({ fromDeputyId: h.from.id, fromName: h.from.name, toDeputyId: h.toId, toName: h.to!.name, termId: newTermId }),
    }))).execute());
    // Each successor hears once of the cases they now hold (one notice naming them, not one per case).
    const accounts = await trx.selectFrom('account').select(['id', 'deputy_id'])
      .where('deputy_id', 'in', [...new Set(holders.map((h) => h.toId))]).where('active', '=', true).execute();
    for (const toId of new Set(holders.map((h) => h.toId))) {
      const accountIds = accounts.filter((a) => a.deputy_id === toId).map((a) => a.id);
      const theirs = holders.filter((h) => h.toId === toId);
      if (accountIds.length === 0) continue;
      await notify(trx, {
        accountIds, kind: 'case.hand_over', caseId: theirs.length === 1 ? theirs[0]!.caseId : null,
        link: theirs.length === 1 ? `/cases/${theirs[0]!.caseId}` : '/cases?open=true',
        title: `换届移交:请接办 ${theirs.length} 件群众意见`,
        body: theirs.slice(0, 10).map((h) => `${h.trackingCode}(原由 ${h.from.name} 代表)`).join('、') + (theirs.length > 10 ? ' 等' : ''),
      });
    }
    await audit.append(holders.map((h) => ({
      action: 'case.hand_over', entityType: 'case', entityId: h.caseId,
      before: { holderDeputyId: h.from.id, addressedDeputyId: addressed.get(h.caseId) ?? null },
      after: { holderDeputyId: h.toId, addressedDeputyId: addressed.get(h.caseId) ?? null, termId: newTermId },
    })));
  }

  // The roster has served.
  if (input.rosterImportId !== undefined) {
    await trx.deleteFrom('import_row').where('batch_id', '=', input.rosterImportId).execute();
    await trx.updateTable('import_batch').set({ status: 'committed', committed_at: at, created_count: createdByRow.size })
      .where('id', '=', input.rosterImportId).execute();
  }

  // Audit records of every deputy changed or created, with the snapshots the deputy commands record.
  const after = await snapshots(ctx, [...existing.map((p) => p.deputyId), ...createdByRow.values()]);
  await audit.append(existing.map((p) => ({ action: 'deputy.update', entityType: 'deputy', entityId: p.deputyId, before: before.get(p.deputyId), after: after.get(p.deputyId) })));
  await audit.append([...createdByRow.values()].map((id) => ({ action: 'deputy.create', entityType: 'deputy', entityId: id, after: after.get(id) })));

  return {
    newTermId,
    closedTermId: term.id,
    summary: {
      reElected: plan.counts.reElected, left: plan.counts.leaving, specialLiaisons: plan.counts.specialLiaisons,
      imported: createdByRow.size, matched: plan.counts.rosterMatched, casesHandedOver: plan.handovers.length,
      membershipsKept, membershipsEnded, membershipsAdded,
    },
  };
}
