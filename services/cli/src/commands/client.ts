/**
 * `mpcium wallet create`, `mpcium sign`, `mpcium status`: a wallet backend's calls from the
 * command line, signed with an initiator key file (64 hex characters, an Ed25519 seed as written
 * by `mpcium init` or `mpcium dev`; the key id is the file name without `.key`).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { createClient } from '@mpcium/grpc';
import { type InitiatorSigner, newIntent, signIntent } from '@mpcium/intent';
import {
  CreateWalletActionSchema,
  KeyType,
  type Operation,
  OperationState,
  SignActionSchema,
  SignatureScheme,
  WalletService,
} from '@mpcium/proto';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { DEFAULT_DEV_DIR } from './dev.js';

export interface ClientArgs {
  readonly address: string;
  readonly keyFile?: string;
  readonly keyId?: string;
  readonly json: boolean;
}

function signer(args: ClientArgs): InitiatorSigner {
  const file = args.keyFile ?? join(DEFAULT_DEV_DIR, 'initiator', 'embedded.key');
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`${file}: expected 64 hex characters (an Ed25519 seed)`);
  return {
    keyId: args.keyId ?? basename(file).replace(/\.key$/, ''),
    scheme: SignatureScheme.ED25519,
    secretKey: hexToBytes(text),
  };
}

const KEY_TYPES: Readonly<Record<string, KeyType>> = {
  ecdsa: KeyType.ECDSA_SECP256K1,
  ed25519: KeyType.ED25519,
  taproot: KeyType.TAPROOT,
};

function print(op: Operation | undefined, json: boolean): number {
  if (!op) throw new Error('no operation in the response');
  const result = op.result;
  const out: Record<string, unknown> = { operationId: op.operationId, state: OperationState[op.state] };
  if (result.case === 'wallet') {
    out.walletId = result.value.walletId;
    out.keys = result.value.keys.map((k) => ({
      keyType: KeyType[k.keyType],
      publicKey: bytesToHex(k.publicKey),
      address: k.address || undefined,
    }));
  } else if (result.case === 'signature') {
    out.signature = bytesToHex(result.value.signature);
    if (result.value.keyType === KeyType.ECDSA_SECP256K1) out.recoveryId = result.value.recoveryId;
    out.signers = result.value.signers;
  } else if (result.case === 'error') {
    out.error = { code: result.value.code, message: result.value.message, nodes: result.value.nodes };
  }
  console.log(
    json
      ? JSON.stringify(out)
      : Object.entries(out)
          .map(([k, v]) => `${k.padEnd(12)} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join('\n'),
  );
  return op.state === OperationState.SUCCEEDED ? 0 : 1;
}

export async function walletCreate(
  args: ClientArgs & { walletId: string; taproot: boolean },
): Promise<number> {
  const client = createClient(WalletService, args.address, { defaultDeadlineMs: 120_000 });
  try {
    const intent = newIntent({
      case: 'createWallet',
      value: create(CreateWalletActionSchema, { walletId: args.walletId, taproot: args.taproot }),
    });
    return print(
      (await client.createWallet({ signedIntent: signIntent(intent, signer(args)) })).operation,
      args.json,
    );
  } finally {
    client.close();
  }
}

export async function sign(
  args: ClientArgs & {
    walletId: string;
    keyType: string;
    digestHex?: string;
    message?: string;
    messageHex?: string;
  },
): Promise<number> {
  const keyType = KEY_TYPES[args.keyType];
  if (keyType === undefined) throw new Error('--key-type must be ecdsa, ed25519 or taproot');
  const message = args.digestHex
    ? hexToBytes(args.digestHex)
    : args.messageHex
      ? hexToBytes(args.messageHex)
      : utf8ToBytes(args.message ?? '');
  const client = createClient(WalletService, args.address, { defaultDeadlineMs: 120_000 });
  try {
    const intent = newIntent({
      case: 'sign',
      value: create(SignActionSchema, { walletId: args.walletId, keyType, message }),
    });
    return print(
      (await client.sign({ signedIntent: signIntent(intent, signer(args)) })).operation,
      args.json,
    );
  } finally {
    client.close();
  }
}

export async function status(args: { address: string; json: boolean }): Promise<number> {
  const client = createClient(WalletService, args.address, { defaultDeadlineMs: 10_000 });
  try {
    const s = await client.getClusterStatus({});
    const out = {
      threshold: s.threshold,
      canSign: s.canSign,
      canCreateWallets: s.canCreateWallets,
      nodes: s.nodes.map((n) => ({ nodeId: n.nodeId, ready: n.ready })),
    };
    console.log(JSON.stringify(out, null, args.json ? undefined : 2));
    return s.canSign ? 0 : 1;
  } finally {
    client.close();
  }
}
