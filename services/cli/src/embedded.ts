/**
 * The embedded default (ARCHITECTURE.md "Embedded default vs cluster"): coordinator, signers and
 * keystores of one cluster in one process, wired through the in-memory bus and operation store,
 * with a SQLite keystore file per node. Same code as the cluster; only the adapters differ.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Coordinator, type NodeEndpoint } from '@mpcium/coordinator';
import { checkInitiatorKey, type InitiatorSigner } from '@mpcium/intent';
import { SqliteKeyStore } from '@mpcium/keystore-sqlite';
import { SignerNode } from '@mpcium/node';
import { MemoryOperationStore } from '@mpcium/operation-store';
import { PrimePool } from '@mpcium/prime-pool';
import { SignatureScheme } from '@mpcium/proto';
import { MemoryBus } from '@mpcium/transport-memory';
import { type SecurityProfile, STANDARD_PROFILE } from '@mpcium/tss';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly nodes?: number;
  readonly threshold?: number;
  readonly profile?: SecurityProfile;
  readonly onProgress?: (message: string) => void;
  /** Presignatures kept ready per wallet (0: presign on demand). */
  readonly presignPoolSize?: number;
  /** FROST nonces kept ready per wallet key and node (0: two-round FROST signing). */
  readonly noncePoolSize?: number;
}

export interface EmbeddedCluster {
  readonly coordinator: Coordinator;
  /** The initiator key this cluster trusts (the embedded wallet backend). */
  readonly initiator: InitiatorSigner;
  readonly nodeIds: readonly string[];
  close(): Promise<void>;
}

export async function startEmbeddedCluster(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const n = options.nodes ?? 3;
  const threshold = options.threshold ?? Math.floor(n / 2) + 1;
  const profile = options.profile ?? STANDARD_PROFILE;
  const progress = options.onProgress ?? (() => {});
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const parties = Array.from({ length: n }, (_, k) => k + 1);
  const initiatorSecret = ed25519.utils.randomSecretKey();
  const initiator: InitiatorSigner = {
    keyId: 'embedded',
    scheme: SignatureScheme.ED25519,
    secretKey: initiatorSecret,
  };
  const initiatorKeys = new Map([
    [
      'embedded',
      checkInitiatorKey({
        keyId: 'embedded',
        scheme: SignatureScheme.ED25519,
        publicKey: ed25519.getPublicKey(initiatorSecret),
      }),
    ],
  ]);
  const primes = new PrimePool({ bits: profile.primeBits, size: 2 * n, concurrency: 2 });
  let taken = 0;
  const bus = new MemoryBus();
  const stores: SqliteKeyStore[] = [];
  const nodes: SignerNode[] = [];
  const endpoints: NodeEndpoint[] = [];
  for (const party of parties) {
    const nodeId = `node${party - 1}`;
    const keystore = await SqliteKeyStore.open({
      path: join(options.dataDir, `${nodeId}.db`),
      dataKey: randomBytes(32),
    });
    stores.push(keystore);
    const node = new SignerNode({
      cluster: { self: party, parties, threshold, profile, auxSetId: 'embedded' },
      keystore,
      transports: { open: (sid, self) => bus.open(sid, self) },
      initiatorKeys,
      primes: {
        take: async () => {
          const p = await primes.take();
          taken++;
          progress(`safe prime ${taken} of ${2 * n} ready`);
          return p;
        },
      },
      roundTimeoutMs: 60_000,
    });
    nodes.push(node);
    endpoints.push({
      party,
      nodeId,
      propose: (p) => node.propose(p),
      run: (sid) => node.run(sid),
      cancel: (sid) => node.cancel(sid),
      recall: (r) => node.recall(r),
      commitNonces: (r) => node.commitNonces(r),
      online: () => true,
    });
  }
  const coordinator = new Coordinator({
    threshold,
    nodes: endpoints,
    store: new MemoryOperationStore(),
    initiatorKeys,
    ...(options.presignPoolSize !== undefined ? { presignPoolSize: options.presignPoolSize } : {}),
    ...(options.noncePoolSize !== undefined ? { noncePoolSize: options.noncePoolSize } : {}),
  });
  progress(
    `generating aux info for ${n} nodes (${profile.name} profile: Paillier-Blum moduli, Πmod, Πprm, Πfac)`,
  );
  await coordinator.provision();
  primes.close();
  progress('aux info ready');
  return {
    coordinator,
    initiator,
    nodeIds: endpoints.map((e) => e.nodeId),
    async close() {
      // Finish background presigning before the keystores close: nothing half-written.
      await coordinator.drain();
      for (const node of nodes) await node.drain(5_000);
      primes.close();
      for (const s of stores) await s.close();
    },
  };
}

export const hex = (b: Uint8Array): string => bytesToHex(b);
