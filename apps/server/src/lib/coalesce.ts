/**
 * Answers calls with the same key together: calls made while their key is idle go to one call of
 * `run` on the next `setImmediate`, with all their inputs in order of arrival; calls made while a
 * run of their key is in flight wait for it and form the next group (at most `maxGroup` inputs a
 * run). Concurrent requests then share one database round trip instead of each paying for its
 * own, and the busier a key, the larger its groups — the idea of PostgreSQL's group commit
 * (docs/decisions/0009-coalesced-writes.md). A lone call waits one turn of the event loop.
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
  const waitingByKey = new Map<string, Waiting[]>();
  const running = new Set<string>();
  let flushScheduled = false;

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    flushScheduled = false;
    for (const [key, waiting] of waitingByKey) {
      if (running.has(key)) continue;
      const group = waiting.splice(0, maxGroup);
      if (waiting.length === 0) waitingByKey.delete(key);
      running.add(key);
      void settle(key, group).finally(() => {
        running.delete(key);
        if (waitingByKey.has(key)) scheduleFlush();
      });
    }
  }

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

  return (key, input) =>
    new Promise<Output>((resolve, reject) => {
      const waiting = waitingByKey.get(key);
      if (waiting === undefined) waitingByKey.set(key, [{ input, resolve, reject }]);
      else waiting.push({ input, resolve, reject });
      if (!running.has(key)) scheduleFlush();
    });
}
