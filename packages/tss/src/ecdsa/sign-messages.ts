/**
 * The one wire message of CGGMP online signing (ePrint 2021/060 Fig. 8; cggmp21 spec/main.tex
 * "Signing"): sigma_i, plus the digest and presignature id it was computed over.
 */
import { create } from '@bufbuild/protobuf';
import { EcdsaSignRound1Schema } from '@mpcium/proto';
import type { MessageSpec } from '../engine/index.js';
import { decodeCanonical, encodeMessage } from '../frost/wire.js';
import { decodeScalar, encodeScalar } from '../zk/sch-group.js';
import { DIGEST_BYTES } from './sign-output.js';

export interface EcdsaSignRound1Message {
  /** sigma_i = k_i*m + r*chi_i mod q. */
  readonly sigma: bigint;
  readonly digest: Uint8Array;
  readonly presignatureId: Uint8Array;
}

const NAME = 'cggmp.sign.r1';

export function signRound1Spec(): MessageSpec<EcdsaSignRound1Message> {
  return Object.freeze({
    name: NAME,
    kind: 'broadcast',
    // Not echo-checked (it is the only round): each receiver checks every sigma_j against the
    // presignature's (Delta_j, S_j) and names the sender of a bad one.
    reliable: false,
    encode: (m: EcdsaSignRound1Message) =>
      encodeMessage(
        EcdsaSignRound1Schema,
        create(EcdsaSignRound1Schema, {
          sigma: encodeScalar(m.sigma),
          digest: m.digest,
          presignatureId: m.presignatureId,
        }),
      ),
    decode(bytes: Uint8Array): EcdsaSignRound1Message {
      const m = decodeCanonical(EcdsaSignRound1Schema, bytes, NAME);
      const sigma = decodeScalar(m.sigma, `${NAME}.sigma`);
      if (m.digest.length !== DIGEST_BYTES)
        throw new RangeError(`${NAME}.digest: expected ${DIGEST_BYTES} bytes`);
      if (m.presignatureId.length !== 32) throw new RangeError(`${NAME}.presignature_id: expected 32 bytes`);
      return Object.freeze({
        sigma,
        digest: Uint8Array.from(m.digest),
        presignatureId: Uint8Array.from(m.presignatureId),
      });
    },
  });
}
