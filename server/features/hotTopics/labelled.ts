import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clusterDocs, scoreGrouping, type ClusterParams } from './cluster.js';

/** The labelled set's shape (labelled/README.md). */
interface LabelledSet {
  topics: { key: string; title: string }[];
  opinions: { id: number; topic: string; category: string; town: string; village: string; content: string }[];
}

export function loadLabelled(): LabelledSet {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./labelled/opinions.json', import.meta.url)), 'utf8')) as LabelledSet;
}

/** The grouping's quality on the labelled set: pairwise precision, recall, F1 and adjusted Rand index. */
export function labelledQuality(params: Partial<ClusterParams> = {}, set: LabelledSet = loadLabelled()) {
  const docs = set.opinions.map((o) => ({ id: o.id, text: o.content, category: o.category || null, village: o.village || null, town: o.town || null }));
  const clusters = clusterDocs(docs, params);
  const of = new Map<number, number>();
  clusters.forEach((c, i) => { for (const m of c.members) of.set(m.id, i); });
  const score = scoreGrouping(set.opinions.map((o) => o.topic), set.opinions.map((o) => of.get(o.id)!));
  return { opinions: set.opinions.length, topics: set.topics.length, clusters: clusters.length, ...score };
}
