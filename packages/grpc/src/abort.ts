import type { EventEmitter } from 'node:events';

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts. A later
 * rejection of `promise` is swallowed: nobody is waiting for it any more.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Resolves on the emitter's next `event`; rejects with the signal's reason if it aborts first. */
export function nextEvent(emitter: EventEmitter, event: string, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onEvent = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      emitter.removeListener(event, onEvent);
      reject(signal.reason);
    };
    emitter.once(event, onEvent);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
