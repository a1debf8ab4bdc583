/**
 * What a feature brings to the server, in one place: its routes, abilities, error codes, audit
 * actions, job kinds, housekeeping, demo steps and what it contributes to other features
 * (registers, exports, point sources, to-dos). Each `server/features/<f>/index.ts` exports its manifest as `feature`;
 * `server/features/index.ts` lists them all (`FEATURES`), and the composition root (app, worker,
 * demo loader) hands that list to the kernel with `installFeatures`. The kernel never imports a
 * feature: it only iterates what it is given.
 *
 * Every field is required (empty arrays and objects are fine), so a forgotten one is a type error.
 */
import type { Transaction } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Label } from '../../common/enums.js';
import type { WriteContext } from './audit/audit.js';
import type { DB } from './db/schema.js';
import { installErrorCatalog, type ErrorSpec } from './errors.js';
import { installAbilities, type AbilityTable } from './access/abilities.js';
import { registerJobHandler, type JobHandler, type JobHandlerOptions } from './jobs/registry.js';

/** One job kind and the handler that runs it. */
export interface JobDefinition<P = any> {
  kind: string;
  handler: JobHandler<P>;
  options?: JobHandlerOptions<P>;
}

/** A job kind with its handler, its payload type inferred from the handler. */
export function jobKind<P>(kind: string, handler: JobHandler<P>, options: JobHandlerOptions<P> = {}): JobDefinition<P> {
  return { kind, handler, options };
}

/** A task of the daily housekeeping job (platform/jobs/maintenance.ts), in its transaction. */
export type HousekeepingTask = (trx: Transaction<DB>, now: Date) => Promise<unknown>;

/**
 * A step of the demo loader. Steps run in `order` (ascending), each through the same commands the
 * API uses, in one write context.
 */
export interface DemoStep {
  order: number;
  run(ctx: WriteContext): Promise<void>;
}

/**
 * The shapes of what one feature contributes to another (a register to the registers feature, a
 * list to the exports, a section to the archive). The feature that consumes a kind of contribution
 * declares its shape here by declaration merging, e.g. in features/registers/index.ts:
 *
 *     declare module '../../platform/feature.js' { interface FeatureContributions { registers: RegisterSource } }
 *
 * A kind nobody declared takes no entries (`never`).
 */
export interface FeatureContributions {} // eslint-disable-line @typescript-eslint/no-empty-object-type

export type ContributionKind = 'registers' | 'exports' | 'pointSources' | 'todos';
export type Contribution<K extends ContributionKind> = K extends keyof FeatureContributions ? FeatureContributions[K] : never;

export interface FeatureManifest {
  /** The feature's folder name. */
  name: string;
  /** Its Fastify route plugins, registered in this order. */
  routes: readonly FastifyPluginAsyncZod[];
  /** Its error codes: code → HTTP status and message in zh-CN and en (`{name}` placeholders). */
  errors: Readonly<Record<string, ErrorSpec>>;
  /** What the audit actions it writes mean, for people reading the log. */
  auditActions: Readonly<Record<string, Label>>;
  /** What the records its audit entries are about are called (`entity_type`). */
  auditEntityTypes: Readonly<Record<string, Label>>;
  /** The job kinds it runs. */
  jobs: readonly JobDefinition[];
  /** What it clears up in the daily housekeeping run. */
  housekeeping: readonly HousekeepingTask[];
  /** Its part of the demo data, run after the demo's stations, deputies, units and accounts. */
  demo: readonly DemoStep[];
  /** Registers a station keeps, built from this feature's records. */
  registers: readonly Contribution<'registers'>[];
  /** Back-office lists downloadable as Excel. */
  exports: readonly Contribution<'exports'>[];
  /** Facts of this feature's records that earn deputies points, as SQL fragments under the points feature's fact contract. */
  pointSources: readonly Contribution<'pointSources'>[];
  /** What awaits an account's action in this feature (待办), counted and listed by the to-do feature. */
  todos: readonly Contribution<'todos'>[];
  /** Who may do what: ability → roles, declared in the feature's access.ts (`abilities`). */
  abilities: AbilityTable;
}

