import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorSchema, noContent, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { originOf } from '../audit/record.ts';
import { type SessionPolicy, startSession } from '../auth/sessions.ts';
import {
  CALLBACK_PATH,
  deleteSsoSettings,
  getSsoSettings,
  putSsoSettings,
  ssoAvailable,
} from './connection.ts';
import {
  redirectResponse,
  ssoAvailabilitySchema,
  ssoCallbackQuery,
  ssoSettingsSchema,
  ssoStartQuery,
  updateSsoSettingsBody,
} from './schemas.ts';
import { finishSsoSignIn, type SsoOutcome, startSsoSignIn } from './sign-in.ts';

export interface SsoRouteDeps extends RouteDeps {
  sessions: SessionPolicy;
  secrets: SecretBox;
  /** PUBLIC_URL: the address the provider sends people back to; else each request's own origin. */
  publicUrl: string | undefined;
}

/** The browser's half of a sign-in in progress: its state, sent back only to the SSO routes. */
const STATE_COOKIE = 'keito_sso_state';
const STATE_COOKIE_PATH = '/v1/auth/sso';

function redirectUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return `${publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;
}

const redirectErrors = { 400: errorSchema, 500: errorSchema };

/** The sign-in routes, used before anyone is signed in. */
export function registerPublicSsoRoutes(app: ApiInstance, deps: SsoRouteDeps): void {
  const { db, sessions } = deps;
  const ssoDeps = { secrets: deps.secrets, now: sessions.now };

  /** Refusals land on the sign-in page, which says why in words. */
  const refuse = (reply: FastifyReply, outcome: SsoOutcome & { kind: 'refused' }) =>
    reply.redirect(`/sign-in?sso_error=${outcome.reason}`, 302);

  app.get(
    '/auth/sso',
    {
      schema: {
        operationId: 'getSsoAvailability',
        tags: ['Web sessions'],
        summary: 'Whether a workspace of this server signs in with SSO (the sign-in page shows its button)',
        security: [],
        response: { 200: ssoAvailabilitySchema, 500: errorSchema },
      },
    },
    async () => ({ available: await ssoAvailable(db) }),
  );

  app.get(
    '/auth/sso/start',
    {
      schema: {
        operationId: 'startSsoSignIn',
        tags: ['Web sessions'],
        summary:
          "Sign in with SSO: redirects the browser to the identity provider of the email's workspace, or back to the sign-in page with sso_error",
        security: [],
        querystring: ssoStartQuery,
        response: { 302: redirectResponse, ...redirectErrors },
      },
    },
    async (request, reply) => {
      const started = await startSsoSignIn(
        db,
        ssoDeps,
        request.query,
        redirectUrlOf(request, deps.publicUrl),
      );
      if (started.kind === 'refused') return refuse(reply, started);
      reply.setCookie(STATE_COOKIE, started.state, {
        httpOnly: true,
        // Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
        sameSite: 'lax',
        secure: sessions.secureCookies || request.protocol === 'https',
        path: STATE_COOKIE_PATH,
        maxAge: 600,
      });
      return reply.redirect(started.url, 302);
    },
  );

  app.get(
    CALLBACK_PATH.replace(/^\/v1/, ''),
    {
      schema: {
        operationId: 'finishSsoSignIn',
        tags: ['Web sessions'],
        summary:
          'The redirect URL registered with the identity provider: checks the sign-in, sets the session cookie and redirects into the app (or to the sign-in page with sso_error)',
        security: [],
        querystring: ssoCallbackQuery,
        response: { 302: redirectResponse, ...redirectErrors },
      },
    },
    async (request, reply) => {
      const outcome = await finishSsoSignIn(
        db,
        ssoDeps,
        request.query,
        request.cookies[STATE_COOKIE],
        originOf(request),
      );
      reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
      if (outcome.kind === 'refused') return refuse(reply, outcome);
      await startSession(db, sessions, reply, outcome.user);
      return reply.redirect(outcome.returnTo, 302);
    },
  );
}

/** The administrator's settings: Settings → Single sign-on. */
export function registerSsoSettingsRoutes(app: ApiInstance, deps: SsoRouteDeps): void {
  const { db } = deps;
  const ssoDeps = { secrets: deps.secrets, now: deps.sessions.now };

  app.get(
    '/workspace/sso',
    {
      schema: {
        operationId: 'getSsoSettings',
        tags: ['Workspace'],
        summary:
          "The workspace's single sign-on settings and the redirect URL to give the provider (administrators)",
        response: { 200: ssoSettingsSchema, ...standardErrors },
      },
    },
    (request) => getSsoSettings(db, request.actor, redirectUrlOf(request, deps.publicUrl)),
  );

  app.put(
    '/workspace/sso',
    {
      schema: {
        operationId: 'updateSsoSettings',
        tags: ['Workspace'],
        summary: "Configure the workspace's OpenID Connect identity provider (administrators)",
        body: updateSsoSettingsBody,
        response: { 200: ssoSettingsSchema, ...standardErrors },
      },
    },
    (request) =>
      putSsoSettings(
        db,
        ssoDeps,
        request.actor,
        request.body,
        originOf(request),
        redirectUrlOf(request, deps.publicUrl),
      ),
  );

  app.delete(
    '/workspace/sso',
    {
      schema: {
        operationId: 'deleteSsoSettings',
        tags: ['Workspace'],
        summary: 'Turn single sign-on off and forget the provider (administrators)',
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await deleteSsoSettings(db, ssoDeps, request.actor, originOf(request));
      return reply.status(204).send(null);
    },
  );
}
