/**
 * How the phone pages tell the constituent what happened: a Toast for every outcome, with the
 * server's own message (already in her language) for a refusal, and plain words for a phone
 * without network.
 */
import { Toast } from 'antd-mobile';
import { ApiError } from '../shared/api.js';
import type { useI18n } from '../shared/i18n.js';

type L = ReturnType<typeof useI18n>['l'];

/** True when the request never reached the server: no network (fetch rejects with a TypeError), or the phone says it is offline. */
export function isOffline(err: unknown): boolean {
  if (err instanceof ApiError) return false;
  return !navigator.onLine || err instanceof TypeError;
}

/** The words for a failure: the server's message, or why nothing reached it. */
export function failureText(err: unknown, l: L): string {
  if (isOffline(err)) return l('网络不通,请检查信号后重试', 'No network: check the signal and try again');
  if (err instanceof ApiError) {
    if (err.status === 429) return err.message || l('操作太频繁,请稍后再试', 'Too many attempts; please wait a little and try again');
    return err.message;
  }
  return l('出了点问题,请稍后再试', 'Something went wrong; please try again later');
}

export function showFailure(err: unknown, l: L): void {
  Toast.show({ icon: 'fail', content: failureText(err, l), duration: 4000 });
}

export function showDone(text: string): void {
  Toast.show({ icon: 'success', content: text });
}

export function showNote(text: string, duration = 3000): void {
  Toast.show({ content: text, duration });
}
