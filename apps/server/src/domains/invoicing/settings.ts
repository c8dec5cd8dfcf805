import { fileTypeFromBuffer } from 'file-type';
import type { Executor } from '../../db/client.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import {
  BusinessRuleError,
  FileTooLargeError,
  NotFoundError,
  UnsupportedMediaTypeError,
} from '../../lib/errors.ts';
import { MAX_LOGO_BYTES } from '../../lib/limits.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { invoicingAccess } from './access.ts';
import type { SettingsRow } from './queries.ts';
import * as queries from './queries.ts';
import {
  type InvoiceSettingsResponse,
  LOGO_CONTENT_TYPES,
  type UpdateInvoiceSettingsInput,
} from './schemas.ts';

function presentSettings(row: SettingsRow, logo: boolean): InvoiceSettingsResponse {
  return {
    number_pattern: row.numberPattern,
    next_number: row.nextNumber,
    default_payment_term: row.defaultPaymentTerm,
    default_payment_term_days: row.defaultPaymentTermDays,
    tax_label: row.taxLabel,
    tax: toNumber(row.tax),
    tax2_label: row.tax2Label,
    tax2: toNumber(row.tax2),
    accent_color: row.accentColor,
    show_project_codes: row.showProjectCodes,
    item_categories: row.itemCategories,
    logo_url: logo ? '/v1/invoice-settings/logo' : null,
    templates: {
      send: { subject: row.sendSubject, body: row.sendBody, footer: row.sendFooter },
      reminder: { subject: row.reminderSubject, body: row.reminderBody, footer: row.reminderFooter },
      thank_you: { subject: row.thankYouSubject, body: row.thankYouBody, footer: row.thankYouFooter },
    },
    thank_you_on_payment: row.thankYouOnPayment,
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The workspace's invoice settings, for everyone who sees invoices (the editor needs the taxes and categories). */
export async function getInvoiceSettings(db: Executor, actor: Actor): Promise<InvoiceSettingsResponse> {
  await invoicingAccess(db, actor);
  const [row, logo] = await Promise.all([
    queries.findSettings(db, actor.accountId),
    queries.hasLogo(db, actor.accountId),
  ]);
  return presentSettings(row, logo);
}

const percent = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : toDecimalString(value);

export async function updateInvoiceSettings(
  db: Executor,
  actor: Actor,
  input: UpdateInvoiceSettingsInput,
): Promise<InvoiceSettingsResponse> {
  await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can change invoice settings',
  );
  const current = await queries.findSettings(db, actor.accountId);
  const term = input.default_payment_term ?? current.defaultPaymentTerm;
  const days =
    input.default_payment_term_days === undefined
      ? current.defaultPaymentTermDays
      : input.default_payment_term_days;
  if (term === 'custom' && days === null) {
    throw new BusinessRuleError(
      'default_payment_term_days is required with the custom default payment term',
      'default_payment_term_days',
    );
  }
  const { send, reminder, thank_you: thankYou } = input.templates ?? {};
  const row = await queries.updateSettings(db, actor.accountId, {
    numberPattern: input.number_pattern,
    nextNumber: input.next_number,
    defaultPaymentTerm: input.default_payment_term,
    defaultPaymentTermDays: input.default_payment_term_days,
    taxLabel: input.tax_label,
    tax: percent(input.tax),
    tax2Label: input.tax2_label,
    tax2: percent(input.tax2),
    accentColor: input.accent_color,
    showProjectCodes: input.show_project_codes,
    itemCategories: input.item_categories,
    sendSubject: send?.subject,
    sendBody: send?.body,
    sendFooter: send?.footer,
    reminderSubject: reminder?.subject,
    reminderBody: reminder?.body,
    reminderFooter: reminder?.footer,
    thankYouSubject: thankYou?.subject,
    thankYouBody: thankYou?.body,
    thankYouFooter: thankYou?.footer,
    thankYouOnPayment: input.thank_you_on_payment,
  });
  return presentSettings(row, await queries.hasLogo(db, actor.accountId));
}

/** Sets the invoice logo from an upload's bytes, replacing any other. */
export async function putInvoiceLogo(
  db: Executor,
  actor: Actor,
  content: unknown,
): Promise<InvoiceSettingsResponse> {
  await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can change invoice settings',
  );
  // A multipart body is not read into a Buffer here: the image is the raw body, as documented.
  if (!Buffer.isBuffer(content) || content.length === 0) {
    throw new BusinessRuleError('Send the logo image as the raw request body', 'file');
  }
  if (content.length > MAX_LOGO_BYTES) throw new FileTooLargeError(MAX_LOGO_BYTES, 'file');
  const sniffed = await fileTypeFromBuffer(content);
  if (sniffed === undefined || !LOGO_CONTENT_TYPES.includes(sniffed.mime)) {
    throw new UnsupportedMediaTypeError('PNG, JPEG or GIF', 'file');
  }
  await queries.putLogo(db, actor.accountId, { content, contentType: sniffed.mime });
  return presentSettings(await queries.findSettings(db, actor.accountId), true);
}

export async function deleteInvoiceLogo(db: Executor, actor: Actor): Promise<InvoiceSettingsResponse> {
  await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can change invoice settings',
  );
  await queries.deleteLogo(db, actor.accountId);
  return presentSettings(await queries.findSettings(db, actor.accountId), false);
}

export async function readInvoiceLogo(
  db: Executor,
  actor: Actor,
): Promise<{ content: Buffer; contentType: string }> {
  await invoicingAccess(db, actor);
  const logo = await queries.findLogo(db, actor.accountId);
  if (logo === undefined) throw new NotFoundError('Logo');
  return { content: logo.content, contentType: logo.contentType };
}
