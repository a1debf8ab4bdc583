import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, pageOf, PageQuery } from '../../platform/http/schemas.js';
import { todoCounts, todoList } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Tone = z.enum(['normal', 'warning', 'danger']);

const TodoCounts = z.object({
  total: z.number(),
  items: z.array(z.object({
    key: z.string().meta({ description: '`<feature>.<item>`, e.g. `case.sign`; GET /api/todo/{key} lists it' }),
    group: Label, label: Label, tone: Tone, count: z.number(),
    href: z.string().meta({ description: 'The back office page with the full list' }),
  })),
}).meta({ id: 'TodoCounts' });

const TodoEntry = z.object({
  id: z.number(), code: z.string(), title: z.string(), detail: z.string(),
  dueAt: z.string().nullable(), overdue: z.boolean(), href: z.string(),
}).meta({ id: 'TodoEntry' });

export const todoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/todo', {
    config: { access: 'authenticated', ability: 'todo.read' },
    schema: {
      tags: ['todo'], summary: '我的待办 What awaits my action, counted per item',
      description: 'The items of the caller\'s role (待受理, 待交办 … for stations; 待签收, 即将到期, 已超期 for units; 待审核, 待反馈 for deputies; '
        + '超期, 延期待审批, 未评价 for supervisors), each counted over the records the caller reaches.',
      response: { 200: TodoCounts, ...errorResponses },
    },
  }, async (request) => todoCounts(app.db, request.actor!));

  app.get('/api/todo/:key', {
    config: { access: 'authenticated', ability: 'todo.read' },
    schema: {
      tags: ['todo'], summary: '待办列表 The records under one of my to-do items, most urgent first',
      description: 'An item that is not the caller\'s role\'s answers 404 like an unknown one.',
      params: z.object({ key: z.string().regex(/^[a-z_]+\.[a-z_]+$/).max(60) }),
      querystring: z.object(PageQuery),
      response: { 200: pageOf(TodoEntry).extend({ key: z.string(), label: Label }), ...errorResponses },
    },
  }, async (request) => todoList(app.db, request.actor!, request.params.key, request.query));
};
