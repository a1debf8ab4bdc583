import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { contributions } from '../../platform/feature.js';
import type { TodoItem, TodoSource } from './contract.js';

/** The items of every source the actor's role has, with their source, in their order. */
function itemsFor(actor: Actor): { source: TodoSource; item: TodoItem }[] {
  return contributions('todos')
    .flatMap((source) => source.items.filter((item) => item.roles.includes(actor.role)).map((item) => ({ source, item })))
    .sort((a, b) => a.item.order - b.item.order);
}

/** What awaits the actor: each of their items with its count, and the total. */
export async function todoCounts(db: Kysely<DB>, actor: Actor) {
  const mine = itemsFor(actor);
  const sources = [...new Set(mine.map((m) => m.source))];
  const counts = Object.assign({}, ...await Promise.all(sources.map((s) =>
    s.count(db, actor, mine.filter((m) => m.source === s).map((m) => m.item.key))))) as Record<string, number>;
  const items = mine.map(({ source, item }) => ({
    key: item.key, group: source.group, label: item.label, tone: item.tone, href: item.href, count: counts[item.key] ?? 0,
  }));
  return { total: items.reduce((sum, i) => sum + i.count, 0), items };
}

/** The records under one of the actor's items; an item that is not theirs answers 404 like an unknown one. */
export async function todoList(db: Kysely<DB>, actor: Actor, key: string, page: { limit: number; cursor?: string | undefined }) {
  const found = itemsFor(actor).find((m) => m.item.key === key);
  if (!found) throw new AppError('NOT_FOUND');
  const answer = await found.source.list(db, actor, key, page);
  return { key, label: found.item.label, ...answer };
}
