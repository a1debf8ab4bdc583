/**
 * Grouping similar opinions (pure, no I/O): Chinese character bigrams weighted by TF-IDF with a
 * stop list, the category and the place added as weighted signal terms, cosine similarity, and
 * single-pass centroid clustering over an inverted index, followed by a merge of close centroids.
 * The same code runs whatever the database engine. See docs/HOT_TOPICS.md for the method and the
 * parameters tuned on the labelled set.
 */

export interface ClusterDoc {
  id: number;
  text: string;
  /** The category (any stable key), or null. */
  category: string | null;
  /** The village or community the opinion is about (or its station's region). */
  village: string | null;
  /** The town or street (or null). */
  town?: string | null;
}

export interface ClusterParams {
  /** Cosine to a centroid at or above which an opinion joins it. */
  joinThreshold: number;
  /** Cosine between two centroids at or above which they merge. */
  mergeThreshold: number;
  /** Weight of the category signal term, relative to the text (the text vector has norm 1). */
  categoryWeight: number;
  /** Weight of the village signal term. */
  villageWeight: number;
  /** Weight of the town signal term. */
  townWeight: number;
  /** How many of a centroid's heaviest terms index it for candidate search. */
  indexTerms: number;
  /** Terms in more than this share of the documents are dropped as uninformative. */
  maxDocShare: number;
  /** Terms in fewer documents than this are dropped (they cannot make two opinions alike). */
  minDocs: number;
  /** Weight of single Han characters (not stopped) relative to bigrams; 0 leaves them out. */
  unigramWeight: number;
  /** Refinement passes after the merge (documents move to a nearer centroid). */
  refinePasses: number;
  /** How much nearer another centroid must be for a document to move to it. */
  moveMargin: number;
}

const DEFAULT_PARAMS: ClusterParams = {
  joinThreshold: 0.18,
  mergeThreshold: 0.5,
  categoryWeight: 0.3,
  villageWeight: 0.3,
  townWeight: 0.05,
  indexTerms: 24,
  maxDocShare: 0.5,
  minDocs: 2,
  unigramWeight: 0.5,
  refinePasses: 3,
  moveMargin: 0.02,
};

/** Characters that carry no topic: particles, pronouns, common verbs of complaint. A bigram containing one is dropped. */
const STOP_CHARS = new Set([...'的了是在我你他她它们这那有和与及就都也还很太把被给让对于从到为着过吗呢吧啊呀嘛哦么个些又再才但而或并等各每已将要会能可得地之其所以因此如果虽然但是因为而且一不没']);

/** Bigrams of petition boilerplate: asking, hoping, reporting, the people and offices addressed. */
const STOP_BIGRAMS = new Set([
  '希望', '建议', '反映', '问题', '解决', '尽快', '相关', '部门', '政府', '群众', '村民', '居民', '现在', '目前', '一直', '情况', '什么',
  '怎么', '非常', '特别', '请求', '要求', '帮助', '处理', '关于', '有关', '进行', '大家', '领导', '代表', '反应', '麻烦', '谢谢', '感谢',
  '呼吁', '恳请', '请问', '能否', '是否', '多次', '好几', '几次', '时候', '今年', '去年', '最近', '近期', '近来', '每天', '经常', '总是',
  '问题', '落实', '重视', '关注', '考虑', '协调', '督促', '加快', '早日', '及时', '联系', '安排', '希看', '附近', '这里', '那里', '地方',
  '我村', '本村', '我们', '村里', '镇里', '老百', '百姓', '造成', '导致', '出现', '存在', '发生', '严重', '影响', '方便', '生活', '日常',
  '一些', '很多', '许多', '不少', '大量', '上级', '有人', '无人', '人员', '工作', '整治', '改善', '提高', '加强', '管理', '解答', '回复',
]);

const HAN = /[\u3400-\u9fff]+/g;
const LATIN = /[a-z]{2,}/g;

