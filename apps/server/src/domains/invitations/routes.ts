import type { FastifyRequest } from 'fastify';
import { errorSchema, idParams, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import type { Mailer } from '../../lib/mail.ts';
import { originOf } from '../audit/record.ts';
import { type AuthRouteDeps, attemptOf } from '../auth/routes.ts';
import { sessionSchema } from '../auth/schemas.ts';
import { startSession } from '../auth/sessions.ts';
import {
  acceptInvitationBody,
  cancelledInvitationSchema,
  createInvitationsBody,
  invitationListResponse,
  invitationPreviewSchema,
  issuedInvitationSchema,
  issuedInvitationsResponse,
  tokenParams,
} from './schemas.ts';
import * as service from './service.ts';

export interface InvitationDeps extends RouteDeps {
  mailer: Mailer;
}

/** The origin the admin reached the server at: accept links point there unless PUBLIC_URL says otherwise. */
function linkBase(request: FastifyRequest): service.LinkBase {
  return { origin: `${request.protocol}://${request.host}` };
}

export function registerInvitationRoutes(app: ApiInstance, { db, mailer }: InvitationDeps): void {
  app.post(
    '/invitations',
    {
      schema: {
        operationId: 'createInvitations',
        tags: ['Invitations'],
        summary: 'Invite one or more people: each becomes a pending user and is emailed a link',
        body: createInvitationsBody,
        response: { 201: issuedInvitationsResponse, ...standardErrors },
      },
    },
    async (request, reply) => {
      const data = await service.invite(
        db,
        mailer,
        request.actor,
        linkBase(request),
        request.body.invitations,
      );
      return reply.status(201).send({ data });
    },
  );

  app.get(
    '/invitations',
    {
      schema: {
        operationId: 'listInvitations',
        tags: ['Invitations'],
        summary: 'Invitations not yet accepted',
        response: { 200: invitationListResponse, ...standardErrors },
      },
    },
    async (request) => ({ data: await service.listInvitations(db, request.actor) }),
  );

  app.post(
    '/invitations/:id/resend',
    {
      schema: {
        operationId: 'resendInvitation',
        tags: ['Invitations'],
        summary: 'Send a pending person a new link (the old one stops working)',
        params: idParams,
        response: { 200: issuedInvitationSchema, ...standardErrors },
      },
    },
    (request) => service.resend(db, mailer, request.actor, linkBase(request), request.params.id),
  );

  app.delete(
    '/invitations/:id',
    {
      schema: {
        operationId: 'cancelInvitation',
        tags: ['Invitations'],
        summary: 'Cancel an invitation; the pending person is removed, or archived if they have history',
        params: idParams,
        response: { 200: cancelledInvitationSchema, ...standardErrors },
      },
    },
    (request) => service.cancel(db, request.actor, request.params.id, originOf(request)),
  );
}

const publicErrors = { 400: errorSchema, 404: errorSchema, 422: errorSchema, 500: errorSchema };

/** The invited person has no session yet: these work with the link's token alone. */
export function registerPublicInvitationRoutes(app: ApiInstance, { db, sessions }: AuthRouteDeps): void {
  app.get(
    '/auth/invitations/:token',
    {
      schema: {
        operationId: 'getInvitation',
        tags: ['Invitations'],
        summary: 'Who an invitation link is for and which workspace it joins',
        security: [],
        params: tokenParams,
        response: { 200: invitationPreviewSchema, ...publicErrors },
      },
    },
    (request) => service.preview(db, request.params.token),
  );

  app.post(
    '/auth/invitations/:token/accept',
    {
      schema: {
        operationId: 'acceptInvitation',
        tags: ['Invitations'],
        summary: 'Set a password and join; sets the session cookie',
        security: [],
        params: tokenParams,
        body: acceptInvitationBody,
        response: { 200: sessionSchema, ...publicErrors, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const user = await service.accept(
        db,
        request.params.token,
        request.body.password,
        attemptOf(request, sessions),
      );
      await startSession(db, sessions, reply, user);
      return { setup_required: false, authenticated: true, user_id: user.id, account_id: user.accountId };
    },
  );
}
