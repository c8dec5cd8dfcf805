import { idParams, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { createTaskBody, listTasksQuery, taskSchema, updateTaskBody } from './schemas.ts';
import * as service from './service.ts';

const tags = ['Tasks'];

export function registerTaskRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/tasks',
    {
      schema: {
        operationId: 'listTasks',
        tags,
        summary: 'List company tasks',
        querystring: listTasksQuery,
        response: { 200: pageOf(taskSchema), ...standardErrors },
      },
    },
    (request) => service.listTasks(db, request.actor, request.query),
  );

  app.get(
    '/tasks/:id',
    {
      schema: {
        operationId: 'getTask',
        tags,
        summary: 'Get a company task',
        params: idParams,
        response: { 200: taskSchema, ...standardErrors },
      },
    },
    (request) => service.getTask(db, request.actor, request.params.id),
  );

  app.post(
    '/tasks',
    {
      schema: {
        operationId: 'createTask',
        tags,
        summary: 'Create a company task',
        body: createTaskBody,
        response: { 201: taskSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTask(db, request.actor, request.body)),
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        operationId: 'updateTask',
        tags,
        summary: 'Update a company task; is_active false archives, true restores',
        params: idParams,
        body: updateTaskBody,
        response: { 200: taskSchema, ...standardErrors },
      },
    },
    (request) => service.updateTask(db, request.actor, request.params.id, request.body),
  );
}
