import { describe, expect, it } from 'vitest';
import { startTestServer } from './harness.ts';

const server = await startTestServer();
const httpsServer = await startTestServer({
  mail: { from: 'Keito <no-reply@localhost>', publicUrl: 'https://time.example.com' },
});

async function headersOf(baseUrl: string, path: string, init: RequestInit = {}): Promise<Headers> {
  return (await fetch(`${baseUrl}${path}`, init)).headers;
}

describe('browser security headers', () => {
  it('are on API answers, errors and health checks alike', async () => {
    const answers = [
      await headersOf(server.baseUrl, '/v1/auth/session'),
      await headersOf(server.baseUrl, '/v1/users/me'),
      await headersOf(server.baseUrl, '/v1/no-such-thing'),
      await headersOf(server.baseUrl, '/healthz'),
      // The client invoice page's public answers (no session; decision 0032 keeps framing refused).
      await headersOf(server.baseUrl, '/v1/client/invoices/no-such-key'),
      await headersOf(server.baseUrl, '/v1/client/invoices/no-such-key/pdf'),
      await headersOf(server.baseUrl, '/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      }),
    ];
    for (const headers of answers) {
      expect(headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob:; " +
          "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' http://127.0.0.1:*; " +
          "frame-ancestors 'none'",
      );
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('include HSTS when the public URL is https', async () => {
    for (const path of ['/v1/auth/session', '/v1/no-such-thing']) {
      const headers = await headersOf(httpsServer.baseUrl, path);
      expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    }
  });
});