/** A feature's manifest, checked against the contract. */
export function defineFeature<const M extends FeatureManifest>(manifest: M): M {
  return manifest;
}

/** What the kernel itself brings: its own routes, error codes and job kinds. */
export interface KernelParts {
  routes: readonly FastifyPluginAsyncZod[];
  errors: Readonly<Record<string, ErrorSpec>>;
  auditActions: Readonly<Record<string, Label>>;
  auditEntityTypes: Readonly<Record<string, Label>>;
  jobs: readonly JobDefinition[];
}

let installed: { kernel: KernelParts; features: readonly FeatureManifest[] } | null = null;

function mergeDistinct<T>(what: string, tables: [owner: string, table: Readonly<Record<string, T>>][]): Record<string, T> {
  const merged: Record<string, T> = {};
  const owners: Record<string, string> = {};
  for (const [owner, table] of tables) {
    for (const [key, value] of Object.entries(table)) {
      if (Object.hasOwn(merged, key)) throw new Error(`${what} '${key}' is declared by both ${owners[key]} and ${owner}`);
      merged[key] = value;
      owners[key] = owner;
    }
  }
  return merged;
}

/**
 * Hands the kernel its own parts and the features, once per process: installs the full error
 * catalogue and registers every job handler. Installing the same lists again does nothing;
 * installing different ones is a mistake.
 */
export function installFeatures(kernel: KernelParts, features: readonly FeatureManifest[]): void {
  if (installed) {
    if (installed.kernel === kernel && installed.features === features) return;
    throw new Error('Features are installed once per process');
  }
  const names = new Set<string>();
  for (const f of features) {
    if (names.has(f.name)) throw new Error(`Feature '${f.name}' is listed twice`);
    names.add(f.name);
  }
  const parts: [string, KernelParts | FeatureManifest][] = [['the kernel', kernel], ...features.map((f) => [`feature '${f.name}'`, f] as [string, FeatureManifest])];
  installErrorCatalog(mergeDistinct('Error code', parts.map(([owner, p]) => [owner, p.errors])));
  mergeDistinct('Audit action', parts.map(([owner, p]) => [owner, p.auditActions]));
  mergeDistinct('Audit entity type', parts.map(([owner, p]) => [owner, p.auditEntityTypes]));
  for (const [, p] of parts) for (const j of p.jobs) registerJobHandler(j.kind, j.handler, j.options);
  installAbilities(features.map((f) => f.abilities));
  installed = { kernel, features };
}

/** The features handed to the kernel. */
export function installedFeatures(): readonly FeatureManifest[] {
  if (!installed) throw new Error('No features installed: the composition root calls installFeatures first');
  return installed.features;
}

/** Every feature's demo steps, in their order. */
export function demoSteps(): DemoStep[] {
  return installedFeatures().flatMap((f) => f.demo).sort((a, b) => a.order - b.order);
}

/** Every feature's housekeeping tasks, in the order of the feature list. */
export function housekeepingTasks(): HousekeepingTask[] {
  return installedFeatures().flatMap((f) => f.housekeeping);
}

/** Every feature's contributions of one kind, in the order of the feature list. */
export function contributions<K extends ContributionKind>(kind: K): Contribution<K>[] {
  return installedFeatures().flatMap((f) => f[kind] as readonly Contribution<K>[]);
}

/** Every audit action (or, with 'auditEntityTypes', entity type) with its label: the kernel's, then each feature's. */
export function auditLabels(kind: 'auditActions' | 'auditEntityTypes'): Record<string, Label> {
  if (!installed) throw new Error('No features installed: the composition root calls installFeatures first');
  return Object.assign({}, installed.kernel[kind], ...installed.features.map((f) => f[kind])) as Record<string, Label>;
}
