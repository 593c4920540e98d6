import type { KeyObject } from 'node:crypto';
import { gcmOpen, gcmSeal } from './aead.js';
import { KeystoreIntegrityError } from './errors.js';
import { identityAad, identityLabel, type RecordIdentity } from './record-identity.js';
import { redacted } from './redact.js';

/**
 * Encrypts and decrypts records under the unwrapped data key, binding each to its identity.
 * The key lives in a native KeyObject, so it never sits in a JavaScript buffer after unlock.
 */
export class RecordCipher {
  readonly #key: KeyObject;

  constructor(dataKey: KeyObject) {
    this.#key = dataKey;
    redacted(this, 'RecordCipher');
  }

  seal(id: RecordIdentity, plaintext: Uint8Array): Buffer {
    return gcmSeal(this.#key, identityAad(id), plaintext);
  }

  /** Throws KeystoreIntegrityError naming `id` (never the content) when authentication fails. */
  open(id: RecordIdentity, sealed: Uint8Array): Uint8Array {
    const plain = gcmOpen(this.#key, identityAad(id), sealed);
    if (!plain) throw new KeystoreIntegrityError(identityLabel(id));
    // A fresh copy: Node may hand out small Buffers from a shared pool holding other bytes.
    const out = new Uint8Array(plain);
    plain.fill(0);
    return out;
  }
}
