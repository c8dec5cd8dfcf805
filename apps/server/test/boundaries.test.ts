import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema/index.ts';
import { boundaryViolations, type Ownership, readSources } from './boundaries.ts';

const SRC = path.resolve(import.meta.dirname, '../src');

/**
 * Who writes each table (docs/decisions/0016-domain-boundaries.md). A new table must be added here,
 * which makes its owner a decision. Tables with several writers are the identity tables, whose
 * lifecycle spans the domains that create a workspace, invite, sign in and manage people.
 */
const WRITERS: Record<string, string[]> = {
  accounts: ['domains/workspaces'],
  users: ['domains/people'],
  manager_teammates: ['domains/people'],
  sessions: ['domains/auth'],
  auth_throttles: ['domains/auth'],
  audit_events: ['domains/audit'],
  sso_connections: ['domains/sso'],
  sso_logins: ['domains/sso'],
  invitations: ['domains/invitations'],
  api_keys: ['domains/api-keys', 'http/auth.ts'],
  clients: ['domains/clients'],
  client_contacts: ['domains/clients'],
  tasks: ['domains/tasks'],
  projects: ['domains/projects'],
  project_task_assignments: ['domains/projects'],
  project_user_assignments: ['domains/projects'],
  // The entry owners: every state change of an entry is a function of these two files.
  time_entries: ['domains/time/queries.ts'],
  expenses: ['domains/expenses/queries.ts'],
  // Which invoice line bills an entry (decision 0055): billing and releasing are entry state changes.
  time_entry_invoice_links: ['domains/time/queries.ts'],
  expense_invoice_links: ['domains/expenses/queries.ts'],
  expense_categories: ['domains/expenses/categories.ts'],
  timesheets: ['domains/approvals/queries.ts'],
  notification_sends: ['domains/notifications/queries.ts'],
  // Crossings of budget thresholds already mailed, kept by the budget alerts.
  budget_alerts: ['domains/reports/budget-alerts.ts'],
  // Receipt bytes are data of expenses, kept by the default receipt store.
  receipt_files: ['domains/expenses/receipts/store.ts'],
  // Invoices, their lines and payments, and the workspace's invoice settings; the links from the
  // entries a line bills are written by the entry owners above.
  invoices: ['domains/invoicing/queries.ts'],
  invoice_line_items: ['domains/invoicing/queries.ts'],
  invoice_payments: ['domains/invoicing/queries.ts'],
  invoice_settings: ['domains/invoicing/queries.ts'],
  invoice_logos: ['domains/invoicing/queries.ts'],
  saved_reports: ['domains/reports/saved-reports.ts'],
  payment_gateways: ['domains/payments/queries.ts'],
  idempotency_keys: ['http/idempotency.ts'],
  rate_limit_counters: ['http/rate-limit.ts'],
};

const tableOf = Object.fromEntries(
  Object.entries(schema).flatMap(([symbol, value]) =>
    is(value, PgTable) ? [[symbol, getTableName(value)]] : [],
  ),
);
const ownership: Ownership = { writers: WRITERS, tableOf };

describe('the server layering', () => {
  it('every table has an owner', () => {
    expect(Object.values(tableOf).sort()).toEqual(Object.keys(WRITERS).sort());
  });

  it('holds in the source tree', () => {
    expect(boundaryViolations(readSources(SRC), ownership)).toEqual([]);
  });

  it('refuses a domain service that imports the HTTP layer', () => {
    const violations = boundaryViolations(
      [
        {
          path: 'domains/time/service.ts',
          text: "import { MAX_PAGE_SIZE } from '../../http/schemas.ts';\n",
        },
        // Routes and schemas files are the domain's HTTP face and may.
        { path: 'domains/time/routes.ts', text: "import { runBatch } from '../../http/batch.ts';\n" },
        { path: 'domains/expenses/v2-routes.ts', text: "import type { V2 } from '../../http/v2.ts';\n" },
      ],
      ownership,
    );
    expect(violations).toEqual([
      {
        file: 'domains/time/service.ts',
        rule: 'domains do not import http/ (except routes and schemas files)',
        detail: 'http/schemas.ts',
      },
    ]);
  });

  it('refuses the HTTP layer importing domain logic that reaches the database', () => {
    const violations = boundaryViolations(
      [
        {
          path: 'http/auth.ts',
          text: "import { authenticateSession } from '../domains/auth/sessions.ts';\n",
        },
        {
          path: 'domains/auth/sessions.ts',
          text: "import type { Executor } from '../../db/client.ts';\nimport { sessions } from '../../db/schema/index.ts';\n",
        },
        // A pure helper and a type are fine.
        {
          path: 'http/rate-limit.ts',
          text: "import { PLAN_LIMITS } from '../domains/workspaces/plans.ts';\n",
        },
        {
          path: 'domains/workspaces/plans.ts',
          text: "import type { accounts } from '../../db/schema/index.ts';\n",
        },
      ],
      ownership,
    );
    expect(violations).toEqual([
      {
        file: 'http/auth.ts',
        rule: 'http/ imports no domain logic that reaches the database',
        detail: 'domains/auth/sessions.ts',
      },
    ]);
  });

  it('refuses a write to a table from outside its owner, by the query builder or in SQL', () => {
    const violations = boundaryViolations(
      [
        {
          path: 'domains/invoices/service.ts',
          text: [
            'await tx.update(timeEntries).set({ invoiceId });',
            'await client.query("DELETE FROM expenses WHERE id = $1", [id]);',
            'await tx.insert(projects).values(row);',
          ].join('\n'),
        },
        { path: 'domains/time/queries.ts', text: 'await db.update(timeEntries).set(changes);' },
        // Not even the owner's service: the owner's writes are the functions of its queries.ts.
        { path: 'domains/time/service.ts', text: 'await db.delete(timeEntries).where(condition);' },
      ],
      ownership,
    );
    expect(violations.map(({ file, detail }) => `${file}: ${detail}`)).toEqual([
      'domains/invoices/service.ts: time_entries (owned by domains/time/queries.ts)',
      'domains/invoices/service.ts: projects (owned by domains/projects)',
      'domains/invoices/service.ts: expenses (owned by domains/expenses/queries.ts)',
      'domains/time/service.ts: time_entries (owned by domains/time/queries.ts)',
    ]);
  });

  it('refuses reading time entries or expenses behind their owners’ backs', () => {
    const violations = boundaryViolations(
      [
        {
          path: 'domains/projects/service.ts',
          text: "import { expenses, projects, timeEntries } from '../../db/schema/index.ts';\n",
        },
      ],
      ownership,
    );
    expect(violations.map(({ detail }) => detail)).toEqual([
      'expenses from db/schema/index.ts',
      'timeEntries from db/schema/index.ts',
    ]);
  });
});
