import { requestHeaders, toApiError } from '../../shared/api.js';

/** The name a download should be saved under, from `filename*` (UTF-8) or `filename`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) return decodeURIComponent(utf8[1]!);
  const plain = disposition && /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1]! : fallback;
}

/**
 * Fetches a generated file and hands it to the browser as a download. Going through fetch
 * rather than a plain link lets a refusal (a missing font, a register too large, a station out
 * of reach) be shown as the server's message instead of being saved as a file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: requestHeaders('GET') });
  if (!res.ok) throw toApiError(res.status, res.statusText, await res.json().catch(() => null));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
