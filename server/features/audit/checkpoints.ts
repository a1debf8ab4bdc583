/**
 * External checkpoints of the audit log: the heads of its hash chains (per chain its length, last
 * id and hash, and the root over them all), signed with an Ed25519 key that lives in a file
 * outside the database and appended as one line to an append-only file, each line linked to the
 * hash of the line before. Whoever rewrites the database alone — a database superuser who turns
 * the append-only triggers off — cannot change what a line already sealed: verification compares
 * the log with every line (chain.ts), so a cut-off end or a chain rebuilt with fresh hashes shows.
 * See docs/SECURITY.md, "Audit log checkpoints".
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { canonicalJson, GENESIS_HASH } from '../../platform/audit/hash.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { jobKind } from '../../platform/feature.js';

/** Where the signing key and the checkpoint lines are kept (configuration: LIANXIN_AUDIT_KEY_FILE, LIANXIN_AUDIT_CHECKPOINT_FILE). */
export interface CheckpointStore {
  keyFile: string;
  file: string;
}

/** One chain's head as a checkpoint seals it: [chain, length, last id, last hash]. */
export type SealedHead = [chain: number, length: number, headId: number | null, headHash: string];

/** One line of the checkpoint file. `sig` signs the canonical JSON of every other field. */
export interface CheckpointLine {
  v: 1;
  /** 1, 2, 3 … in the file. */
  seq: number;
  at: string;
  /** sha256 of the previous line's text (without its newline), or 64 zeros for the first line. */
  prev: string;
  /** sha256 of the raw public key that signs it (the first 16 hex digits). */
  key: string;
  /** The same root as the verification's: sha256 over every chain's number, length and head hash. */
  root: string;
  chains: SealedHead[];
  sig: string;
}

export type CheckpointProblemReason = 'unreadable' | 'signature_invalid' | 'link_broken';

/** What is wrong with one line of the checkpoint file (1-based line number). */
export interface CheckpointProblem { line: number; reason: CheckpointProblemReason }

/** The file read back: its lines whose signature and link verify, and what is wrong with the others. */
export interface CheckpointFile {
  lines: CheckpointLine[];
  problems: CheckpointProblem[];
}

let configured: CheckpointStore | null = null;

/** Sets where this process keeps its checkpoints (the server at start); null turns the periodic job off. */
export function useAuditCheckpoints(store: CheckpointStore | null): void {
  configured = store;
}

const keys = new Map<string, { privateKey: KeyObject; publicKey: KeyObject; id: string }>();

/**
 * The checkpoint signing key from its file (PKCS#8 PEM), created there with mode 0600 when absent.
 * Answers whether it was created now, so the server can say where it is.
 */
