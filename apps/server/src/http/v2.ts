import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { type AuthDeps, registerApiKeyAuth } from './auth.ts';
import { type FeatureLookup, registerFeatureToggles } from './features.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerRateLimits } from './rate-limit.ts';

/**
 * The `/api/v2` surface (spec/original/001): the same resources and rules as /v1, with
 * `page`/`per_page` pagination, totals and links, and a required `Keito-Account-Id` header.
 * A v2 resource is a routes file in its domain (`domains/<domain>/v2-routes.ts`) that declares
 * `headers: accountHeaders`, takes `v2PageQuery`, answers with `numberedPageOf(...)` built by
 * `toNumberedPage(...)`, and calls the domain's services like its v1 routes do.
 */
export const V2_PREFIX = '/api/v2';
export const MAX_PER_PAGE = 2000;
export const DEFAULT_PER_PAGE = 100;

/** Every v2 request names its workspace; authentication checks it is the key's workspace. */
export const accountHeaders = z.object({
  'keito-account-id': z.string({ message: 'Keito-Account-Id header is required' }).min(1, {
    message: 'Keito-Account-Id header is required',
  }),
});

export const v2PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
});

export type V2PageQuery = z.infer<typeof v2PageQuery>;

const linksSchema = z.object({
  first: z.string(),
  next: z.string().nullable(),
  previous: z.string().nullable(),
  last: z.string(),
});

/** `{ <resource>: [...], page, per_page, total_pages, total_entries, next_page, previous_page, links }` */
export function numberedPageOf<Key extends string, Item extends z.ZodType>(key: Key, item: Item) {
  return z.object({
    [key]: z.array(item),
    page: z.number(),
    per_page: z.number(),
    total_pages: z.number(),
    total_entries: z.number(),
    next_page: z.number().nullable(),
    previous_page: z.number().nullable(),
    links: linksSchema,
  } as { [K in Key]: z.ZodArray<Item> } & {
    page: z.ZodNumber;
    per_page: z.ZodNumber;
    total_pages: z.ZodNumber;
    total_entries: z.ZodNumber;
    next_page: z.ZodNullable<z.ZodNumber>;
    previous_page: z.ZodNullable<z.ZodNumber>;
    links: typeof linksSchema;
  });
}

/** Rows to skip and take for a page. */
export function pageWindow({ page, per_page }: V2PageQuery): { offset: number; limit: number } {
  return { offset: (page - 1) * per_page, limit: per_page };
}

/** The envelope for one page; links repeat the request's filters with another page number. */
export function toNumberedPage<Key extends string, Item>(
  request: FastifyRequest,
  key: Key,
  items: Item[],
  totalEntries: number,
  { page, per_page }: V2PageQuery,
) {
  const totalPages = Math.max(1, Math.ceil(totalEntries / per_page));
  const link = (target: number) => {
    const url = new URL(request.url, `${request.protocol}://${request.host}`);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(per_page));
    return url.toString();
  };
  const next = page < totalPages ? page + 1 : null;
  const previous = page > 1 ? Math.min(page - 1, totalPages) : null;
  return {
    [key]: items,
    page,
    per_page,
    total_pages: totalPages,
    total_entries: totalEntries,
    next_page: next,
    previous_page: previous,
    links: {
      first: link(1),
      next: next === null ? null : link(next),
      previous: previous === null ? null : link(previous),
      last: link(totalPages),
    },
  } as { [K in Key]: Item[] } & {
    page: number;
    per_page: number;
    total_pages: number;
    total_entries: number;
    next_page: number | null;
    previous_page: number | null;
    links: z.infer<typeof linksSchema>;
  };
}

/** A v2 route that forgets the account header refuses to start, as an undocumented route does. */
function assertAccountHeader(route: RouteOptions): void {
  const schema = route.schema as { headers?: unknown; hide?: boolean } | undefined;
  if (schema?.hide) return;
  if (schema?.headers !== accountHeaders) {
    throw new Error(`${String(route.method)} ${route.url} must declare headers: accountHeaders`);
  }
}

/** Registers the v2 API: the same authentication, rate limits, idempotency and feature toggles as v1. */
export async function registerV2(
  app: FastifyInstance,
  auth: AuthDeps & { lookupFeatures: FeatureLookup },
  registerResources: (api: FastifyInstance) => void,
): Promise<void> {
  await app.register(
    async (v2) => {
      v2.addHook('onRoute', assertAccountHeader);
      registerApiKeyAuth(v2, auth);
      registerRateLimits(v2);
      registerIdempotency(v2, auth.db);
      registerFeatureToggles(v2, { db: auth.db, lookupFeatures: auth.lookupFeatures });
      registerResources(v2);
    },
    { prefix: V2_PREFIX },
  );
}
