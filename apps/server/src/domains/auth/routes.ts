import type { FastifyRequest } from 'fastify';
import { errorSchema, idParams, noContent, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { originOf } from '../audit/record.ts';
import {
  browserSessionListResponse,
  changePasswordBody,
  sessionSchema,
  setupBody,
  signInBody,
} from './schemas.ts';
import * as service from './service.ts';
import {
  assertSameOriginWrite,
  endOtherSessions,
  endSession,
  endSessionById,
  endSessionsOf,
  findSession,
  listSessions,
  type SessionPolicy,
  startSession,
} from './sessions.ts';
import type { Attempt } from './throttle.ts';

/** What the auth routes need besides the database: the session limits and the app's clock. */
export interface AuthRouteDeps extends RouteDeps {
  sessions: SessionPolicy;
}

/** The attempt a throttled request makes: from the client's address, now by the app's clock. */
export function attemptOf(request: FastifyRequest, sessions: SessionPolicy): Attempt {
  return { ...originOf(request), now: sessions.now() };
}

const publicErrors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  409: errorSchema,
  500: errorSchema,
};

/** Sign-in attempts are throttled: 429 rate_limit_exceeded with Retry-After. */
const throttledErrors = { ...publicErrors, 429: errorSchema };

/**
 * Routes that work without being signed in: the web app's session check, the first-run setup,
 * sign-in and sign-out. Registered outside the authenticated /v1 scope.
 */
export function registerPublicAuthRoutes(app: ApiInstance, { db, sessions }: AuthRouteDeps): void {
  app.get(
    '/auth/session',
    {
      schema: {
        operationId: 'getSession',
        tags: ['Web sessions'],
        summary: 'Whether the server needs setting up, and who this browser is signed in as',
        security: [],
        response: { 200: sessionSchema, ...publicErrors },
      },
    },
    async (request) => {
      const session = await findSession(db, sessions, request);
      return {
        setup_required: session === undefined ? await service.isSetupRequired(db) : false,
        authenticated: session !== undefined,
        user_id: session?.userId ?? null,
        account_id: session?.accountId ?? null,
      };
    },
  );

  app.post(
    '/auth/setup',
    {
      schema: {
        operationId: 'setUpWorkspace',
        tags: ['Web sessions'],
        summary: 'Create the first workspace and its administrator, signed in (only on a server with none)',
        security: [],
        body: setupBody,
        response: { 201: sessionSchema, ...publicErrors },
      },
    },
    async (request, reply) => {
      const user = await service.setUpFirstWorkspace(db, request.body);
      await startSession(db, sessions, reply, user);
      return reply.status(201).send(signedIn(user));
    },
  );

  app.post(
    '/auth/sign-in',
    {
      schema: {
        operationId: 'signIn',
        tags: ['Web sessions'],
        summary: 'Sign in with email and password; sets the session cookie',
        security: [],
        body: signInBody,
        response: { 200: sessionSchema, ...throttledErrors },
      },
    },
    async (request, reply) => {
      const user = await service.signIn(db, request.body, attemptOf(request, sessions));
      await startSession(db, sessions, reply, user);
      return signedIn(user);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: {
        operationId: 'signOut',
        tags: ['Web sessions'],
        summary: 'End this browser session',
        security: [],
        response: { 204: noContent, ...publicErrors },
      },
    },
    async (request, reply) => {
      assertSameOriginWrite(request);
      await endSession(db, request, reply);
      return reply.status(204).send(null);
    },
  );
}

/** Routes for a signed-in person (session or API key). */
export function registerAuthRoutes(app: ApiInstance, { db, sessions }: AuthRouteDeps): void {
  app.get(
    '/auth/sessions',
    {
      schema: {
        operationId: 'listBrowserSessions',
        tags: ['Web sessions'],
        summary: 'The browsers you are signed in on',
        response: { 200: browserSessionListResponse, ...standardErrors },
      },
    },
    async (request) => ({ sessions: await listSessions(db, sessions, request.actor, request) }),
  );

  app.delete(
    '/auth/sessions',
    {
      schema: {
        operationId: 'signOutEverywhere',
        tags: ['Web sessions'],
        summary: 'Sign out of every browser, this one included',
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await endSessionsOf(db, request.actor.accountId, request.actor.userId);
      await endSession(db, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        operationId: 'endBrowserSession',
        tags: ['Web sessions'],
        summary: 'Sign out one of your browsers (the id comes from the session list)',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await endSessionById(db, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        operationId: 'changePassword',
        tags: ['Web sessions'],
        summary: 'Change your password; signs out your other browsers',
        body: changePasswordBody,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.changePassword(db, request.actor, request.body, attemptOf(request, sessions));
      await endOtherSessions(db, request.actor, request);
      return reply.status(204).send(null);
    },
  );
}

function signedIn(user: { accountId: string; id: string }) {
  return { setup_required: false, authenticated: true, user_id: user.id, account_id: user.accountId };
}
