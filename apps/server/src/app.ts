import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from './db/client.ts';
import { registerApiKeyRoutes } from './domains/api-keys/routes.ts';
import { registerTimesheetRoutes } from './domains/approvals/routes.ts';
import { registerAuditRoutes } from './domains/audit/routes.ts';
import { registerAuthRoutes, registerPublicAuthRoutes } from './domains/auth/routes.ts';
import { authenticateSession, DEFAULT_SESSION_POLICY, type SessionPolicy } from './domains/auth/sessions.ts';
import { registerClientRoutes } from './domains/clients/routes.ts';
import { postgresReceiptStore, type ReceiptStore } from './domains/expenses/receipts/store.ts';
import { registerExpenseRoutes } from './domains/expenses/routes.ts';
import { coalescedCreateExpense } from './domains/expenses/service.ts';
import { registerExpenseV2Routes } from './domains/expenses/v2-routes.ts';
import { registerExportRoutes } from './domains/exports/routes.ts';
import { registerInvitationRoutes, registerPublicInvitationRoutes } from './domains/invitations/routes.ts';
import {
  registerInvoiceDeliveryRoutes,
  registerPublicInvoiceRoutes,
} from './domains/invoicing/delivery-routes.ts';
import { registerInvoiceRoutes } from './domains/invoicing/routes.ts';
import { registerUnsubscribeRoutes } from './domains/notifications/routes.ts';
import type { PaymentSettings } from './domains/payments/gateways.ts';
import {
  registerOAuthRoutes,
  registerPaymentGatewayRoutes,
  registerPublicPaymentRoutes,
  registerWebhookRoutes,
} from './domains/payments/routes.ts';
import { registerPeopleRoutes } from './domains/people/routes.ts';
import { registerProjectRoutes } from './domains/projects/routes.ts';
import { registerBudgetReportRoutes } from './domains/reports/budget-routes.ts';
import { registerExpenseReportRoutes } from './domains/reports/expense-routes.ts';
import { registerSavedReportRoutes } from './domains/reports/saved-routes.ts';
import { registerTimeReportRoutes } from './domains/reports/time-routes.ts';
import { registerPeopleReportRoutes } from './domains/reports/utilisation-routes.ts';
import { registerPublicSsoRoutes, registerSsoSettingsRoutes } from './domains/sso/routes.ts';
import { registerTaskRoutes } from './domains/tasks/routes.ts';
import { registerTimeRoutes } from './domains/time/routes.ts';
import { coalescedCreateTimeEntry } from './domains/time/service.ts';
import { registerWorkspaceRoutes } from './domains/workspaces/routes.ts';
import { coalescedWorkspaceFeatures } from './domains/workspaces/service.ts';
import { coalescedApiKeyCount, registerApiKeyAuth } from './http/auth.ts';
import { answerClientError, MAX_REQUEST_HEAD_BYTES, registerErrorHandling } from './http/errors.ts';
import { registerFeatureToggles } from './http/features.ts';
import { registerHealthRoutes } from './http/health.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { registerNulCharacterCheck } from './http/nul-characters.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerRateLimits } from './http/rate-limit.ts';
import { newRequestId } from './http/request-id.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { responseSerializer } from './http/serializer.ts';
import { registerV2 } from './http/v2.ts';
import { readableIssue } from './http/validation-messages.ts';
import { registerWebApp } from './http/web-app.ts';
import { createMailer, type MailSettings } from './lib/mail.ts';
import { createSecretBox, SECRET_KEY_BYTES, type SecretBox } from './lib/secret-box.ts';

export interface AppOptions {
  db: Database;
  logLevel?: string;
  /** The built web app to serve; false for an API-only server. Defaults to apps/web/dist when it exists. */
  webDist?: string | false;
  /** Outgoing mail (invitations): SMTP_URL, SMTP_FROM and PUBLIC_URL from config.ts; none by default. */
  mail?: MailSettings;
  /** Where receipt files are kept; PostgreSQL by default (docs/decisions/0021-receipt-storage.md). */
  receipts?: ReceiptStore;
  /** Check every response against its schema (http/serializer.ts); true unless the server says otherwise. */
  validateResponses?: boolean;
  /** Web session limits (config.ts); the defaults otherwise. */
  sessions?: Pick<SessionPolicy, 'idleTimeoutMs' | 'lifetimeMs'>;
  /** Fastify's trustProxy: which proxies' forwarded client address and protocol to believe. */
  trustProxy?: boolean | string;
  /** The clock sessions, sign-in throttling, SSO tokens and report presets are measured by; tests inject one to move time. */
  now?: () => Date;
  /**
   * Seals stored secrets (lib/secret-box.ts); the server passes its key from KEITO_SECRET_KEY or the
   * data directory. The default, a key of this app alone, suits tests: nothing outlives them.
   */
  secrets?: SecretBox;
  /**
   * Online payments: the providers' base URLs (config.ts); their credentials are sealed with
   * `secrets`.
   */
  payments?: Omit<PaymentSettings, 'box'>;
}

