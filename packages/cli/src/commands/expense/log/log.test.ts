import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, tempDir } from '../../../../test/support/keito.js';

type Expense = {
  expense_category_id: string;
  units: number | null;
  total_cost: number;
  notes: string;
  source: string;
  spent_date: string;
  metadata: Record<string, unknown> | null;
  receipt: { file_name: string; content_type: string; size: number } | null;
};

describe('keito expense log', () => {
  it('logs LLM usage by category name with --quantity as units', async () => {
    const world = await createWorld();
    const result = await runKeito(
      [
        'expense',
        'log',
        '--project',
        'acme',
        '--category',
        'LLM Usage',
        '--quantity',
        '45',
        '--notes',
        'claude-opus-4-6: 30k input + 15k output tokens',
        '--json',
      ],
      { env: world.adminEnv },
    );
    expect(result.code).toBe(0);
    expect(json<Expense>(result)).toMatchObject({
      expense_category_id: 'cat_llm_usage',
      units: 45,
      source: 'cli',
      notes: 'claude-opus-4-6: 30k input + 15k output tokens',
    });
  });

  it('defaults to LLM Usage in agent mode, so both documented forms are equivalent', async () => {
    const world = await createWorld();
    const env = { ...world.agentEnv, CLAUDE_SESSION_ID: 'sess-1' };
    const short = json<Expense>(
      await runKeito(['expense', 'log', '--project', 'acme', '--quantity', '45', '--json'], { env }),
    );
    const long = json<Expense>(
      await runKeito(
        ['expense', 'log', '--project', 'acme', '--category', 'LLM Usage', '--quantity', '45', '--json'],
        { env },
      ),
    );
    for (const expense of [short, long]) {
      expect(expense).toMatchObject({
        expense_category_id: 'cat_llm_usage',
        units: 45,
        source: 'agent',
        metadata: { agent_type: 'claude-code', session_id: 'sess-1' },
      });
    }
  });

  it('takes --total and --date, and lists the categories when --category is missing outside agent mode', async () => {
    const world = await createWorld();
    const total = json<Expense>(
      await runKeito(
        [
          'expense',
          'log',
          '--project',
          'acme',
          '--category',
          'cat_llm_usage',
          '--total',
          '12.5',
          '--date',
          '2026-03-06',
          '--json',
        ],
        { env: world.adminEnv },
      ),
    );
    expect(total).toMatchObject({ total_cost: 12.5, spent_date: '2026-03-06' });
    const missing = await runKeito(['expense', 'log', '--project', 'acme', '--quantity', '1'], {
      env: world.adminEnv,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"LLM Usage"');
    const unknown = await runKeito(
      ['expense', 'log', '--project', 'acme', '--category', 'Hotels', '--quantity', '1'],
      { env: world.adminEnv },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No expense category matches "Hotels"');
    expect((await runKeito(['expense', 'log', '--project', 'acme'], { env: world.adminEnv })).code).toBe(2);
  });

  it('attaches a receipt with --receipt, read from the working directory', async () => {
    const world = await createWorld();
    const cwd = tempDir('keito-receipt-');
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    await writeFile(path.join(cwd, 'taxi.pdf'), pdf);
    const args = ['expense', 'log', '--project', 'acme', '--category', 'Transportation', '--total', '23.5'];
    const logged = json<Expense>(
      await runKeito([...args, '--receipt', './taxi.pdf', '--json'], { env: world.adminEnv, cwd }),
    );
    expect(logged).toMatchObject({ total_cost: 23.5, source: 'cli' });
    expect(logged.receipt).toMatchObject({
      file_name: 'taxi.pdf',
      content_type: 'application/pdf',
      size: pdf.length,
    });

    await writeFile(path.join(cwd, 'fake.pdf'), 'MZ this is not a PDF');
    const refused = await runKeito([...args, '--receipt', 'fake.pdf'], { env: world.adminEnv, cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PNG, JPEG, GIF or PDF');
    const missing = await runKeito([...args, '--receipt', 'nope.pdf'], { env: world.adminEnv, cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read --receipt nope.pdf: ENOENT');
  });
});
