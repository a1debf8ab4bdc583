import { lazy, type ComponentType, type ReactNode } from 'react';
import type { Me } from '../app/session.js';

/**
 * A page of the back office at an address (`/cases/:id`); the page reads its parameters itself.
 * `title` names the screen (the browser tab's title and the page's h1); without it, the label of
 * the navigation entry at the same path, or of its section, names it.
 */
export interface FeatureRoute {
  path: string;
  page: ComponentType;
  title?: { zh: string; en: string };
}

/**
 * An entry of the navigation. It shows when the account holds `ability` (and its role is not in
 * `hideFor`); entries of all features are listed by `order`, smallest first.
 */
export interface MenuEntry {
  path: string;
  zh: string;
  en: string;
  ability: string;
  order: number;
  hideFor?: Me['role'][];
  /** Shown before the label when given; no entry has one yet, so the navigation is text only. */
  icon?: ReactNode;
}

/** What a feature of the back office adds to the shell: its pages and its navigation entries. */
export interface WebFeature {
  name: string;
  routes: FeatureRoute[];
  menu: MenuEntry[];
}

/** A page loaded when first opened (`React.lazy` over a named export). */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}
