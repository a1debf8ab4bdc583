/**
 * The registers a station keeps (六簿一表一登记 / 八有一册六簿), each generated from the records
 * in the system. The features whose records a register shows contribute it through their
 * manifests (`registers`); two of them rest partly on entries made by hand (先进事迹, 大事记).
 */
import type { Label } from '../../../common/enums.js';
import { contributions } from '../../platform/feature.js';
import type { RegisterBody, RegisterContext } from './context.js';

export interface RegisterKindInfo {
  key: string;
  label: Label;
  description: Label;
  /** The roster lists who is in the station now; every other register covers a period. */
  periodic: boolean;
  /** The register rests on entries made by hand through this endpoint. */
  entries: 'deeds' | 'chronicle' | null;
}

/** A register a feature contributes: what it is, where it stands in the list, and how it is built. */
export interface RegisterSource extends RegisterKindInfo {
  /** Its place in the list of registers (六簿一表一登记 order). */
  order: number;
  build(ctx: RegisterContext): Promise<RegisterBody>;
}

declare module '../../platform/feature.js' {
  interface FeatureContributions { registers: RegisterSource }
}

/**
 * Every register the features contribute, in list order. A register may come in parts: each
 * feature whose records belong in it contributes it under the same key (意见建议登记簿: the
 * constituents' opinions and the deputies' suggestions). The part with the lowest `order`
 * names and places it; the register holds every part's sections and notes in that order.
 */
export function registerSources(): RegisterSource[] {
  const parts = new Map<string, RegisterSource[]>();
  for (const s of contributions('registers').sort((a, b) => a.order - b.order)) parts.set(s.key, [...(parts.get(s.key) ?? []), s]);
  return [...parts.values()].map(joined);
}

function joined([first, ...rest]: RegisterSource[]): RegisterSource {
  if (rest.length === 0) return first!;
  return {
    ...first!,
    async build(ctx) {
      const bodies = [];
      for (const part of [first!, ...rest]) bodies.push(await part.build(ctx));
      return { sections: bodies.flatMap((b) => b.sections), notes: bodies.flatMap((b) => b.notes ?? []) };
    },
  };
}

/** One register by its key (`reception`, `roster`, …). */
export function registerSource(kind: string): RegisterSource {
  const source = registerSources().find((s) => s.key === kind);
  if (!source) throw new Error(`No feature contributes the register '${kind}'`);
  return source;
}
