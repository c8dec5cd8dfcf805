import { createHash, createHmac } from 'node:crypto';
import type { ReceiptStore } from './store.ts';

export interface S3Settings {
  /** The service's base URL, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as Signature Version 4 wants it: everything but unreserved characters. */
const encodeSegment = (segment: string) =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * One request to the S3 REST API, signed with Signature Version 4 over node:crypto (so the server
 * needs no SDK), path-style: `{endpoint}/{bucket}/{key}`. `query` is already in canonical form
 * (sorted, encoded), e.g. `list-type=2`.
 */
export function s3Request(
  settings: S3Settings,
  method: 'PUT' | 'GET' | 'DELETE',
  key: string,
  options: { body?: Buffer; contentType?: string; query?: string } = {},
): Promise<Response> {
  const base = new URL(settings.endpoint);
  const segments = [settings.bucket, ...(key === '' ? [] : key.split('/'))];
  const url = new URL(`${base.pathname.replace(/\/$/, '')}/${segments.map(encodeSegment).join('/')}`, base);
  if (options.query !== undefined) url.search = options.query;
  const now = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = now.slice(0, 8);
  const payloadHash = sha256(options.body ?? '');
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': now,
  };
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    method,
    url.pathname,
    options.query ?? '',
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${settings.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', now, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = ['s3', 'aws4_request'].reduce<Buffer>(
    (signing, part) => hmac(signing, part),
    hmac(hmac(`AWS4${settings.secretAccessKey}`, day), settings.region),
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  // fetch sets Host itself, from the same URL.
  const { host: _host, ...sent } = headers;
  return fetch(url, {
    method,
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${settings.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
    body: options.body === undefined ? undefined : new Uint8Array(options.body),
  });
}

/**
 * Receipts in S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, Ceph...), through S3's
 * documented PutObject, GetObject and DeleteObject, under `{account id}/{key}`.
 */
export function s3ReceiptStore(settings: S3Settings): ReceiptStore {
  const send = (method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string) =>
    s3Request(settings, method, key, { body, contentType });

  async function refused(response: Response, what: string): Promise<Error> {
    const detail = (await response.text()).slice(0, 500);
    return new Error(`S3 ${what} answered ${response.status}: ${detail}`);
  }

  return {
    transactional: false,
    async put(_db, accountId, key, { content, contentType }) {
      const response = await send('PUT', `${accountId}/${key}`, content, contentType);
      if (!response.ok) throw await refused(response, 'PutObject');
      await response.body?.cancel();
    },
    async get(_db, accountId, key) {
      const response = await send('GET', `${accountId}/${key}`);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await refused(response, 'GetObject');
      return Buffer.from(await response.arrayBuffer());
    },
    async remove(_db, accountId, key) {
      // DeleteObject answers 204 whether or not the key existed.
      const response = await send('DELETE', `${accountId}/${key}`);
      if (!response.ok) throw await refused(response, 'DeleteObject');
      await response.body?.cancel();
    },
  };
}
