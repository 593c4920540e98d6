/**
 * What a node checks before it joins a session (ARCHITECTURE.md "Trust model"): the coordinator
 * is not trusted with authority, so key generation and signing need the initiator's signed
 * intent, verified here, and the proposal must ask for exactly what the intent says.
 */
import {
  type InitiatorKey,
  IntentError,
  type IntentPolicy,
  type VerifiedIntent,
  verifySignedIntent,
} from '@mpcium/intent';
import { KeyType, SessionKind, type SessionProposal } from '@mpcium/proto';
import type { PartyIndex } from '@mpcium/tss';

export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface ClusterView {
  readonly self: PartyIndex;
  readonly parties: readonly PartyIndex[];
  readonly threshold: number;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Checks participants for the session kind: everyone for setup, exactly `threshold` for signing. */
export function checkParticipants(p: SessionProposal, cluster: ClusterView): readonly PartyIndex[] {
  const list = [...p.participants];
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  if (!sameList(list, sorted)) throw new Refusal('participants must be distinct and ascending');
  if (!list.includes(cluster.self)) throw new Refusal('this node is not a participant');
  if (!list.every((x) => cluster.parties.includes(x))) throw new Refusal('unknown participant');
  const everyone =
    p.kind === SessionKind.AUX_INFO ||
    p.kind === SessionKind.ECDSA_KEYGEN ||
    p.kind === SessionKind.FROST_KEYGEN;
  if (everyone && !sameList(list, [...cluster.parties])) throw new Refusal('key generation needs every node');
  if (!everyone && list.length !== cluster.threshold)
    throw new Refusal(`signing needs exactly ${cluster.threshold} nodes`);
  return Object.freeze(list);
}

/** Verifies the intent and that the proposal matches it; returns the verified intent. */
export function authorize(
  p: SessionProposal,
  keys: ReadonlyMap<string, InitiatorKey>,
  nowMs: number,
  policy?: IntentPolicy,
): VerifiedIntent | undefined {
  if (p.kind === SessionKind.AUX_INFO || p.kind === SessionKind.ECDSA_PRESIGN) return undefined;
  let v: VerifiedIntent;
  try {
    v = verifySignedIntent(p.signedIntent, keys, nowMs, policy);
  } catch (e) {
    throw new Refusal(
      e instanceof IntentError ? `intent refused (${e.kind}): ${e.message}` : 'intent refused',
    );
  }
  const action = v.intent.action;
  if (p.kind === SessionKind.ECDSA_KEYGEN || p.kind === SessionKind.FROST_KEYGEN) {
    if (action.case !== 'createWallet' || action.value.walletId !== p.walletId) {
      throw new Refusal('the intent does not ask for this wallet');
    }
    if (p.kind === SessionKind.FROST_KEYGEN && p.keyType === KeyType.TAPROOT && !action.value.taproot) {
      throw new Refusal('the intent does not ask for a Taproot key');
    }
    return v;
  }
  if (action.case !== 'sign' || action.value.walletId !== p.walletId || action.value.keyType !== p.keyType) {
    throw new Refusal('the intent does not ask for this signature');
  }
  const ecdsa = action.value.keyType === KeyType.ECDSA_SECP256K1;
  if (
    (p.kind === SessionKind.ECDSA_SIGN) !== ecdsa ||
    (p.kind !== SessionKind.ECDSA_SIGN && p.kind !== SessionKind.FROST_SIGN)
  ) {
    throw new Refusal('session kind does not match the key type');
  }
  return v;
}
