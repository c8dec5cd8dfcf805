import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let project: { id: string };
let task: { id: string };

function isoDate(offsetDays = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  const client = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  project = await admin.call('POST', '/projects', { name: 'Website Redesign', client_id: client.id });
  task = await admin.call('POST', '/tasks', { name: 'Development' });
  await admin.call('POST', `/projects/${project.id}/task-assignments`, { task_id: task.id });
  const me = await admin.call('GET', '/users/me');
  await admin
    .call('POST', `/projects/${project.id}/user-assignments`, { user_id: me.id })
    .catch(() => undefined);

  // An agent logs its own time with metadata; the administrator's CLI logs some too.
  const agent = await admin.call('POST', '/users', { name: 'review-bot', user_type: 'agent' });
  await admin.call('POST', `/projects/${project.id}/user-assignments`, { user_id: agent.id });
  const agentKey = await admin.call('POST', '/api-keys', { name: 'bot', user_id: agent.id });
  const logAs = (key: string, body: Record<string, unknown>) =>
    http(keito.server, 'POST', '/v1/time-entries', { body, headers: { authorization: `Bearer ${key}` } });
  await logAs(agentKey.key, {
    project_id: project.id,
    task_id: task.id,
    spent_date: isoDate(),
    hours: 0.5,
    source: 'agent',
    notes: 'Reviewed PR 42',
    metadata: { agent_id: 'review-bot', model: 'claude-sonnet', tokens: 45000 },
  });
  const adminKey = await admin.call('POST', '/api-keys', { name: 'laptop' });
  await logAs(adminKey.key, {
    project_id: project.id,
    task_id: task.id,
    spent_date: isoDate(),
    hours: 1,
    source: 'cli',
    notes: 'Logged from the terminal',
  });
  // An old entry that the workspace's lock period then makes read-only.
  await logAs(adminKey.key, {
    project_id: project.id,
    task_id: task.id,
    spent_date: isoDate(-20),
    hours: 2,
    source: 'web',
    notes: 'Old work',
  });
  await admin.call('PATCH', '/workspace', { lock_entries_after_days: 7 });
});

