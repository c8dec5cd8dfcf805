import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response, the web app's pages, /docs and the API alike
 * (docs/decisions/0024-browser-security-headers.md). Scripts only from this origin, never inline;
 * styles may be inline because Mantine (and Swagger UI) write <style> elements at run time; data:
 * images for the icons both draw in CSS, and blob: images and frames for the preview of a receipt
 * picked on the expense form (read in the browser, never uploaded to be shown); forms post here, or to the loopback listener of
 * `keito auth login` (the CLI authorisation page hands it the new key by a form POST); nothing may
 * frame any page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self' http://127.0.0.1:*",
  "frame-ancestors 'none'",
].join('; ');

/** Two years, the preload list's minimum, once the operator has said the server is reached over https. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Browser security headers on every response, including errors and the static files: the policy
 * above, no MIME sniffing, referrers without paths to other sites, and HSTS only when PUBLIC_URL is
 * https (sending it over plain http is ignored by browsers, and would pin a misconfigured server).
 */
export function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (https) reply.header('strict-transport-security', HSTS);
  });
}
