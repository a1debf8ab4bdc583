/**
 * The hot-topic grouping's quality on the labelled set (server/features/hotTopics/labelled):
 * pairwise precision, recall, F1 and the adjusted Rand index, with the parameters the server uses.
 */
import { labelledQuality } from '../server/features/hotTopics/labelled.js';

const q = labelledQuality();
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
console.log(`labelled set: ${q.opinions} opinions in ${q.topics} true topics → ${q.clusters} groups`);
console.log(`pairwise precision ${pct(q.precision)} %`);
console.log(`pairwise recall    ${pct(q.recall)} %`);
console.log(`pairwise F1        ${pct(q.f1)} %`);
console.log(`adjusted Rand      ${q.ari.toFixed(3)}`);
