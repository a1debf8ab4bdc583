import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_STATUSES } from '../../../common/importVocabulary.js';
import type { ImportBatch, ImportRowError } from '../../platform/db/schemaImports.js';
import { importRowMessage } from '../../platform/tables/rowErrors.js';
import { errorCatalog, errorMessage, type ErrorCode, type Lang } from '../../platform/errors.js';

export const ImportBatchSchema = z.object({
  id: z.number(),
  kind: z.enum(IMPORT_KINDS.keys),
  filename: z.string(),
  status: z.enum(IMPORT_STATUSES.keys).meta({ description: 'new (waiting for the file) → parsing → ready | failed → committed' }),
  columns: z.array(z.object({
    header: z.string(),
    field: z.string().nullable().meta({ description: 'The field the column fills; null when ignored' }),
    ignored: z.enum(['unknown', 'duplicate']).optional(),
  })).meta({ description: 'The header row as mapped' }),
  failure: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable()
    .meta({ description: 'Why the file as a whole was refused (status failed)' }),
  bytesReceived: z.number(),
  totalRows: z.number().meta({ description: 'Data rows checked so far (progress while parsing)' }),
  errorRows: z.number(),
  errorCount: z.number(),
  createdCount: z.number(),
  termId: z.number().nullable().meta({ description: 'For the roster of an election round: the term it closes; committed by the round only' }),
  createdAt: z.string(),
  parsedAt: z.string().nullable(),
  committedAt: z.string().nullable(),
}).meta({ id: 'ImportBatch' });
export type ImportBatchView = z.infer<typeof ImportBatchSchema>;

export const ImportRowErrorSchema = z.object({
  column: z.string().meta({ description: 'The column as the file names it' }),
  code: z.string(),
  message: z.string(),
  value: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const ImportRowSchema = z.object({
  row: z.number().meta({ description: 'The row number in the sheet' }),
  data: z.record(z.string(), z.unknown()).meta({ description: 'The values as read and normalised' }),
  errors: z.array(ImportRowErrorSchema),
});

export function presentBatch(b: ImportBatch, lang: Lang): ImportBatchView {
  const failureCode = b.failure?.code;
  const known = failureCode && Object.hasOwn(errorCatalog(), failureCode) ? failureCode as ErrorCode : 'INTERNAL';
  return {
    id: b.id,
    kind: b.kind,
    filename: b.filename,
    status: b.status,
    columns: b.columns.map((c) => ({ header: c.header, field: c.field, ...(c.ignored && { ignored: c.ignored }) })),
    failure: b.failure ? { code: known, message: errorMessage(known, lang, b.failure.details ?? {}), ...(b.failure.details && { details: b.failure.details }) } : null,
    bytesReceived: Number(b.bytes_received),
    totalRows: b.total_rows,
    errorRows: b.error_rows,
    errorCount: b.error_count,
    createdCount: b.created_count,
    termId: b.term_id,
    createdAt: b.created_at.toISOString(),
    parsedAt: b.parsed_at?.toISOString() ?? null,
    committedAt: b.committed_at?.toISOString() ?? null,
  };
}

export function presentRowErrors(errors: ImportRowError[], lang: Lang) {
  return errors.map((e) => ({ ...e, message: importRowMessage(e.code, lang, e.value, e.details) }));
}
