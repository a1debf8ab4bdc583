import { sql, type Kysely } from 'kysely';

const statements = [
  // One uploaded roster or station list. Its rows are checked into import_row as the file
  // streams in; nothing reaches the registers until the whole batch is committed at once.
  `create table import_batch (
    id integer generated always as identity primary key,
    kind text not null check (kind in ('deputies', 'stations')),
    filename text not null check (length(filename) between 1 and 255),
    status text not null default 'new' check (status in ('new', 'parsing', 'ready', 'failed', 'committed')),
    -- the columns found in the header row: [{ index, header, field | null }]
    columns jsonb not null default '[]',
    -- a problem with the file as a whole (unreadable, a required column missing, too many rows)
    failure jsonb,
    bytes_received bigint not null default 0,
    total_rows integer not null default 0,
    error_rows integer not null default 0,
    error_count integer not null default 0,
    created_count integer not null default 0,
    created_by integer not null references account (id),
    created_at timestamptz not null default now(),
    parsed_at timestamptz,
    committed_at timestamptz
  )`,
  `create index import_batch_creator_idx on import_batch (created_by, id)`,

  // A data row of the file, by its row number in the sheet: the normalised values and the
  // problems found (null when none).
  `create table import_row (
    batch_id integer not null references import_batch (id),
    row_no integer not null,
    data jsonb not null,
    errors jsonb,
    primary key (batch_id, row_no)
  )`,
  `create index import_row_errors_idx on import_row (batch_id, row_no) where errors is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['import_row', 'import_batch']) await sql.raw(`drop table ${table}`).execute(db);
}
