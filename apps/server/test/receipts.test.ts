import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Settings, s3ReceiptStore, s3Request } from '../src/domains/expenses/receipts/s3-store.ts';
import type { ReceiptStore } from '../src/domains/expenses/receipts/store.ts';
import { MAX_RECEIPT_BYTES } from '../src/lib/limits.ts';
import {
  type Api,
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * Receipts (expenses/receipts): accepted by their bytes, at most 10 MB, seen by the owner, their
 * managers and administrators only, replaced and removed with their expense; on both stores, the
 * default PostgreSQL one and S3-compatible storage served by a real local S3 server (moto).
 */

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0rest')]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const pdf = (size = 64) => {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
};
/** A Windows executable: what a renamed `taxi.pdf` may really be. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]);

interface Stored {
  /** How many receipt files the store holds. */
  count(): Promise<number>;
}

async function send(
  api: Api,
  method: string,
  path: string,
  body?: Buffer | FormData,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.key}`, ...headers },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
  });
  return response;
}

const asJson = async (response: Response) => ({ status: response.status, body: await response.json() });

function multipartFile(content: Buffer, fileName: string, contentType: string, expense?: unknown) {
  const form = new FormData();
  if (expense !== undefined) form.append('expense', JSON.stringify(expense));
  form.append('file', new Blob([new Uint8Array(content)], { type: contentType }), fileName);
  return form;
}

function receiptSuite(
  name: string,
  setup: () => Promise<{ receipts?: ReceiptStore; stored: (server: TestServer) => Stored }>,
) {
  describe(`receipts in ${name}`, () => {
    let server: TestServer;
    let stored: Stored;
    let workspace: Workspace;
    let projectId: string;
    let owner: Member;
    let manager: Member;
    let otherManager: Member;
    let stranger: Member;

    // The first run of the S3 suite installs its server: allow it minutes.
    beforeAll(async () => {
      const backend = await setup();
      server = await startTestServer({ receipts: backend.receipts });
      stored = backend.stored(server);
      workspace = await newWorkspace(server, 'Receipts');
      ({ projectId } = await newProject(workspace));
      owner = await addUser(server, workspace, { name: 'Tess Teammate' });
      manager = await addUser(server, workspace, { name: 'Mona Manager', role: 'manager' });
      otherManager = await addUser(server, workspace, { name: 'Max Manager', role: 'manager' });
      stranger = await addUser(server, workspace, { name: 'Otto Other' });
      for (const member of [owner, manager, otherManager, stranger])
        await assign(workspace, projectId, member.id);
      await workspace.admin.ok('PUT', `/v1/users/${manager.id}/teammates`, { teammate_ids: [owner.id] });
    }, 600_000);

    async function newExpense(api: Api = owner.api) {
      return api.ok('POST', '/v1/expenses', {
        project_id: projectId,
        expense_category_id: 'cat_transportation',
        spent_date: '2026-05-05',
        total_cost: 23.5,
      });
    }

    it('answers a multipart body it cannot read with 400, on upload and on create, and stores nothing', async () => {
      const expense = await newExpense();
      const upload = await asJson(
        await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, Buffer.from('--x\r\n'), {
          'content-type': 'multipart/form-data',
        }),
      );
      expect(upload.status).toBe(400);
      expect(upload.body.error).toMatchObject({ code: 'validation_error', field: 'file' });
      const create = await asJson(
        await send(owner.api, 'POST', '/v1/expenses', Buffer.from('--x\r\n'), {
          'content-type': 'multipart/form-data',
        }),
      );
      expect(create.status).toBe(400);
      expect((await owner.api.ok('GET', `/v1/expenses/${expense.id}`)).receipt).toBeNull();
    });

    it.each([
      ['PNG', PNG, 'image/png'],
      ['JPEG', JPEG, 'image/jpeg'],
      ['GIF', GIF, 'image/gif'],
      ['PDF', pdf(), 'application/pdf'],
    ])('accepts a %s, typed by its bytes, and serves it back as it was', async (_kind, bytes, type) => {
      const expense = await newExpense();
      // Declared as something else entirely: the bytes decide.
      const put = await asJson(
        await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, bytes, {
          'content-type': 'application/octet-stream',
        }),
      );
      expect(put.status).toBe(200);
      expect(put.body.receipt).toEqual({
        file_name: `receipt.${type.split('/')[1] === 'jpeg' ? 'jpg' : type.split('/')[1]}`,
        content_type: type,
        size: bytes.length,
        url: `/v1/expenses/${expense.id}/receipt`,
      });
      const got = await send(owner.api, 'GET', `/v1/expenses/${expense.id}/receipt`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe(type);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
      expect((await owner.api.ok('GET', `/v1/expenses/${expense.id}`)).receipt.content_type).toBe(type);
    });

    it('refuses an executable renamed taxi.pdf by its bytes, and stores nothing', async () => {
      const expense = await newExpense();
      const before = await stored.count();
      const response = await asJson(
        await send(
          owner.api,
          'PUT',
          `/v1/expenses/${expense.id}/receipt`,
          multipartFile(EXE, 'taxi.pdf', 'application/pdf'),
        ),
      );
      expect(response.status).toBe(415);
      expect(response.body.error).toMatchObject({ code: 'unsupported_media_type', field: 'file' });
      expect((await owner.api.ok('GET', `/v1/expenses/${expense.id}`)).receipt).toBeNull();
      expect(await stored.count()).toBe(before);
    });

    it('takes exactly 10 MB and refuses 10 MB + 1 byte, raw or multipart, storing nothing', async () => {
      const expense = await newExpense();
      const before = await stored.count();
      for (const body of [
        pdf(MAX_RECEIPT_BYTES + 1),
        multipartFile(pdf(MAX_RECEIPT_BYTES + 1), 'big.pdf', 'application/pdf'),
      ]) {
        const response = await asJson(
          await send(
            owner.api,
            'PUT',
            `/v1/expenses/${expense.id}/receipt`,
            body,
            Buffer.isBuffer(body) ? { 'content-type': 'application/pdf' } : {},
          ),
        );
        expect([Buffer.isBuffer(body), response.status]).toEqual([Buffer.isBuffer(body), 413]);
        expect(response.body.error).toMatchObject({ code: 'file_too_large', field: 'file' });
      }
      expect(await stored.count()).toBe(before);
      const exact = await asJson(
        await send(
          owner.api,
          'PUT',
          `/v1/expenses/${expense.id}/receipt`,
          multipartFile(pdf(MAX_RECEIPT_BYTES), 'big.pdf', 'application/pdf'),
        ),
      );
      expect(exact.status).toBe(200);
      expect(exact.body.receipt.size).toBe(MAX_RECEIPT_BYTES);
    });

    it('stores a path-traversal file name as its last segment and serves a safe Content-Disposition', async () => {
      const expense = await newExpense();
      const response = await asJson(
        await send(
          owner.api,
          'PUT',
          `/v1/expenses/${expense.id}/receipt`,
          multipartFile(pdf(), '../../etc/taxi.pdf', 'application/pdf'),
        ),
      );
      expect(response.status).toBe(200);
      expect(response.body.receipt.file_name).toBe('taxi.pdf');
      const got = await send(owner.api, 'GET', `/v1/expenses/${expense.id}/receipt`);
      expect(got.headers.get('content-disposition')).toBe(
        `inline; filename="taxi.pdf"; filename*=UTF-8''taxi.pdf`,
      );

      const windows = await asJson(
        await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, pdf(), {
          'content-type': 'application/pdf',
          'content-disposition': 'attachment; filename="C:\\Users\\me\\..\\..taxi.pdf"',
        }),
      );
      expect(windows.body.receipt.file_name).toBe('taxi.pdf');
      const unicode = await asJson(
        await send(
          owner.api,
          'PUT',
          `/v1/expenses/${expense.id}/receipt`,
          multipartFile(pdf(), 'Taxi Zürich.pdf', 'application/pdf'),
        ),
      );
      expect(unicode.body.receipt.file_name).toBe('Taxi Zürich.pdf');
      const named = await send(owner.api, 'GET', `/v1/expenses/${expense.id}/receipt`);
      expect(named.headers.get('content-disposition')).toBe(
        `inline; filename="Taxi Z_rich.pdf"; filename*=UTF-8''Taxi%20Z%C3%BCrich.pdf`,
      );
    });

    it('shows a receipt to its owner, their manager and administrators, and to no one else', async () => {
      const expense = await newExpense();
      await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, PNG, {
        'content-type': 'image/png',
      });
      const statusFor = async (api: Api) =>
        (await send(api, 'GET', `/v1/expenses/${expense.id}/receipt`)).status;
      expect(await statusFor(owner.api)).toBe(200);
      expect(await statusFor(manager.api)).toBe(200);
      expect(await statusFor(workspace.admin)).toBe(200);
      expect(await statusFor(stranger.api)).toBe(404);
      expect(await statusFor(otherManager.api)).toBe(404);
      const strangerPut = await send(stranger.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, PNG);
      expect(strangerPut.status).toBe(404);
      const strangerDelete = await send(stranger.api, 'DELETE', `/v1/expenses/${expense.id}/receipt`);
      expect(strangerDelete.status).toBe(404);
    });

    it('replaces a receipt, removes it, and deletes it with its expense', async () => {
      const before = await stored.count();
      const expense = await newExpense();
      await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, PNG);
      const replaced = await asJson(
        await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, pdf()),
      );
      expect(replaced.body.receipt.content_type).toBe('application/pdf');
      const got = await send(owner.api, 'GET', `/v1/expenses/${expense.id}/receipt`);
      expect(Buffer.from(await got.arrayBuffer()).equals(pdf())).toBe(true);
      expect(await stored.count()).toBe(before + 1);

      const removed = await asJson(await send(owner.api, 'DELETE', `/v1/expenses/${expense.id}/receipt`));
      expect(removed.status).toBe(200);
      expect(removed.body.receipt).toBeNull();
      expect((await send(owner.api, 'GET', `/v1/expenses/${expense.id}/receipt`)).status).toBe(404);
      expect((await send(owner.api, 'DELETE', `/v1/expenses/${expense.id}/receipt`)).status).toBe(404);
      expect(await stored.count()).toBe(before);

      await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, GIF);
      expect(await stored.count()).toBe(before + 1);
      expect((await owner.api.delete(`/v1/expenses/${expense.id}`)).status).toBe(204);
      expect(await stored.count()).toBe(before);
    });

    it('creates an expense with its receipt in one multipart request, or neither', async () => {
      const body = {
        project_id: projectId,
        expense_category_id: 'cat_transportation',
        spent_date: '2026-05-06',
        total_cost: 41.2,
        notes: 'Taxi to the airport',
      };
      const created = await asJson(
        await send(
          owner.api,
          'POST',
          '/v1/expenses',
          multipartFile(pdf(), 'taxi.pdf', 'application/pdf', body),
        ),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        notes: 'Taxi to the airport',
        total_cost: 41.2,
        user_id: owner.id,
      });
      expect(created.body.receipt).toMatchObject({ file_name: 'taxi.pdf', content_type: 'application/pdf' });
      const got = await send(owner.api, 'GET', created.body.receipt.url);
      expect(got.status).toBe(200);

      // curl -F 'expense={...};type=application/json' types the JSON part.
      const boundary = 'keito-boundary';
      const typed = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="expense"\r\nContent-Type: application/json\r\n\r\n` +
            `${JSON.stringify({ ...body, notes: 'typed part' })}\r\n--${boundary}\r\n` +
            'Content-Disposition: form-data; name="file"; filename="taxi.pdf"\r\nContent-Type: application/pdf\r\n\r\n',
        ),
        pdf(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const fromCurl = await asJson(
        await send(owner.api, 'POST', '/v1/expenses', typed, {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        }),
      );
      expect(fromCurl.status).toBe(201);
      expect(fromCurl.body).toMatchObject({ notes: 'typed part', receipt: { file_name: 'taxi.pdf' } });

      const before = await stored.count();
      const listed = async () =>
        (await owner.api.ok('GET', '/v1/expenses?from=2026-05-06&to=2026-05-06')).data.length;
      const countBefore = await listed();
      const refused = await asJson(
        await send(
          owner.api,
          'POST',
          '/v1/expenses',
          multipartFile(EXE, 'taxi.pdf', 'application/pdf', body),
        ),
      );
      expect(refused.status).toBe(415);
      const invalid = await asJson(
        await send(
          owner.api,
          'POST',
          '/v1/expenses',
          multipartFile(pdf(), 'taxi.pdf', 'application/pdf', { ...body, project_id: 'prj_nope' }),
        ),
      );
      expect(invalid.status).toBe(404);
      const nul = await asJson(
        await send(
          owner.api,
          'POST',
          '/v1/expenses',
          multipartFile(pdf(), 'taxi.pdf', 'application/pdf', { ...body, notes: 'a\u0000b' }),
        ),
      );
      expect(nul.status).toBe(400);
      expect(nul.body.error).toMatchObject({ code: 'validation_error', field: 'notes' });
      expect(await listed()).toBe(countBefore);
      expect(await stored.count()).toBe(before);
    });

    // Last: it locks the workspace's past expenses.
    it('keeps the receipt of a locked expense as it is', async () => {
      const expense = await newExpense();
      await send(owner.api, 'PUT', `/v1/expenses/${expense.id}/receipt`, PNG);
      await workspace.admin.ok('PATCH', '/v1/workspace', { lock_entries_after_days: 1 });
      for (const method of ['PUT', 'DELETE']) {
        const refused = await asJson(
          await send(
            owner.api,
            method,
            `/v1/expenses/${expense.id}/receipt`,
            method === 'PUT' ? pdf() : undefined,
          ),
        );
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe('entry_locked');
      }
      const kept = await send(owner.api, 'GET', `/v1/expenses/${expense.id}/receipt`);
      expect(Buffer.from(await kept.arrayBuffer()).equals(PNG)).toBe(true);
    });
  });
}

