/**
 * Answers calls that arrive in the same turn of the event loop together: every call with the same
 * key made before the next `setImmediate` goes to one call of `run` with all their inputs, in
 * order of arrival (at most `maxGroup` at a time). Concurrent requests then share one database
 * round trip instead of each paying for its own, which is what an API server on a few cores runs
 * out of first (docs/decisions/0009-coalesced-writes.md). A lone call waits one turn of the loop.
 *
 * `run` settles each input on its own — a rejected result rejects that call alone — and when `run`
 * itself throws, every call of its group is rejected with that error.
 */
export function coalesce<Input, Output>(
  run: (key: string, inputs: Input[]) => Promise<PromiseSettledResult<Output>[]>,
  { maxGroup = 100 }: { maxGroup?: number } = {},
): (key: string, input: Input) => Promise<Output> {
  interface Waiting {
    input: Input;
    resolve(output: Output): void;
    reject(reason: unknown): void;
  }
  let pending = new Map<string, Waiting[]>();

  async function settle(key: string, group: Waiting[]): Promise<void> {
    try {
      const results = await run(
        key,
        group.map((waiting) => waiting.input),
      );
      group.forEach((waiting, index) => {
        const result = results[index];
        if (result === undefined) waiting.reject(new Error(`coalesce: no result for input ${index}`));
        else if (result.status === 'fulfilled') waiting.resolve(result.value);
        else waiting.reject(result.reason);
      });
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    }
  }

  function flush(): void {
    const groups = pending;
    pending = new Map();
    for (const [key, waiting] of groups) {
      for (let start = 0; start < waiting.length; start += maxGroup) {
        void settle(key, waiting.slice(start, start + maxGroup));
      }
    }
  }

  return (key, input) =>
    new Promise<Output>((resolve, reject) => {
      if (pending.size === 0) setImmediate(flush);
      const group = pending.get(key);
      if (group === undefined) pending.set(key, [{ input, resolve, reject }]);
      else group.push({ input, resolve, reject });
    });
}
