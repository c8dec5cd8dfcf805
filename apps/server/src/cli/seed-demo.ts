import type { Config } from '../config.ts';
import type { Database, Executor } from '../db/client.ts';
import { openDatabase } from '../db/open.ts';
import type { Actor } from '../domains/access/actor.ts';
import { createApiKey } from '../domains/api-keys/service.ts';
import { hashPassword } from '../domains/auth/password.ts';
import { createClient, createContact } from '../domains/clients/service.ts';
import { createExpense } from '../domains/expenses/service.ts';
import { createUser, setTeammates } from '../domains/people/service.ts';
import { createTaskAssignment, createUserAssignment } from '../domains/projects/assignments.ts';
import { createProject } from '../domains/projects/service.ts';
import { createTask } from '../domains/tasks/service.ts';
import { createTimeEntry } from '../domains/time/service.ts';
import { createWorkspace } from '../domains/workspaces/service.ts';
import { addCalendarDays, todayIn, weekOf } from '../lib/workspace-clock.ts';

const WEEKS = 4;
const DEMO_TIMEZONE = 'Europe/London';
/** The demo is for looking around, so its administrator has a password anyone can read here. */
const DEMO_PASSWORD = 'keito-demo';

/** A small deterministic generator, so every demo workspace tells the same story. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The workdays (Monday to Friday) of the last `weeks` weeks up to today in the demo's time zone. */
function workdaysBack(weeks: number, now = new Date()): string[] {
  const today = todayIn(DEMO_TIMEZONE, now);
  const thisMonday = weekOf(today, 'monday').start;
  const days: string[] = [];
  for (let week = weeks - 1; week >= 0; week--) {
    const monday = addCalendarDays(thisMonday, -7 * week);
    for (let weekday = 0; weekday < 5; weekday++) {
      const day = addCalendarDays(monday, weekday);
      if (day <= today) days.push(day);
    }
  }
  return days;
}

export interface DemoSummary {
  account_id: string;
  admin_email: string;
  admin_password: string;
  admin_api_key: string;
  agent_api_key: string;
  project_id: string;
  task_id: string;
  time_entries: number;
  expenses: number;
}

/**
 * Fills a new workspace with clients, projects of each billing type, people, agents and weeks of
 * work, through the same services the API uses. One transaction: a failure leaves nothing behind.
 */
export function seedDemoWorkspace(database: Database): Promise<DemoSummary> {
  return database.transaction((tx) => seed(tx));
}

