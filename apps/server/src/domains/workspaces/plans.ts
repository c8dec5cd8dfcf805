import type { accounts } from '../../db/schema/index.ts';

export type Plan = (typeof accounts.$inferSelect)['plan'];

/** Requests an API key may make per window; null means that window is not limited. */
export interface RateLimits {
  perMinute: number | null;
  perDay: number | null;
}

/**
 * auth/api-keys.md: Free 60/min and 1,000/day, Pro 300/min and 50,000/day, Enterprise custom.
 * A custom value (accounts.rate_limit_per_minute / rate_limit_per_day) overrides the plan's, and
 * Enterprise has no plan default, so an Enterprise workspace without custom values is not limited
 * (docs/decisions/0005-rate-limits-by-plan.md). The rate-limit count applies these in SQL.
 */
export const PLAN_LIMITS: Record<Plan, RateLimits> = {
  free: { perMinute: 60, perDay: 1_000 },
  pro: { perMinute: 300, perDay: 50_000 },
  enterprise: { perMinute: null, perDay: null },
};
