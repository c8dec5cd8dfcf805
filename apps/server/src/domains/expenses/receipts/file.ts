import { fileTypeFromBuffer } from 'file-type';
import { FileTooLargeError, UnsupportedMediaTypeError } from '../../../lib/errors.ts';
import { MAX_RECEIPT_BYTES } from '../../../lib/limits.ts';

/** The kinds of receipt accepted (expenses/receipts), by MIME type, with the extension a nameless file gets. */
const ACCEPTED: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

/** The content types a stored receipt is served with. */
export const RECEIPT_CONTENT_TYPES = Object.keys(ACCEPTED);

export interface ReceiptFile {
  content: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * Checks an upload and decides what it is from its bytes alone: a name or a declared content type
 * is what the sender claims, and an executable renamed `taxi.pdf` must not be served as a PDF.
 */
export async function acceptReceipt(content: Buffer, claimedName: string | undefined): Promise<ReceiptFile> {
  if (content.length > MAX_RECEIPT_BYTES) throw new FileTooLargeError(MAX_RECEIPT_BYTES, 'file');
  const sniffed = await fileTypeFromBuffer(content);
  const extension = sniffed === undefined ? undefined : ACCEPTED[sniffed.mime];
  if (sniffed === undefined || extension === undefined) {
    throw new UnsupportedMediaTypeError('PNG, JPEG, GIF or PDF', 'file');
  }
  return { content, contentType: sniffed.mime, fileName: safeFileName(claimedName, extension) };
}

/**
 * The name a receipt is stored and served under: the last path segment only (a client's
 * `../../etc/passwd` or `C:\x\y.pdf` becomes `passwd` or `y.pdf`), without control characters,
 * quotes or leading dots, at most 200 characters; `receipt.<ext>` when nothing is left.
 */
export function safeFileName(claimed: string | undefined, extension: string): string {
  const lastSegment = (claimed ?? '').split(/[/\\]/).pop() ?? '';
  const printable = [...lastSegment].filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && character !== '"';
  });
  const cleaned = printable
    .join('')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned === '' ? `receipt.${extension}` : [...cleaned].slice(0, 200).join('');
}

/**
 * A Content-Disposition that no file name can break out of: an ASCII fallback in quotes and the
 * exact name in RFC 5987 form. `inline` so a browser shows the image or PDF; the type was sniffed.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