describe('the time page', () => {
  it('shows the day with badges, starts a timer that survives a reload, and stops it', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(1);
    // An administrator's own day: only their CLI entry (the agent's entry is the agent's).
    await expect.poll(() => page.getByText('CLI', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByTestId('daily-total').textContent()).toBe('1.00');

    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: 'Project' }).click();
    await page.getByRole('option', { name: 'Website Redesign' }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: 'Task' }).click();
    await page.getByRole('option', { name: 'Development' }).click();
    await page.getByLabel('Notes').fill('Timer work');
    await page.getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => page.getByTestId('running-timer').isVisible()).toBe(true);

    await page.reload();
    await expect.poll(() => page.getByTestId('running-timer').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'time-day');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByTestId('running-timer').count()).toBe(0);
    await context.close();
  });

  it('asks for notes when the workspace requires them before a timer stops', async () => {
    await admin.call('PATCH', '/workspace', { require_notes: true });
    const { page, context } = await keito.browser.newPage();
    try {
      await signIn(page, admin.email, admin.password);
      await page.getByRole('button', { name: 'New entry' }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Project' }).click();
      await page.getByRole('option', { name: 'Website Redesign' }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Task' }).click();
      await page.getByRole('option', { name: 'Development' }).click();
      await page.getByRole('button', { name: 'Start timer' }).click();
      await expect.poll(() => page.getByTestId('running-timer').isVisible()).toBe(true);

      await page.getByRole('button', { name: 'Stop' }).click();
      // Refused without notes: the entry opens to take them, and the timer keeps running.
      await expect.poll(() => page.getByRole('dialog').getByLabel('Notes').isVisible()).toBe(true);
      await expect
        .poll(() =>
          page
            .getByText(/notes are required/)
            .first()
            .isVisible(),
        )
        .toBe(true);
      expect(await page.getByTestId('running-timer').isVisible()).toBe(true);
      await page.getByRole('dialog').getByLabel('Notes').fill('Wrote the notes');
      await page.getByRole('dialog').getByRole('button', { name: 'Save entry' }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => page.getByTestId('running-timer').count()).toBe(0);
      const entries = await admin.call('GET', '/time-entries?limit=200');
      const stopped = entries.data.find(
        (entry: { notes: string | null }) => entry.notes === 'Wrote the notes',
      );
      expect(stopped).toMatchObject({ is_running: false });
      // Leave the day's totals as the next tests expect them.
      await admin.call('DELETE', `/time-entries/${stopped.id}`);
    } finally {
      await admin.call('PATCH', '/workspace', { require_notes: false });
      await context.close();
    }
  });

  it('logs time as 1:30 or 1.5 and adds it to the daily and weekly totals', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(2);
    const before = Number(await page.getByTestId('daily-total').textContent());

    for (const typed of ['1:30', '1.5']) {
      await page.getByRole('button', { name: 'New entry' }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Project' }).click();
      await page.getByRole('option', { name: 'Website Redesign' }).click();
      await page.getByRole('textbox', { name: 'Duration' }).fill(typed);
      await page.getByRole('button', { name: 'Save entry' }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    }
    await expect
      .poll(async () => Number(await page.getByTestId('daily-total').textContent()))
      .toBeCloseTo(before + 3, 2);
    await context.close();
  });

  it('filters by source and shows an entry’s metadata', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    const users = await admin.call('GET', '/users?user_type=agent');
    await page.getByRole('combobox', { name: 'Team member' }).click();
    await page.getByRole('option', { name: 'review-bot' }).click();
    await expect.poll(() => page.getByText('Agent', { exact: true }).first().isVisible()).toBe(true);
    expect(users.data).toHaveLength(1);

    await page.getByText('CLI', { exact: true }).first().click();
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(0);
    await page.getByText('Agent', { exact: true }).first().click();
    await expect.poll(() => page.getByTestId('entry-row').count()).toBe(1);

    await page.getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => page.getByTestId('entry-metadata').textContent()).toContain('"tokens": 45000');
    await screenshot(page, 'time-entry-detail');
    await context.close();
  });

  it('fills the week grid by typing, with Enter moving to the next cell and totals following', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByText('Week', { exact: true }).click();
    await page.waitForURL(/view=week/);
    await expect.poll(() => page.getByRole('table', { name: 'Week timesheet' }).isVisible()).toBe(true);
    // The grid is drawn before the week's entries arrive, with no rows; its rows are the entries'.
    const cells = page.locator('input[id^="cell-0-"]');
    await expect.poll(() => cells.count()).toBeGreaterThan(0);
    const weekBefore = Number(await page.getByTestId('week-total').textContent());

    // Find an empty cell in the first row and type 2 into it.
    const count = await cells.count();
    let empty = -1;
    for (let index = 0; index < count; index++) {
      if (
        (await cells.nth(index).inputValue()) === '' &&
        !(await cells.nth(index).getAttribute('readonly'))
      ) {
        empty = index;
        break;
      }
    }
    expect(empty).toBeGreaterThanOrEqual(0);
    await cells.nth(empty).fill('2');
    await cells.nth(empty).press('Enter');
    // Enter moves on to the next cell, as Tab does (week-view.md), so a week is typed in one go.
    const focusedId = await page.evaluate(() => document.activeElement?.id);
    expect(focusedId).not.toBe(await cells.nth(empty).getAttribute('id'));
    expect(focusedId).toMatch(/^cell-\d+-\d+$/);
    await expect
      .poll(async () => Number(await page.getByTestId('week-total').textContent()))
      .toBeCloseTo(weekBefore + 2, 2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'time-week');

    // Navigating to the previous week shows an empty grid total.
    await page.getByRole('button', { name: 'Previous week' }).click();
    await expect.poll(() => page.getByTestId('week-total').textContent()).toBe('0.00');
    await context.close();
  });

  it("goes to today in the workspace's time zone, not the browser's", async () => {
    // The browser is in London. Kiritimati (UTC+14) and Pago Pago (UTC-11) are never both on
    // London's date, so at any hour at least one of them shows a browser-zone "today" as wrong.
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    try {
      for (const timezone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        await admin.call('PATCH', '/workspace', { timezone });
        await page.goto('/time?date=2020-01-06');
        await page.getByRole('button', { name: 'Today' }).click();
        const expected = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
        await expect
          .poll(() => new URL(page.url()).searchParams.get('date'), { message: timezone })
          .toBe(expected);
      }
    } finally {
      await admin.call('PATCH', '/workspace', { timezone: 'Europe/London' });
      await context.close();
    }
  });

  it('shows locked entries as locked, without edit or delete', async () => {
    // Administrators may still change entries of the lock period (decision 0019); a submitted
    // entry is closed to its owner, administrator or not.
    const submitted = await admin.call('POST', '/timesheets/submit', {
      from: isoDate(-20),
      to: isoDate(-20),
    });
    const { page, context } = await keito.browser.newPage();
    try {
      await signIn(page, admin.email, admin.password);
      await page.goto(`/time?date=${isoDate(-20)}`);
      await expect.poll(() => page.getByTestId('entry-row').count()).toBe(1);
      await expect.poll(() => page.getByText('Locked', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    } finally {
      await admin.call('POST', `/timesheets/${submitted.id}/reject`, { reason: 'Back to editable' });
      await context.close();
    }
  });

  it('fits a phone screen', async () => {
    const { page, context } = await keito.browser.newPage({ phone: true });
    await signIn(page, admin.email, admin.password);
    await expect.poll(() => page.getByTestId('entry-row').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'time-day-phone');
    await context.close();
  });
});
