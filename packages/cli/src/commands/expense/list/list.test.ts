import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito } from '../../../../test/support/keito.js';

type Expense = { id: string; source: string; spent_date: string };

describe('keito expense list', () => {
  it("lists today's expenses, by project and by source", async () => {
    const world = await createWorld();
    const env = world.adminEnv;
    await runKeito(
      [
        'expense',
        'log',
        '--project',
        'acme',
        '--category',
        'LLM Usage',
        '--quantity',
        '10',
        '--notes',
        'tokens',
      ],
      { env },
    );
    await runKeito(['expense', 'log', '--project', 'acme', '--quantity', '20', '--source', 'agent'], { env });
    await runKeito(
      [
        'expense',
        'log',
        '--project',
        'acme',
        '--category',
        'LLM Usage',
        '--quantity',
        '5',
        '--date',
        '2026-03-06',
      ],
      { env },
    );

    expect(json<Expense[]>(await runKeito(['expense', 'list', '--json'], { env }))).toHaveLength(2);
    expect(
      json<Expense[]>(await runKeito(['expense', 'list', '--project', 'acme', '--json'], { env })),
    ).toHaveLength(2);
    const agent = json<Expense[]>(
      await runKeito(['expense', 'list', '--source', 'agent', '--json'], { env }),
    );
    expect(agent.map((e) => e.source)).toEqual(['agent']);
    const dated = json<Expense[]>(
      await runKeito(['expense', 'list', '--date', '2026-03-06', '--json'], { env }),
    );
    expect(dated.map((e) => e.spent_date)).toEqual(['2026-03-06']);
    const text = await runKeito(['expense', 'list', '--source', 'cli'], { env });
    expect(text.stdout.trim().split('\t').slice(2)).toEqual([
      'Acme Website',
      'LLM Usage',
      '10',
      expect.any(String),
      'cli',
      'tokens',
    ]);
  });
});
