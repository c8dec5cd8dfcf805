// Seeds the records the contract suite's requests name, through the API as a client would, and prints
// their ids as shell assignments for run.sh to export. schemathesis.toml binds each operation's path
// ids (and the ids its body must reference) to these, so generated requests reach the handlers and
// their rules instead of stopping at 404 on a random id (decision 0047). Records an operation may
// destroy (a DELETE) or change so that others refuse them (archive a project, deactivate an
// assignment) are separate from the ones the other operations read and write entries against.
//
// Usage: node seed.mjs BASE_URL API_KEY INVOICING_API_KEY
import { invitationLink } from '@keito/testkit/mailbox';

const [baseUrl, apiKey, invoicingApiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey || !invoicingApiKey)
  throw new Error('usage: node seed.mjs BASE_URL API_KEY INVOICING_API_KEY');

/** One request; `headers` may replace the authorization (another key) or drop it (`undefined`). */
async function send(method, path, body, headers = {}) {
  const json = body !== undefined && !(body instanceof Uint8Array);
  const all = {
    authorization: `Bearer ${apiKey}`,
    ...(json && { 'content-type': 'application/json' }),
    ...headers,
  };
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)),
    body: json ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return { response, body: text ? JSON.parse(text) : undefined };
}
const call = async (method, path, body, headers) => (await send(method, path, body, headers)).body;
const post = (path, body) => call('POST', path, body);

// A 1x1 PNG: receipts are typed from their bytes.
const png = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const person = (name, role = 'member') => post('/v1/users', { name, email: `${name}@contract.test`, role });
const member = await person('member');
const secondMember = await person('second-member');
const unassigned = await person('unassigned');
const manager = await person('manager', 'manager');
const changingPerson = await person('person-to-change');
const changingAssignee = await person('assignee-to-change');
const client = await post('/v1/clients', { name: 'Contract client' });
const emptyClient = await post('/v1/clients', { name: 'Client to delete' });
const changingClient = await post('/v1/clients', { name: 'Client to change' });
const contact = await post(`/v1/clients/${client.id}/contacts`, { first_name: 'Ada' });
const doomedContact = await post(`/v1/clients/${client.id}/contacts`, { first_name: 'Bob' });
const task = await post('/v1/tasks', { name: 'Contract task' });
const secondTask = await post('/v1/tasks', { name: 'Second task' });
const freeTask = await post('/v1/tasks', { name: 'Unassigned task' });
const changingTask = await post('/v1/tasks', { name: 'Task to change' });
const changingAssignmentTask = await post('/v1/tasks', { name: 'Task of the assignment to change' });
const project = await post('/v1/projects', { client_id: client.id, name: 'Contract project' });
const emptyProject = await post('/v1/projects', { client_id: client.id, name: 'Project to delete' });
const changingProject = await post('/v1/projects', { client_id: client.id, name: 'Project to change' });
const taskAssignment = await post(`/v1/projects/${project.id}/task-assignments`, { task_id: task.id });
const doomedTaskAssignment = await post(`/v1/projects/${project.id}/task-assignments`, {
  task_id: secondTask.id,
});
const changingTaskAssignment = await post(`/v1/projects/${project.id}/task-assignments`, {
  task_id: changingAssignmentTask.id,
});
const userAssignment = await post(`/v1/projects/${project.id}/user-assignments`, { user_id: member.id });
const doomedUserAssignment = await post(`/v1/projects/${project.id}/user-assignments`, {
  user_id: secondMember.id,
});
const changingUserAssignment = await post(`/v1/projects/${project.id}/user-assignments`, {
  user_id: changingAssignee.id,
});
const category = await post('/v1/expense-categories', { name: 'Contract category' });
const changingCategory = await post('/v1/expense-categories', { name: 'Category to change' });
// An expense report: a PATCH naming a time report's filter (task_id) or grouping is then 422.
const savedReport = await post('/v1/reports/saved', { name: 'Contract report', kind: 'expenses' });
// Deleting a saved report deletes this one: the stateful phase otherwise deletes the one above
// (found in the list), and the PATCH pinned to it then answers 404 for "a report just created".
const doomedSavedReport = await post('/v1/reports/saved', { name: 'Report to delete', kind: 'time' });

