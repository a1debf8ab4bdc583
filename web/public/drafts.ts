/**
 * What the phone keeps for the constituent: submissions made without network (in IndexedDB,
 * photos and all, until the server has them), and the receipts of what she sent from this
 * phone (in localStorage, so the 查询 page can offer them again).
 *
 * A draft is sent with its own `Idempotency-Key`, the same at every attempt: the server answers
 * a retry with the first receipt, so a draft sent twice (two tabs, a lost answer) is one case.
 */
import { post } from '../shared/api.js';

export interface SubmitBody {
  stationId?: number; deputyId?: number; categoryId: number; content: string; place: string;
  name: string | null; phone: string | null; channel: 'qr'; photos: { data: string }[];
}
export interface Draft { id: string; body: SubmitBody; savedAt: string }
export interface Receipt { trackingCode: string; queryKey: string; pin?: string }

const DB_NAME = 'lianxin';
const STORE = 'drafts';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => { request.result.createObjectStore(STORE, { keyPath: 'id' }); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB'));
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

export const saveDraft = (draft: Draft) => inStore('readwrite', (s) => s.put(draft)).then(() => undefined);
export const removeDraft = (id: string) => inStore('readwrite', (s) => s.delete(id)).then(() => undefined);
/** The drafts waiting on this phone, oldest first. */
export const pendingDrafts = () => inStore<Draft[]>('readonly', (s) => s.getAll() as IDBRequest<Draft[]>)
  .then((all) => all.sort((a, b) => a.savedAt.localeCompare(b.savedAt)));

/** Sends a draft (first attempt or retry, always under its own key). */
export function sendDraft(draft: Draft): Promise<Receipt> {
  return post<Receipt>('/api/public/opinions', draft.body, { 'idempotency-key': draft.id });
}

const RECEIPTS = 'lianxin.receipts';

/** The receipts of what was sent from this phone, newest first (at most 20). */
export function savedReceipts(): (Receipt & { at: string })[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECEIPTS) ?? '[]') as unknown;
    return Array.isArray(list) ? list as (Receipt & { at: string })[] : [];
  } catch {
    return [];
  }
}

export function keepReceipt(receipt: Receipt, at = new Date().toISOString()): void {
  const others = savedReceipts().filter((r) => r.trackingCode !== receipt.trackingCode);
  try {
    localStorage.setItem(RECEIPTS, JSON.stringify([{ ...receipt, at }, ...others].slice(0, 20)));
  } catch { /* storage full or refused: the receipt on screen is still there */ }
}

/** The tracking page's address in the app (`/t/…?key=…`). */
export const trackPath = (r: { trackingCode: string; queryKey: string }) =>
  `/t/${encodeURIComponent(r.trackingCode)}?key=${encodeURIComponent(r.queryKey)}`;
