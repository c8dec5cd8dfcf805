// Seeds the records the contract suite's requests name, through the API as a client would, and prints
// their ids as shell assignments for run.sh to export. schemathesis.toml binds each operation's path
// ids (and the ids its body must reference) to these, so generated requests reach the handlers and
// their rules instead of stopping at 404 on a random id (decision 0047). Records an operation may
// destroy (a DELETE) or change so that others refuse them (archive a project, deactivate an
// assignment) are separate from the ones the other operations read and write entries against.
//
// Usage: node seed.mjs BASE_URL API_KEY
const [baseUrl, apiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey) throw new Error('usage: node seed.mjs BASE_URL API_KEY');

async function call(method, path, body, headers = {}) {
  const json = body !== undefined && !(body instanceof Uint8Array);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(json && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: json ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}
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

const invite = async (name) =>
  (await post('/v1/invitations', { invitations: [{ name, email: `${name}@contract.test` }] })).data[0];
const invitation = await invite('invited');
const doomedInvitation = await invite('invited-to-cancel');
const toAccept = await invite('invited-to-accept');
const token = new URL(toAccept.accept_url).pathname.split('/').pop();

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
};
for (const [name, id] of Object.entries(fixtures)) console.log(`KEITO_FIXTURE_${name}=${id}`);
