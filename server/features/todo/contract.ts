/**
 * What a feature contributes to the to-do centre (待办): the items of work that wait for an
 * account's action, each counted and listed by the feature that owns the records, with the
 * scope filter of that feature inside its SQL. The to-do feature only iterates the sources the
 * manifests name (`todos`); it knows no case, suggestion or vote.
 */
import type { Kysely } from 'kysely';
import type { Label, Role } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';

export type TodoTone = 'normal' | 'warning' | 'danger';

/** One kind of waiting work: 待受理, 待签收, 已超期 … */
export interface TodoItem {
  /** Unique across features, `<feature>.<item>`: `case.sign`. */
  key: string;
  label: Label;
  /** The roles this item is for; other roles neither see nor count it. */
  roles: readonly Role[];
  /** Place among all items (ascending). */
  order: number;
  tone: TodoTone;
  /** The back office's full list of this item (a filtered queue, say). */
  href: string;
}

/** One record waiting, in a shape every feature can give. */
export interface TodoEntry {
  id: number;
  /** The record's code people quote (a tracking code). */
  code: string;
  title: string;
  /** A line of context: station, unit, state. */
  detail: string;
  /** The deadline this waiting work has, if any (ISO instant). */
  dueAt: string | null;
  overdue: boolean;
  /** The back office's page of the record. */
  href: string;
}

export interface TodoPage { items: TodoEntry[]; nextCursor: string | null }

/** A feature's to-do items, counted together (one query per source) and listed one at a time. */
export interface TodoSource {
  /** What the items are about, shown as their group: 意见办理. */
  group: Label;
  items: readonly TodoItem[];
  /** How many records wait under each of `keys` (all items of this source the actor's role has), in the actor's reach. */
  count(db: Kysely<DB>, actor: Actor, keys: readonly string[]): Promise<Record<string, number>>;
  /** The records under one item, most urgent first, keyset-paged. */
  list(db: Kysely<DB>, actor: Actor, key: string, page: { limit: number; cursor?: string | undefined }): Promise<TodoPage>;
}
