import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refuseNulCharacters } from '../../http/nul-characters.ts';
import { acceptRawBodies } from '../../http/raw-body.ts';
import { idParams, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { BusinessRuleError, DomainError, FileTooLargeError, ValidationError } from '../../lib/errors.ts';
import { MAX_RECEIPT_BYTES } from '../../lib/limits.ts';
import { contentDisposition, RECEIPT_CONTENT_TYPES } from './receipts/file.ts';
import type { ReceiptStore } from './receipts/store.ts';
import { expenseSchema } from './schemas.ts';
import * as service from './service.ts';

/**
 * One byte over the limit: busboy stops a larger file there, and a file cut at that size still
 * reaches acceptReceipt too large, so the refusal does not depend on busboy reporting the cut
 * before the stream ends (it does not always).
 */
const RECEIPT_LIMITS = { fileSize: MAX_RECEIPT_BYTES + 1, files: 1, fields: 10 };

const tooLarge = () => new FileTooLargeError(MAX_RECEIPT_BYTES, 'file');

export interface Upload {
  content: Buffer;
  fileName: string | undefined;
}

async function fileBytes(request: FastifyRequest, read: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof request.server.multipartErrors.RequestFileTooLargeError) throw tooLarge();
    throw error;
  }
}

/**
 * Reads a multipart body, answering one that cannot be parsed (no boundary, cut short) with 400
 * instead of the parser's error, which would be a 500; the rules' own errors pass through.
 */
async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`The multipart body could not be read: ${reason}`, 'file');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('expense must be the expense as JSON', 'expense');
  }
}

/**
 * The multipart create: an `expense` part with the createExpense body as JSON (so the one contract
 * validates it, numbers and all) and a `file` part with the receipt.
 */
export async function readExpenseWithReceipt(
  request: FastifyRequest,
): Promise<{ body: unknown; upload: Upload | undefined }> {
  return readingMultipart(() => readParts(request));
}

async function readParts(request: FastifyRequest): Promise<{ body: unknown; upload: Upload | undefined }> {
  let body: unknown;
  let upload: Upload | undefined;
  for await (const part of request.parts({ limits: RECEIPT_LIMITS })) {
    if (part.type === 'file' && part.fieldname === 'file') {
      upload = { content: await fileBytes(request, () => part.toBuffer()), fileName: part.filename };
    } else if (part.type === 'field' && part.fieldname === 'expense') {
      // A part sent with Content-Type application/json arrives parsed; a plain field as text.
      body = part.mimetype.startsWith('application/json') ? part.value : parseJson(String(part.value));
    } else {
      throw new ValidationError(
        `Unexpected part ${part.fieldname}: send "expense" and "file"`,
        part.fieldname,
      );
    }
  }
  if (body === undefined) throw new ValidationError('expense is required', 'expense');
  refuseNulCharacters(body);
  return { body, upload };
}

/** A receipt sent as the multipart field `file`, or as the raw body with any content type. */
async function readReceipt(request: FastifyRequest): Promise<Upload> {
  if (request.isMultipart()) {
    const part = await readingMultipart(() => request.file({ limits: RECEIPT_LIMITS }));
    if (part === undefined || part.fieldname !== 'file') {
      throw new ValidationError('Send the receipt in the multipart field "file"', 'file');
    }
    return {
      content: await readingMultipart(() => fileBytes(request, () => part.toBuffer())),
      fileName: part.filename,
    };
  }
  if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
    // 422, not 400: an empty body is allowed by the document (a raw upload has no schema to say
    // otherwise), so refusing it is a rule of the route (issue 12).
    throw new BusinessRuleError('Send the receipt as the request body or the multipart field "file"', 'file');
  }
  const named = request.headers['content-disposition']?.match(/filename="?([^";]+)"?/)?.[1];
  return { content: request.body, fileName: named };
}

const receiptBytes = z.string().meta({ format: 'binary', description: 'The receipt file' });

/** PUT, GET and DELETE /expenses/:id/receipt. */
export function registerReceiptRoutes(
  app: ApiInstance,
  { db, receipts }: RouteDeps & { receipts: ReceiptStore },
): void {
  // The file part is read whole: receipts are small, their type is sniffed from the bytes, and the
  // stores take a buffer.
  app.register(multipart, { limits: RECEIPT_LIMITS });
  const tags = ['Expenses'];
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Only these routes take a body of any type: the type is decided from the bytes.
    acceptRawBodies(scope, MAX_RECEIPT_BYTES);
    scope.put(
      '/expenses/:id/receipt',
      {
        schema: {
          operationId: 'putExpenseReceipt',
          tags,
          summary: 'Attach a receipt (PNG, JPEG, GIF or PDF, at most 10 MB), replacing any other',
          description:
            'Send the file as the multipart field `file`, or as the raw request body (with a ' +
            '`Content-Disposition: attachment; filename="..."` header to name it). The type is decided ' +
            'from the bytes: anything else is 415 `unsupported_media_type`, a larger file 413 `file_too_large`.',
          params: idParams,
          response: { 200: expenseSchema, ...standardErrors },
        },
      },
      async (request) =>
        service.attachReceipt(db, receipts, request.actor, request.params.id, await readReceipt(request)),
    );
  });

  app.get(
    '/expenses/:id/receipt',
    {
      schema: {
        operationId: 'getExpenseReceipt',
        tags,
        summary: 'Download the receipt of an expense, with its content type and file name',
        params: idParams,
        response: {
          // Served with the type sniffed at upload, so the document lists each one it can be.
          200: {
            content: Object.fromEntries(
              RECEIPT_CONTENT_TYPES.map((type) => [type, { schema: receiptBytes }]),
            ),
          },
          ...standardErrors,
        },
      },
    },
    async (request, reply) => {
      const receipt = await service.readReceipt(db, receipts, request.actor, request.params.id);
      return (
        reply
          .header('content-type', receipt.contentType)
          .header('content-disposition', contentDisposition(receipt.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          // Fastify sends a Buffer as it is; the string schema only documents the bytes for OpenAPI.
          .send(receipt.content as unknown as string)
      );
    },
  );

  app.delete(
    '/expenses/:id/receipt',
    {
      schema: {
        operationId: 'deleteExpenseReceipt',
        tags,
        summary: 'Remove the receipt of an expense',
        params: idParams,
        response: { 200: expenseSchema, ...standardErrors },
      },
    },
    (request) => service.removeReceipt(db, receipts, request.actor, request.params.id),
  );
}
