/**
 * antd-mobile 5 renders its imperative pieces (Toast, Dialog.alert, ActionSheet.show …) with
 * React 18's legacy `render`, which React 19 no longer has: without this hook they never
 * appear. It hands antd-mobile React 19's `createRoot` (as its guide for React 19 says), once,
 * before the first page renders.
 */
import { unstableSetRender } from 'antd-mobile';
import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

unstableSetRender((node: ReactElement, container: Element | DocumentFragment) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    // Let the close animation's last render finish before the root goes.
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});
