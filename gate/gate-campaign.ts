import type { EmbeddedProvider, StartEmbeddedProvider } from '../client/embedded-provider';
import type { HttpTransport } from '../client/http-transport';
import { openTarget } from '../client/open-target';
import type { GateCampaign, KeptCampaign } from './judged-campaign';
import { loadDeviationConfig } from './accepted-deviations';
import { loadBaselineConfig } from './baseline-config';
import { behaviourBaselineHook } from './behaviour-baseline-hook';
import { writeDriftReport } from './behaviour-baseline-step';
import { loadCampaignConfig } from './campaign-config';
import { gateTargetConfig, type SimulatorNames } from './gate-target-config';
import { campaignStartedAt } from './campaign-cache';
import { CampaignProgress } from './campaign-progress';
import { clearCaseHars } from './case-har';
import { runContractCampaign } from './contract-campaign';
import { writeContractSummary } from './contract-summary';
import { targetKey } from './counterexample-store';
import { applyDeviations } from './deviation-report';
import { reportDir } from './report-dir';
import { burstLine } from './rate-limit-burst';
import { rerunCommand, runShapingVariables } from './reproduction';
import { deviationLines, notJudgedLines } from './rule-report';

export interface GateCampaignOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly transport: HttpTransport;
  /** Starts the embedded simulator when no real environment is configured. Default none. */
  readonly startEmbedded?: StartEmbeddedProvider<EmbeddedProvider>;
  readonly names: SimulatorNames;
  /** Where the run's header lines and progress go (one call per line, newline included). */
  readonly write: (text: string) => void;
  /** Time between two progress lines, in milliseconds. */
  readonly progressIntervalMs: number;
}

/**
 * The gate's campaign, once per run: the cases sent and judged, the behaviour baseline step, then
 * the run's header lines. It writes nothing into the report folder, which Playwright's configuration
 * empties when the run starts: the first reader writes the reports (`writeRunReports`), and what
 * the rule tests judge is `judgedCampaign` of the result.
 */
export async function runGateCampaign(options: GateCampaignOptions): Promise<KeptCampaign> {
  const { env, write } = options;
  const config = gateTargetConfig(env, options.names);
  const campaignConfig = loadCampaignConfig(env);
  const baselineConfig = loadBaselineConfig(env);
  const progress = new CampaignProgress({ write, intervalMs: options.progressIntervalMs });
  const target = await openTarget(config, { transport: progress.countingTransport(options.transport), ...(options.startEmbedded ? { startEmbedded: options.startEmbedded } : {}) });
  try {
    const key = targetKey(config, target.baseUrl);
    const campaign = await runContractCampaign(target, config.profile, campaignConfig, { startedAt: campaignStartedAt(env), targetKey: key, progress });
    const kept = { ...(await behaviourBaselineHook(target, config.profile, campaignConfig, campaign, { config: baselineConfig, targetKey: key, env, write })), baseUrl: target.baseUrl };
    const { fixed, generated, replayed } = kept.counts;
    write(`Contract campaign done: ${fixed} fixed, ${generated} generated, ${replayed} replayed cases${kept.stored !== undefined ? `, ${kept.stored} counterexamples kept in ${campaignConfig.examplesFile}` : ''}\n`);
    write(`${burstLine(kept.burst)}\n`);
    for (const note of kept.notes) write(`Note: ${note}\n`);
    for (const line of notJudgedLines(kept, campaignConfig.deadlineS)) write(`${line}\n`);
    // What the accepted deviations do as of now; each reader applies them again (judgedCampaign).
    for (const line of deviationLines(applyDeviations(kept.results, loadDeviationConfig(env), new Date()).report)) write(`${line}\n`);
    return kept;
  } finally {
    await target.close();
  }
}

/** The kept campaign as the rule tests judge it: accepted deviations applied as of now. */
export function judgedCampaign(kept: KeptCampaign, env: NodeJS.ProcessEnv, names: SimulatorNames): GateCampaign {
  const { results, report } = applyDeviations(kept.results, loadDeviationConfig(env), new Date());
  return {
    ...kept,
    results,
    deviations: report,
    config: gateTargetConfig(env, names),
    shaping: runShapingVariables(env),
    deadlineS: loadCampaignConfig(env).deadlineS,
  };
}

/**
 * The run's reports that do not come from Playwright, written once, by the campaign's first reader:
 * the contract summary, the behaviour drift report, and no HAR file of an earlier run.
 */
export function writeRunReports(judged: GateCampaign): void {
  clearCaseHars(reportDir);
  writeContractSummary(reportDir, judged.results, judged.deviations, (result, rule) => rerunCommand((result.minimal ?? result).case, rule, judged.seed, judged.shaping));
  if (judged.baseline) writeDriftReport(reportDir, judged.baseline);
}