/**
 * The terms of a text: Han bigrams not stopped, and lower-cased Latin words (digits are dropped:
 * phone numbers, dates), as ids given by `intern`, in the order they occur.
 */
function terms(text: string, unigrams: boolean, intern: (t: string) => number): number[] {
  const out: number[] = [];
  const t = text.normalize('NFKC').toLowerCase();
  for (const m of t.matchAll(HAN)) {
    const run = m[0];
    if (unigrams) for (const ch of run) if (!STOP_CHARS.has(ch)) out.push(intern(`u:${ch}`));
    for (let i = 0; i + 1 < run.length; i++) {
      const a = run[i]!, b = run[i + 1]!;
      if (STOP_CHARS.has(a) || STOP_CHARS.has(b)) continue;
      const bg = a + b;
      if (!STOP_BIGRAMS.has(bg)) out.push(intern(bg));
    }
  }
  for (const m of t.matchAll(LATIN)) out.push(intern(m[0]));
  return out;
}

/**
 * Terms are interned as integers for the run: `names[id]` is the term, `key[id]` is 1 for terms that
 * find candidates (text bigrams and Latin words, not single characters or signals).
 */
interface Terms { names: string[]; key: Uint8Array }

/** A document's vector: its terms and weights, in insertion order. */
interface Vec { ids: Int32Array; ws: Float64Array }

/** A centroid's sum vector, in insertion order (the order its sums are computed in). */
type Sum = Map<number, number>;

export interface Cluster {
  /** Member ids with their cosine to the final centroid, most similar first. */
  members: { id: number; similarity: number }[];
  /** The heaviest text terms of the centroid (bigrams), most weighty first. */
  keywords: string[];
  /** A short phrase naming the topic, taken from its most central opinion. */
  label: string;
}

/** The dot product of a document and a centroid, summed over the smaller of the two, in its order. */
function dotVec(v: Vec, sum: Sum): number {
  let s = 0;
  const ids = v.ids, ws = v.ws, n = ids.length;
  if (n <= sum.size) {
    for (let i = 0; i < n; i++) {
      const x = sum.get(ids[i]!);
      if (x !== undefined) s += ws[i]! * x;
    }
  } else {
    // The centroid is the smaller (it holds fewer terms than one document): look its terms up in the document's.
    for (const [k, w] of sum) {
      const at = ids.indexOf(k);
      if (at >= 0) s += w * ws[at]!;
    }
  }
  return s;
}

function dot(a: Sum, b: Sum): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of small) {
    const x = large.get(k);
    if (x !== undefined) s += w * x;
  }
  return s;
}

function topTerms(v: Sum, n: number, terms: Terms, textOnly = false): number[] {
  const names = terms.names, key = terms.key;
  const entries: [number, number][] = [];
  for (const e of v) if (!textOnly || key[e[0]] === 1) entries.push(e);
  return entries.sort((a, b) => b[1] - a[1] || (names[a[0]]! < names[b[0]]! ? -1 : 1)).slice(0, n).map(([k]) => k);
}

