/**
 * A single-consumer queue between an event source (a grpc-js stream, a status change) and an
 * async iterator. `end()` finishes it after the queued items; `end(error)` makes the next read
 * throw once the queued items are read.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #ended = false;
  #error: { value: unknown } | undefined;
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;

  get size(): number {
    return this.#items.length;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
    } else {
      this.#items.push(item);
    }
  }

  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) this.#error = { value: error };
    const waiter = this.#waiter;
    if (waiter && this.#items.length === 0) {
      this.#waiter = undefined;
      this.#settle(waiter);
    }
  }

  /** The next item; rejects with the signal's reason if it aborts first. */
  next(signal?: AbortSignal): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) {
      return Promise.resolve({ value: this.#items.shift() as T, done: false });
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#ended) {
      return new Promise((resolve, reject) => this.#settle({ resolve, reject }));
    }
    if (this.#waiter) return Promise.reject(new Error('AsyncQueue: one reader at a time'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#waiter = undefined;
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiter = {
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
    });
  }

  #settle(waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }): void {
    if (this.#error) waiter.reject(this.#error.value);
    else waiter.resolve({ value: undefined, done: true });
  }
}
