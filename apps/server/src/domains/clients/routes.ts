import { z } from 'zod';
import { idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import {
  clientSchema,
  contactParams,
  contactSchema,
  createClientBody,
  createContactBody,
  listClientsQuery,
  updateClientBody,
  updateContactBody,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['Clients'];

export function registerClientRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/clients',
    {
      schema: {
        operationId: 'listClients',
        tags,
        summary: 'List clients',
        querystring: listClientsQuery,
        response: { 200: pageOf(clientSchema), ...standardErrors },
      },
    },
    (request) => service.listClients(db, request.actor, request.query),
  );

  app.get(
    '/clients/:id',
    {
      schema: {
        operationId: 'getClient',
        tags,
        summary: 'Get a client',
        params: idParams,
        response: { 200: clientSchema, ...standardErrors },
      },
    },
    (request) => service.getClient(db, request.actor, request.params.id),
  );

  app.post(
    '/clients',
    {
      schema: {
        operationId: 'createClient',
        tags,
        summary: 'Create a client',
        body: createClientBody,
        response: { 201: clientSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createClient(db, request.actor, request.body)),
  );

  app.patch(
    '/clients/:id',
    {
      schema: {
        operationId: 'updateClient',
        tags,
        summary: 'Update a client; is_active false archives, true restores',
        params: idParams,
        body: updateClientBody,
        response: { 200: clientSchema, ...standardErrors },
      },
    },
    (request) => service.updateClient(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/clients/:id',
    {
      schema: {
        operationId: 'deleteClient',
        tags,
        summary: 'Delete a client that has no projects',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.deleteClient(db, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/clients/:id/contacts',
    {
      schema: {
        operationId: 'listClientContacts',
        tags,
        summary: "A client's contacts",
        params: idParams,
        response: { 200: z.object({ data: z.array(contactSchema) }), ...standardErrors },
      },
    },
    async (request) => ({ data: await service.listContacts(db, request.actor, request.params.id) }),
  );

  app.post(
    '/clients/:id/contacts',
    {
      schema: {
        operationId: 'createClientContact',
        tags,
        summary: 'Add a contact to a client',
        params: idParams,
        body: createContactBody,
        response: { 201: contactSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createContact(db, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/clients/:id/contacts/:contactId',
    {
      schema: {
        operationId: 'updateClientContact',
        tags,
        summary: 'Update a contact',
        params: contactParams,
        body: updateContactBody,
        response: { 200: contactSchema, ...standardErrors },
      },
    },
    (request) =>
      service.updateContact(db, request.actor, request.params.id, request.params.contactId, request.body),
  );

  app.delete(
    '/clients/:id/contacts/:contactId',
    {
      schema: {
        operationId: 'deleteClientContact',
        tags,
        summary: 'Remove a contact',
        params: contactParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.deleteContact(db, request.actor, request.params.id, request.params.contactId);
      return reply.status(204).send(null);
    },
  );
}