/** TF-IDF vectors (unit length) with the signal terms added, one per document. */
function vectorise(docs: readonly ClusterDoc[], p: ClusterParams): { vecs: Vec[]; terms: Terms } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const intern = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) { id = names.length; ids.set(t, id); names.push(t); }
    return id;
  };
  const docTerms = docs.map((d) => terms(d.text, p.unigramWeight > 0, intern));
  const textTerms = names.length;
  const df = new Int32Array(textTerms);
  const lastDoc = new Int32Array(textTerms).fill(-1);
  docTerms.forEach((ts, i) => { for (const t of ts) if (lastDoc[t] !== i) { lastDoc[t] = i; df[t]! += 1; } });
  const n = docs.length;
  const maxDf = Math.max(3, p.maxDocShare * n);
  const signal = new Map<string, number>();
  const signalId = (prefix: string, value: string) => {
    const k = prefix + value;
    let id = signal.get(k);
    if (id === undefined) signal.set(k, (id = intern(k)));
    return id;
  };
  const vecs = docs.map((d, i) => {
    const tf = new Map<number, number>();
    for (const t of docTerms[i]!) {
      const f = df[t]!;
      if (f > maxDf || f < p.minDocs) continue;
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    const size = tf.size + (d.category !== null && p.categoryWeight > 0 ? 1 : 0) + (d.village && p.villageWeight > 0 ? 1 : 0) + (d.town && p.townWeight > 0 ? 1 : 0);
    const vid = new Int32Array(size), ws = new Float64Array(size);
    let k = 0;
    for (const [t, c] of tf) { vid[k] = t; ws[k++] = (names[t]!.startsWith('u:') ? p.unigramWeight : 1) * (1 + Math.log(c)) * Math.log((n + 1) / df[t]!); }
    let len = 0;
    for (let j = 0; j < k; j++) len += ws[j]! * ws[j]!;
    len = Math.sqrt(len);
    if (len > 0) for (let j = 0; j < k; j++) ws[j] = ws[j]! / len;
    if (d.category !== null && p.categoryWeight > 0) { vid[k] = signalId('c:', d.category); ws[k++] = p.categoryWeight; }
    if (d.village && p.villageWeight > 0) { vid[k] = signalId('v:', d.village); ws[k++] = p.villageWeight; }
    if (d.town && p.townWeight > 0) { vid[k] = signalId('t:', d.town); ws[k++] = p.townWeight; }
    let all = 0;
    for (let j = 0; j < k; j++) all += ws[j]! * ws[j]!;
    all = Math.sqrt(all);
    if (all > 0) for (let j = 0; j < k; j++) ws[j] = ws[j]! / all;
    return { ids: vid, ws };
  });
  const key = new Uint8Array(names.length);
  names.forEach((t, id) => { if (isKeyTerm(t)) key[id] = 1; });
  return { vecs, terms: { names, key } };
}

interface Work { sum: Sum; sq: number; /** √sq, kept with it. */ len: number; members: number[]; indexed: Set<number>; alive: boolean }

/** Terms that find candidates: text bigrams (and Latin words), not single characters or signals. */
function isKeyTerm(t: string): boolean {
  return !t.includes(':');
}

function sumOf(v: Vec): Sum {
  const sum: Sum = new Map();
  for (let i = 0; i < v.ids.length; i++) sum.set(v.ids[i]!, v.ws[i]!);
  return sum;
}

/** How many candidates, by their partial dot product over the key terms, get an exact cosine. */
const CANDIDATES = 6;

/** Reusable buffers of a candidate search: partial dot products by group and the groups touched. */
interface Scratch { partial: Float64Array; seen: Uint8Array; touched: Int32Array; top: Int32Array }

function scratchFor(groups: number): Scratch {
  return { partial: new Float64Array(groups), seen: new Uint8Array(groups), touched: new Int32Array(groups), top: new Int32Array(CANDIDATES) };
}

/**
 * The group nearest to `v` among those its key terms reach through `postings` (skipping `skip`),
 * if its cosine beats `above` and reaches `floor`: candidates are ranked by the partial dot
 * product over the shared key terms (ties in the order they were first reached), and the best
 * CANDIDATES get an exact cosine.
 */
