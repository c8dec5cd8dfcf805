import type { FastifyInstance, preValidationHookHandler, RouteOptions } from 'fastify';
import type { Database } from '../db/client.ts';
import type { FeatureToggles } from '../db/schema/index.ts';
import { FeatureDisabledError } from '../lib/errors.ts';

export type Feature = keyof FeatureToggles;

const FEATURE_NAMES: Record<Feature, string> = {
  expenses: 'Expenses',
  invoicing: 'Invoicing',
  approvals: 'Approvals',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The workspace module this route belongs to: the route answers 403 feature_disabled when it is off. */
    feature?: Feature;
  }
}

/**
 * Reads the workspace's toggles (domains/workspaces), handed in by app.ts: the HTTP layer does not
 * import domain logic that reaches the database (docs/decisions/0016-domain-boundaries.md).
 */
export type FeatureLookup = (db: Database, accountId: string) => Promise<FeatureToggles>;

/**
 * Routes that declare `config: { feature }` are refused while the workspace has that module off, in
 * one place rather than in each service (docs/decisions/0020-feature-toggles-and-display.md). The
 * check runs before validation, so a disabled module answers the same whatever the request holds,
 * and before idempotency, so a refusal is never replayed after the module is turned back on.
 */
export function registerFeatureToggles(
  app: FastifyInstance,
  { db, lookupFeatures }: { db: Database; lookupFeatures: FeatureLookup },
): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const feature = route.config?.feature;
    if (feature === undefined) return;
    const refuseWhenOff: preValidationHookHandler = async (request) => {
      const features = await lookupFeatures(db, request.actor.accountId);
      if (!features[feature]) throw new FeatureDisabledError(FEATURE_NAMES[feature]);
    };
    const existing = route.preValidation;
    route.preValidation =
      existing === undefined
        ? [refuseWhenOff]
        : [refuseWhenOff, ...(Array.isArray(existing) ? existing : [existing])];
  });
}
