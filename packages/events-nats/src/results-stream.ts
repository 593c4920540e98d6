/**
 * The JetStream stream of result events: subjects `<prefix>.>`, file storage, limits
 * retention (events stay for max-age whoever has read them, so any number of durable clients
 * can each read them once), and a duplicate window in which a second publish of the same
 * operation id is dropped by the server. Created when missing; when present with other
 * subjects, max-age or duplicate window it is updated to ours (those are updatable); a stream
 * of that name on other storage is refused, since storage cannot change.
 */
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';

export interface ResultsStreamConfig {
  readonly stream: string;
  readonly subjectPrefix: string;
  readonly duplicateWindowMs: number;
  readonly maxAgeMs: number;
}

const nanos = (ms: number) => ms * 1_000_000;

function isStreamNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;
}

async function info(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (isStreamNotFound(err)) return undefined;
    throw err;
  }
}

export async function ensureResultsStream(
  jsm: JetStreamManager,
  c: ResultsStreamConfig,
): Promise<StreamInfo> {
  const wanted = {
    subjects: [`${c.subjectPrefix}.>`],
    max_age: nanos(c.maxAgeMs),
    duplicate_window: nanos(c.duplicateWindowMs),
  };
  let existing = await info(jsm, c.stream);
  if (!existing) {
    try {
      const config: Partial<StreamConfig> & { name: string } = {
        name: c.stream,
        ...wanted,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
      };
      return await jsm.streams.add(config);
    } catch (err) {
      // Another coordinator may have created it in the meantime; check it like an existing one.
      existing = await info(jsm, c.stream);
      if (!existing) throw err;
    }
  }
  const have = existing.config;
  if (have.storage !== StorageType.File)
    throw new Error(
      `stream ${c.stream} exists with ${have.storage} storage; result events need file storage`,
    );
  const same =
    have.subjects?.length === 1 &&
    have.subjects[0] === wanted.subjects[0] &&
    have.max_age === wanted.max_age &&
    have.duplicate_window === wanted.duplicate_window;
  return same ? existing : jsm.streams.update(c.stream, { ...have, ...wanted });
}
