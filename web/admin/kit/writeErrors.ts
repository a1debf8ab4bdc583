import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, formFieldErrors } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';

type NamePath = (string | number)[];

/** Errors the server answers with a code rather than a field list, though they concern one field. */
const CODE_FIELDS: Record<string, string> = {
  USERNAME_TAKEN: 'username',
  STATION_PARENT_CYCLE: 'parentId',
  CANNOT_MODIFY_SELF: 'active',
  PASSWORD_TOO_WEAK: 'password',
  TERM_EXISTS: 'number',
  TERM_OUT_OF_ORDER: 'number',
  TERM_OVERLAP: 'startsOn',
  FEDERATION_PEER_EXISTS: 'id',
  FEDERATION_KEY_INVALID: 'publicKey',
  FEDERATION_STATION_INVALID: 'stationIds',
};

/**
 * Puts the server's field errors on the form's own fields. `formFieldErrors` names the
 * top-level field; where the form has the nested one (`levels.1.regionCode` inside a list) the
 * message goes there instead, next to the row it is about. Answers the messages that found no field.
 */
function registeredFields(form: FormInstance): Set<string> {
  return new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
}

function placeFieldErrors(form: FormInstance, err: ApiError): string[] {
  const registered = registeredFields(form);
  const topLevel = formFieldErrors(err);
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  err.fields.forEach((f, i) => {
    const segments: NamePath = f.path.replace(/^(body|querystring)\./, '').split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let name: NamePath | null = null;
    for (let n = segments.length; n > 1 && !name; n--) {
      if (registered.has(JSON.stringify(segments.slice(0, n)))) name = segments.slice(0, n);
    }
    name ??= registered.has(JSON.stringify([topLevel[i]!.name])) ? [topLevel[i]!.name] : null;
    if (!name) { unplaced.push(f.message); return; }
    const key = JSON.stringify(name);
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    placed.set(key, entry);
  });
  form.setFields([...placed.values()]);
  return unplaced;
}

/**
 * The one way the management screens report a failed write: field errors on their fields, a
 * stale version (409) as "someone changed this" followed by `onConflict` (which reloads), and
 * anything else as a message.
 */
export function useWriteErrors() {
  const { l } = useI18n();
  return useCallback((
    err: unknown,
    show: { error(text: string): void; warning(text: string): void },
    form?: FormInstance,
    onConflict?: () => void,
  ) => {
    if (!(err instanceof ApiError)) { show.error(err instanceof Error ? err.message : String(err)); return; }
    if (form && err.fields.length) {
      const rest = placeFieldErrors(form, err);
      show.error(rest.length ? `${err.message}: ${rest.join('; ')}` : err.message);
      return;
    }
    if (err.code === 'CONFLICT' && typeof err.details.field === 'string' && form) {
      // A duplicate (a unit's name within its region) comes back as CONFLICT naming the field.
      form.setFields([{ name: err.details.field, errors: [l('与已有记录重复', 'Duplicates an existing record')] }]);
      return;
    }
    if (err.code === 'CONFLICT' && 'currentVersion' in err.details) {
      show.warning(l('该记录刚被他人修改,已载入最新内容,请重新操作', 'Someone else just changed this record; the latest version is loaded, please try again'));
      onConflict?.();
      return;
    }
    const field = CODE_FIELDS[err.code];
    if (form && field && registeredFields(form).has(JSON.stringify([field]))) {
      form.setFields([{ name: field, errors: [err.message] }]);
      return;
    }
    show.error(err.message);
  }, [l]);
}

/** The fields of a form whose value differs from the record's: a PATCH sends only those. */
export function changedFields<T extends object>(values: T, original: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (values[key] === undefined) continue;
    if (JSON.stringify(values[key]) !== JSON.stringify(original[key])) out[key] = values[key];
  }
  return out;
}

/**
 * A form's write, as every dialog of the back office makes it: `busy` while it runs; on success
 * the message `done` and then `after` (refresh, close); on failure the errors placed as
 * `useWriteErrors` places them, on the form's fields where they belong.
 */
export function useFormWrite(form?: FormInstance) {
  const { message } = App.useApp();
  const showError = useWriteErrors();
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (write: () => Promise<unknown>, done: string, after?: () => unknown) => {
    setBusy(true);
    try {
      await write();
      message.success(done);
      await after?.();
    } catch (err) {
      showError(err, message, form);
    } finally {
      setBusy(false);
    }
  }, [form, message, showError]);
  return { busy, run };
}