receiptSuite('PostgreSQL', async () => ({
  stored: (server) => ({
    count: async () =>
      (await server.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM receipt_files')).rows[0]?.n ??
      0,
  }),
}));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** moto tells IAM calls from S3 ones by the service in the credential scope; these run unauthenticated. */
const iam = (endpoint: string, query: string) =>
  fetch(`${endpoint}/?Version=2010-05-08&${query}`, {
    headers: {
      authorization:
        'AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=none',
    },
  });

/**
 * moto's S3 on a free port, checking Signature Version 4 like S3 does: its first four requests
 * (INITIAL_NO_AUTH_ACTION_COUNT) create a user with S3 rights, its access key and the bucket;
 * every request after them must be signed with that key.
 */
let s3Server: ChildProcess | undefined;

// Registered at the top level so it runs after the file: the server and anything it started (its
// own process group) stop with it.
afterAll(() => {
  if (s3Server?.pid !== undefined) process.kill(-s3Server.pid, 'SIGTERM');
});

async function startS3(): Promise<S3Settings> {
  const port = await freePort();
  const script = path.resolve(import.meta.dirname, '../scripts/s3-server.sh');
  const child: ChildProcess = spawn(script, [String(port)], {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: '4' },
  });
  s3Server = child;
  const endpoint = `http://127.0.0.1:${port}`;
  // The first run installs moto into a virtual environment: wait for the server to answer.
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await iam(endpoint, 'Action=CreateUser&UserName=keito');
      if (!created.ok) throw new Error(`CreateUser answered ${created.status}`);
      break;
    } catch (error) {
      if (attempt > 1200 || child.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  });
  await iam(
    endpoint,
    `Action=PutUserPolicy&UserName=keito&PolicyName=s3&PolicyDocument=${encodeURIComponent(policy)}`,
  );
  const keyXml = await (await iam(endpoint, 'Action=CreateAccessKey&UserName=keito')).text();
  const field = (name: string) => keyXml.match(new RegExp(`<${name}>([^<]+)</${name}>`))?.[1] ?? '';
  const bucket = 'keito-receipts';
  const created = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`creating the bucket answered ${created.status}`);
  return {
    endpoint,
    bucket,
    region: 'us-east-1',
    accessKeyId: field('AccessKeyId'),
    secretAccessKey: field('SecretAccessKey'),
  };
}

