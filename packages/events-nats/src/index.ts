/** Durable result events on JetStream: the coordinator publishes, NATS event clients consume. */
export {
  MAX_RESULT_EVENT_BYTES,
  parseResultEvent,
  RESULT_KINDS,
  type ResultKind,
  resultKind,
} from './result-event.js';
export {
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_RESULTS_MAX_AGE_MS,
  DEFAULT_RESULTS_PREFIX,
  DEFAULT_RESULTS_STREAM,
  type PublishedResult,
  ResultEvents,
  type ResultEventsOptions,
  resultsStreamConfig,
} from './result-events.js';
export type { ResultsStreamConfig } from './results-stream.js';
export {
  type ResultSubscription,
  type SubscribeResultsOptions,
  subscribeResults,
} from './subscribe-results.js';
