/**
 * Property-based test over the route schemas: every write route (POST, PUT, PATCH, DELETE,
 * public or not), as the OpenAPI document describes it, gets generated bad requests — bodies of
 * the right shape with wrong types, missing or null fields, huge strings, lone surrogates,
 * nested junk and extra fields; bodies that are not objects, not UTF-8 or in a foreign charset;
 * path parameters of the wrong type — sent as a role that may use the route, with the CSRF header.
 * Each answer must be below 500, an error must carry a stable code and a message, and a refused
 * write must leave no audit record (sign-in failures excepted: they are audited by design).
 *
 * FC_RUNS (default 4) sets the requests per route, FC_SEED the seed (printed on failure; a random
 * one when unset), FC_ROUTE a substring of the routes to run, FC_SHRINK=1 shrinks a failure to a
 * smaller request (slow: every step is a real request).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { registeredRoutes } from './app.js';
import { can, type Ability } from './platform/access/abilities.js';
import type { AnyActor } from './platform/access/actor.js';
import { Client, signIn, startTestApp, type TestApp } from './testing/harness.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: Json[];
  const?: Json;
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
  additionalProperties?: Schema | boolean;
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
/** One generated request: path parameters (raw when already percent-encoded), and a body. */
interface Attempt {
  params: Record<string, { value: string; raw: boolean }>;
  body: { kind: 'json'; value: Json | undefined } | { kind: 'bytes'; bytes: Buffer; contentType: string };
}

const RUNS = Number(process.env.FC_RUNS ?? 4);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : (Math.random() * 2 ** 31) | 0;
const ONLY = process.env.FC_ROUTE;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ROLES = ['admin', 'staff', 'officer', 'deputy', 'unit', 'grid'] as const;
const USERNAMES: Record<(typeof ROLES)[number], string> = {
  admin: 'admin', staff: 'pinggui', officer: 'huangtian', deputy: 'liangjun', unit: 'shuiliju', grid: 'wangge',
};
/** Refusals that are audited on purpose: failed and refused sign-ins are a security record. */
const AUDITED_REFUSALS: Record<string, RegExp> = {
  'POST /api/auth/login': /^auth\.(login_failed|account_locked|login_refused_locked|login_refused_disabled)$/,
};
const CODE = /^[A-Z][A-Z0-9_]*$/;
/** Each route draws from its own seed, derived from FC_SEED and the route, so one route can be rerun alone. */
function routeSeed(key: string): number {
  let h = SEED | 0;
  for (const c of key) h = (Math.imul(h ^ c.charCodeAt(0), 0x9e3779b1) >>> 0) | 0;
  return h;
}

// ---- generators ---------------------------------------------------------------------------
//
// A request is a body of the route's schema, as a client that reads the schema would send it
// (ids small, so that they often name real records), with one mutation or none: a value
// replaced by junk, a field dropped, a field nobody asked for added, or the whole body
// replaced. Unmutated bodies may well be accepted; that is allowed (and audited).

const LONE = ['\ud800', 'x\udfffy', '\udc00abc', '连心\ud83d'];
const hugeString = fc.constantFrom('长'.repeat(20_000), 'x'.repeat(300_000));
/** Strings that look right for many fields: dates, instants, times, region codes, phones, names. */
const PLAUSIBLE = [
  '2030-01-15', '2026-12-31', '2099-02-28', '1999-01-01', '2030-01-15T08:00:00.000Z', '09:30',
  '451103', '451103101', '420684', '420684109', '13800138000', '0774-5123456', '91350100M000100Y44',
  '连心桥', '黄田镇', '矩阵测试', 'a', 'A1', '',
];
const anyJunk: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2_147_483_648, -2_147_483_649, 1e308, -1e308, 9_007_199_254_740_992, '', [], {}, [null], { '': null }),
  fc.constantFrom<Json>(...LONE, '2099-02-29', '25:61', '1e400', 'NaN', '\u0000', 'a\u0000b', '\u202e', '<script>x</script>', "'; drop table x; --", ' '),
  hugeString,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);
const textUnit = fc.constantFrom('连', '心', '桥', '站', 'a', 'Z', '1', ' ', '-', '😀');

function plausibleStrings(schema: Schema): string[] {
  if (schema.pattern) {
    let re: RegExp | null = null;
    try { re = new RegExp(schema.pattern, 'u'); } catch { re = null; }
    const fits = re ? PLAUSIBLE.filter((s) => re.test(s)) : [];
    if (fits.length) return fits;
  }
  const about = schema.description ?? '';
  if (/YYYY-MM-DD/.test(about)) return ['2030-01-15', '2026-12-31', '2027-06-30', '1999-01-01'];
  if (/ISO 8601|instant/i.test(about) || schema.format === 'date-time') return ['2030-01-15T08:00:00.000Z', '2026-12-05T00:00:00Z'];
  return PLAUSIBLE.filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
}

