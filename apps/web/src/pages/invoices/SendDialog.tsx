import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { listQuery } from '../../queries.ts';
import type { Contact, Invoice, InvoiceSettings } from '../../types.ts';
import { useInvoiceMutations, useInvoiceSettings } from './data.ts';

/** Comma- or space-separated addresses as typed. */
const addresses = (text: string) => text.split(/[\s,;]+/).filter((each) => each !== '');

export type MessageKind = 'invoice' | 'reminder' | 'thank_you';

/** Each kind of message and the template of Settings → Invoices it starts from. */
const TEMPLATE_OF: Record<MessageKind, keyof InvoiceSettings['templates']> = {
  invoice: 'send',
  reminder: 'reminder',
  thank_you: 'thank_you',
};

const title = (message: MessageKind, invoice: Invoice) =>
  message === 'reminder'
    ? 'Send a payment reminder'
    : message === 'thank_you'
      ? 'Send a thank-you'
      : invoice.sent_at
        ? 'Send the invoice again'
        : 'Send invoice';

/**
 * Send the invoice (again), a reminder or a thank-you: the message starts as the workspace's
 * template, placeholders and all; the server fills {number}, {amount}, {link}... when it writes
 * the email, so what is edited here is the template for this one message.
 */
export function SendDialog({
  invoice,
  message,
  onClose,
}: {
  invoice: Invoice;
  message: MessageKind;
  onClose: () => void;
}) {
  const settings = useInvoiceSettings();
  const contacts = useQuery(listQuery<Contact>(`/clients/${invoice.client_id}/contacts`));
  const { send } = useInvoiceMutations();
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [ccMe, setCcMe] = useState(false);
  const [attachPdf, setAttachPdf] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [prefilled, setPrefilled] = useState({ to: false, message: false });

  // Prefill once each source has loaded, without overwriting what the person typed since.
  useEffect(() => {
    if (!prefilled.to && contacts.data) {
      setTo(contacts.data.flatMap((contact) => (contact.email ? [contact.email] : [])).join(', '));
      setPrefilled((current) => ({ ...current, to: true }));
    }
    if (!prefilled.message && settings.data) {
      const template = settings.data.templates[TEMPLATE_OF[message]];
      setSubject(template.subject);
      setBody(template.body);
      setPrefilled((current) => ({ ...current, message: true }));
    }
  }, [contacts.data, settings.data, prefilled, message]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const recipients = addresses(to);
    if (recipients.length === 0) return setError('Enter at least one address to send to');
    try {
      await send.mutateAsync({
        id: invoice.id,
        body: { message, to: recipients, cc_me: ccMe, subject, body, attach_pdf: attachPdf },
      });
      onClose();
    } catch (failure) {
      setError(errorMessage(failure, 'Could not send the invoice'));
    }
  };

  return (
    <Modal opened onClose={onClose} title={title(message, invoice)} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="To"
            description="Separate several addresses with commas"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            data-autofocus
          />
          <TextInput label="Subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
          <Textarea
            label="Message"
            autosize
            minRows={6}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Text size="xs" c="dimmed">
            {
              '{number}, {company}, {client}, {amount}, {due_date} and {link} are filled in when the email is written; the footer of Settings → Invoices is added below.'
            }
          </Text>
          <Checkbox
            label="Send me a copy"
            checked={ccMe}
            onChange={(e) => setCcMe(e.currentTarget.checked)}
          />
          <Checkbox
            label="Attach the PDF"
            checked={attachPdf}
            onChange={(e) => setAttachPdf(e.currentTarget.checked)}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={send.isPending}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