async function seed(db: Executor): Promise<DemoSummary> {
  const adminEmail = 'alex@demo.keito.test';
  const workspace = await createWorkspace(db, {
    name: 'Northwind Digital (demo)',
    adminEmail,
    adminName: 'Alex Admin',
    timezone: DEMO_TIMEZONE,
    currency: 'GBP',
    plan: 'enterprise',
    adminPasswordHash: await hashPassword(DEMO_PASSWORD),
  });
  const admin: Actor = {
    accountId: workspace.account_id,
    userId: workspace.user_id,
    role: 'administrator',
    userType: 'human',
    managerPermissions: null,
    apiKeyId: null,
  };

  const acme = await createClient(db, admin, {
    name: 'Acme Corp',
    address: '1 High Street\nLondon EC1A 1AA',
    currency: 'GBP',
  });
  const globex = await createClient(db, admin, {
    name: 'Globex',
    address: '500 Market St\nSan Francisco, CA',
    currency: 'USD',
  });
  await createContact(db, admin, acme.id, {
    first_name: 'Wile',
    last_name: 'Coyote',
    title: 'CTO',
    email: 'wile@acme.test',
  });
  await createContact(db, admin, globex.id, {
    first_name: 'Hank',
    last_name: 'Scorpio',
    title: 'CEO',
    email: 'hank@globex.test',
  });

  const development = await createTask(db, admin, {
    name: 'Development',
    billable_by_default: true,
    default_hourly_rate: 120,
    is_default: true,
  });
  const design = await createTask(db, admin, {
    name: 'Design',
    billable_by_default: true,
    default_hourly_rate: 110,
    is_default: false,
  });
  const codeReview = await createTask(db, admin, {
    name: 'Code Review',
    billable_by_default: true,
    default_hourly_rate: 100,
    is_default: true,
  });
  const meetings = await createTask(db, admin, {
    name: 'Meetings',
    billable_by_default: false,
    is_default: true,
  });

  const website = await createProject(db, admin, {
    name: 'Acme Website Redesign',
    client_id: acme.id,
    code: 'ACME-WEB',
    billing_type: 'time_and_materials',
    bill_by: 'people',
    budget_by: 'total_hours',
    budget_hours: 200,
    budget_resets_monthly: false,
    budget_alert_percent: 80,
    budget_includes_expenses: false,
    show_budget_to_all: true,
  });
  const platform = await createProject(db, admin, {
    name: 'Globex Platform Build',
    client_id: globex.id,
    code: 'GLX-PLAT',
    billing_type: 'fixed_fee',
    bill_by: 'tasks',
    fixed_fee: 45000,
    budget_by: 'total_fees',
    budget_amount: 45000,
    budget_resets_monthly: false,
    budget_alert_percent: 80,
    budget_includes_expenses: true,
    show_budget_to_all: false,
  });
  const retainer = await createProject(db, admin, {
    name: 'Acme Support Retainer',
    client_id: acme.id,
    code: 'ACME-SUP',
    billing_type: 'time_and_materials',
    bill_by: 'project',
    hourly_rate: 95,
    budget_by: 'total_hours',
    budget_hours: 20,
    budget_resets_monthly: true,
    budget_alert_percent: 80,
    budget_includes_expenses: false,
    show_budget_to_all: true,
  });
  const internal = await createProject(db, admin, {
    name: 'Internal R&D',
    client_id: acme.id,
    code: 'INT',
    billing_type: 'non_billable',
    budget_by: 'none',
    budget_resets_monthly: false,
    budget_alert_percent: 80,
    budget_includes_expenses: false,
    show_budget_to_all: true,
  });
  await createTaskAssignment(db, admin, website.id, { task_id: design.id });
  await createTaskAssignment(db, admin, platform.id, { task_id: design.id, hourly_rate: 130 });

  const person = (
    name: string,
    role: 'member' | 'manager',
    rate: number,
    cost: number,
    employment: 'employee' | 'contractor' = 'employee',
  ) =>
    createUser(db, admin, {
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}@demo.keito.test`,
      user_type: 'human',
      role,
      employment_type: employment,
      business_roles: role === 'manager' ? ['Project Manager'] : ['Developer'],
      billable_rate: rate,
      cost_rate: cost,
      weekly_capacity: 37.5,
    });
  const morgan = await person('Morgan Manager', 'manager', 140, 70);
  const sam = await person('Sam Developer', 'member', 120, 55);
  const riley = await person('Riley Designer', 'member', 110, 50);
  const jamie = await person('Jamie Contractor', 'member', 130, 90, 'contractor');
  const agent = (name: string, rate: number) =>
    createUser(db, admin, {
      name,
      user_type: 'agent',
      role: 'member',
      employment_type: 'employee',
      business_roles: ['AI Agent'],
      billable_rate: rate,
      cost_rate: 5,
    });
  const reviewBot = await agent('review-bot-01', 75);
  const docsAgent = await agent('docs-agent', 60);
  await setTeammates(db, admin, morgan.id, [sam.id, riley.id, reviewBot.id]);

  const team = [admin.userId, morgan.id, sam.id, riley.id, jamie.id, reviewBot.id, docsAgent.id];
  for (const project of [website, platform, retainer, internal]) {
    for (const userId of team) {
      if (userId === admin.userId) continue; // the creator is already on every project
      await createUserAssignment(db, admin, project.id, {
        user_id: userId,
        is_project_manager: userId === morgan.id,
      });
    }
  }

  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const humanNotes = [
    'Homepage layout',
    'Sprint planning',
    'Fixing checkout bug',
    'Client workshop',
    'API integration',
    'Accessibility pass',
  ];
  const agentNotes = [
    'Reviewed pull request',
    'Generated API docs',
    'Refactored auth module',
    'Wrote unit tests',
    'Triaged failing CI',
  ];
  const models = ['claude-opus-4-6', 'gpt-5', 'gemini-2.5-pro'];
  const humans = [morgan.id, sam.id, riley.id, jamie.id];
  const billableProjects = [website, platform, retainer];
  const taskFor = (projectId: string) =>
    projectId === internal.id ? meetings.id : pick([development.id, codeReview.id, meetings.id]);
  let timeEntries = 0;
  let expenses = 0;

  for (const day of workdaysBack(WEEKS)) {
    for (const userId of humans) {
      for (let block = 0; block < 2; block++) {
        const project = block === 1 && random() < 0.25 ? internal : pick(billableProjects);
        await createTimeEntry(db, admin, {
          user_id: userId,
          project_id: project.id,
          task_id: taskFor(project.id),
          spent_date: day,
          hours: Math.round((1.5 + random() * 2.5) * 4) / 4,
          notes: pick(humanNotes),
          source: random() < 0.8 ? 'web' : 'cli',
          is_running: false,
          metadata: null,
        });
        timeEntries++;
      }
    }
    for (const agentUser of [reviewBot, docsAgent]) {
      const sessionId = crypto.randomUUID();
      const model = pick(models);
      const project = pick(billableProjects);
      const viaApi = random() < 0.2;
      const metadata = {
        agent_id: agentUser.name,
        agent_type: agentUser === reviewBot ? 'claude-code' : 'codex',
        session_id: sessionId,
        model,
      };
      await createTimeEntry(db, admin, {
        user_id: agentUser.id,
        project_id: project.id,
        task_id: codeReview.id,
        spent_date: day,
        hours: Math.round((0.25 + random() * 1.5) * 100) / 100,
        notes: pick(agentNotes),
        source: viaApi ? 'api' : 'agent',
        is_running: false,
        metadata,
      });
      const inputTokens = Math.round(10_000 + random() * 60_000);
      const outputTokens = Math.round(2_000 + random() * 20_000);
      await createExpense(db, admin, {
        user_id: agentUser.id,
        project_id: project.id,
        expense_category_id: 'cat_llm_usage',
        spent_date: day,
        units: Math.round((inputTokens + outputTokens) / 100) / 10,
        notes: `${model}: ${Math.round(inputTokens / 1000)}k input + ${Math.round(outputTokens / 1000)}k output tokens`,
        source: viaApi ? 'api' : 'agent',
        metadata: { ...metadata, input_tokens: inputTokens, output_tokens: outputTokens },
      });
      timeEntries++;
      expenses++;
    }
    if (random() < 0.3) {
      await createExpense(db, admin, {
        user_id: pick(humans),
        project_id: pick(billableProjects).id,
        expense_category_id: 'cat_transportation',
        spent_date: day,
        total_cost: Math.round((8 + random() * 60) * 100) / 100,
        notes: 'Train to client site',
        source: 'web',
        metadata: null,
      });
      expenses++;
    }
  }

  // The audit log names where a change came from; this one came from the server's own command line.
  const agentKey = await createApiKey(
    db,
    admin,
    { name: 'review-bot-01 (demo)', user_id: reviewBot.id },
    { address: 'local', userAgent: 'keito-server seed-demo' },
  );
  return {
    account_id: workspace.account_id,
    admin_email: adminEmail,
    admin_password: DEMO_PASSWORD,
    admin_api_key: workspace.api_key,
    agent_api_key: agentKey.key,
    project_id: website.id,
    task_id: codeReview.id,
    time_entries: timeEntries,
    expenses,
  };
}

export async function seedDemo(config: Config, options: { json?: boolean }): Promise<number> {
  const database = await openDatabase(config, { poolSize: 4 });
  try {
    if (!options.json) process.stdout.write('Creating the demo workspace...\n');
    const summary = await seedDemoWorkspace(database.db);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    const base = `http://localhost:${config.port}/v1`;
    process.stdout.write(
      [
        `Demo workspace created: ${summary.time_entries} time entries and ${summary.expenses} expenses over ${WEEKS} weeks.`,
        '',
        `  account id       ${summary.account_id}`,
        `  admin            ${summary.admin_email}   password: ${summary.admin_password}`,
        `  admin API key    ${summary.admin_api_key}`,
        `  agent API key    ${summary.agent_api_key}   (review-bot-01)`,
        '',
        `With the server running (npm start), sign in at http://localhost:${config.port} or try:`,
        `  curl -H "Authorization: Bearer ${summary.admin_api_key}" "${base}/time-entries?source=agent&limit=5"`,
        `  curl -H "Authorization: Bearer ${summary.agent_api_key}" ${base}/projects`,
        '',
        'The keys are shown once; keep them somewhere safe.',
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await database.close();
  }
}