function resolve(schema: Schema, doc: { components?: { schemas?: Record<string, Schema> } }): Schema {
  let s = schema;
  for (let i = 0; i < 10 && s.$ref; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  return s;
}

/** A value of the schema's shape. */
function validOf(raw: Schema, doc: object, depth = 0): fc.Arbitrary<Json> {
  const schema = resolve(raw, doc);
  if (depth > 6) return fc.constant(null);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((o) => validOf(o, doc, depth + 1)));
  if (schema.allOf?.length) return validOf(schema.allOf[0]!, doc, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validOf({ ...schema, type }, doc, depth)));
  switch (types[0]) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer':
    case 'number': {
      const min = Math.max(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000), -1e9);
      const max = Math.min(schema.maximum ?? 100_000, 1e9);
      if (min > max) return fc.constant(min);
      return fc.oneof(
        { arbitrary: fc.integer({ min: Math.max(min, 1), max: Math.max(Math.min(max, 40), Math.max(min, 1)) }), weight: 3 },
        { arbitrary: fc.integer({ min, max }), weight: 1 },
        { arbitrary: fc.constantFrom<Json>(min, max), weight: 1 },
      );
    }
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
      const plausible = plausibleStrings(schema);
      const text = fc.string({ unit: textUnit, minLength: min, maxLength: max });
      return plausible.length ? fc.oneof({ arbitrary: fc.constantFrom(...plausible), weight: 3 }, { arbitrary: text, weight: 1 }) : text;
    }
    case 'array': {
      const item = schema.items ? validOf(schema.items, doc, depth + 1) : fc.constant(null);
      const min = Math.min(schema.minItems ?? 0, 3);
      return fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const model: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) model[key] = validOf(value, doc, depth + 1);
      if (!Object.keys(model).length) {
        const values = typeof schema.additionalProperties === 'object' ? validOf(schema.additionalProperties, doc, depth + 1) : fc.constant(null);
        return fc.dictionary(fc.constantFrom('a', 'b', 'water', '1'), values, { maxKeys: 2 });
      }
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) }) as fc.Arbitrary<Json>;
    }
    default:
      return anyJunk;
  }
}

type Step = string | number;
function pathsOf(value: Json, at: Step[] = []): Step[][] {
  const out: Step[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

interface Mutation { kind: 'none' | 'junk' | 'lone' | 'drop' | 'extra' | 'whole'; at: number; junk: Json; key: string }
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 3 },
    { arbitrary: fc.constant('junk' as const), weight: 5 },
    { arbitrary: fc.constant('lone' as const), weight: 1 },
    { arbitrary: fc.constant('drop' as const), weight: 2 },
    { arbitrary: fc.constant('extra' as const), weight: 1 },
    { arbitrary: fc.constant('whole' as const), weight: 1 },
  ),
  at: fc.nat(),
  junk: anyJunk,
  key: fc.constantFrom('__proto__', 'constructor', 'k\ud800', 'id', 'version', 'extra', 'isAdmin'),
});

/** The body with the mutation applied (a copy; the generated value stays as it was). */
function mutate(body: Json, m: Mutation): Json {
  if (m.kind === 'none') return body;
  if (m.kind === 'whole') return m.junk;
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  // The root only when the body has nothing inside (the whole body has its own mutation).
  const paths = pathsOf(copy).slice(1);
  const path = paths.length ? paths[m.at % paths.length]! : [];
  const value: Json = m.kind === 'lone' ? LONE[m.at % LONE.length]! : m.junk;
  if (path.length === 0) {
    if (m.kind === 'extra' && copy && typeof copy === 'object' && !Array.isArray(copy)) {
      Object.defineProperty(copy, m.key, { value: m.junk, enumerable: true, writable: true, configurable: true });
      return copy;
    }
    return m.kind === 'drop' ? null : value;
  }
  let parent = copy as Record<string, Json> | Json[];
  for (const step of path.slice(0, -1)) parent = (parent as Record<string, Json>)[step as string] as Record<string, Json>;
  const last = path.at(-1)!;
  const target = (parent as Record<string, Json>)[last as string];
  if (m.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last as string];
  } else if (m.kind === 'extra' && target && typeof target === 'object' && !Array.isArray(target)) {
    Object.defineProperty(target, m.key, { value: m.junk, enumerable: true, writable: true, configurable: true });
  } else {
    (parent as Record<string, Json>)[last as string] = value;
  }
  return copy;
}

