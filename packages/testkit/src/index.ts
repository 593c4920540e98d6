export { defer, tempDir } from './cleanup.js';
export { type NatsFixture, natsFixture, waitFor } from './nats-fixture.js';
export { assertPortFree, freePort } from './ports.js';
export { type RunningServer, startServer, waitForPort } from './process.js';
export { type NatsServer, type RedisServer, startNats, startRedis } from './servers.js';
