import type { User } from '@keito/sdk';
import {
  Alert,
  Button,
  Checkbox,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, errorMessage, get, put } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { listQuery } from '../../queries.ts';
import type { SsoSettings } from '../../types.ts';

const ssoQuery = { queryKey: ['workspace-sso'], queryFn: () => get<SsoSettings>('/workspace/sso') };

/** Settings → Single sign-on: the workspace's OpenID Connect identity provider (administrators). */
export function SingleSignOnPage() {
  const settings = useQuery(ssoQuery);
  return (
    <Stack maw={720}>
      <Title order={2}>Single sign-on</Title>
      <Text c="dimmed">
        People sign in through your identity provider (Okta, Entra ID, Google Workspace, Keycloak, WorkOS or
        any OpenID Connect provider) and are matched to their Keito account by their verified email.
      </Text>
      {settings.isError && <Alert color="red">{errorMessage(settings.error)}</Alert>}
      {settings.data && <SsoForm settings={settings.data} />}
    </Stack>
  );
}

interface Values {
  issuer: string;
  client_id: string;
  client_secret: string;
  auto_join_domains: string[];
  sso_required: boolean;
  break_glass_user_id: string | null;
}

const toValues = (settings: SsoSettings): Values => ({
  issuer: settings.issuer ?? '',
  client_id: settings.client_id ?? '',
  client_secret: '',
  auto_join_domains: settings.auto_join_domains,
  sso_required: settings.sso_required,
  break_glass_user_id: settings.break_glass_user_id,
});

function SsoForm({ settings }: { settings: SsoSettings }) {
  const queryClient = useQueryClient();
  const administrators = useQuery(listQuery<User>('/users?role=administrator&is_active=true'));
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validate: {
      issuer: (value) => (/^https?:\/\/\S+$/.test(value.trim()) ? null : 'Enter the issuer URL'),
      client_id: (value) => (value.trim() ? null : 'Enter the client ID'),
      client_secret: (value) =>
        value || settings.client_secret_set ? null : 'Enter the client secret the provider gave you',
      break_glass_user_id: (value, values) =>
        values.sso_required && !value ? 'Choose the administrator who keeps password sign-in' : null,
    },
  });
  const show = (next: SsoSettings) => {
    queryClient.setQueryData(ssoQuery.queryKey, next);
    form.setValues(toValues(next));
    form.resetDirty(toValues(next));
  };
  const save = useMutation({
    mutationFn: (values: Values) =>
      put<SsoSettings>('/workspace/sso', {
        issuer: values.issuer.trim(),
        client_id: values.client_id.trim(),
        // Left empty, the stored secret is kept.
        ...(values.client_secret ? { client_secret: values.client_secret } : {}),
        auto_join_domains: values.auto_join_domains,
        sso_required: values.sso_required,
        break_glass_user_id: values.break_glass_user_id,
      }),
    onSuccess: show,
  });
  const turnOff = useMutation({
    mutationFn: async () => {
      await del('/workspace/sso');
      return get<SsoSettings>('/workspace/sso');
    },
    onSuccess: (next) => {
      save.reset();
      show(next);
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              Your identity provider
            </Title>
            <Stack gap={4}>
              <Text fw={500} size="sm">
                Redirect URL
              </Text>
              <Text size="xs" c="dimmed">
                Register this as the sign-in redirect (callback) URL of a web application with an
                authorization code flow in your provider.
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Text
                  ff="monospace"
                  size="sm"
                  data-testid="sso-redirect-url"
                  style={{ wordBreak: 'break-all' }}
                >
                  {settings.redirect_url}
                </Text>
                <CopyButton value={settings.redirect_url}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy}>
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
            <TextInput
              label="Issuer URL"
              description="From your provider, e.g. https://your-org.okta.com or https://accounts.google.com"
              required
              {...form.getInputProps('issuer')}
            />
            <TextInput label="Client ID" required {...form.getInputProps('client_id')} />
            <PasswordInput
              label="Client secret"
              description={
                settings.client_secret_set
                  ? 'A secret is stored (it is never shown); leave empty to keep it'
                  : 'Stored encrypted and never shown again'
              }
              autoComplete="off"
              required={!settings.client_secret_set}
              {...form.getInputProps('client_secret')}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              Who can sign in
            </Title>
            <TagsInput
              label="Domains that join automatically"
              description="People with a verified email at these domains join as members the first time they sign in with SSO. Everyone else must be invited first."
              placeholder="example.com"
              splitChars={[',', ' ']}
              {...form.getInputProps('auto_join_domains')}
            />
            <Checkbox
              label="Require single sign-on"
              description="Password sign-in is refused for everyone except the break-glass administrator below"
              {...form.getInputProps('sso_required', { type: 'checkbox' })}
            />
            <Select
              label="Break-glass administrator"
              description="Keeps signing in with a password while SSO is required, in case the provider is down"
              clearable
              data={(administrators.data ?? []).map((user) => ({
                value: user.id,
                label: `${user.name} (${user.email})`,
              }))}
              {...form.getInputProps('break_glass_user_id')}
            />
          </Stack>
        </Paper>

        <FormError error={save.error ?? turnOff.error} />
        {save.isSuccess && !form.isDirty() && (
          <Alert color="green" role="status">
            Saved. The sign-in page now offers “Sign in with SSO”.
          </Alert>
        )}
        <Group justify="space-between">
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
          {settings.configured && (
            <Button
              color="red"
              variant="subtle"
              loading={turnOff.isPending}
              onClick={() =>
                window.confirm('Turn single sign-on off? People sign in with passwords again.') &&
                turnOff.mutate()
              }
            >
              Turn off single sign-on
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
