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
import { Ed25519PublicKey } from '@mpcium/native-ed25519';
import type { OperationStore, WalletDirectory } from '@mpcium/operation-store';
import {
  type FrostNonceCommitment,
  type Intent,
  IntentSchema,
  KeyType,
  NonceCommitRequestSchema,
  type Operation,
  OperationErrorSchema,
  OperationSchema,
  OperationState,
  RecallRequestSchema,
  SessionKind,
  type SessionOutcome,
  SignatureResultSchema,
  type SignedIntent,
  SignedIntentSchema,
  type Wallet,
  WalletKeySchema,
  WalletSchema,
} from '@mpcium/proto';
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { CoordinatorError } from './errors.js';
import type { NodeEndpoint } from './node-endpoint.js';
import { NodeSlots } from './node-slots.js';
import { agreed, type ProposalFields, runAmong } from './sessions.js';

export interface CoordinatorOptions {
  readonly threshold: number;
  readonly nodes: readonly NodeEndpoint[];
  readonly store: OperationStore & WalletDirectory;
  readonly initiatorKeys: ReadonlyMap<string, InitiatorKey>;
  readonly intentPolicy?: IntentPolicy;
  readonly now?: () => number;
  /** Presignatures kept ready per wallet, refilled in the background (0: presign on demand). */
  readonly presignPoolSize?: number;
  /** FROST nonces kept ready per wallet key and node (0: FROST signs in two rounds). */
  readonly noncePoolSize?: number;
  /** Where background failures go (they never reach a caller). */
  readonly onBackgroundError?: (err: unknown) => void;
  /**
   * Called with every operation once it is final and stored (e.g. to publish the durable result
   * event). A failure here is reported to `onBackgroundError`; the stored operation stands.
   */
  readonly onFinished?: (operation: Operation) => Promise<void> | void;
  /**
   * Sessions run on one node at once from this coordinator; more wait (default 6, below the
   * signers' default limit of 8 so that background presigning from a second replica still fits).
   */
  readonly maxSessionsPerNode?: number;
  /** How long `resume` waits for nodes still running a cut-off session (default 120 s). */
  readonly resumeWaitMs?: number;
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
  /** Background refills running, by pool, and every background task (awaited by `drain`). */
  readonly #refilling = new Set<string>();
  /** FROST nonce commitments the nodes hold, per wallet key and party (each assigned once). */
  readonly #nonces = new Map<string, Map<number, FrostNonceCommitment[]>>();
  readonly #background = new Set<Promise<void>>();
  readonly #counters = { pooledSignatures: 0, onDemandSignatures: 0, presignSessions: 0 };
  readonly #slots: NodeSlots;

  constructor(options: CoordinatorOptions) {
    this.#o = options;
    this.#slots = new NodeSlots(options.maxSessionsPerNode ?? 6);
    this.#now = options.now ?? Date.now;
  }

  /** Runs aux-info generation among every node (cluster bootstrap, once). */
  async provision(): Promise<void> {
    await this.#runAmong(await this.#all(), { kind: SessionKind.AUX_INFO });
  }

  async createWallet(signed: SignedIntent | undefined): Promise<Operation> {
    const v = this.#verify(signed);
    if (v.intent.action.case !== 'createWallet')
      throw new CoordinatorError('invalid-argument', 'not a create-wallet intent');
    return this.#operation(v, signed!, () => this.#createWalletWork(v.intent, signed!, false));
  }

  async sign(signed: SignedIntent | undefined): Promise<Operation> {
    const v = this.#verify(signed);
    if (v.intent.action.case !== 'sign') throw new CoordinatorError('invalid-argument', 'not a sign intent');
    const { walletId, keyType } = v.intent.action.value;
    await this.#walletKey(walletId, keyType);
    return this.#operation(v, signed!, (note) => this.#signWork(v.intent, signed!, note, false));
  }

