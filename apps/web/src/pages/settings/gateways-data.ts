import { queryOptions } from '@tanstack/react-query';
import { get } from '../../api.ts';

/** GET /v1/payment-gateways (apps/server/src/domains/payments/schemas.ts): never the credentials. */
export interface Gateways {
  stripe: {
    connected: boolean;
    via: 'keys' | 'connect' | null;
    connect_available: boolean;
    platform_missing: boolean;
    webhook_url: string;
    updated_at: string | null;
  };
  paypal: {
    connected: boolean;
    via: 'app' | 'platform' | null;
    platform_available: boolean;
    platform_missing: boolean;
    payee: string | null;
    mode: 'sandbox' | 'live' | null;
    webhook_url: string;
    updated_at: string | null;
  };
}

export const GATEWAYS_KEY = ['payment-gateways'];

/** Administrators only (managePaymentGateways): others get 403. */
export const gatewaysQuery = queryOptions({
  queryKey: GATEWAYS_KEY,
  queryFn: () => get<Gateways>('/payment-gateways'),
});
