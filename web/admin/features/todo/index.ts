import type { WebFeature } from '../../kit/feature.js';
import { TodoPage } from './TodoPage.js';

// Loaded with the shell: it is the first page of unit clerks and deputies (app/home.ts).
export const todo: WebFeature = {
  name: 'todo',
  routes: [{ path: '/todo', page: TodoPage }],
  // Unit clerks and deputies have it as their first page (工作台).
  menu: [{ path: '/todo', zh: '我的待办', en: 'My to-do', ability: 'todo.read', order: 12, hideFor: ['unit', 'deputy'] }],
};