// The entries the operations change are dated away from the timesheet's week, so approving that
// timesheet (which the suite does) never locks them.
const entry = (spent_date) =>
  post('/v1/time-entries', {
    project_id: project.id,
    task_id: task.id,
    user_id: member.id,
    spent_date,
    hours: 1,
  });
const timeEntry = await entry('2026-03-03');
const doomedTimeEntry = await entry('2026-03-04');
await entry('2026-01-06');
const expense = (spent_date) =>
  post('/v1/expenses', {
    project_id: project.id,
    expense_category_id: category.id,
    user_id: member.id,
    spent_date,
    total_cost: 12.5,
  });
const expenseWithReceipt = await expense('2026-03-03');
await call('PUT', `/v1/expenses/${expenseWithReceipt.id}/receipt`, png, {
  'content-type': 'image/png',
  'content-disposition': 'attachment; filename="receipt.png"',
});
const doomedExpense = await expense('2026-03-04');
const timesheet = await post('/v1/timesheets/submit', {
  from: '2026-01-05',
  to: '2026-01-11',
  user_id: member.id,
});

/** The raw text of the next mail to `address` in the mailbox run.sh sends the server's mail to. */
async function nextMail(address) {
  const mail = await fetch(`${process.env.KEITO_CONTRACT_MAILBOX}/next?to=${encodeURIComponent(address)}`);
  if (!mail.ok) throw new Error(`no mail to ${address}: ${await mail.text()}`);
  return mail.text();
}

const invite = async (name) =>
  (await post('/v1/invitations', { invitations: [{ name, email: `${name}@contract.test` }] })).data[0];
const invitation = await invite('invited');
const doomedInvitation = await invite('invited-to-cancel');
const toAccept = await invite('invited-to-accept');
// With a mail server the link is mailed, not answered.
const tokenOf = async (invited) =>
  invitationLink({ raw: await nextMail(invited.email) })
    .split('/')
    .pop();
const token = await tokenOf(toAccept);
// Reading an invitation is 404 once it is accepted, which acceptInvitation does early in the run.
const toRead = await invite('invited-to-read');

// A browser session to end: endBrowserSession only reaches the caller's own sessions, and
// signOutEverywhere (run with the administrator's key) ends all of theirs, so this one belongs to a
// person of its own, who signs in by accepting an invitation and whose API key the operation uses.
const sessionHolder = await invite('session-holder');
const { response: accepted, body: signedIn } = await send(
  'POST',
  `/v1/auth/invitations/${await tokenOf(sessionHolder)}/accept`,
  { password: 'contract-password' },
  { authorization: undefined },
);
// Only agents get keys from an administrator: the person makes their own, signed in with the cookie.
const cookie = accepted.headers.get('set-cookie')?.split(';')[0];
if (!signedIn.authenticated || !cookie)
  throw new Error('accepting the session holder invitation did not sign in');
const holderHeaders = { authorization: undefined, cookie, 'x-keito-client': 'contract-seed' };
const sessionHolderKey = await call('POST', '/v1/api-keys', { name: 'Session holder' }, holderHeaders);
const [browserSession] = (await call('GET', '/v1/auth/sessions', undefined, holderHeaders)).sessions;

// Invoices, sent so that they are open. Payments are recorded on one of their own, with room for
// many, so the client page's invoice keeps an amount due for the checkouts; closing and reopening
// happen on a third.
const sentInvoice = async (subject, unitPrice) => {
  const draft = await post('/v1/invoices', {
    client_id: client.id,
    subject,
    line_items: [{ description: 'Contract work', quantity: 1, unit_price: unitPrice }],
  });
  return post(`/v1/invoices/${draft.id}/mark-sent`);
};
const clientPageInvoice = await sentInvoice('Client page', 1200);
const paymentsInvoice = await sentInvoice('Payments', 1000000);
const closingInvoice = await sentInvoice('Closing and reopening', 300);
const payment = await post(`/v1/invoices/${paymentsInvoice.id}/payments`, {
  amount: 10,
  paid_date: '2026-03-05',
});

// The logo both the settings and the client page serve. Removing it is fuzzed on the third
// workspace, which gets one too, so the main one keeps its logo for the whole run.
const logoHeaders = { 'content-type': 'image/png' };
await call('PUT', '/v1/invoice-settings/logo', png, logoHeaders);
await call('PUT', '/v1/invoice-settings/logo', png, {
  ...logoHeaders,
  authorization: `Bearer ${invoicingApiKey}`,
});

