/**
 * Personal data leaving the system. Every register, performance archive and list export that
 * is downloaded leaves an audit record naming what it held: the register or list, the format,
 * the place or filters, the period and the number of rows. The record is written in a
 * transaction of its own once the document is complete, so a download that failed to build
 * (too large, no font, out of reach) leaves none.
 */
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { registerSource } from './kinds.js';
import type { Period, RegisterDocument } from '../../platform/documents/model.js';
import type { Place } from './place.js';

/** The rows of every table of a document (a register of two tables counts both). */
export function documentRows(doc: RegisterDocument): number {
  return doc.sections.reduce((n, s) => n + s.rows.length, 0);
}

/** A register of a station or a region: recorded against that station or region. */
export async function recordRegisterDownload(ctx: WriteContext, d: {
  kind: string; format: 'xlsx' | 'pdf'; place: Place; period: Period; doc: RegisterDocument;
}): Promise<void> {
  await recordAudit(ctx, {
    action: 'register.download',
    entityType: d.place.kind,
    entityId: d.place.kind === 'station' ? d.place.id : d.place.code,
    after: {
      kind: d.kind, register: registerSource(d.kind).label.zh, format: d.format,
      ...(d.place.kind === 'station' ? { stationId: d.place.id } : { regionCode: d.place.code }),
      place: d.place.name,
      // The roster lists who is in the station on the day it is made, whatever period was asked.
      period: registerSource(d.kind).periodic ? { from: d.period.from, to: d.period.to } : null,
      rows: documentRows(d.doc),
    },
  });
}

/** A deputy's performance archive: recorded against the deputy. */
export async function recordArchiveDownload(ctx: WriteContext, d: {
  deputyId: number; deputyName: string; format: 'pdf'; term: { id: number; label: { zh: string } } | null; period: Period; doc: RegisterDocument;
}): Promise<void> {
  await recordAudit(ctx, {
    action: 'archive.download',
    entityType: 'deputy',
    entityId: d.deputyId,
    after: {
      deputy: d.deputyName, format: d.format, term: d.term && { id: d.term.id, name: d.term.label.zh },
      period: { from: d.period.from, to: d.period.to }, rows: documentRows(d.doc),
    },
  });
}

/** A back-office list as Excel: recorded against the list (`deputies`, `cases` …) with the filters it was read with. */
export async function recordExportDownload(ctx: WriteContext, d: {
  list: string; name: string; filters: unknown; rows: number;
}): Promise<void> {
  await recordAudit(ctx, {
    action: 'export.download',
    entityType: 'export',
    entityId: d.list,
    after: { list: d.list, name: d.name, format: 'xlsx', filters: d.filters, rows: d.rows },
  });
}