function nearest(v: Vec, postings: (number[] | undefined)[], groups: Work[], skip: number, above: number, floor: number, terms: Terms, s: Scratch) {
  const { partial, seen, touched, top } = s;
  const key = terms.key;
  let count = 0;
  const ids = v.ids, ws = v.ws;
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i]!;
    if (key[t] !== 1) continue;
    const list = postings[t];
    if (!list) continue;
    const w = ws[i]!;
    for (let j = 0; j < list.length; j++) {
      const gi = list[j]!;
      if (gi === skip) continue;
      const g = groups[gi]!;
      if (seen[gi] === 0) { seen[gi] = 1; partial[gi] = 0; touched[count++] = gi; }
      partial[gi] = partial[gi]! + (w * g.sum.get(t)!) / g.len;
    }
  }
  // The best CANDIDATES by partial dot product, ties kept in the order first reached.
  let ranked = 0;
  if (count <= CANDIDATES) {
    for (let i = 0; i < count; i++) top[ranked++] = touched[i]!;
  } else {
    for (let i = 0; i < count; i++) {
      const gi = touched[i]!, x = partial[gi]!;
      if (ranked === CANDIDATES && !(x > partial[top[ranked - 1]!]!)) continue;
      let at = ranked < CANDIDATES ? ranked++ : CANDIDATES - 1;
      while (at > 0 && x > partial[top[at - 1]!]!) { top[at] = top[at - 1]!; at--; }
      top[at] = gi;
    }
  }
  for (let i = 0; i < count; i++) seen[touched[i]!] = 0;
  let best = -1, bestCos = Math.max(above, floor - 1e-12), bestDot = 0;
  for (let i = 0; i < ranked; i++) {
    const gi = top[i]!;
    const g = groups[gi]!;
    const d = dotVec(v, g.sum);
    const cos = d / g.len;
    if (cos > bestCos) { bestCos = cos; best = gi; bestDot = d; }
  }
  return { best, bestCos, bestDot };
}

/**
 * Groups documents: each in turn joins the most similar centroid reached through the inverted
 * index of the centroids' heaviest terms (when the cosine reaches `joinThreshold`), else starts
 * a group; then groups whose centroids are close merge (largest first). Deterministic for a given
 * order of the documents.
 */
export function clusterDocs(docs: readonly ClusterDoc[], params: Partial<ClusterParams> = {}): Cluster[] {
  const p = { ...DEFAULT_PARAMS, ...params };
  const { vecs, terms } = vectorise(docs, p);
  const scratch = scratchFor(docs.length);
  const groups: Work[] = [];
  const postings: (number[] | undefined)[] = new Array(terms.names.length);
  const reindex = (gi: number) => {
    const g = groups[gi]!;
    const top = topTerms(g.sum, p.indexTerms, terms, true);
    for (const t of top) {
      if (g.indexed.has(t)) continue;
      g.indexed.add(t);
      let list = postings[t];
      if (!list) postings[t] = (list = []);
      list.push(gi);
    }
  };
  vecs.forEach((v, di) => {
    const { best, bestCos, bestDot } = nearest(v, postings, groups, -1, 0, 0, terms, scratch);
    if (best >= 0 && bestCos >= p.joinThreshold) {
      const g = groups[best]!;
      const ids = v.ids, ws = v.ws;
      for (let i = 0; i < ids.length; i++) { const t = ids[i]!; g.sum.set(t, (g.sum.get(t) ?? 0) + ws[i]!); }
      g.sq += 2 * bestDot + 1;
      g.len = Math.sqrt(g.sq);
      g.members.push(di);
      const size = g.members.length;
      if (size <= 8 || (size & (size - 1)) === 0) reindex(best);
    } else {
      groups.push({ sum: sumOf(v), sq: 1, len: 1, members: [di], indexed: new Set(), alive: true });
      reindex(groups.length - 1);
    }
  });
  // Merge close centroids, largest groups first, through the same postings.
  const order = groups.map((_, i) => i).sort((a, b) => groups[b]!.members.length - groups[a]!.members.length || a - b);
  for (const gi of order) {
    const g = groups[gi]!;
    if (!g.alive || g.members.length < 2) continue;
    const candidates = new Set<number>();
    for (const t of topTerms(g.sum, p.indexTerms, terms, true)) for (const other of postings[t] ?? []) if (other !== gi && groups[other]!.alive && groups[other]!.members.length >= 2) candidates.add(other);
    for (const oi of candidates) {
      const o = groups[oi]!;
      if (!o.alive) continue;
      const cos = dot(g.sum, o.sum) / Math.sqrt(g.sq * o.sq);
      if (cos < p.mergeThreshold) continue;
      const cross = dot(g.sum, o.sum);
      for (const [t, w] of o.sum) g.sum.set(t, (g.sum.get(t) ?? 0) + w);
      g.sq = g.sq + o.sq + 2 * cross;
      g.len = Math.sqrt(g.sq);
      g.members.push(...o.members);
      o.alive = false;
    }
  }
  const final = refine(groups.filter((g) => g.alive), vecs, p, terms, scratch);
  return final.map((g) => {
    const gn = Math.sqrt(g.sq);
    const members = g.members.map((di) => ({ id: docs[di]!.id, di, similarity: gn > 0 ? dotVec(vecs[di]!, g.sum) / gn : 0 }))
      .sort((a, b) => b.similarity - a.similarity || a.id - b.id);
    const keywords = topTerms(g.sum, 8, terms, true).map((t) => terms.names[t]!);
    return {
      members: members.map(({ id, similarity }) => ({ id, similarity: Math.round(similarity * 1000) / 1000 })),
      keywords,
      label: labelOf(keywords, members.slice(0, 5).map((m) => docs[m.di]!.text)),
    };
  });
}

