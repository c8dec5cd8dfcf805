import { Title } from '@mantine/core';

export function TimePage() {
  return <Title order={2}>Time</Title>;
}
