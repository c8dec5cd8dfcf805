import { z } from 'zod';
import { idString, nonBlank, pageQuery } from '../../http/schemas.ts';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  user_id: z.string(),
  /** The first characters of the key, to tell keys apart. */
  prefix: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});

/** Only the create response carries the key itself; it is never shown again. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });

export const createApiKeyBody = z.object({
  name: nonBlank(200),
  /** Administrators may create keys for agent users. */
  user_id: idString.optional(),
});

export const listApiKeysQuery = pageQuery.extend({
  user_id: idString.optional(),
  include_revoked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export type ApiKeyResponse = z.infer<typeof apiKeySchema>;
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;
export type ListApiKeysFilters = z.infer<typeof listApiKeysQuery>;