  /**
   * Finishes the operations a previous coordinator left unfinished (it stopped mid-way): what
   * the nodes completed is collected from them (signatures they stored, keys they hold) and
   * checked like a fresh result; what no node started runs now; what was cut off half-way
   * fails with INTERRUPTED. Returns how many operations it finished.
   */
  async resume(): Promise<number> {
    let finished = 0;
    for (const { operation, request } of await this.#o.store.unfinished()) {
      let signed: SignedIntent;
      let intent: Intent;
      try {
        signed = fromBinary(SignedIntentSchema, request);
        intent = fromBinary(IntentSchema, signed.intent);
      } catch {
        await this.#finish(operation, interrupted('the request of this operation was not kept'));
        finished++;
        continue;
      }
      const work =
        intent.action.case === 'createWallet'
          ? () => this.#createWalletWork(intent, signed, true)
          : (note: (p: string) => void) => this.#signWork(intent, signed, note, true);
      await this.#run(operation, work).catch(() => undefined);
      finished++;
    }
    return finished;
  }

  async #createWalletWork(
    intent: Intent,
    signed: SignedIntent,
    resuming: boolean,
  ): Promise<Operation['result']> {
    if (intent.action.case !== 'createWallet')
      throw new CoordinatorError('internal', 'not a create-wallet intent');
    const { walletId, taproot } = intent.action.value;
    const saved = await this.#o.store.getWallet(walletId);
    if (saved && resuming) return { case: 'wallet', value: fromBinary(WalletSchema, saved) };
    if (saved) throw new CoordinatorError('already-exists', `wallet ${walletId} exists`);
    const nodes = await this.#all();
    const wanted: [SessionKind, KeyType][] = [
      [SessionKind.ECDSA_KEYGEN, KeyType.ECDSA_SECP256K1],
      [SessionKind.FROST_KEYGEN, KeyType.ED25519],
      ...(taproot ? [[SessionKind.FROST_KEYGEN, KeyType.TAPROOT] as [SessionKind, KeyType]] : []),
    ];
    const keys = [];
    for (const [kind, keyType] of wanted) {
      const recalled = resuming
        ? await this.#recallKey(nodes, intent.id, kind, walletId, keyType)
        : undefined;
      const publicKey =
        recalled ??
        agreed(
          await this.#runAmong(nodes, {
            kind,
            walletId,
            signedIntent: signed,
            ...(kind === SessionKind.FROST_KEYGEN ? { keyType } : {}),
          }),
          (o) => o.publicKey,
        );
      keys.push(walletKey(keyType, publicKey));
    }
    const wallet = create(WalletSchema, { walletId, keys, createdAtMs: BigInt(this.#now()) });
    await this.#o.store.saveWallet(walletId, toBinary(WalletSchema, wallet));
    this.#refill(walletId);
    for (const k of keys) if (k.keyType !== KeyType.ECDSA_SECP256K1) this.#refillNonces(walletId, k.keyType);
    return { case: 'wallet', value: wallet };
  }

  /**
   * A wallet key the nodes generated before a restart: every node must hold the same one. None
   * holding it means the session never ran (undefined: run it); some holding it is a cut-off
   * wallet creation.
   */
  async #recallKey(
    nodes: readonly NodeEndpoint[],
    intentId: string,
    kind: SessionKind,
    walletId: string,
    keyType: KeyType,
  ): Promise<Uint8Array | undefined> {
    const outcomes = await this.#recallSettled(nodes, { intentId, kind, walletId, keyType });
    const holding = outcomes.filter((o) => o.ok);
    if (holding.length === 0) return undefined;
    if (holding.length === nodes.length) return agreed(holding, (o) => o.publicKey);
    const lacking = nodes.filter((_, k) => !outcomes[k]!.ok).map((n) => n.nodeId);
    throw new CoordinatorError(
      'aborted',
      `wallet creation was interrupted: ${KeyType[keyType]} key of ${walletId} exists on some nodes only`,
      lacking,
    );
  }

  /** Asks every node in `nodes` to recall, waiting while any is still running the session. */
  async #recallSettled(
    nodes: readonly NodeEndpoint[],
    fields: { intentId: string; kind: SessionKind; walletId: string; keyType: KeyType },
  ): Promise<SessionOutcome[]> {
    const request = create(RecallRequestSchema, fields);
    const deadline = this.#now() + (this.#o.resumeWaitMs ?? 120_000);
    for (;;) {
      const outcomes = await Promise.all(nodes.map((n) => n.recall(request)));
      const silent = nodes.filter((_, k) => outcomes[k]!.errorKind === 'timeout').map((n) => n.nodeId);
      if (silent.length > 0)
        throw new CoordinatorError('unavailable', `not available: ${silent.join(', ')}`, silent);
      if (!outcomes.some((o) => o.errorKind === 'running') || this.#now() > deadline) return outcomes;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async #signWork(
    intent: Intent,
    signed: SignedIntent,
    note: (progress: string) => void,
    resuming: boolean,
  ): Promise<Operation['result']> {
    if (intent.action.case !== 'sign') throw new CoordinatorError('internal', 'not a sign intent');
    const { walletId, keyType, message } = intent.action.value;
    const key = await this.#walletKey(walletId, keyType);
    if (resuming) {
      const online: NodeEndpoint[] = [];
      for (const n of this.#o.nodes) if (await n.online()) online.push(n);
      const kind = keyType === KeyType.ECDSA_SECP256K1 ? SessionKind.ECDSA_SIGN : SessionKind.FROST_SIGN;
      const outcomes = await this.#recallSettled(online, { intentId: intent.id, kind, walletId, keyType });
      const done = outcomes.filter((o) => o.ok && o.signature.length > 0);
      if (done.length > 0) {
        const { signature, recoveryId } = done[0]!;
        this.#checkSignature(keyType, message, key.publicKey, signature, recoveryId);
        note('collected from the nodes after a coordinator restart');
        const signers = online.filter((_, k) => outcomes[k]!.ok).map((n) => n.nodeId);
        return signatureResult(walletId, keyType, signature, recoveryId, signers);
      }
      if (outcomes.some((o) => o.errorKind === 'interrupted' || o.errorKind === 'running'))
        throw new CoordinatorError(
          'aborted',
          'the signing session was cut off by a coordinator restart; sign again with a new intent',
        );
    }
    const fields = { walletId, keyType, signedIntent: signed };
    // A node that stopped without saying so keeps its heartbeat for a few seconds; when it does
    // not answer the proposal, sign once more among the others (the intent is not spent yet).
    const excluded = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const signers = await this.#pickSigners(walletId, keyType, excluded);
      try {
        const out = await this.#signAmong(signers, fields, message, key.publicKey, note);
        const names = signers.map((s) => s.nodeId);
        return signatureResult(walletId, keyType, out.signature, out.recoveryId, names);
      } catch (e) {
        if (attempt >= 2 || !(e instanceof CoordinatorError) || !e.unanswered) throw e;
        for (const n of e.nodes) excluded.add(n);
      }
    }
  }

  async #walletKey(walletId: string, keyType: KeyType) {
    const wallet = await this.getWallet(walletId);
    const key = wallet.keys.find((k) => k.keyType === keyType);
    if (!key) throw new CoordinatorError('not-found', `wallet ${walletId} has no key of that type`);
    return key;
  }

  /** Verifies a signature from the nodes against the wallet key before anyone sees it. */
  #checkSignature(
    keyType: KeyType,
    message: Uint8Array,
    publicKey: Uint8Array,
    signature: Uint8Array,
    recoveryId: number,
  ): void {
    const ok =
      keyType === KeyType.ECDSA_SECP256K1
        ? secp256k1.verify(Uint8Array.from([recoveryId, ...signature]), message, publicKey, {
            prehash: false,
            lowS: true,
            format: 'recovered',
          })
        : keyType === KeyType.ED25519
          ? new Ed25519PublicKey(publicKey).verify(signature, message)
          : schnorr.verify(signature, message, publicKey);
    if (!ok) throw new CoordinatorError('internal', 'the cluster returned a signature that does not verify');
  }

  async #signAmong(
    signers: readonly NodeEndpoint[],
    fields: { walletId: string; keyType: KeyType; signedIntent: SignedIntent },
    message: Uint8Array,
    publicKey: Uint8Array,
    note: (progress: string) => void,
  ): Promise<{ signature: Uint8Array; recoveryId: number }> {
    const { walletId, keyType } = fields;
    let outcomes: SessionOutcome[];
    if (keyType === KeyType.ECDSA_SECP256K1) {
      const pooled = this.#takePresignature(walletId, signers);
      note(pooled ? 'presignature from the pool' : 'presigning on demand');
      const signWith = (pre: PooledPresignature) =>
        this.#runAmong(signers, { ...fields, kind: SessionKind.ECDSA_SIGN, presignatureId: pre.id });
      try {
        try {
          outcomes = await signWith(pooled ?? (await this.#presign(walletId, signers)));
          this.#counters[pooled ? 'pooledSignatures' : 'onDemandSignatures']++;
        } catch (e) {
          // A node no longer holds the pooled presignature (it made room for newer ones): the
          // intent was not spent, so presign now and sign with that.
          if (!pooled || !(e instanceof CoordinatorError) || e.kind !== 'failed-precondition' || e.unanswered)
            throw e;
          note('presigning on demand (a pooled presignature was gone)');
          outcomes = await signWith(await this.#presign(walletId, signers));
          this.#counters.onDemandSignatures++;
        }
      } finally {
        // Refilling only now keeps presigning (CPU-heavy) off the nodes while they sign.
        this.#refill(walletId);
      }
    } else {
      outcomes = await this.#frostSign(signers, fields, note);
    }
    const signature = agreed(outcomes, (o) => o.signature);
    const recoveryId = outcomes[0]!.recoveryId;
    this.#checkSignature(keyType, message, publicKey, signature, recoveryId);
    return { signature, recoveryId };
  }

  /**
   * FROST signing: one round when every signer has a pooled nonce commitment (taken out here,
   * so each is assigned once), else two rounds. A node that refuses its pooled nonce (gone, for
   * instance) loses its pool for that key and the signature is made in two rounds.
   */
  async #frostSign(
    signers: readonly NodeEndpoint[],
    fields: { walletId: string; keyType: KeyType; signedIntent: SignedIntent },
    note: (progress: string) => void,
  ): Promise<SessionOutcome[]> {
    const pools = this.#noncePools(fields.walletId, fields.keyType);
    const pooled = signers.every((s) => (pools.get(s.party)?.length ?? 0) > 0);
    try {
      if (pooled) {
        const frostCommitments = signers.map((s) => pools.get(s.party)!.shift()!);
        note('one round with pooled nonces');
        try {
          return await this.#runAmong(signers, { ...fields, kind: SessionKind.FROST_SIGN, frostCommitments });
        } catch (e) {
          if (!(e instanceof CoordinatorError) || e.kind !== 'failed-precondition' || e.unanswered) throw e;
          for (const s of signers) if (e.nodes.includes(s.nodeId)) pools.delete(s.party);
        }
      }
      note('two rounds');
      return await this.#runAmong(signers, { ...fields, kind: SessionKind.FROST_SIGN });
    } finally {
      this.#refillNonces(fields.walletId, fields.keyType);
    }
  }

  /** Pooled nonce commitments per party for one wallet key. */
  #noncePools(walletId: string, keyType: KeyType): Map<number, FrostNonceCommitment[]> {
    const key = `${walletId}\u0000${keyType}`;
    let pools = this.#nonces.get(key);
    if (!pools) {
      pools = new Map();
      this.#nonces.set(key, pools);
    }
    return pools;
  }

  /** Nonce commitments ready for a wallet key on a party (for status and tests). */
  noncesAvailable(walletId: string, keyType: KeyType, party: number): number {
    return this.#noncePools(walletId, keyType).get(party)?.length ?? 0;
  }

  /** Tops every online node's nonce pool for a wallet key up to `noncePoolSize`, in the background. */
  #refillNonces(walletId: string, keyType: KeyType): void {
    const target = this.#o.noncePoolSize ?? 0;
    if (target <= 0) return;
    const pools = this.#noncePools(walletId, keyType);
    this.#inBackground(`nonces\u0000${walletId}\u0000${keyType}`, () =>
      Promise.all(
        this.#o.nodes.map(async (n) => {
          const have = pools.get(n.party)?.length ?? 0;
          // Refill at half: one request tops up many nonces.
          if (have > target / 2 || !(await n.online())) return;
          const res = await n.commitNonces(
            create(NonceCommitRequestSchema, { walletId, keyType, count: target - have }),
          );
          if (res.error) throw new CoordinatorError('unavailable', `${n.nodeId}: ${res.error}`, [n.nodeId]);
          const list = pools.get(n.party) ?? [];
          list.push(...res.commitments.filter((c) => c.party === n.party));
          pools.set(n.party, list);
        }),
      ),
    );
  }

  /**
   * Runs `work` in the background, at most one at a time per `key`; a failure goes to
   * `onBackgroundError`, and `drain` waits for it.
   */
  #inBackground(key: string, work: () => Promise<unknown>): void {
    if (this.#refilling.has(key)) return;
    this.#refilling.add(key);
    const task = work()
      .then(
        () => undefined,
        (err: unknown) => this.#o.onBackgroundError?.(err),
      )
      .finally(() => this.#refilling.delete(key));
    this.#background.add(task);
    void task.finally(() => this.#background.delete(task));
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
    if (target <= 0) return;
    this.#inBackground(`presignatures\u0000${walletId}`, async () => {
      while (this.#pool(walletId).length < target) {
        const signers = await this.#pickSigners(walletId, KeyType.ECDSA_SECP256K1);
        this.#pool(walletId).push(await this.#presign(walletId, signers));
      }
    });
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
    nodes: { nodeId: string; ready: boolean; lastHeartbeatMs: number }[];
    canSign: boolean;
    canCreate: boolean;
  }> {
    const nodes = await Promise.all(
      this.#o.nodes.map(async (n) => ({
        nodeId: n.nodeId,
        ready: await n.online(),
        lastHeartbeatMs: n.lastHeartbeatMs?.() ?? 0,
      })),
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
   * the stored operation and never runs twice; a replayed nonce under a new id is refused. The
   * signed request is kept with the operation until it is final, for `resume`.
   */
  async #operation(
    v: VerifiedIntent,
    signed: SignedIntent,
    work: (note: (progress: string) => void) => Promise<Operation['result']>,
  ): Promise<Operation> {
    const now = BigInt(this.#now());
    const op = create(OperationSchema, {
      operationId: v.intent.id,
      state: OperationState.RUNNING,
      createdAtMs: now,
      updatedAtMs: now,
    });
    const opened = await this.#o.store.open(op, sha256(v.bytes), toBinary(SignedIntentSchema, signed));
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
    return this.#run(op, work);
  }

  /** Runs an operation's work and records how it ended; a failure is recorded, then thrown. */
  async #run(
    op: Operation,
    work: (note: (progress: string) => void) => Promise<Operation['result']>,
  ): Promise<Operation> {
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

  /** One session among `members`, once each of them has a free slot (back-pressure). */
  async #runAmong(members: readonly NodeEndpoint[], fields: ProposalFields): Promise<SessionOutcome[]> {
    const release = await this.#slots.acquire(members.map((m) => m.nodeId));
    try {
      return await runAmong(members, fields);
    } finally {
      release();
    }
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
    await this.#runAmong(signers, { kind: SessionKind.ECDSA_PRESIGN, walletId, presignatureId: id });
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

function signatureResult(
  walletId: string,
  keyType: KeyType,
  signature: Uint8Array,
  recoveryId: number,
  signers: string[],
): Operation['result'] {
  return {
    case: 'signature',
    value: create(SignatureResultSchema, { walletId, keyType, signature, recoveryId, signers }),
  };
}

function interrupted(message: string): Operation['result'] {
  return { case: 'error', value: create(OperationErrorSchema, { code: 'INTERRUPTED', message }) };
}

function walletKey(keyType: KeyType, publicKey: Uint8Array) {
  let address = '';
  if (keyType === KeyType.ECDSA_SECP256K1) {
    const uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
    address = `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`;
  }
  return create(WalletKeySchema, { keyType, publicKey, version: 1, address });
}
