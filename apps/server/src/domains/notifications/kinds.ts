/**
 * The kinds of email a person can turn on or off (settings/personal-settings, "Notification
 * Preferences") with their defaults: what someone asked for or must act on is on; the daily nudge,
 * the weekly report and product news are on only for those who opt in.
 */
export const NOTIFICATION_KINDS = {
  timesheet_submitted: { default: true, label: 'A timesheet waits for my approval' },
  timesheet_approved: { default: true, label: 'My timesheet is approved (or the approval withdrawn)' },
  timesheet_rejected: { default: true, label: 'My timesheet is rejected' },
  project_assignment: { default: true, label: "I'm added to a project" },
  budget_alert: { default: true, label: 'A project I manage crosses its budget alert' },
  timesheet_reminder: { default: true, label: 'Weekly timesheet reminder and deadline' },
  daily_reminder: { default: false, label: 'Daily personal reminder to log time' },
  weekly_report: { default: false, label: 'Weekly time report' },
  product_updates: { default: false, label: 'Product updates' },
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const notificationKinds = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export type NotificationPreferences = Record<NotificationKind, boolean>;

/** A person's preferences: what they set, the default for every kind they did not. */
export function preferencesOf(stored: Partial<Record<string, boolean>>): NotificationPreferences {
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, stored[kind] ?? NOTIFICATION_KINDS[kind].default]),
  ) as NotificationPreferences;
}

/** Whether a person wants this kind of email; agents read no mail and archived people get none. */
export function wantsMail(
  person: {
    userType: 'human' | 'agent';
    status: string;
    notificationPreferences: Partial<Record<string, boolean>>;
  },
  kind: NotificationKind,
): boolean {
  return (
    person.userType === 'human' &&
    person.status !== 'archived' &&
    preferencesOf(person.notificationPreferences)[kind]
  );
}