const JUNK_PARAMS = ['abc', '0', '-1', '1.5', '2147483648', '99999999999999999999', 'x'.repeat(90), 'x'.repeat(150), ' ', 'null', '连心'];
const RAW_PARAMS = ['%ED%A0%80', '%E4%BD', '%00', '%25', '%F0%9F%98%80'];

function paramOf(schema: Schema, doc: object): fc.Arbitrary<{ value: string; raw: boolean }> {
  const s = resolve(schema, doc);
  const shaped = s.enum?.length
    ? fc.constantFrom(...s.enum.map(String))
    : s.type === 'integer' || s.type === 'number' || !s.type ? fc.integer({ min: 1, max: 40 }).map(String)
      : fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), fc.constantFrom(...plausibleStrings(s), '2026'));
  return fc.oneof(
    { arbitrary: shaped.map((value) => ({ value, raw: false })), weight: 12 },
    { arbitrary: fc.constantFrom(...JUNK_PARAMS).map((value) => ({ value, raw: false })), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_PARAMS).map((value) => ({ value, raw: true })), weight: 1 },
  );
}

const BYTES = [
  { kind: 'bytes' as const, bytes: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), contentType: 'application/json' },
  { kind: 'bytes' as const, bytes: Buffer.from('{"name":"\xe9t\xe9"}', 'latin1'), contentType: 'application/json; charset=iso-8859-1' },
  { kind: 'bytes' as const, bytes: Buffer.from('{"a":'), contentType: 'application/json' },
  { kind: 'bytes' as const, bytes: Buffer.from('{"version":1e999,"id":-0,"stationId":99999999999999999999}'), contentType: 'application/json' },
  { kind: 'bytes' as const, bytes: Buffer.from('{"__proto__":{"isAdmin":true}}'), contentType: 'application/json' },
  { kind: 'bytes' as const, bytes: Buffer.from('name=x'), contentType: 'application/x-www-form-urlencoded' },
  { kind: 'bytes' as const, bytes: Buffer.from('just text'), contentType: 'text/plain' },
];