let s3: S3Settings;

receiptSuite('S3-compatible storage', async () => {
  s3 = await startS3();
  return {
    receipts: s3ReceiptStore(s3),
    stored: () => ({
      count: async () => {
        const listing = await s3Request(s3, 'GET', '', { query: 'list-type=2' });
        if (!listing.ok) throw new Error(`ListObjectsV2 answered ${listing.status}`);
        return (await listing.text()).match(/<Key>/g)?.length ?? 0;
      },
    }),
  };
});

describe('the S3 store', () => {
  it('is refused by the server when its signature is wrong, so the signature is what lets it in', async () => {
    const wrong = s3ReceiptStore({ ...s3, secretAccessKey: `${s3.secretAccessKey}x` });
    const right = s3ReceiptStore(s3);
    const file = { content: PNG, contentType: 'image/png' };
    await expect(wrong.put(undefined as never, 'acc_x', 'probe', file)).rejects.toThrow(/answered 403/);
    await right.put(undefined as never, 'acc_x', 'probe', file);
    expect((await right.get(undefined as never, 'acc_x', 'probe'))?.equals(PNG)).toBe(true);
    await right.remove(undefined as never, 'acc_x', 'probe');
    expect(await right.get(undefined as never, 'acc_x', 'probe')).toBeUndefined();
  });
});
