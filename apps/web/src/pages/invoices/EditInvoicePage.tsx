import type { Project } from '@keito/sdk';
import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { errorMessage } from '../../api.ts';
import { listQuery, meQuery, workspaceQuery } from '../../queries.ts';
import { invoiceTitle, useInvoice, useInvoiceSettings } from './data.ts';
import { InvoiceEditor } from './InvoiceEditor.tsx';
import { StateBadge } from './StateBadge.tsx';

/** Editing a draft or an open invoice: its terms and lines. */
export function EditInvoicePage() {
  const { invoiceId } = useParams({ from: '/app/invoices/$invoiceId/edit' });
  const invoice = useInvoice(invoiceId);
  const settings = useInvoiceSettings();
  const me = useQuery(meQuery);
  const workspace = useQuery(workspaceQuery);
  const clientId = invoice.data?.client_id;
  const projects = useQuery({
    ...listQuery<Project>(`/projects?client_id=${clientId}`),
    enabled: clientId !== undefined,
  });

  if (invoice.isError) return <Alert color="red">{errorMessage(invoice.error)}</Alert>;
  if (!invoice.data || !settings.data) return <Text c="dimmed">Loading…</Text>;
  const current = invoice.data;
  const back = (
    <Anchor component={Link} to={`/invoices/${current.id}`} size="sm">
      ← Back to the invoice
    </Anchor>
  );
  if (current.is_locked) {
    return (
      <Stack>
        {back}
        <Alert color="gray" title="This invoice is locked">
          Paid and closed invoices cannot be edited.
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack maw={960}>
      {back}
      <Group gap="sm">
        <Title order={2}>Edit {invoiceTitle(current)}</Title>
        <StateBadge invoice={current} />
      </Group>
      <Text c="dimmed">{current.client.name}</Text>
      <InvoiceEditor
        // A saved invoice comes back with new line ids: start again from what the server holds.
        key={current.updated_at}
        client={{ ...current.client, currency: current.currency }}
        invoice={current}
        settings={settings.data}
        projects={projects.data ?? []}
        timeZone={me.data?.timezone ?? workspace.data?.timezone}
      />
    </Stack>
  );
}
