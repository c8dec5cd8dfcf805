import { z } from 'zod';
import { emailAddress, idString, nonBlank, pageQuery, queryBoolean } from '../../http/schemas.ts';
import { currencySchema } from '../workspaces/schemas.ts';

export const contactSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  first_name: z.string(),
  last_name: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone_office: z.string().nullable(),
  phone_mobile: z.string().nullable(),
  fax: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const clientSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  currency: z.string(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const createClientBody = z.object({
  name: nonBlank(200),
  address: optionalText(2000),
  phone: optionalText(100),
  /** Defaults to the workspace currency. */
  currency: currencySchema.optional(),
});

export const updateClientBody = createClientBody.partial().extend({ is_active: z.boolean().optional() });

export const listClientsQuery = pageQuery.extend({ is_active: queryBoolean.optional() });

export const contactParams = z.object({ id: idString, contactId: idString });

export const createContactBody = z.object({
  first_name: nonBlank(200),
  last_name: optionalText(200),
  title: optionalText(200),
  email: emailAddress.nullable().optional(),
  phone_office: optionalText(100),
  phone_mobile: optionalText(100),
  fax: optionalText(100),
});

export const updateContactBody = createContactBody.partial();

export type ClientResponse = z.infer<typeof clientSchema>;
export type ContactResponse = z.infer<typeof contactSchema>;
export type CreateClientInput = z.infer<typeof createClientBody>;
export type UpdateClientInput = z.infer<typeof updateClientBody>;
export type CreateContactInput = z.infer<typeof createContactBody>;
export type UpdateContactInput = z.infer<typeof updateContactBody>;
export type ListClientsFilters = z.infer<typeof listClientsQuery>;
