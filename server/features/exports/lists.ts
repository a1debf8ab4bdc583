/**
 * What each back-office list exports: the same query as its JSON endpoint (so the same filters
 * and the same region scope, inside the SQL), every page of it, with Chinese headers and coded
 * values as their Chinese labels. Each feature contributes its lists through its manifest
 * (`exports`, in its exportList.ts); the deputy and station sheets use the import template's
 * headers, so an export can be corrected and imported elsewhere.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Label } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Ability } from '../../platform/access/abilities.js';
import type { ExportColumn } from '../../platform/tables/xlsxExport.js';

/** Rows fetched per page while exporting. */
export const EXPORT_PAGE = 1000;

type Page<T> = { items: T[]; nextCursor: string | null };

export interface ExportList<F, T> {
  /** The file's name (without the date and extension) and an ASCII stand-in. */
  fileName: string;
  asciiName: string;
  sheet: string;
  columns: ExportColumn<T>[];
  /** The columns for these filters, when they depend on them (a statistics sheet names its grouping); `columns` otherwise. */
  columnsFor?(filters: F): ExportColumn<T>[];
  fetch(db: Kysely<DB>, actor: Actor, filters: F, cursor: string | undefined): Promise<Page<T>>;
}

/** One list's Excel export: the list route's filters, its read ability and its name in the docs. */
export interface ExportSource<Q extends z.ZodType = z.ZodType, F = any, T = any> {
  url: string;
  ability: Ability;
  tag: string;
  summary: string;
  description: string;
  query: Q;
  list: ExportList<F, T>;
  /** The list's filters from the query string, when they are not the query string itself. */
  filters?: (query: z.output<Q>) => F;
}

declare module '../../platform/feature.js' {
  interface FeatureContributions { exports: ExportSource }
}

/** An export with its types checked, as a contribution. */
export function exportSource<Q extends z.ZodType, F, T>(source: ExportSource<Q, F, T>): ExportSource {
  return source as unknown as ExportSource;
}

export const described = (what: string) => `All ${what} the JSON list would give with the same filters and scope, every page, as an .xlsx `
  + 'download (Chinese headers, coded values as Chinese labels, times in Asia/Shanghai).';

export const templateHeaders = ' The headers are those of the import template.';

export const zh = (labels: Record<string, Label>, key: string | null | undefined) => (key ? labels[key]?.zh ?? key : '');
export const yesNo = (b: boolean) => (b ? '是' : '否');
export const inUse = (active: boolean) => (active ? '在用' : '已停用');