export function auditSigningKey(keyFile: string): { privateKey: KeyObject; publicKey: KeyObject; id: string; created: boolean } {
  const known = keys.get(keyFile);
  if (known) return { ...known, created: false };
  let created = false;
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(path.dirname(keyFile), { recursive: true });
    // `wx`: if another process created it meanwhile, fail here and read theirs below.
    try {
      const fd = openSync(keyFile, 'wx', 0o600);
      writeSync(fd, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
      fsyncSync(fd);
      closeSync(fd);
      created = true;
    } catch { /* read below */ }
  }
  const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const key = { privateKey, publicKey, id: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
  keys.set(keyFile, key);
  return { ...key, created };
}

/** sha256 over every chain's number, length and head hash, in chain order. */
export function rootOf(heads: readonly { chain: number; length: number; head_hash: string }[]): string {
  const root = createHash('sha256');
  for (const h of [...heads].sort((a, b) => a.chain - b.chain)) root.update(`${h.chain}:${Number(h.length)}:${h.head_hash}\n`);
  return root.digest('hex');
}

const lineHash = (text: string) => createHash('sha256').update(text).digest('hex');

function parseLine(text: string): CheckpointLine | null {
  try {
    const line = JSON.parse(text) as CheckpointLine;
    if (line.v !== 1 || !Number.isInteger(line.seq) || typeof line.sig !== 'string' || !Array.isArray(line.chains)) return null;
    return line;
  } catch {
    return null;
  }
}

function signatureHolds(line: CheckpointLine, publicKey: KeyObject): boolean {
  const { sig, ...signed } = line;
  try {
    return verify(null, Buffer.from(canonicalJson(signed)), publicKey, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Reads the checkpoint file and checks each line: its JSON, its signature by the store's key, and
 * its link to the line before. A line that fails is reported and not relied on; the lines after
 * it are still checked (a genuine line written after a forged one links to the forged one: only
 * the forged line is reported).
 */
export function readCheckpoints(store: CheckpointStore): CheckpointFile {
  if (!existsSync(store.file)) return { lines: [], problems: [] };
  const { publicKey } = auditSigningKey(store.keyFile);
  const texts = readFileSync(store.file, 'utf8').split('\n');
  if (texts.at(-1) === '') texts.pop();
  const lines: CheckpointLine[] = [];
  const problems: CheckpointProblem[] = [];
  let prev = GENESIS_HASH;
  let prevBad = false;
  texts.forEach((text, i) => {
    const line = parseLine(text);
    const signed = line !== null && signatureHolds(line, publicKey);
    if (!line) problems.push({ line: i + 1, reason: 'unreadable' });
    else if (!signed) problems.push({ line: i + 1, reason: 'signature_invalid' });
    else {
      // A line removed or replaced before this one: its link names text that is not there.
      if (line.prev !== prev && !prevBad) problems.push({ line: i + 1, reason: 'link_broken' });
      lines.push(line);
    }
    prevBad = !signed;
    prev = lineHash(text);
  });
  return { lines, problems };
}

/** The file's last line (its text), read from the end. */
function lastLineOf(file: string): string | null {
  if (!existsSync(file)) return null;
  const texts = readFileSync(file, 'utf8').split('\n').filter((t) => t !== '');
  return texts.at(-1) ?? null;
}

export interface CheckpointResult {
  /** False when nothing changed since the last line (no line is added then). */
  written: boolean;
  seq: number;
  at: string;
  root: string;
}

let writing: Promise<unknown> = Promise.resolve();

/**
 * Seals the chains' heads as committed now into a new line of the checkpoint file (flushed to disk
 * before it answers), unless nothing changed since the last line. First it checks that every head
 * the last genuine line sealed is still in the log with its hash and chain: if not, the log was
 * cut or rewritten since, and it refuses with AUDIT_CHECKPOINT_CONFLICT instead of sealing that.
 * Writers in one process take turns; run it from one place (the job) per file.
 */
export function writeCheckpoint(db: Kysely<DB>, store: CheckpointStore, at: Date): Promise<CheckpointResult> {
  const run = writing.then(() => appendCheckpoint(db, store, at));
  writing = run.catch(() => undefined);
  return run;
}

async function appendCheckpoint(db: Kysely<DB>, store: CheckpointStore, at: Date): Promise<CheckpointResult> {
  const key = auditSigningKey(store.keyFile);
  const lastText = lastLineOf(store.file);
  const last = lastText === null ? null : parseLine(lastText);
  const heads = await db.selectFrom('audit_chain').selectAll().orderBy('chain').execute();
  const root = rootOf(heads);
  const genuine = last && signatureHolds(last, key.publicKey) ? last : readCheckpoints(store).lines.at(-1) ?? null;
  if (genuine) {
    const lengths = new Map(heads.map((h) => [h.chain, Number(h.length)]));
    const sealed = genuine.chains.filter(([, , id]) => id !== null);
    const rows = sealed.length === 0 ? [] : await db.selectFrom('audit_log').select(['id', 'chain', 'hash'])
      .where('id', 'in', sealed.map(([, , id]) => id!)).execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const [chain, length, id, hash] of sealed) {
      const row = byId.get(id!);
      if (!row || row.chain !== chain || row.hash !== hash || (lengths.get(chain) ?? 0) < length) {
        throw new AppError('AUDIT_CHECKPOINT_CONFLICT', { seq: genuine.seq, id: id!, chain });
      }
    }
    if (genuine === last && last.root === root) return { written: false, seq: last.seq, at: last.at, root };
  }
  const fields: Omit<CheckpointLine, 'sig'> = {
    v: 1,
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    prev: lastText === null ? GENESIS_HASH : lineHash(lastText),
    key: key.id,
    root,
    chains: heads.filter((h) => Number(h.length) > 0).map((h) => [h.chain, Number(h.length), h.head_id === null ? null : Number(h.head_id), h.head_hash]),
  };
  const line: CheckpointLine = { ...fields, sig: sign(null, Buffer.from(canonicalJson(fields)), key.privateKey).toString('base64') };
  mkdirSync(path.dirname(store.file), { recursive: true });
  const fd = openSync(store.file, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { written: true, seq: line.seq, at: line.at, root };
}

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';
/** How often the job seals the heads. */
export const CHECKPOINT_EVERY_MINUTES = 60;

/** Plans the next checkpoint, at the next full slot (the dedupe key makes a second plan for the same slot a no-op). */
export async function scheduleAuditCheckpoint(trx: Transaction<DB>, now: Date): Promise<void> {
  const every = CHECKPOINT_EVERY_MINUTES * 60_000;
  const next = new Date((Math.floor(now.getTime() / every) + 1) * every);
  await enqueueJob(trx, { kind: AUDIT_CHECKPOINT_JOB, runAt: next, dedupeKey: `audit-checkpoint:${next.toISOString()}` });
}

/** The periodic checkpoint; it reads the committed heads in the job's transaction (read committed). */
export const auditCheckpointJob = jobKind(AUDIT_CHECKPOINT_JOB, async ({ trx, now }) => {
  if (configured) await writeCheckpoint(trx, configured, now);
  await scheduleAuditCheckpoint(trx, now);
});
