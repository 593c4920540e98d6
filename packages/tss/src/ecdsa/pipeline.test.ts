/**
 * The whole CGGMP pipeline with no dealer: aux-info generation (Πmod, Πprm, Πfac) for three
 * nodes, 2-of-3 key generation, then presigning and one-round signing by every 2-subset, every
 * signature checked by noble and by ethers' address recovery.
 */
import { test } from 'node:test';
import { outputs, seededRng, simulate } from '@mpcium/tss-sim';
import { STANDARD_PROFILE } from '../paillier/index.js';
import { assertIndependentlyValid, signSim, TEST_KEY_ID } from '../testing/ecdsa-sessions.js';
import { safePrimePair } from '../testing/fixtures.js';
import { AUX_INFO_PROTOCOL, startAuxInfo } from './aux-info-gen.js';
import { ECDSA_KEYGEN_PROTOCOL, startEcdsaKeygen } from './keygen.js';
import { ECDSA_PRESIGN_PROTOCOL, startPresign } from './presign.js';

test('aux info, key generation, presigning and signing from scratch (2-of-3, standard profile)', async () => {
  const parties = [1, 2, 3];
  const sid = (label: string) => seededRng(`pipeline/${label}`)(32);
  const auxSid = sid('aux');
  const aux = outputs(
    await simulate({
      protocol: AUX_INFO_PROTOCOL,
      parties,
      seed: 'pipeline-aux',
      sessionId: auxSid,
      start: (self, rng) =>
        startAuxInfo(
          {
            profile: STANDARD_PROFILE,
            self,
            parties,
            primes: safePrimePair('standard', self + 2),
            sessionId: auxSid,
          },
          rng,
        ),
    }),
  );
  const keySid = sid('keygen');
  const shares = outputs(
    await simulate({
      protocol: ECDSA_KEYGEN_PROTOCOL,
      parties,
      seed: 'pipeline-keygen',
      sessionId: keySid,
      start: (self, rng) => startEcdsaKeygen({ self, parties, threshold: 2, sessionId: keySid }, rng),
    }),
  );
  const publicKey = shares.get(1)!.publicKey;
  for (const signers of [
    [1, 2],
    [1, 3],
    [2, 3],
  ]) {
    const presignSid = sid(`presign-${signers.join('')}`);
    const presignatures = outputs(
      await simulate({
        protocol: ECDSA_PRESIGN_PROTOCOL,
        parties: signers,
        seed: `pipeline-presign-${signers.join('')}`,
        sessionId: presignSid,
        start: (self, rng) =>
          startPresign(
            {
              share: shares.get(self)!,
              aux: aux.get(self)!,
              signers,
              sessionId: presignSid,
              keyId: TEST_KEY_ID,
              keyVersion: 1,
            },
            rng,
          ),
      }),
    );
    const digest = seededRng(`pipeline-digest-${signers.join('')}`)(32);
    const sigs = outputs(
      await signSim(shares, presignatures, signers, digest, `pipeline-sign-${signers.join('')}`),
    );
    for (const sig of sigs.values()) assertIndependentlyValid(sig, digest, publicKey);
  }
});
