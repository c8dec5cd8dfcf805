import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, getAll, patch, post } from '../../api.ts';
import type {
  Aging,
  Invoice,
  InvoicePayment,
  InvoiceSettings,
  InvoiceState,
  Uninvoiced,
} from '../../types.ts';

export interface InvoiceFilters {
  state?: InvoiceState | null;
  clientId?: string | null;
  /** Issue dates, inclusive. */
  from?: string | null;
  to?: string | null;
  overdue?: boolean;
}

export function invoicesPath(filters: InvoiceFilters): string {
  const params = new URLSearchParams();
  const optional: [string, string | null | undefined][] = [
    ['state', filters.state],
    ['client_id', filters.clientId],
    ['from', filters.from],
    ['to', filters.to],
    ['is_overdue', filters.overdue ? 'true' : null],
  ];
  for (const [name, value] of optional) if (value) params.set(name, value);
  const query = params.toString();
  return query === '' ? '/invoices' : `/invoices?${query}`;
}

// Every invoice query lives under ['invoices'], so one invalidation after any write refreshes the
// list, the aging, the invoice and its payments together (a payment changes all four).
export const useInvoices = (filters: InvoiceFilters) =>
  useQuery({
    queryKey: ['invoices', 'list', filters],
    queryFn: () => getAll<Invoice>(invoicesPath(filters)),
  });

export const useAging = () =>
  useQuery({ queryKey: ['invoices', 'aging'], queryFn: () => get<Aging>('/invoices/aging') });

export const invoiceQuery = (id: string) =>
  queryOptions({ queryKey: ['invoices', 'one', id], queryFn: () => get<Invoice>(`/invoices/${id}`) });

export const useInvoice = (id: string) => useQuery(invoiceQuery(id));

export const usePayments = (id: string) =>
  useQuery({
    queryKey: ['invoices', 'payments', id],
    queryFn: () => getAll<InvoicePayment>(`/invoices/${id}/payments`),
  });

export function useUninvoiced(clientId: string | null, from: string | null, to: string | null) {
  const params = new URLSearchParams({ client_id: clientId ?? '' });
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  return useQuery({
    queryKey: ['invoices', 'uninvoiced', clientId, from, to],
    queryFn: () => get<Uninvoiced>(`/invoices/uninvoiced?${params}`),
    enabled: clientId !== null,
  });
}

export const invoiceSettingsQuery = queryOptions({
  queryKey: ['invoice-settings'],
  queryFn: () => get<InvoiceSettings>('/invoice-settings'),
});

export const useInvoiceSettings = () => useQuery(invoiceSettingsQuery);

/** The writes of an invoice page; each refreshes every invoice query (and the entries it billed). */
export function useInvoiceMutations() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['invoices'] });
    // Importing, removing a line or deleting a draft locks or releases time entries and expenses.
    await queryClient.invalidateQueries({ queryKey: ['time-entries'] });
    await queryClient.invalidateQueries({ queryKey: ['expenses'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: Record<string, unknown>) => post<Invoice>('/invoices', body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
        patch<Invoice>(`/invoices/${id}`, body),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => del(`/invoices/${id}`), onSuccess: refresh }),
    markSent: useMutation({
      mutationFn: (id: string) => post<Invoice>(`/invoices/${id}/mark-sent`),
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: (id: string) => post<Invoice>(`/invoices/${id}/close`),
      onSuccess: refresh,
    }),
    reopen: useMutation({
      mutationFn: (id: string) => post<Invoice>(`/invoices/${id}/reopen`),
      onSuccess: refresh,
    }),
    send: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
        post<Invoice>(`/invoices/${id}/send`, body),
      onSuccess: refresh,
    }),
    recordPayment: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
        post<InvoicePayment>(`/invoices/${id}/payments`, body),
      onSuccess: refresh,
    }),
    deletePayment: useMutation({
      mutationFn: ({ id, paymentId }: { id: string; paymentId: string }) =>
        del(`/invoices/${id}/payments/${paymentId}`),
      onSuccess: refresh,
    }),
  };
}

export const STATE_LABELS: Record<InvoiceState, string> = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  closed: 'Closed',
};

// Filled in dark shades: white on these reads above 4.5:1 (WCAG AA); Mantine's light variants do not.
export const STATE_COLORS: Record<InvoiceState, string> = {
  draft: 'gray.7',
  open: 'blue.8',
  paid: 'teal.9',
  closed: 'dark.6',
};

export const PAYMENT_TERMS: { value: Invoice['payment_term']; label: string }[] = [
  { value: 'upon_receipt', label: 'Upon receipt' },
  { value: 'net_15', label: 'Net 15' },
  { value: 'net_30', label: 'Net 30' },
  { value: 'net_45', label: 'Net 45' },
  { value: 'net_60', label: 'Net 60' },
  { value: 'custom', label: 'Custom' },
];

/** "INV-2026-0001", or "Draft" for an invoice that has no number yet. */
export const invoiceTitle = (invoice: Pick<Invoice, 'number'>) => invoice.number ?? 'Draft';
