import { idParams, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { originOf } from '../audit/record.ts';
import {
  createUserBody,
  listUsersQuery,
  teammatesBody,
  teammatesResponse,
  updateUserBody,
  userSchema,
} from './schemas.ts';
import * as service from './service.ts';

export function registerPeopleRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['Users'],
        summary: 'List users',
        querystring: listUsersQuery,
        response: { 200: pageOf(userSchema), ...standardErrors },
      },
    },
    (request) => service.listUsers(db, request.actor, request.query),
  );

  app.get(
    '/users/me',
    {
      schema: {
        operationId: 'getCurrentUser',
        tags: ['Users'],
        summary: 'The user the API key belongs to',
        response: { 200: userSchema, ...standardErrors },
      },
    },
    (request) => service.getUser(db, request.actor, request.actor.userId),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        operationId: 'getUser',
        tags: ['Users'],
        summary: 'Get a user',
        params: idParams,
        response: { 200: userSchema, ...standardErrors },
      },
    },
    (request) => service.getUser(db, request.actor, request.params.id),
  );

  app.post(
    '/users',
    {
      schema: {
        operationId: 'createUser',
        tags: ['Users'],
        summary: 'Add a person or an agent user',
        body: createUserBody,
        response: { 201: userSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createUser(db, request.actor, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['Users'],
        summary: 'Update a user; is_active false archives, true restores',
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema, ...standardErrors },
      },
    },
    (request) => service.updateUser(db, request.actor, request.params.id, request.body, originOf(request)),
  );

  app.get(
    '/users/:id/teammates',
    {
      schema: {
        operationId: 'listTeammates',
        tags: ['Users'],
        summary: "A manager's assigned teammates",
        params: idParams,
        response: { 200: teammatesResponse, ...standardErrors },
      },
    },
    async (request) => ({ teammate_ids: await service.getTeammates(db, request.actor, request.params.id) }),
  );

  app.put(
    '/users/:id/teammates',
    {
      schema: {
        operationId: 'setTeammates',
        tags: ['Users'],
        summary: "Replace a manager's assigned teammates",
        params: idParams,
        body: teammatesBody,
        response: { 200: teammatesResponse, ...standardErrors },
      },
    },
    async (request) => ({
      teammate_ids: await service.setTeammates(
        db,
        request.actor,
        request.params.id,
        request.body.teammate_ids,
      ),
    }),
  );
}
