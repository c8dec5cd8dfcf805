import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { parseSearch, stringifySearch } from './lib/search-params.ts';
import { validateBudgetSearch } from './pages/reports/budgets-data.ts';
import { validateReportSearch } from './pages/reports/search.ts';
import { validateSignInSearch } from './pages/sign-in-search.ts';
import { meQuery, queryClient, sessionQuery } from './queries.ts';

const rootRoute = createRootRoute({ component: Outlet });

/** Routes for signed-in people: anyone else goes to sign-in (or to the setup wizard on a new server). */
async function requireSession(location: { href: string }) {
  const session = await queryClient.ensureQueryData(sessionQuery);
  if (session.setup_required) throw redirect({ to: '/setup' });
  if (!session.authenticated) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
}

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: validateSignInSearch,
  beforeLoad: async () => {
    const session = await queryClient.ensureQueryData(sessionQuery);
    if (session.setup_required) throw redirect({ to: '/setup' });
    if (session.authenticated) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('./pages/SignIn.tsx'), 'SignInPage'),
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  beforeLoad: async () => {
    const session = await queryClient.ensureQueryData(sessionQuery);
    if (!session.setup_required) throw redirect({ to: session.authenticated ? '/time' : '/sign-in' });
  },
  component: lazyRouteComponent(() => import('./pages/Setup.tsx'), 'SetupPage'),
});

/** The link in an invitation email: no session needed, the token is the key. */
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/$token',
  component: lazyRouteComponent(() => import('./pages/AcceptInvitation.tsx'), 'AcceptInvitationPage'),
});

/** The unsubscribe link in every notification email: no session needed, the token is the person's. */
const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/unsubscribe/$token',
  validateSearch: (search: Record<string, unknown>): { kind?: string } => ({
    kind: typeof search.kind === 'string' ? search.kind : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/Unsubscribe.tsx'), 'UnsubscribePage'),
});

/** The link in an invoice email: the client has no account, the invoice's key is the credential. */
const clientInvoiceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/client/invoices/$key',
  component: lazyRouteComponent(() => import('./pages/ClientInvoicePage.tsx'), 'ClientInvoicePage'),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ location }) => requireSession(location),
  component: lazyRouteComponent(() => import('./layout/AppLayout.tsx'), 'AppLayout'),
});

/**
 * Home: an administrator sees where the team's time went this week (the Reports overview), everyone
 * else their own timesheet (docs/decisions/0060-administrator-home.md).
 */
const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: async () => {
    const me = await queryClient.ensureQueryData(meQuery);
    throw redirect({ to: me.role === 'administrator' ? '/reports' : '/time' });
  },
});

const timeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/time',
  validateSearch: (search: Record<string, unknown>): { date?: string; view?: 'day' | 'week' } => ({
    date:
      typeof search.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.date) ? search.date : undefined,
    view: search.view === 'week' ? 'week' : search.view === 'day' ? 'day' : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/time/TimePage.tsx'), 'TimePage'),
});

const expensesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/expenses',
  validateSearch: (search: Record<string, unknown>): { date?: string; view?: 'day' | 'week' | 'month' } => ({
    date:
      typeof search.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.date) ? search.date : undefined,
    view:
      search.view === 'day' || search.view === 'week' || search.view === 'month' ? search.view : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/expenses/ExpensesPage.tsx'), 'ExpensesPage'),
});

const expenseCategoriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/expense-categories',
  component: lazyRouteComponent(
    () => import('./pages/expenses/ExpenseCategoriesPage.tsx'),
    'ExpenseCategoriesPage',
  ),
});

const approvalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/time/approval',
  component: lazyRouteComponent(() => import('./pages/time/ApprovalPage.tsx'), 'ApprovalPage'),
});

// The invoice screens are their own chunks: none of them weighs on the first screen (the time page).
const invoicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices',
  component: lazyRouteComponent(() => import('./pages/invoices/InvoicesPage.tsx'), 'InvoicesPage'),
});

const newInvoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices/new',
  component: lazyRouteComponent(() => import('./pages/invoices/NewInvoicePage.tsx'), 'NewInvoicePage'),
});

const invoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices/$invoiceId',
  component: lazyRouteComponent(() => import('./pages/invoices/InvoicePage.tsx'), 'InvoicePage'),
});

const editInvoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/invoices/$invoiceId/edit',
  component: lazyRouteComponent(() => import('./pages/invoices/EditInvoicePage.tsx'), 'EditInvoicePage'),
});

const invoiceSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/invoices',
  component: lazyRouteComponent(
    () => import('./pages/invoices/InvoiceSettingsPage.tsx'),
    'InvoiceSettingsPage',
  ),
});

// The Reports section: every report reads its filters from the URL (pages/reports/search.ts), so the
// section's route validates them once for all of its pages.
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  validateSearch: validateReportSearch,
  component: lazyRouteComponent(() => import('./pages/reports/ReportsLayout.tsx'), 'ReportsLayout'),
});

const reportsOverviewRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/reports/OverviewPage.tsx'), 'ReportsOverviewPage'),
});

const timeReportRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/time',
  component: lazyRouteComponent(() => import('./pages/reports/TimeReportPage.tsx'), 'TimeReportPage'),
});

const expenseReportRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/expenses',
  component: lazyRouteComponent(() => import('./pages/reports/ExpenseReportPage.tsx'), 'ExpenseReportPage'),
});

// The budget report takes its own filters (a month, a status, one client or project) besides the
// section's; the others read the section's filters only.
const budgetReportRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/budgets',
  validateSearch: validateBudgetSearch,
  component: lazyRouteComponent(() => import('./pages/reports/budgets.tsx'), 'BudgetsReportPage'),
});

const utilisationReportRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/utilisation',
  component: lazyRouteComponent(() => import('./pages/reports/utilisation.tsx'), 'UtilisationReportPage'),
});

const agentReportRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/agents',
  component: lazyRouteComponent(() => import('./pages/reports/agents.tsx'), 'AgentReportPage'),
});

const apiKeysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/api-keys',
  component: lazyRouteComponent(() => import('./pages/settings/ApiKeys.tsx'), 'ApiKeysPage'),
});

const workspaceSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/workspace',
  component: lazyRouteComponent(
    () => import('./pages/settings/WorkspaceSettings.tsx'),
    'WorkspaceSettingsPage',
  ),
});

const ssoSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/sso',
  component: lazyRouteComponent(() => import('./pages/settings/SingleSignOn.tsx'), 'SingleSignOnPage'),
});

const paymentGatewaysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/payment-gateways',
  component: lazyRouteComponent(() => import('./pages/settings/PaymentGateways.tsx'), 'PaymentGatewaysPage'),
});

const auditLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/security-log',
  component: lazyRouteComponent(() => import('./pages/settings/AuditLog.tsx'), 'AuditLogPage'),
});

interface CliAuthorizeSearch {
  redirect_uri?: string;
  state?: string;
  client_name?: string;
  cli_version?: string;
}

const optionalString = (value: unknown) => (value === undefined ? undefined : String(value));

/** The page `keito auth login` opens; outside the app layout, like sign-in. */
const cliAuthorizeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cli/authorize',
  validateSearch: (search: Record<string, unknown>): CliAuthorizeSearch => ({
    redirect_uri: optionalString(search.redirect_uri),
    state: optionalString(search.state),
    client_name: optionalString(search.client_name),
    cli_version: optionalString(search.cli_version),
  }),
  beforeLoad: ({ location }) => requireSession(location),
  component: lazyRouteComponent(() => import('./pages/CliAuthorize.tsx'), 'CliAuthorizePage'),
});

const clientsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clients',
  component: lazyRouteComponent(() => import('./pages/clients/ClientsPage.tsx'), 'ClientsPage'),
});

const clientRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/clients/$clientId',
  component: lazyRouteComponent(() => import('./pages/clients/ClientPage.tsx'), 'ClientPage'),
});

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  component: lazyRouteComponent(() => import('./pages/tasks/TasksPage.tsx'), 'TasksPage'),
});

const projectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects',
  component: lazyRouteComponent(() => import('./pages/projects/ProjectsPage.tsx'), 'ProjectsPage'),
});

const newProjectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/new',
  component: lazyRouteComponent(() => import('./pages/projects/NewProjectPage.tsx'), 'NewProjectPage'),
});

const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/$projectId',
  component: lazyRouteComponent(() => import('./pages/projects/ProjectPage.tsx'), 'ProjectPage'),
});

const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/team',
  component: lazyRouteComponent(() => import('./pages/team/TeamPage.tsx'), 'TeamPage'),
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('./pages/profile/ProfilePage.tsx'), 'ProfilePage'),
});

const notFoundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '$',
  component: lazyRouteComponent(() => import('./pages/NotFound.tsx'), 'NotFoundPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  cliAuthorizeRoute,
  invitationRoute,
  unsubscribeRoute,
  clientInvoiceRoute,
  appRoute.addChildren([
    indexRoute,
    timeRoute,
    expensesRoute,
    expenseCategoriesRoute,
    approvalRoute,
    invoicesRoute,
    newInvoiceRoute,
    invoiceRoute,
    editInvoiceRoute,
    invoiceSettingsRoute,
    reportsRoute.addChildren([
      reportsOverviewRoute,
      timeReportRoute,
      expenseReportRoute,
      budgetReportRoute,
      utilisationReportRoute,
      agentReportRoute,
    ]),
    apiKeysRoute,
    workspaceSettingsRoute,
    ssoSettingsRoute,
    auditLogRoute,
    paymentGatewaysRoute,
    clientsRoute,
    clientRoute,
    tasksRoute,
    projectsRoute,
    newProjectRoute,
    projectRoute,
    teamRoute,
    profileRoute,
    notFoundRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', parseSearch, stringifySearch });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
