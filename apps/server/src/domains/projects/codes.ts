import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { projects } from '../../db/schema/index.ts';

/** The codes of the given projects that have one, by project id (an invoice shows them on its lines). */
export async function projectCodes(
  db: Executor,
  accountId: string,
  projectIds: readonly string[],
): Promise<Map<string, string>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .select({ id: projects.id, code: projects.code })
    .from(projects)
    .where(
      and(eq(projects.accountId, accountId), inArray(projects.id, [...projectIds]), isNotNull(projects.code)),
    );
  return new Map(rows.flatMap(({ id, code }) => (code === null || code === '' ? [] : [[id, code] as const])));
}
