/** The documented shape of every list response. */
export interface PaginatedResponse<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
  /** The page size the server applied: the `limit` asked for, at most 200. */
  limit: number;
}

/** Fetches the page that starts at `cursor`. */
export type PageFetcher<T> = (cursor: string) => Promise<Page<T>>;

/**
 * One page of a list, with the documented fields plus helpers; iterating it with `for await` walks every
 * item of this page and of the pages after it.
 */
export class Page<T> implements PaginatedResponse<T>, AsyncIterable<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
  limit: number;
  // Private so that JSON.stringify(page) prints exactly the documented response.
  readonly #fetchPage: PageFetcher<T>;

  constructor(response: PaginatedResponse<T>, fetchPage: PageFetcher<T>) {
    this.data = response.data;
    this.next_cursor = response.next_cursor ?? null;
    this.has_more = response.has_more;
    this.limit = response.limit;
    this.#fetchPage = fetchPage;
  }

  /** Whether another page follows this one. */
  hasNextPage(): boolean {
    return this.has_more && this.next_cursor !== null;
  }

  /** Fetches the next page; throws when there is none (check `hasNextPage()` first). */
  async getNextPage(): Promise<Page<T>> {
    if (this.next_cursor === null || !this.has_more) {
      throw new Error('No next page: check hasNextPage() before calling getNextPage().');
    }
    return this.#fetchPage(this.next_cursor);
  }

  /** Iterates this page and every following page, one page at a time. */
  async *iterPages(): AsyncGenerator<Page<T>, void, undefined> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.iterPages()) {
      yield* page.data;
    }
  }
}

/**
 * What `list()` returns: await it for the first page, or `for await` over it for every item of every page.
 * The first request starts immediately, as with any promise.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #page: Promise<Page<T>>;

  constructor(page: Promise<Page<T>>) {
    this.#page = page;
  }

  // biome-ignore lint/suspicious/noThenProperty: being a thenable is the point, so `await list()` yields the page.
  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#page.then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#page.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#page.finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const first = await this.#page;
    yield* first;
  }
}
