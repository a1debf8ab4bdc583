/**
 * Generated opinions for the hot-topic benchmark: the labelled set's texts, each varied by a
 * clause of its own, a village and a group number, so that 100 000 of them are not 605 texts
 * repeated but keep the labelled set's topics.
 */
import { loadLabelled } from '../server/features/hotTopics/labelled.js';

const CLAUSES = [
  '希望尽快处理。', '已经反映过好几次了。', '村民意见很大。', '请代表帮忙问一下。', '老人小孩最受影响。', '麻烦相关部门来看看。',
  '上个月就有这个情况。', '附近几个组都一样。', '下雨天更严重。', '周末赶集的时候最明显。', '请给个答复。', '大家都很着急。',
  '拍了照片可以提供。', '不知道该找哪个部门。', '之前说要解决一直没动静。', '盼望早日落实。',
];
const GROUPS = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组'];

export interface GeneratedOpinion { content: string; place: string; category: string; topic: string }

/** A deterministic stream of `n` varied opinions. */
export function generatedOpinions(n: number, seed = 20_261_205): GeneratedOpinion[] {
  const set = loadLabelled();
  let x = seed;
  const rand = () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const out: GeneratedOpinion[] = [];
  for (let i = 0; i < n; i++) {
    const o = set.opinions[Math.floor(rand() * set.opinions.length)]!;
    const clause = CLAUSES[Math.floor(rand() * CLAUSES.length)]!;
    const group = GROUPS[Math.floor(rand() * GROUPS.length)]!;
    const village = o.village || o.town;
    out.push({ content: rand() < 0.5 ? `${o.content}${clause}` : `${village}${group}:${o.content}`, place: `${village}${group}`, category: o.category, topic: o.topic });
  }
  return out;
}
