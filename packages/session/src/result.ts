import type { Abort, PartyIndex } from '@mpcium/tss';

/** How a session ended (ARCHITECTURE.md: aborted with culprits, timeout with missing nodes, I/O, bug). */
export type SessionResult<O> =
  | { readonly kind: 'ok'; readonly output: O }
  | Abort
  | { readonly kind: 'timeout'; readonly round: number; readonly missing: readonly PartyIndex[] }
  | { readonly kind: 'io'; readonly message: string }
  | { readonly kind: 'bug'; readonly message: string };

/** Why an inbound envelope was dropped before any cryptography ran (STYLE.md rule 4). */
export type DropReason =
  | 'malformed-envelope'
  | 'oversized'
  | 'wrong-session'
  | 'wrong-protocol'
  | 'non-member'
  | 'misrouted'
  | 'past-round'
  | 'too-far-ahead'
  | 'unexpected-kind'
  | 'duplicate'
  | 'after-end';

export type SessionEvent =
  | {
      readonly type: 'dropped';
      readonly reason: DropReason;
      readonly from?: PartyIndex;
      readonly round?: number;
    }
  | { readonly type: 'buffered'; readonly from: PartyIndex; readonly round: number }
  | { readonly type: 'round'; readonly round: number };

export function describeResult(result: SessionResult<unknown>): string {
  switch (result.kind) {
    case 'ok':
      return 'ok';
    case 'abort':
      return `aborted: ${result.reason} (culprits: ${result.culprits.join(', ') || 'none'})`;
    case 'timeout':
      return `timed out in round ${result.round} waiting for parties ${result.missing.join(', ')}`;
    case 'io':
      return `I/O failure: ${result.message}`;
    case 'bug':
      return `internal error: ${result.message}`;
  }
}
