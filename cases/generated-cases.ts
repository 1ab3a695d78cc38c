import fc from 'fast-check';
import type { TargetProfile } from '../client/target-profile';
import type { CaseOrigin, ContractCase } from './contract-case';
import { invalidRequests, knownCustomerRequests, validRequests, type GeneratedRequest } from './request-arbitraries';

export type GeneratorName = CaseOrigin['generator'];

/** The arbitrary behind each generator, by name: a case's origin names one, and replay finds it here. */
export function generatorArbitrary(generator: GeneratorName, profile: TargetProfile): fc.Arbitrary<GeneratedRequest> {
  switch (generator) {
    case 'valid':
      return validRequests();
    case 'invalid':
      return invalidRequests();
    case 'known-customer':
      return knownCustomerRequests(profile);
  }
}

/** How a budget of generated cases is shared: valid and invalid requests alike, a fifth on the known customer. */
export function generatorShares(total: number): Record<GeneratorName, number> {
  const known = Math.floor(total / 5);
  const valid = Math.ceil((total - known) / 2);
  return { valid, invalid: total - known - valid, 'known-customer': known };
}

export function generatedCase(generated: GeneratedRequest, origin: CaseOrigin): ContractCase {
  return {
    title: `generated ${origin.generator} ${origin.path}: ${generated.label}`,
    request: generated.request,
    expectation: generated.expectation,
    contractPath: generated.contractPath,
    ...(generated.wider ? { wider: generated.wider } : {}),
    origin,
  };
}

/**
 * `total` cases drawn from the contract with one seed: the same seed and profile always give the
 * same cases, and a case's path (its index) regenerates it alone (see `replayGeneratedCase`).
 */
export function buildGeneratedCases(profile: TargetProfile, seed: number, total: number): ContractCase[] {
  const shares = generatorShares(total);
  return (Object.keys(shares) as GeneratorName[]).flatMap((generator) =>
    shares[generator] === 0
      ? []
      : fc
          .sample(generatorArbitrary(generator, profile), { seed, numRuns: shares[generator] })
          .map((generated, index) => generatedCase(generated, { generator, seed, path: String(index) })),
  );
}

/** Regenerates exactly the case at a fast-check path (a sample index, then shrink steps). */
export function replayGeneratedCase(profile: TargetProfile, origin: CaseOrigin): ContractCase {
  let found: GeneratedRequest | undefined;
  fc.check(
    fc.property(generatorArbitrary(origin.generator, profile), (generated) => {
      found = generated;
      return false;
    }),
    { seed: origin.seed, path: origin.path, endOnFailure: true },
  );
  if (!found) throw new Error(`No generated case at ${origin.generator} ${origin.path} for seed ${origin.seed}`);
  return generatedCase(found, origin);
}
