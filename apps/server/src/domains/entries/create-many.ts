import type { Database, Executor } from '../../db/client.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { DomainError } from '../../lib/errors.ts';
import { MAX_BATCH_ITEMS } from '../../lib/limits.ts';
import { type Actor, actorKey } from '../access/actor.ts';

/**
 * A set-based create of entries (time entries, expenses): it checks each input on its own and
 * settles it with the created entry or the error a lone create would give; what one call writes
 * commits together, and a failure that is not a domain error throws with nothing written.
 */
export type CreateEntries<Input, Output> = (
  db: Executor,
  actor: Actor,
  inputs: Input[],
) => Promise<PromiseSettledResult<Output>[]>;

/** One input through a set-based create, as its entry or its error. */
export async function createOne<Input, Output>(
  createEntries: CreateEntries<Input, Output>,
  db: Executor,
  actor: Actor,
  input: Input,
): Promise<Output> {
  const [result] = await createEntries(db, actor, [input]);
  if (result?.status !== 'fulfilled') throw result?.reason;
  return result.value;
}

/** The single create of the API's concurrent requests, as `coalescedCreate` builds it. */
export type CoalescedCreate<Input, Output> = (actor: Actor, input: Input) => Promise<Output>;

/**
 * The single create of the API's concurrent requests: the creates of one actor that arrive while
 * its previous group is being written form the next group, written together by `createEntries`
 * (docs/decisions/0009-coalesced-writes.md). When a group's shared write fails, each create is
 * retried alone, so one row the database refuses does not fail the other requests. Build one per
 * kind of create per app (app.ts), so that every route creating it shares its groups.
 */
export function coalescedCreate<Input, Output>(
  db: Database,
  createEntries: CreateEntries<Input, Output>,
): CoalescedCreate<Input, Output> {
  const create = coalesce(
    async (_actorKey, calls: { actor: Actor; input: Input }[]) => {
      const actor = calls[0]?.actor;
      if (actor === undefined) return [];
      const inputs = calls.map((call) => call.input);
      try {
        return await createEntries(db, actor, inputs);
      } catch (error) {
        if (inputs.length === 1) throw error;
        return createEachInTurn(createEntries, db, actor, inputs);
      }
    },
    { maxGroup: MAX_BATCH_ITEMS },
  );
  return (actor, input) => create(actorKey(actor), { actor, input });
}

/**
 * The retry of a failed group: each create alone, one after the other in the order its request
 * arrived, so the outcome is the one the requests would have had sent one by one (the later of
 * two timers is the one left running; run at once, whichever committed last would win).
 */
async function createEachInTurn<Input, Output>(
  createEntries: CreateEntries<Input, Output>,
  db: Database,
  actor: Actor,
  inputs: Input[],
): Promise<PromiseSettledResult<Output>[]> {
  const results: PromiseSettledResult<Output>[] = [];
  for (const input of inputs) {
    try {
      results.push({ status: 'fulfilled', value: await createOne(createEntries, db, actor, input) });
    } catch (reason) {
      results.push({ status: 'rejected', reason });
    }
  }
  return results;
}

/**
 * `load` once per distinct key (as `idOf` names it) for the length of one call: the inputs of a
 * set-based create that share a project, or a category, share its lookup and its error.
 */
export function lookupOnce<Key, Value>(
  idOf: (key: Key) => string,
  load: (key: Key) => Promise<Value>,
): (key: Key) => Promise<Value> {
  const loaded = new Map<string, Promise<Value>>();
  return (key) => {
    const id = idOf(key);
    let value = loaded.get(id);
    if (value === undefined) {
      value = load(key);
      loaded.set(id, value);
    }
    return value;
  };
}

/** A lookup that failed for a reason other than a domain rule (the database) fails the whole call. */
export function throwUnexpected(outcomes: PromiseSettledResult<unknown>[]): void {
  const unexpected = outcomes.find(
    (outcome): outcome is PromiseRejectedResult =>
      outcome.status === 'rejected' && !(outcome.reason instanceof DomainError),
  );
  if (unexpected !== undefined) throw unexpected.reason;
}
