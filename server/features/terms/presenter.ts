import { z } from 'zod';
import { DEPUTY_LEVELS, type DeputyLevel } from '../../../common/enums.js';
import { congressTermName, isCurrentTerm } from './congressTerms.js';
import { RegionBriefSchema, regionBrief } from '../regions/index.js';

const Label = z.object({ zh: z.string(), en: z.string() });

export const TermSchema = z.object({
  id: z.number(),
  level: z.enum(DEPUTY_LEVELS.keys),
  levelLabel: Label,
  region: RegionBriefSchema.nullable().meta({ description: 'The congress\'s region; null for the National People\'s Congress' }),
  number: z.number().int().meta({ description: 'The term\'s number: 4 for 第四届' }),
  name: Label.meta({ description: 'The congress\'s term as it styles itself, e.g. 平桂区第四届人民代表大会' }),
  startsOn: z.string().meta({ description: 'First day (its first session), YYYY-MM-DD' }),
  endsOn: z.string().nullable().meta({ description: 'Last day; null while it is the running term' }),
  current: z.boolean().meta({ description: 'Running today' }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.enum(['update'])),
}).meta({ id: 'CongressTerm' });
export type TermView = z.infer<typeof TermSchema>;

/** A term as the archive names it: the congress's term and its dates (`to` null while it runs). */
export const ArchiveTermSchema = z.object({
  id: z.number(),
  level: z.enum(DEPUTY_LEVELS.keys),
  label: Label.meta({ description: 'e.g. 平桂区第四届人民代表大会' }),
  number: z.number().int(),
  from: z.string(),
  to: z.string().nullable(),
  current: z.boolean().meta({ description: 'Running today' }),
}).meta({ id: 'ArchiveTerm' });
export type ArchiveTerm = z.infer<typeof ArchiveTermSchema>;

export interface TermRow {
  id: number;
  level: DeputyLevel;
  number: number;
  starts_on: string;
  ends_on: string | null;
  region_code: string | null;
  region_name: string | null;
  region_full_name: string | null;
}

export function presentTerm(t: TermRow & { version: number; created_at: Date; updated_at: Date }, canManage: boolean, today: string): TermView {
  return {
    id: t.id,
    level: t.level,
    levelLabel: DEPUTY_LEVELS.labels[t.level],
    region: t.region_code === null ? null : regionBrief({ code: t.region_code, name: t.region_name!, full_name: t.region_full_name! }),
    number: t.number,
    name: congressTermName(t.level, t.region_name, t.number),
    startsOn: t.starts_on,
    endsOn: t.ends_on,
    current: isCurrentTerm({ startsOn: t.starts_on, endsOn: t.ends_on }, today),
    version: t.version,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    abilities: canManage ? ['update'] : [],
  };
}

export function presentArchiveTerm(t: TermRow, today: string): ArchiveTerm {
  return {
    id: t.id,
    level: t.level,
    label: congressTermName(t.level, t.region_name, t.number),
    number: t.number,
    from: t.starts_on,
    to: t.ends_on,
    current: isCurrentTerm({ startsOn: t.starts_on, endsOn: t.ends_on }, today),
  };
}
