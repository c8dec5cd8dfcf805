import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

const fulfilled = <T>(value: T): PromiseSettledResult<T> => ({ status: 'fulfilled', value });

describe('coalesce', () => {
  it('answers calls of one turn with one run per key, in order of arrival', async () => {
    const runs: [string, number[]][] = [];
    const double = coalesce(async (key: string, inputs: number[]) => {
      runs.push([key, inputs]);
      return inputs.map((input) => fulfilled(input * 2));
    });

    const answers = await Promise.all([double('a', 1), double('b', 10), double('a', 2), double('a', 3)]);

    expect(answers).toEqual([2, 20, 4, 6]);
    expect(runs).toEqual([
      ['a', [1, 2, 3]],
      ['b', [10]],
    ]);
  });

  it('starts a new group for calls made after the turn', async () => {
    const sizes: number[] = [];
    const echo = coalesce(async (_key: string, inputs: number[]) => {
      sizes.push(inputs.length);
      return inputs.map(fulfilled);
    });

    await Promise.all([echo('k', 1), echo('k', 2)]);
    await echo('k', 3);

    expect(sizes).toEqual([2, 1]);
  });

  it('gathers the calls made while a run of their key is in flight into the next group', async () => {
    const groups: number[][] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const echo = coalesce(async (_key: string, inputs: number[]) => {
      groups.push(inputs);
      if (groups.length === 1) await held;
      return inputs.map(fulfilled);
    });

    const first = echo('k', 1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [echo('k', 2), echo('k', 3), echo('other', 9)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([[1], [9]]);
    release();

    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 9]);
    expect(groups).toEqual([[1], [9], [2, 3]]);
  });

  it('splits a group larger than maxGroup', async () => {
    const sizes: number[] = [];
    const echo = coalesce(
      async (_key: string, inputs: number[]) => {
        sizes.push(inputs.length);
        return inputs.map(fulfilled);
      },
      { maxGroup: 2 },
    );

    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => echo('k', n)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects only the calls whose result is rejected', async () => {
    const positive = coalesce(async (_key: string, inputs: number[]) =>
      inputs.map(
        (input): PromiseSettledResult<number> =>
          input > 0
            ? fulfilled(input)
            : { status: 'rejected', reason: new Error(`${input} is not positive`) },
      ),
    );

    const results = await Promise.allSettled([positive('k', 1), positive('k', -1), positive('k', 2)]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects every call of the group when the run throws', async () => {
    const broken = coalesce(async (): Promise<PromiseSettledResult<number>[]> => {
      throw new Error('database is down');
    });

    const results = await Promise.allSettled([broken('k', 1), broken('k', 2)]);

    expect(results).toEqual([
      { status: 'rejected', reason: new Error('database is down') },
      { status: 'rejected', reason: new Error('database is down') },
    ]);
  });
});