/**
 * Refinement (as in k-means): every document moves to the centroid nearest to it (found through
 * the centroids' heaviest terms) when that one is closer than its own by a margin, and the
 * centroids are rebuilt; `p.refinePasses` times. Groups left empty disappear.
 */
function refine(groups: Work[], vecs: Vec[], p: ClusterParams, terms: Terms, scratch: Scratch): Work[] {
  let current = groups;
  const home = new Int32Array(vecs.length);
  for (let pass = 0; pass < p.refinePasses; pass++) {
    const postings: (number[] | undefined)[] = new Array(terms.names.length);
    current.forEach((g, gi) => {
      for (const t of topTerms(g.sum, p.indexTerms, terms, true)) {
        let list = postings[t];
        if (!list) postings[t] = (list = []);
        list.push(gi);
      }
    });
    current.forEach((g, gi) => { for (const di of g.members) home[di] = gi; });
    const next: number[][] = current.map(() => []);
    let moved = 0;
    vecs.forEach((v, di) => {
      const own = home[di]!;
      const g0 = current[own]!;
      // Own centroid without the document itself, so a singleton is free to leave.
      const d0 = dotVec(v, g0.sum);
      const ownSq = g0.sq - 2 * d0 + 1;
      const ownCos = g0.members.length > 1 && ownSq > 1e-9 ? (d0 - 1) / Math.sqrt(ownSq) : 0;
      const near = nearest(v, postings, current, own, ownCos + p.moveMargin, p.joinThreshold * 0.8, terms, scratch);
      const best = near.best >= 0 ? near.best : own;
      if (best !== own) moved++;
      next[best]!.push(di);
    });
    current = next.filter((m) => m.length > 0).map((members) => {
      const sum: Sum = new Map();
      for (const di of members) {
        const { ids, ws } = vecs[di]!;
        for (let i = 0; i < ids.length; i++) { const t = ids[i]!; sum.set(t, (sum.get(t) ?? 0) + ws[i]!); }
      }
      let sq = 0;
      for (const w of sum.values()) sq += w * w;
      return { sum, sq, len: Math.sqrt(sq), members, indexed: new Set<number>(), alive: true };
    });
    if (moved === 0) break;
  }
  return current;
}

/**
 * A label from the keywords: each of the two heaviest keywords is grown into the longest phrase
 * of the central opinions made of adjacent keywords (路灯 + 灯不 + 不亮 → 路灯不亮).
 */
