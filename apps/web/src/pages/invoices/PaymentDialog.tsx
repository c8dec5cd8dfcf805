import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { today } from '../../lib/dates.ts';
import { textOrNull } from '../../lib/forms.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import type { Invoice } from '../../types.ts';
import { decimalInput } from './amounts.ts';
import { DateField } from './DateField.tsx';
import { useInvoiceMutations } from './data.ts';

/** Record a payment received by hand: the amount due unless less was received. */
export function PaymentDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const me = useQuery(meQuery);
  const workspace = useQuery(workspaceQuery);
  const { recordPayment } = useInvoiceMutations();
  const [amount, setAmount] = useState(String(invoice.due_amount));
  const [paidDate, setPaidDate] = useState<string | null>(
    today(me.data?.timezone ?? workspace.data?.timezone),
  );
  const [notes, setNotes] = useState('');
  const [transactionId, setTransactionId] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const value = decimalInput(amount);
    if (value === null || Number(value) === 0) return setError('Enter the amount received, like 120.50');
    if (paidDate === null) return setError('Enter the date it was received');
    try {
      await recordPayment.mutateAsync({
        id: invoice.id,
        body: {
          // At most 6 decimals: the JSON number reaches the server as typed (decision 0010).
          amount: Number(value),
          paid_date: paidDate,
          notes: textOrNull(notes),
          transaction_id: textOrNull(transactionId),
        },
      });
      onClose();
    } catch (failure) {
      setError(errorMessage(failure, 'Could not record the payment'));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Record payment">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={`Amount (${invoice.currency})`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            data-autofocus
          />
          <DateField label="Date received" value={paidDate} onChange={setPaidDate} />
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <TextInput
            label="Transaction ID"
            value={transactionId}
            onChange={(e) => setTransactionId(e.currentTarget.value)}
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
            <Button type="submit" loading={recordPayment.isPending}>
              Save payment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
