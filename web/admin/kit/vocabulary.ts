import { useEffect, useMemo, useState } from 'react';
import { get } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';

/**
 * The coded values of the registry (station types, deputy levels, roles …) with their labels,
 * as the server defines them in `/api/meta/vocabulary`. Screens never spell these labels out
 * themselves, so a new value or a corrected label reaches every screen at once.
 */
export type VocabularyList =
  | 'roles' | 'stationTypes' | 'stationTiers' | 'stationGrades' | 'stationChecklist'
  | 'deputyLevels' | 'deputyStatuses' | 'stationMemberRoles' | 'genders' | 'regionLevels' | 'activityKinds' | 'attendance'
  | 'auditActions' | 'auditEntityTypes';

export interface VocabularyEntry { value: string; zh: string; en: string }
type Vocabulary = Record<VocabularyList, VocabularyEntry[]>;

// The lists change only with a new server version: one request per page load, shared by every screen.
let loaded: Vocabulary | null = null;
let pending: Promise<Vocabulary> | null = null;

function fetchVocabulary(): Promise<Vocabulary> {
  pending ??= get<Vocabulary>('/api/meta/vocabulary').then(
    (v) => (loaded = v),
    (err: unknown) => { pending = null; throw err; },
  );
  return pending;
}

export interface VocabularyApi {
  ready: boolean;
  error: string | null;
  /** The label of a coded value; empty while the lists load, the code itself if the server does not know it. */
  text(list: VocabularyList, value: string | null | undefined): string;
  /** The values of a list as Select/Checkbox options, in the server's order. */
  options(list: VocabularyList): { value: string; label: string }[];
}

export function useVocabulary(): VocabularyApi {
  const { lang } = useI18n();
  const [vocabulary, setVocabulary] = useState<Vocabulary | null>(loaded);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (vocabulary) return;
    let live = true;
    fetchVocabulary().then(
      (v) => { if (live) setVocabulary(v); },
      (err: unknown) => { if (live) setError(err instanceof Error ? err.message : String(err)); },
    );
    return () => { live = false; };
  }, [vocabulary]);

  return useMemo(() => ({
    ready: vocabulary !== null,
    error,
    text(list, value) {
      if (value === null || value === undefined || value === '') return '—';
      if (!vocabulary) return '';
      const entry = vocabulary[list]?.find((e) => e.value === value);
      return entry ? entry[lang] : value;
    },
    options(list) {
      return (vocabulary?.[list] ?? []).map((e) => ({ value: e.value, label: e[lang] }));
    },
  }), [vocabulary, error, lang]);
}
