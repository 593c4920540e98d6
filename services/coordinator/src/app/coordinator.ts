/**
 * The coordinator's application core (ARCHITECTURE.md "coordinator"): checks and de-duplicates
 * signed requests, picks the participating nodes, runs the sessions, verifies the result against
 * the wallet key, and records the operation. It holds no authority: every node verifies the
 * initiator's signature itself, so this class can deny service but never make the cluster sign
 * something no initiator asked for.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  type InitiatorKey,
  IntentError,
  type IntentPolicy,
  type VerifiedIntent,
  verifySignedIntent,
} from '@mpcium/intent';
import type { OperationStore, WalletDirectory } from '@mpcium/operation-store';
import {
  KeyType,
  type Operation,
  OperationErrorSchema,
  OperationSchema,
  OperationState,
  SessionKind,
  SignatureResultSchema,
  type SignedIntent,
  type Wallet,
  WalletKeySchema,
  WalletSchema,
} from '@mpcium/proto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { CoordinatorError } from './errors.js';
import type { NodeEndpoint } from './node-endpoint.js';
import { agreed, runAmong } from './sessions.js';

export interface CoordinatorOptions {
  readonly threshold: number;
  readonly nodes: readonly NodeEndpoint[];
  readonly store: OperationStore & WalletDirectory;
  readonly initiatorKeys: ReadonlyMap<string, InitiatorKey>;
  readonly intentPolicy?: IntentPolicy;
  readonly now?: () => number;
  /** Presignatures kept ready per wallet, refilled in the background (0: presign on demand). */
  readonly presignPoolSize?: number;
  /** Where background failures go (they never reach a caller). */
  readonly onBackgroundError?: (err: unknown) => void;
  /**
   * Called with every operation once it is final and stored (e.g. to publish the durable result
   * event). A failure here is reported to `onBackgroundError`; the stored operation stands.
   */
  readonly onFinished?: (operation: Operation) => Promise<void> | void;
}

interface PooledPresignature {
  readonly id: string;
  readonly signers: readonly number[];
}

export class Coordinator {
  readonly #o: CoordinatorOptions;
  readonly #now: () => number;
  /** Presignatures the nodes hold, per wallet, with the signer set each belongs to. */
  readonly #presignatures = new Map<string, PooledPresignature[]>();
  /** Background presigning per wallet, and every background task (awaited by `drain`). */
  readonly #refilling = new Map<string, number>();
  readonly #background = new Set<Promise<void>>();
  readonly #counters = { pooledSignatures: 0, onDemandSignatures: 0, presignSessions: 0 };

