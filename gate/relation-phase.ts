import { checkExchange } from '../contracts/check-exchange';
import type { OpenTarget } from '../client/open-target';
import type { TargetProfile } from '../client/target-profile';
import { buildRelationCases, fullNameAddressCase, observeCustomers, productNarrowedCases, productNarrowedSearches, shownValueCases, siblingValueCases, widerSearches } from '../cases/relation-cases';
import { runCampaign, type CampaignOptions, type CaseResult } from './run-campaign';

/**
 * The campaign's second batch, built from the answers of the first (`relation-cases.ts`): the known
 * customer searched by its full name and address, then the narrower searches, each judged against
 * the answer of its wider search as observed; and the known customer searched by each phone and
 * email it shows beyond the profile's; and the broad search with each product code of the profile,
 * narrowed again when its answer is below the cap; and shown customers searched by the value of
 * their other address. One request per case; nothing is sent when no answer of the
 * first batch showed the known customer.
 */
export async function runRelationPhase(target: OpenTarget, profile: TargetProfile, first: readonly CaseResult[], options: CampaignOptions = {}): Promise<CaseResult[]> {
  const { known, others } = observeCustomers(first, profile);
  if (!known) return [];
  const fullSearch = fullNameAddressCase(known);
  const sent = [...(fullSearch ? [fullSearch] : []), ...shownValueCases(profile, known), ...productNarrowedCases(profile), ...siblingValueCases([known, ...others])];
  const observed = await runCampaign(target, sent, options);
  const wider = [...widerSearches([...first, ...observed], profile), ...productNarrowedSearches(observed, profile)];
  const relations = buildRelationCases(profile, wider, known, [...others, ...observeCustomers(observed, profile).others]);
  const narrowed = await runCampaign(target, relations.map((relation) => relation.case), options);
  const judged = narrowed.map((result, index) => {
    const wider = relations[index]?.wider;
    // Judged again with the wider answer, so criteria-narrow-results has its say.
    return result.exchange && wider ? { ...result, check: checkExchange(result.exchange, result.case.expectation, { casePath: result.case.contractPath, wider }) } : result;
  });
  return [...observed, ...judged];
}
