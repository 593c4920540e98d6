import { generatePrime } from 'node:crypto';

/**
 * A small pool of safe primes for Paillier-Blum moduli (CRYPTO.md phase 1), kept full in the
 * background. `crypto.generatePrime({ safe: true })` runs on libuv's thread pool, so the main
 * thread stays free while a 1024-bit safe prime takes its ~0.5-2 s. `packages/tss` stays pure:
 * it takes primes as inputs; this component is where they come from.
 */
export interface PrimePoolOptions {
  /** Bit length of each prime: 1024 for the standard profile, 1536 for strong. */
  readonly bits: number;
  /** How many primes to keep ready. */
  readonly size: number;
  /** How many generations run at once (each occupies a libuv thread). */
  readonly concurrency?: number;
}

export class PrimePool {
  readonly #bits: number;
  readonly #size: number;
  readonly #concurrency: number;
  readonly #ready: bigint[] = [];
  readonly #waiters: ((p: bigint) => void)[] = [];
  readonly #failures: ((e: Error) => void)[] = [];
  #running = 0;
  #closed = false;

  constructor(options: PrimePoolOptions) {
    if (!Number.isSafeInteger(options.bits) || options.bits < 64) throw new RangeError('bits must be >= 64');
    if (!Number.isSafeInteger(options.size) || options.size < 1) throw new RangeError('size must be >= 1');
    this.#bits = options.bits;
    this.#size = options.size;
    this.#concurrency = Math.max(1, options.concurrency ?? 2);
    this.#refill();
  }

  /** Primes ready now. */
  get available(): number {
    return this.#ready.length;
  }

  /** Takes one prime (each is handed out once); waits for one if the pool is empty. */
  take(): Promise<bigint> {
    if (this.#closed) return Promise.reject(new Error('prime pool is closed'));
    const p = this.#ready.shift();
    this.#refill();
    if (p !== undefined) return Promise.resolve(p);
    return new Promise((resolve, reject) => {
      this.#waiters.push(resolve);
      this.#failures.push(reject);
      this.#refill();
    });
  }

  /** Stops refilling; pending takes fail. Generations already running finish and are dropped. */
  close(): void {
    this.#closed = true;
    this.#ready.length = 0;
    for (const reject of this.#failures.splice(0)) reject(new Error('prime pool is closed'));
    this.#waiters.length = 0;
  }

  #refill(): void {
    while (
      !this.#closed &&
      this.#running < this.#concurrency &&
      this.#ready.length + this.#running < this.#size + this.#waiters.length
    ) {
      this.#running++;
      generatePrime(this.#bits, { safe: true, bigint: true }, (err, prime) => {
        this.#running--;
        if (this.#closed) return;
        if (err) {
          for (const reject of this.#failures.splice(0)) reject(err);
          this.#waiters.length = 0;
          return;
        }
        const waiter = this.#waiters.shift();
        if (waiter) {
          this.#failures.shift();
          waiter(prime);
        } else this.#ready.push(prime);
        this.#refill();
      });
    }
  }
}
