import type { accounts } from '../../db/schema/index.ts';

export type Plan = (typeof accounts.$inferSelect)['plan'];

/** Requests an API key may make per window; null means that window is not limited. */
export interface RateLimits {
  perMinute: number | null;
  perDay: number | null;
}

/** auth/api-keys.md: Free 60/min and 1,000/day, Pro 300/min and 50,000/day, Enterprise custom. */
const PLAN_LIMITS: Record<Exclude<Plan, 'enterprise'>, RateLimits> = {
  free: { perMinute: 60, perDay: 1_000 },
  pro: { perMinute: 300, perDay: 50_000 },
};

/**
 * The limits of a workspace: its plan's, where a custom value (accounts.rate_limit_per_minute /
 * rate_limit_per_day) overrides the plan's. Enterprise has no plan default, so an Enterprise
 * workspace without custom values is not limited (docs/decisions/0005-rate-limits-by-plan.md).
 */
export function rateLimitsOf(account: {
  plan: Plan;
  rateLimitPerMinute: number | null;
  rateLimitPerDay: number | null;
}): RateLimits {
  const base = account.plan === 'enterprise' ? { perMinute: null, perDay: null } : PLAN_LIMITS[account.plan];
  return {
    perMinute: account.rateLimitPerMinute ?? base.perMinute,
    perDay: account.rateLimitPerDay ?? base.perDay,
  };
}