/** Builds the HTTP application without listening, so tests can listen on port 0. */
export async function buildApp({
  db,
  logLevel = 'info',
  webDist,
  mail = { from: 'Keito <no-reply@localhost>' },
  receipts = postgresReceiptStore,
  validateResponses = true,
  sessions: limits = DEFAULT_SESSION_POLICY,
  now = DEFAULT_SESSION_POLICY.now,
  trustProxy = false,
  secrets = createSecretBox(randomBytes(SECRET_KEY_BYTES)),
  payments: paymentUrls = { stripeApiBase: 'https://api.stripe.com', paypalApiBase: undefined },
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: logLevel },
    genReqId: newRequestId,
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
    // A `__proto__` or `constructor.prototype` key is dropped rather than the whole body refused:
    // unknown keys are ignored everywhere else, and dropping them is just as safe.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // find-my-way answers 414 for a path parameter over 100 characters, before our schemas run.
    // Schemas bound every parameter (MAX_ID_LENGTH, invitation tokens), so a long one is their 400;
    // this only has to stay above them. Node refuses request heads over 16 KB anyway (431).
    routerOptions: { maxParamLength: MAX_REQUEST_HEAD_BYTES },
    // Set rather than left to Node's default (or --max-http-header-size), so the 431 every operation
    // documents is at the size the error message names.
    http: { maxHeaderSize: MAX_REQUEST_HEAD_BYTES },
    clientErrorHandler: answerClientError,
    trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Zod's configuration is the process's: every schema the server parses with says failures in words.
  z.config({ customError: readableIssue });
  app.setSerializerCompiler(responseSerializer(validateResponses));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const https = mail.publicUrl?.startsWith('https://') === true;
  registerSecurityHeaders(app, { https });
  const sessions: SessionPolicy = {
    now,
    idleTimeoutMs: limits.idleTimeoutMs,
    lifetimeMs: limits.lifetimeMs,
    secureCookies: https,
  };
  registerErrorHandling(app);
  registerNulCharacterCheck(app);
  await registerOpenApi(app);
  registerHealthRoutes(app, { db });

  await app.register(cookie);
  const mailer = createMailer(mail);
  // One coalescer per kind of work for the whole app, shared by /v1 and /api/v2: requests of one
  // key group together whichever API they came through, and two apps (tests build several) share
  // nothing (docs/decisions/0009-coalesced-writes.md).
  const lookupFeatures = coalescedWorkspaceFeatures(db);
  const auth = {
    db,
    countApiKeyRequest: coalescedApiKeyCount(db),
    authenticateSession: (database: Database, request: FastifyRequest) =>
      authenticateSession(database, sessions, request),
  };
  const ssoDeps = { db, sessions, secrets, publicUrl: mail.publicUrl };
  const payments: PaymentSettings = { ...paymentUrls, box: secrets };
  const createTimeEntry = coalescedCreateTimeEntry(db);
  const createExpense = coalescedCreateExpense(db);
  await app.register(
    async (v1) => {
      const api = v1.withTypeProvider<ZodTypeProvider>();
      registerPublicAuthRoutes(api, { db, sessions });
      registerPublicInvitationRoutes(api, { db, sessions });
      registerPublicSsoRoutes(api, ssoDeps);
      registerPublicInvoiceRoutes(api, { db, mailer });
      registerPublicPaymentRoutes(api, { db, payments, publicUrl: mail.publicUrl });
    },
    { prefix: '/v1' },
  );
  // Its own scope: it alone accepts the form body of one-click unsubscribes.
  await app.register(
    (v1, _options, done) => {
      registerUnsubscribeRoutes(v1.withTypeProvider<ZodTypeProvider>(), { db });
      done();
    },
    { prefix: '/v1' },
  );
  await app.register(
    async (v1) => {
      const api = v1.withTypeProvider<ZodTypeProvider>();
      registerApiKeyAuth(api, auth);
      registerRateLimits(api);
      registerIdempotency(api, db);
      registerFeatureToggles(api, { db, lookupFeatures });
      const deps = { db };
      registerAuthRoutes(api, { ...deps, sessions });
      registerWorkspaceRoutes(api, deps);
      registerSsoSettingsRoutes(api, ssoDeps);
      registerPeopleRoutes(api, deps);
      registerInvitationRoutes(api, { ...deps, mailer });
      registerApiKeyRoutes(api, deps);
      registerAuditRoutes(api, deps);
      registerClientRoutes(api, deps);
      registerTaskRoutes(api, deps);
      registerProjectRoutes(api, deps);
      registerTimeRoutes(api, { ...deps, createTimeEntry });
      registerExpenseRoutes(api, { ...deps, createExpense, receipts });
      registerInvoiceRoutes(api, deps);
      registerInvoiceDeliveryRoutes(api, { ...deps, mailer });
      registerTimesheetRoutes(api, deps);
      registerBudgetReportRoutes(api, deps);
      registerPeopleReportRoutes(api, deps);
      registerExportRoutes(api, { ...deps, now });
      registerTimeReportRoutes(api, { ...deps, now });
      registerExpenseReportRoutes(api, { ...deps, now });
      registerSavedReportRoutes(api, deps);
      registerPaymentGatewayRoutes(api, { ...deps, payments, publicUrl: mail.publicUrl });
    },
    { prefix: '/v1' },
  );
  await registerWebhookRoutes(app, { db, payments, publicUrl: mail.publicUrl });
  registerOAuthRoutes(app.withTypeProvider<ZodTypeProvider>(), {
    db,
    payments,
    publicUrl: mail.publicUrl,
    sessions,
  });
  await registerV2(app, { ...auth, lookupFeatures }, (v2) => {
    registerExpenseV2Routes(v2.withTypeProvider<ZodTypeProvider>(), { db, createExpense });
  });
  if (webDist !== false) await registerWebApp(app, webDist);
  return app;
}