function labelOf(keywords: readonly string[], texts: readonly string[]): string {
  const top = new Set(keywords.slice(0, 8));
  const phrases: string[] = [];
  for (const seed of keywords.slice(0, 3)) {
    if (phrases.some((ph) => ph.includes(seed))) continue;
    let best = seed;
    for (const text of texts) {
      const t = text.normalize('NFKC');
      let at = t.indexOf(seed);
      while (at >= 0) {
        let s = at, e = at + 2;
        while (s > 0 && top.has(t.slice(s - 1, s + 1)) && e - s < 8) s--;
        while (e < t.length && top.has(t.slice(e - 1, e + 1)) && e - s < 8) e++;
        if (e - s > best.length) best = t.slice(s, e);
        at = t.indexOf(seed, at + 1);
      }
    }
    const phrase = settled(best, texts);
    if (phrases.some((ph) => ph.includes(phrase) || phrase.includes(ph))) continue;
    phrases.push(phrase);
    if (phrases.length === 2) break;
  }
  return phrases.join('、') || '(未命名)';
}

const ONE_HAN = /^\p{Script=Han}$/u;
/** Characters that end a phrase mid-word or stand outside it: particles and the like. */
const LOOSE_START = new Set([...'的了着过说是就都也还又把被给让跟和与及或而在从向对这那每天条个些点']);
const LOOSE_END = new Set([...'的了着过说是就都也还又把被给让跟和与及或而在从向对这那些时先下里']);

/**
 * A phrase grown from bigrams can stop inside a word (晚上出) or carry a neighbour's character
 * (天晚上施工). Where one character follows (or precedes) the phrase in at least 60 % of its
 * occurrences in the topic's texts, the phrase takes it (晚上出行); a particle or the like at
 * either edge is then dropped, keeping two characters at least.
 */
function settled(phrase: string, texts: readonly string[]): string {
  let p = phrase;
  for (let grown = true; grown && p.length < 8;) {
    grown = false;
    for (const side of ['after', 'before'] as const) {
      const next = new Map<string, number>();
      let seen = 0;
      for (const text of texts) {
        const t = text.normalize('NFKC');
        for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1)) {
          seen++;
          const c = side === 'after' ? t[at + p.length] : t[at - 1];
          if (c && ONE_HAN.test(c)) next.set(c, (next.get(c) ?? 0) + 1);
        }
      }
      const [c, n] = [...next].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
      const loose = side === 'after' ? LOOSE_END.has(c) : LOOSE_START.has(c);
      if (seen >= 2 && n >= 0.6 * seen && !loose && p.length < 8) {
        p = side === 'after' ? p + c : c + p;
        grown = true;
      }
    }
  }
  while (p.length > 2 && LOOSE_START.has(p[0]!)) p = p.slice(1);
  while (p.length > 2 && LOOSE_END.has(p.at(-1)!)) p = p.slice(0, -1);
  return p;
}

/** Pairwise precision, recall, F1 and adjusted Rand index of a grouping against true labels. */
export function scoreGrouping(truth: readonly string[], predicted: readonly number[]): { precision: number; recall: number; f1: number; ari: number } {
  const n = truth.length;
  const c2 = (x: number) => (x * (x - 1)) / 2;
  const cont = new Map<string, number>();
  const a = new Map<string, number>();
  const b = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${truth[i]}\u0000${predicted[i]}`;
    cont.set(key, (cont.get(key) ?? 0) + 1);
    a.set(truth[i]!, (a.get(truth[i]!) ?? 0) + 1);
    b.set(predicted[i]!, (b.get(predicted[i]!) ?? 0) + 1);
  }
  let tp = 0;
  for (const v of cont.values()) tp += c2(v);
  let truePairs = 0;
  for (const v of a.values()) truePairs += c2(v);
  let predPairs = 0;
  for (const v of b.values()) predPairs += c2(v);
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const expected = (truePairs * predPairs) / c2(n);
  const max = (truePairs + predPairs) / 2;
  const ari = max === expected ? 1 : (tp - expected) / (max - expected);
  return { precision, recall, f1, ari };
}
