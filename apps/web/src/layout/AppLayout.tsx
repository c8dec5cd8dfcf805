import {
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { post } from '../api.ts';
import { meQuery, workspaceQuery } from '../queries.ts';
import type { WorkspaceFeatures } from '../types.ts';
import { RunningTimerIndicator } from './RunningTimerIndicator.tsx';

interface NavItem {
  to: string;
  label: string;
  /** Shown only to these roles; everyone when absent. */
  roles?: string[];
  /** A workspace module: hidden while the workspace has it off (Settings → Workspace → Features). */
  feature?: keyof WorkspaceFeatures;
}

const NAV: { section?: string; items: NavItem[] }[] = [
  {
    items: [
      { to: '/time', label: 'Time' },
      { to: '/expenses', label: 'Expenses', feature: 'expenses' },
      { to: '/time/approval', label: 'Approval', roles: ['administrator', 'manager'], feature: 'approvals' },
      // Members see no invoices (invoicing/invoice-settings, issue 15); managers see what their
      // "Draft invoices" / "Send/edit invoices" permissions let the API answer.
      { to: '/invoices', label: 'Invoices', roles: ['administrator', 'manager'], feature: 'invoicing' },
      // Everyone: members report on their own time, managers on their team's (reportScope, abilities.ts).
      { to: '/reports', label: 'Reports' },
    ],
  },
  {
    section: 'Manage',
    items: [
      { to: '/projects', label: 'Projects' },
      { to: '/clients', label: 'Clients', roles: ['administrator', 'manager'] },
      { to: '/tasks', label: 'Tasks', roles: ['administrator', 'manager'] },
      {
        to: '/expense-categories',
        label: 'Expense categories',
        roles: ['administrator'],
        feature: 'expenses',
      },
      { to: '/team', label: 'Team' },
    ],
  },
  {
    section: 'Settings',
    items: [
      { to: '/settings/workspace', label: 'Workspace', roles: ['administrator'] },
      { to: '/settings/sso', label: 'Single sign-on', roles: ['administrator'] },
      { to: '/settings/invoices', label: 'Invoices', roles: ['administrator'], feature: 'invoicing' },
      {
        to: '/settings/payment-gateways',
        label: 'Payment gateways',
        roles: ['administrator'],
        feature: 'invoicing',
      },
      { to: '/settings/api-keys', label: 'API keys' },
      { to: '/settings/security-log', label: 'Security log', roles: ['administrator'] },
      { to: '/profile', label: 'Profile' },
    ],
  },
];

const within = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`);

/** The nav entry for a path: the longest that contains it, so /time/approval is Approval, not Time. */
function activeEntry(pathname: string): string | undefined {
  const paths = NAV.flatMap((group) => group.items.map((item) => item.to)).filter((to) =>
    within(pathname, to),
  );
  return paths.sort((a, b) => b.length - a.length)[0];
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useQuery(meQuery);
  const workspace = useQuery(workspaceQuery);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const navigate = useNavigate();
  const activeTo = activeEntry(pathname);
  const queryClient = useQueryClient();

  const signOut = async () => {
    await post('/auth/sign-out');
    queryClient.clear();
    await navigate({ to: '/sign-in', search: {} });
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3" c="indigo.8">
              Keito
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm" truncate>
              {workspace.data?.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <RunningTimerIndicator />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="Account menu" px="xs">
                  <Text size="sm" fw={500} truncate maw={160}>
                    {me.data?.name ?? '…'}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/profile">
                  Profile
                </Menu.Item>
                <Menu.Item onClick={signOut}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <ScrollArea>
          {NAV.map((group) => (
            <div key={group.section ?? 'main'}>
              {group.section && (
                <Text size="xs" fw={700} c="gray.7" tt="uppercase" mt="md" mb={4} px="sm">
                  {group.section}
                </Text>
              )}
              {group.items
                .filter((item) => item.roles === undefined || item.roles.includes(me.data?.role ?? ''))
                .filter(
                  (item) => item.feature === undefined || workspace.data?.features[item.feature] === true,
                )
                .map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={item.to === activeTo}
                    // The router would also mark /time active on /time/approval; `active` decides.
                    activeOptions={{ exact: true }}
                    onClick={close}
                  />
                ))}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
