/**
 * The text message to the submitter when her case is answered: the tracking code and a link that
 * opens the case (and its rating) on her phone. Sent only where she left a phone number; nothing
 * is composed otherwise. Cases merged into the answered one share its answer, so their submitters
 * are told too. The link carries a key of its own (opinion_access_key, purpose `notice`) that
 * lasts through the rating window and a while after; the query key itself is never stored.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { sendToAddress } from '../../platform/notify/direct.js';
import { publicLink } from '../../platform/publicLinks.js';
import { RATING_WINDOW_DAYS } from './effects.js';
import { issueAccessKey } from './lookup.js';

/** How long the link in the notice opens the case: the rating window and as long again. */
const NOTICE_KEY_DAYS = 2 * RATING_WINDOW_DAYS;

function answerNoticeText(trackingCode: string, link: string): string {
  return `【连心桥】您反映的意见(受理编号 ${trackingCode})已有答复,请在${RATING_WINDOW_DAYS}日内查看并评价:${link}`;
}

export async function sendAnswerNotice(trx: Transaction<DB>, caseId: number, now: Date): Promise<number> {
  const cases = await trx.selectFrom('opinion').select(['id', 'tracking_code', 'submitter_phone'])
    .where((eb) => eb.or([eb('id', '=', caseId), eb('merged_into_id', '=', caseId)]))
    .where('submitter_phone', 'is not', null).orderBy('id').execute();
  let sent = 0;
  for (const c of cases) {
    if (!c.submitter_phone) continue;
    const key = await issueAccessKey(trx, c.id, 'notice', now, new Date(now.getTime() + NOTICE_KEY_DAYS * 86_400_000));
    const link = publicLink(`/m/t/${c.tracking_code}?key=${key}`);
    await sendToAddress(trx, { channel: 'sms', recipient: c.submitter_phone, subject: '意见已有答复', body: answerNoticeText(c.tracking_code, link) });
    sent++;
  }
  return sent;
}
