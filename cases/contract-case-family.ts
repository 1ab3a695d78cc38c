import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';

/**
 * One family of contract cases (the coverage phase, the search requirement, auth, ...), built from
 * the contract and the target's profile. The suite is the families of `CONTRACT_CASE_FAMILIES` in
 * their order, so a new family is one entry there.
 */
export interface ContractCaseFamily {
  /** What the family covers, named in a generator bug's message. */
  readonly name: string;
  readonly build: (profile: TargetProfile) => readonly ContractCase[];
}