// Gateways on the local fakes (run.sh starts them), so the client page's checkouts reach the
// providers. The third workspace has them too: changing and disconnecting gateways is fuzzed there,
// so the checkouts of the main one keep working.
for (const key of [apiKey, invoicingApiKey]) {
  const headers = { authorization: `Bearer ${key}` };
  await call(
    'PUT',
    '/v1/payment-gateways/stripe',
    { secret_key: 'sk_test_contract', webhook_secret: 'whsec_contract' },
    headers,
  );
  await call(
    'PUT',
    '/v1/payment-gateways/paypal',
    { client_id: 'fake-client', client_secret: 'fake-secret', mode: 'sandbox' },
    headers,
  );
}
// A PayPal order for the capture to name: the client has not approved it, so capturing is refused
// by PayPal's rule rather than for an order that does not exist.
const paypalCheckout = await call(
  'POST',
  `/v1/client/invoices/${clientPageInvoice.client_key}/checkout/paypal`,
  undefined,
  { authorization: undefined },
);
const paypalOrder = new URL(paypalCheckout.url).searchParams.get('token');

// The unsubscribe link of the mail the member got on being added to the project, read from the
// mailbox run.sh sends the server's mail to (undoing quoted-printable's folding and escapes).
const unfolded = (await nextMail(member.email)).replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
const unsubscribeToken = /\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(unfolded)?.[1];
if (unsubscribeToken === undefined) throw new Error(`no unsubscribe link in:\n${unfolded}`);

const fixtures = {
  MEMBER: member.id,
  UNASSIGNED_USER: unassigned.id,
  MANAGER: manager.id,
  USER_TO_CHANGE: changingPerson.id,
  CLIENT: client.id,
  CLIENT_TO_DELETE: emptyClient.id,
  CLIENT_TO_CHANGE: changingClient.id,
  CONTACT: contact.id,
  CONTACT_TO_DELETE: doomedContact.id,
  TASK: task.id,
  UNASSIGNED_TASK: freeTask.id,
  TASK_TO_CHANGE: changingTask.id,
  PROJECT: project.id,
  PROJECT_TO_DELETE: emptyProject.id,
  PROJECT_TO_CHANGE: changingProject.id,
  TASK_ASSIGNMENT: taskAssignment.id,
  TASK_ASSIGNMENT_TO_DELETE: doomedTaskAssignment.id,
  TASK_ASSIGNMENT_TO_CHANGE: changingTaskAssignment.id,
  USER_ASSIGNMENT: userAssignment.id,
  USER_ASSIGNMENT_TO_DELETE: doomedUserAssignment.id,
  USER_ASSIGNMENT_TO_CHANGE: changingUserAssignment.id,
  CATEGORY: category.id,
  CATEGORY_TO_CHANGE: changingCategory.id,
  SAVED_REPORT: savedReport.id,
  SAVED_REPORT_TO_DELETE: doomedSavedReport.id,
  TIME_ENTRY: timeEntry.id,
  TIME_ENTRY_TO_DELETE: doomedTimeEntry.id,
  EXPENSE: expenseWithReceipt.id,
  EXPENSE_TO_DELETE: doomedExpense.id,
  TIMESHEET: timesheet.id,
  INVITATION: invitation.id,
  INVITATION_TO_CANCEL: doomedInvitation.id,
  INVITATION_TOKEN: token,
  INVITATION_TOKEN_TO_READ: await tokenOf(toRead),
  SESSION_HOLDER_API_KEY: sessionHolderKey.key,
  BROWSER_SESSION: browserSession.id,
  INVOICE_WITH_PAYMENTS: paymentsInvoice.id,
  INVOICE_PAYMENT: payment.id,
  INVOICE_TO_CLOSE: closingInvoice.id,
  CLIENT_INVOICE_KEY: clientPageInvoice.client_key,
  PAYPAL_ORDER: paypalOrder,
  UNSUBSCRIBE_TOKEN: unsubscribeToken,
};
for (const [name, id] of Object.entries(fixtures)) console.log(`KEITO_FIXTURE_${name}=${id}`);