  constructor(options: CoordinatorOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** Runs aux-info generation among every node (cluster bootstrap, once). */
  async provision(): Promise<void> {
    await runAmong(await this.#all(), { kind: SessionKind.AUX_INFO });
  }

  async createWallet(signed: SignedIntent | undefined): Promise<Operation> {
    const v = this.#verify(signed);
    if (v.intent.action.case !== 'createWallet')
      throw new CoordinatorError('invalid-argument', 'not a create-wallet intent');
    const { walletId, taproot } = v.intent.action.value;
    return this.#operation(v, async () => {
      if (await this.#o.store.getWallet(walletId))
        throw new CoordinatorError('already-exists', `wallet ${walletId} exists`);
      const nodes = await this.#all();
      const fields = { walletId, signedIntent: signed! };
      const ecdsa = agreed(
        await runAmong(nodes, { ...fields, kind: SessionKind.ECDSA_KEYGEN }),
        (o) => o.publicKey,
      );
      const keys = [walletKey(KeyType.ECDSA_SECP256K1, ecdsa)];
      for (const keyType of taproot ? [KeyType.ED25519, KeyType.TAPROOT] : [KeyType.ED25519]) {
        const pk = agreed(
          await runAmong(nodes, { ...fields, kind: SessionKind.FROST_KEYGEN, keyType }),
          (o) => o.publicKey,
        );
        keys.push(walletKey(keyType, pk));
      }
      const wallet = create(WalletSchema, { walletId, keys, createdAtMs: BigInt(this.#now()) });
      await this.#o.store.saveWallet(walletId, toBinary(WalletSchema, wallet));
      this.#refill(walletId);
      return { case: 'wallet', value: wallet };
    });
  }

  async sign(signed: SignedIntent | undefined): Promise<Operation> {
    const v = this.#verify(signed);
    if (v.intent.action.case !== 'sign') throw new CoordinatorError('invalid-argument', 'not a sign intent');
    const { walletId, keyType, message } = v.intent.action.value;
    const wallet = await this.getWallet(walletId);
    const key = wallet.keys.find((k) => k.keyType === keyType);
    if (!key) throw new CoordinatorError('not-found', `wallet ${walletId} has no key of that type`);
    return this.#operation(v, async (note) => {
      const fields = { walletId, keyType, signedIntent: signed! };
      // A node that stopped without saying so keeps its heartbeat for a few seconds; when it does
      // not answer the proposal, sign once more among the others (the intent is not spent yet).
      const excluded = new Set<string>();
      for (let attempt = 1; ; attempt++) {
        const signers = await this.#pickSigners(walletId, keyType, excluded);
        try {
          const out = await this.#signAmong(signers, fields, message, key.publicKey, note);
          const result = create(SignatureResultSchema, {
            walletId,
            keyType,
            signature: out.signature,
            recoveryId: out.recoveryId,
            signers: signers.map((s) => s.nodeId),
          });
          return { case: 'signature', value: result };
        } catch (e) {
          if (attempt >= 2 || !(e instanceof CoordinatorError) || !e.unanswered) throw e;
          for (const n of e.nodes) excluded.add(n);
        }
      }
    });
  }

  async #signAmong(
    signers: readonly NodeEndpoint[],
    fields: { walletId: string; keyType: KeyType; signedIntent: SignedIntent },
    message: Uint8Array,
    publicKey: Uint8Array,
    note: (progress: string) => void,
  ): Promise<{ signature: Uint8Array; recoveryId: number }> {
    const { walletId, keyType } = fields;
    if (keyType === KeyType.ECDSA_SECP256K1) {
      const pooled = this.#takePresignature(walletId, signers);
      this.#refill(walletId);
      note(pooled ? 'presignature from the pool' : 'presigning on demand');
      const pre = pooled ?? (await this.#presign(walletId, signers));
      this.#counters[pooled ? 'pooledSignatures' : 'onDemandSignatures']++;
      const outcomes = await runAmong(signers, {
        ...fields,
        kind: SessionKind.ECDSA_SIGN,
        presignatureId: pre.id,
      });
      const signature = agreed(outcomes, (o) => o.signature);
      const recoveryId = outcomes[0]!.recoveryId;
      const recovered = Uint8Array.from([recoveryId, ...signature]);
      if (
        !secp256k1.verify(recovered, message, publicKey, { prehash: false, lowS: true, format: 'recovered' })
      )
        throw new CoordinatorError('internal', 'the cluster returned a signature that does not verify');
      return { signature, recoveryId };
    }
    const signature = agreed(
      await runAmong(signers, { ...fields, kind: SessionKind.FROST_SIGN }),
      (o) => o.signature,
    );
    const ok =
      keyType === KeyType.ED25519
        ? ed25519.verify(signature, message, publicKey, { zip215: false })
        : schnorr.verify(signature, message, publicKey);
    if (!ok) throw new CoordinatorError('internal', 'the cluster returned a signature that does not verify');
    return { signature, recoveryId: 0 };
  }

  /** Fills the presignature pool of `walletId` for the first `threshold` online nodes. */
  async presign(walletId: string, count: number): Promise<number> {
    const signers = await this.#pickSigners(walletId, KeyType.ECDSA_SECP256K1);
    let made = 0;
    for (; made < count; made++) this.#pool(walletId).push(await this.#presign(walletId, signers));
    return made;
  }

  /** Counters for metrics: ECDSA signatures from the pool or presigned on demand, presign sessions. */
  counters(): Readonly<{ pooledSignatures: number; onDemandSignatures: number; presignSessions: number }> {
    return { ...this.#counters };
  }

  /** Waits for background presigning to finish (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  /** Tops the wallet's pool up to `presignPoolSize` in the background, one session at a time. */
  #refill(walletId: string): void {
    const target = this.#o.presignPoolSize ?? 0;
    if (target <= 0 || (this.#refilling.get(walletId) ?? 0) > 0) return;
    this.#refilling.set(walletId, 1);
    const task = (async () => {
      try {
        while (this.#pool(walletId).length < target) {
          const signers = await this.#pickSigners(walletId, KeyType.ECDSA_SECP256K1);
          this.#pool(walletId).push(await this.#presign(walletId, signers));
        }
      } catch (err) {
        this.#o.onBackgroundError?.(err);
      } finally {
        this.#refilling.delete(walletId);
      }
    })();
    this.#background.add(task);
    void task.finally(() => this.#background.delete(task));
  }

  presignaturesAvailable(walletId: string): number {
    return this.#pool(walletId).length;
  }

  async getOperation(operationId: string): Promise<Operation> {
    const op = await this.#o.store.get(operationId);
    if (!op) throw new CoordinatorError('not-found', `no operation ${operationId}`);
    return op;
  }

  async getWallet(walletId: string): Promise<Wallet> {
    const bytes = await this.#o.store.getWallet(walletId);
    if (!bytes) throw new CoordinatorError('not-found', `no wallet ${walletId}`);
    return fromBinary(WalletSchema, bytes);
  }

  /** A page of wallets in id order after `after`. */
  async listWallets(after: string, limit: number): Promise<Wallet[]> {
    const ids = await this.#o.store.listWalletIds(after, limit);
    return Promise.all(ids.map((id) => this.getWallet(id)));
  }

  /** Which nodes are ready, and whether the cluster can sign and create wallets. */
  async status(): Promise<{
    nodes: { nodeId: string; ready: boolean }[];
    canSign: boolean;
    canCreate: boolean;
  }> {
    const nodes = await Promise.all(
      this.#o.nodes.map(async (n) => ({ nodeId: n.nodeId, ready: await n.online() })),
    );
    const ready = nodes.filter((n) => n.ready).length;
    return { nodes, canSign: ready >= this.#o.threshold, canCreate: ready === nodes.length };
  }

  get threshold(): number {
    return this.#o.threshold;
  }

  #verify(signed: SignedIntent | undefined): VerifiedIntent {
    try {
      return verifySignedIntent(signed, this.#o.initiatorKeys, this.#now(), this.#o.intentPolicy);
    } catch (e) {
      if (!(e instanceof IntentError)) throw e;
      const kind =
        e.kind === 'unsigned' || e.kind === 'unknown-key' || e.kind === 'bad-signature'
          ? 'unauthenticated'
          : e.kind === 'expired' || e.kind === 'not-yet-valid'
            ? 'failed-precondition'
            : 'invalid-argument';
      throw new CoordinatorError(kind, e.message);
    }
  }

  /**
   * Opens the operation for the intent (its id is the idempotency key): the same request returns
   * the stored operation and never runs twice; a replayed nonce under a new id is refused.
   */
  async #operation(
    v: VerifiedIntent,
    work: (note: (progress: string) => void) => Promise<Operation['result']>,
  ): Promise<Operation> {
    const now = BigInt(this.#now());
    const op = create(OperationSchema, {
      operationId: v.intent.id,
      state: OperationState.RUNNING,
      createdAtMs: now,
      updatedAtMs: now,
    });
    const opened = await this.#o.store.open(op, sha256(v.bytes));
    if (!opened.created) {
      if (!opened.sameRequest)
        throw new CoordinatorError('already-exists', 'this intent id was used for another request');
      return opened.operation;
    }
    const ttl = Number(v.intent.expiresAtMs) - this.#now() + 60_000;
    if (!(await this.#o.store.claimNonce(v.keyId, v.intent.nonce, ttl))) {
      await this.#finish(op, {
        case: 'error',
        value: create(OperationErrorSchema, { code: 'REPLAYED', message: 'intent nonce replayed' }),
      });
      throw new CoordinatorError('failed-precondition', 'intent nonce replayed');
    }
    try {
      const result = await work((progress) => {
        op.progress = progress;
      });
      return await this.#finish(op, result);
    } catch (e) {
      const err = e instanceof CoordinatorError ? e : new CoordinatorError('internal', 'internal error');
      await this.#finish(op, {
        case: 'error',
        value: create(OperationErrorSchema, {
          code: err.kind.toUpperCase().replace(/-/g, '_'),
          message: err.message,
          nodes: [...err.nodes],
        }),
      });
      throw err;
    }
  }

  async #finish(op: Operation, result: Operation['result']): Promise<Operation> {
    const done = create(OperationSchema, {
      ...op,
      state: result.case === 'error' ? OperationState.FAILED : OperationState.SUCCEEDED,
      updatedAtMs: BigInt(this.#now()),
      result,
    });
    await this.#o.store.update(done);
    try {
      await this.#o.onFinished?.(done);
    } catch (err) {
      this.#o.onBackgroundError?.(err);
    }
    return done;
  }

  async #all(): Promise<NodeEndpoint[]> {
    const missing: string[] = [];
    for (const n of this.#o.nodes) if (!(await n.online())) missing.push(n.nodeId);
    if (missing.length > 0) {
      throw new CoordinatorError(
        'unavailable',
        `wallet creation needs every node; not available: ${missing.join(', ')}`,
        missing,
      );
    }
    return [...this.#o.nodes];
  }

  /** Threshold online nodes, preferring a set that already holds a presignature for the wallet. */
  async #pickSigners(
    walletId: string,
    keyType: KeyType,
    excluded: ReadonlySet<string> = new Set(),
  ): Promise<NodeEndpoint[]> {
    const online: NodeEndpoint[] = [];
    for (const n of this.#o.nodes) if (!excluded.has(n.nodeId) && (await n.online())) online.push(n);
    if (online.length < this.#o.threshold) {
      const missing = this.#o.nodes.filter((n) => !online.includes(n)).map((n) => n.nodeId);
      throw new CoordinatorError(
        'unavailable',
        `only ${online.length} of ${this.#o.threshold} required nodes are available`,
        missing,
      );
    }
    if (keyType === KeyType.ECDSA_SECP256K1) {
      const up = new Set(online.map((n) => n.party));
      const pooled = this.#pool(walletId).find((p) => p.signers.every((s) => up.has(s)));
      if (pooled) return online.filter((n) => pooled.signers.includes(n.party));
    }
    return online.slice(0, this.#o.threshold);
  }

  async #presign(walletId: string, signers: readonly NodeEndpoint[]): Promise<PooledPresignature> {
    this.#counters.presignSessions++;
    const id = `pre-${bytesToHex(randomBytes(12))}`;
    await runAmong(signers, { kind: SessionKind.ECDSA_PRESIGN, walletId, presignatureId: id });
    return { id, signers: signers.map((s) => s.party) };
  }

  #takePresignature(walletId: string, signers: readonly NodeEndpoint[]): PooledPresignature | undefined {
    const pool = this.#pool(walletId);
    const set = signers.map((s) => s.party).join(',');
    const k = pool.findIndex((p) => p.signers.join(',') === set);
    return k < 0 ? undefined : pool.splice(k, 1)[0];
  }

  #pool(walletId: string): PooledPresignature[] {
    let pool = this.#presignatures.get(walletId);
    if (!pool) {
      pool = [];
      this.#presignatures.set(walletId, pool);
    }
    return pool;
  }
}

function walletKey(keyType: KeyType, publicKey: Uint8Array) {
  let address = '';
  if (keyType === KeyType.ECDSA_SECP256K1) {
    const uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
    address = `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`;
  }
  return create(WalletKeySchema, { keyType, publicKey, version: 1, address });
}
