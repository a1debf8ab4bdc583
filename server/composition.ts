/**
 * The composition root: the one place that hands the kernel its own parts and every feature.
 * The app, the job workers and the demo loader call `composeServer()` before anything else runs;
 * calling it again does nothing.
 */
import { FEATURES } from './features/index.js';
import { installFeatures } from './platform/feature.js';
import { KERNEL } from './platform/kernel.js';

export function composeServer(): void {
  installFeatures(KERNEL, FEATURES);
}

export { FEATURES, KERNEL };
