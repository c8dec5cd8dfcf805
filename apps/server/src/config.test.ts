import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('reads mail settings, trimming the public URL', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://user:secret@mail.example.com:587',
      SMTP_FROM: 'Acme time <time@acme.test>',
      PUBLIC_URL: 'https://time.acme.test/',
    });
    expect(config.mail).toEqual({
      smtpUrl: 'smtp://user:secret@mail.example.com:587',
      from: 'Acme time <time@acme.test>',
      publicUrl: 'https://time.acme.test',
    });
  });

  it('sends no mail by default and treats empty variables as unset', () => {
    expect(loadConfig({ SMTP_URL: '', PORT: '' }).mail).toEqual({
      smtpUrl: undefined,
      from: 'Keito <no-reply@localhost>',
      publicUrl: undefined,
    });
    expect(loadConfig({ PORT: '' }).port).toBe(8787);
  });

  it('reads the session limits and which proxies to trust, with defaults', () => {
    expect(loadConfig({}).sessions).toEqual({ idleTimeoutMs: 7 * 86_400_000, lifetimeMs: 30 * 86_400_000 });
    expect(loadConfig({}).trustProxy).toBe(false);
    const config = loadConfig({
      SESSION_IDLE_TIMEOUT_HOURS: '2',
      SESSION_LIFETIME_DAYS: '1',
      TRUST_PROXY: '10.0.0.1',
    });
    expect(config.sessions).toEqual({ idleTimeoutMs: 7_200_000, lifetimeMs: 86_400_000 });
    expect(config.trustProxy).toBe('10.0.0.1');
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });

  it('refuses a bad value at boot with the variable named', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(
      /SMTP_URL: must be an smtp:\/\//,
    );
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('keeps receipts in PostgreSQL unless an S3 endpoint is set, and then wants all its settings', () => {
    expect(loadConfig({}).receiptsS3).toBeUndefined();
    const s3 = {
      RECEIPTS_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com',
      RECEIPTS_S3_BUCKET: 'acme-receipts',
      RECEIPTS_S3_ACCESS_KEY_ID: 'AKIA...',
      RECEIPTS_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(s3).receiptsS3).toEqual({
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      bucket: 'acme-receipts',
      region: 'us-east-1',
      accessKeyId: 'AKIA...',
      secretAccessKey: 'secret',
    });
    expect(() => loadConfig({ ...s3, RECEIPTS_S3_BUCKET: '' })).toThrow(/RECEIPTS_S3_BUCKET/);
    expect(() => loadConfig({ ...s3, RECEIPTS_S3_ENDPOINT: 'ftp://x' })).toThrow(/RECEIPTS_S3_ENDPOINT/);
  });

  it('reads the payment settings: the real providers by default, a Connect platform only whole', () => {
    expect(loadConfig({}).payments).toEqual({
      secretKey: undefined,
      stripeApiBase: 'https://api.stripe.com',
      paypalApiBase: undefined,
      stripeConnect: undefined,
    });
    expect(() => loadConfig({ KEITO_SECRET_KEY: 'not base64!' })).toThrow(/KEITO_SECRET_KEY/);
    const connect = {
      STRIPE_CONNECT_CLIENT_ID: 'ca_123',
      STRIPE_CONNECT_SECRET_KEY: 'sk_live_platform',
      STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_platform',
    };
    expect(loadConfig({ ...connect, STRIPE_API_BASE: 'http://127.0.0.1:9000/' }).payments).toMatchObject({
      stripeApiBase: 'http://127.0.0.1:9000',
      stripeConnect: { clientId: 'ca_123', base: 'https://connect.stripe.com' },
    });
    expect(() => loadConfig({ ...connect, STRIPE_CONNECT_WEBHOOK_SECRET: '' })).toThrow(/go together/);
  });

  it('reads a PayPal platform app only whole, live unless it says sandbox', () => {
    expect(loadConfig({}).payments.paypalPlatform).toBeUndefined();
    const platform = {
      PAYPAL_PLATFORM_CLIENT_ID: 'platform-client',
      PAYPAL_PLATFORM_CLIENT_SECRET: 'platform-secret',
      PAYPAL_PLATFORM_WEBHOOK_ID: 'WH-PLATFORM',
    };
    expect(loadConfig(platform).payments.paypalPlatform).toEqual({
      clientId: 'platform-client',
      clientSecret: 'platform-secret',
      webhookId: 'WH-PLATFORM',
      mode: 'live',
    });
    expect(loadConfig({ ...platform, PAYPAL_PLATFORM_MODE: 'sandbox' }).payments.paypalPlatform?.mode).toBe(
      'sandbox',
    );
    expect(() => loadConfig({ ...platform, PAYPAL_PLATFORM_WEBHOOK_ID: '' })).toThrow(/go together/);
    expect(() => loadConfig({ ...platform, PAYPAL_PLATFORM_MODE: 'test' })).toThrow(/PAYPAL_PLATFORM_MODE/);
  });
});
