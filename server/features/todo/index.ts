import { defineFeature } from '../../platform/feature.js';
import { abilities } from './access.js';
import type { TodoSource } from './contract.js';
import { todoRoutes } from './routes.js';

// What other features use of this one: the shape of what they contribute.
export type { TodoItem, TodoSource } from './contract.js';

declare module '../../platform/feature.js' {
  interface FeatureContributions { todos: TodoSource }
}

export const feature = defineFeature({
  name: 'todo',
  routes: [todoRoutes],
  errors: {},
  auditActions: {},
  auditEntityTypes: {},
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
