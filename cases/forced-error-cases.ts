import { documentedErrorStatuses, OPERATION_POINTER } from '../contracts/contract-reader';
import type { TargetProfile } from '../client/target-profile';
import type { ContractCase } from './contract-case';

/** Every documented error status, asked for with `Prefer: code=NNN` on targets that honour it. */
export function forcedErrorCases(profile: TargetProfile): ContractCase[] {
  return documentedErrorStatuses().map((status) => ({
    title: `forced: Prefer code=${status} answered ${status}`,
    request: { body: { phoneNumber: profile.knownCustomer.phoneNumber }, auth: 'valid', prefer: status },
    expectation: { kind: 'forced', rule: 'forced-error-status', status },
    contractPath: `${OPERATION_POINTER}/responses/${status}`,
    needs: 'fault-injection',
  }));
}
