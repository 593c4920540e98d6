export { PrimePool, type PrimePoolOptions } from './prime-pool.js';