function attemptOf(op: Operation | undefined, pathParams: string[], doc: object): fc.Arbitrary<Attempt> {
  const declared = new Map((op?.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
  const params: Record<string, fc.Arbitrary<{ value: string; raw: boolean }>> = {};
  for (const name of pathParams) params[name] = paramOf(declared.get(name) ?? { type: 'string' }, doc);
  const schema = op?.requestBody?.content['application/json']?.schema;
  const shaped = fc.tuple(schema ? validOf(schema, doc) : fc.constant({}), mutation).map(([value, m]) => mutate(value, m));
  const body = fc.oneof(
    { arbitrary: shaped.map((value) => ({ kind: 'json' as const, value })), weight: 20 },
    { arbitrary: fc.constant({ kind: 'json' as const, value: undefined }), weight: 1 },
    { arbitrary: fc.constantFrom(...BYTES), weight: 1 },
  );
  return fc.record({ params: fc.record(params), body }) as fc.Arbitrary<Attempt>;
}

// ---- the test -----------------------------------------------------------------------------

describe(`write routes refuse generated bad input without a 5xx or an audit record (FC_SEED=${SEED}, FC_RUNS=${RUNS})`, () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
  const clients = new Map<string, Client>();
  /** The accounts the test signs in as: generated requests never aim at them, so none locks itself out. */
  const actorIds = new Set<string>();

  before(async () => {
    t = await startTestApp();
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const accounts = await t.database.db.selectFrom('account').select(['id', 'username']).where('username', 'in', Object.values(USERNAMES)).execute();
    for (const a of accounts) actorIds.add(String(a.id));
  });
  after(() => t?.close());

  /** A signed-in client of the role, signed in again when an earlier request ended its session. */
  async function clientFor(role: (typeof ROLES)[number] | 'anon'): Promise<Client> {
    if (role === 'anon') return new Client(t.app);
    const known = clients.get(role);
    if (known && (await known.get('/api/auth/me')).statusCode === 200) return known;
    const fresh = await signIn(t.app, USERNAMES[role]);
    clients.set(role, fresh);
    return fresh;
  }

  async function auditCount(): Promise<number> {
    const row = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }


  /** How the generated requests were answered (status → count), reported at the end: most should get past validation sometimes. */
  const answered = new Map<string, number>();
  const perRoute = new Map<string, string[]>();
  type ErrorJson = { error?: { code?: string; fields?: { path: string; code: string }[] } };
  const errorCode = (body: string) => { try { return String((JSON.parse(body) as ErrorJson).error?.code); } catch { return 'not JSON'; } };
  const firstField = (body: string) => {
    try { const f = (JSON.parse(body) as ErrorJson).error?.fields?.[0]; return f ? ` ${f.path}:${f.code}` : ''; } catch { return ''; }
  };

  it('runs over every write route', async (ctx) => {
    const routes = registeredRoutes.get(t.app)!
      .filter((r) => WRITES.has(r.method) && !r.url.startsWith('/api/docs'))
      .filter((r) => !ONLY || `${r.method} ${r.url}`.includes(ONLY));
    assert.ok(ONLY || routes.length > 150, `only ${routes.length} write routes found`);
    for (const route of routes) {
      await ctx.test(`${route.method} ${route.url}`, async () => {
        const key = `${route.method} ${route.url}`;
        const pathParams = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
        const role = route.access === 'public' ? 'anon'
          : ROLES.find((r) => !route.ability || can({ kind: 'account', role: r } as AnyActor, route.ability as Ability)) ?? 'admin';
        const accountRoute = route.url.startsWith('/api/accounts/');
        const property = fc.asyncProperty(attemptOf(op, pathParams, doc), async (attempt) => {
          // Requests never aim at the test's own accounts (a reset password would lock them out of the rest).
          fc.pre(!accountRoute || !actorIds.has(attempt.params.id?.value ?? ''));
          const client = await clientFor(role);
          const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
            const p = attempt.params[name]!;
            return p.raw ? p.value : encodeURIComponent(p.value);
          });
          const body = attempt.body;
          const headers: Record<string, string> = {
            'accept-language': 'en',
            ...(client.cookie && { cookie: client.cookie, 'x-csrf-token': client.csrf }),
          };
          let payload: string | Buffer | undefined;
          if (body.kind === 'bytes') {
            payload = body.bytes;
            headers['content-type'] = body.contentType;
          } else if (body.value !== undefined) {
            payload = JSON.stringify(body.value);
            headers['content-type'] = 'application/json';
          }
          const auditBefore = await auditCount();
          const res = await t.app.inject({ method: route.method as 'POST', url, payload, headers, remoteAddress: client.remoteAddress });
          const outcome = res.statusCode === 400 ? `400 ${errorCode(res.body)}` : String(res.statusCode);
          answered.set(outcome, (answered.get(outcome) ?? 0) + 1);
          if (process.env.FC_VERBOSE) perRoute.set(key, [...(perRoute.get(key) ?? []), `${outcome}${firstField(res.body)}`]);
          const described = `${route.method} ${url} as ${role} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          assert.ok(res.statusCode < 500, described);
          if (res.statusCode >= 400) {
            let error: { code?: string; message?: string } | undefined;
            try { error = res.json<{ error?: { code?: string; message?: string } }>().error; } catch { error = undefined; }
            // Open311 answers in GeoReport's own error format ([{ code, description }]).
            if (route.url.startsWith('/open311/')) {
              assert.ok(Array.isArray(res.json()), described);
            } else {
              assert.ok(error?.code && CODE.test(error.code) && error.message, `error without a stable code: ${described}`);
            }
          }
          if (res.statusCode < 200 || res.statusCode >= 300) {
            const added = (await auditCount()) - auditBefore;
            const written = added > 0 ? await t.database.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(added).execute() : [];
            const unexpected = written.filter((w) => !AUDITED_REFUSALS[key]?.test(w.action));
            assert.deepEqual(unexpected.map((w) => w.action), [], `audit record written for a refused write: ${described}`);
          }
        });
        await fc.assert(property, {
          numRuns: RUNS, seed: routeSeed(key), endOnFailure: !process.env.FC_SHRINK,
          reporter: (details) => {
            if (!details.failed) return;
            const shown = JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 30)}…(${v.length} chars)` : v));
            const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
            throw new Error(`${key}: ${cause}\nrequest: ${shown}\nreproduce: FC_SEED=${SEED} FC_RUNS=${RUNS} FC_ROUTE='${key}'`);
          },
        });
      });
    }
    for (const [key, outcomes] of perRoute) ctx.diagnostic(`${key}: ${outcomes.join(', ')}`);
    ctx.diagnostic(`answers: ${JSON.stringify(Object.fromEntries([...answered].sort((a, b) => b[1] - a[1])))}`);
  });
});
