export { type BlameDecision, BlameLedger, type BlameLedgerOptions } from './blame-ledger.js';
export { broadcastDigest, checkEcho, makeEcho } from './echo.js';
export type { DropReason, SessionEvent, SessionResult } from './result.js';
export { describeResult } from './result.js';
export type { SessionOptions } from './session.js';
export { DEFAULT_MAX_ENVELOPE_BYTES, runSession, SESSION_ID_BYTES } from './session.js';
export type { SessionTransport, Timers, Transport } from './transport.js';
export { realTimers } from './transport.js';
