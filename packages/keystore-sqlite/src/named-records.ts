import type Database from 'better-sqlite3';
import { KeystoreConflictError } from './errors.js';
import type { RecordCipher } from './record-cipher.js';
import { identityLabel, type RecordIdentity } from './record-identity.js';
import { isUniqueViolation } from './sqlite-errors.js';

/**
 * Records addressed by one name: node aux info per node set id (written once, since key shares
 * made with it depend on it; a new set id gets new aux info), and generic secrets such as the
 * node's identity keys (replaced atomically on write).
 */
export class NamedRecords {
  readonly #cipher: RecordCipher;
  readonly #insertAux: Database.Statement;
  readonly #getAux: Database.Statement;
  readonly #upsertSecret: Database.Statement;
  readonly #getSecret: Database.Statement;

  constructor(db: Database.Database, cipher: RecordCipher) {
    this.#cipher = cipher;
    this.#insertAux = db.prepare('INSERT INTO aux_info (set_id, sealed, created_at) VALUES (?, ?, ?)');
    this.#getAux = db.prepare('SELECT sealed FROM aux_info WHERE set_id = ?').pluck();
    this.#upsertSecret = db.prepare(
      `INSERT INTO secrets (name, sealed, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
    );
    this.#getSecret = db.prepare('SELECT sealed FROM secrets WHERE name = ?').pluck();
  }

  putAuxInfo(setId: string, bytes: Uint8Array): void {
    const id: RecordIdentity = { table: 'aux_info', setId };
    try {
      this.#insertAux.run(setId, this.#cipher.seal(id, bytes), Date.now());
    } catch (e) {
      if (isUniqueViolation(e))
        throw new KeystoreConflictError(`${identityLabel(id)} already exists; aux info is written once`);
      throw e;
    }
  }

  getAuxInfo(setId: string): Uint8Array | undefined {
    const sealed = this.#getAux.get(setId) as Uint8Array | undefined;
    return sealed && this.#cipher.open({ table: 'aux_info', setId }, sealed);
  }

  putSecret(name: string, bytes: Uint8Array): void {
    this.#upsertSecret.run(name, this.#cipher.seal({ table: 'secrets', name }, bytes), Date.now());
  }

  getSecret(name: string): Uint8Array | undefined {
    const sealed = this.#getSecret.get(name) as Uint8Array | undefined;
    return sealed && this.#cipher.open({ table: 'secrets', name }, sealed);
  }
}
