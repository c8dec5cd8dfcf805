import { Badge } from '@mantine/core';
import type { Source } from '../../types.ts';

/** Where an entry came from: violet for agents, amber for the CLI, grey for other API clients. */
export function SourceBadge({ source }: { source: Source }) {
  if (source === 'agent')
    return (
      <Badge color="violet" variant="filled" size="sm">
        Agent
      </Badge>
    );
  if (source === 'cli')
    return (
      <Badge color="yellow.5" variant="filled" size="sm">
        CLI
      </Badge>
    );
  if (source === 'api')
    return (
      <Badge color="gray" variant="light" size="sm">
        API
      </Badge>
    );
  return null;
}

export function LockedBadge() {
  return (
    <Badge
      color="gray"
      variant="outline"
      size="sm"
      title="Approved, invoiced or past the lock date: read-only"
    >
      Locked
    </Badge>
  );
}
