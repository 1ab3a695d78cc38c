import type { AvailabilitySlo, SloWindow } from './availability-slo';
import { sloExpressions } from './slo-rules';

/** Where the Grafana dashboard lives; `npm run slo:rules` rewrites its SLO panels. */
export const DASHBOARD = 'monitor/grafana/customer-search-dashboard.json';

/** Ids of the SLO panels, after the dashboard's hand-written ones. */
const BUDGET_PANEL_ID = 101;
const BURN_PANEL_ID = 102;

/** Windows shown as burn rates: the long window of each page and ticket condition. */
const burnWindows = (slo: AvailabilitySlo): SloWindow[] => [...new Set([...slo.page, ...slo.ticket].map((condition) => condition.long))];

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** A Grafana panel, as much of it as this generator writes. */
export interface DashboardPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly gridPos: { readonly h: number; readonly w: number; readonly x: number; readonly y: number };
  readonly targets: readonly { readonly expr: string; readonly legendFormat: string; readonly refId: string; readonly datasource: typeof DATASOURCE }[];
  readonly [key: string]: unknown;
}

/**
 * The dashboard's error budget and burn rate panels, per location, from the SLO's recorded series.
 * `top` is the row they go on, below the hand-written panels.
 */
export function sloDashboardPanels(slo: AvailabilitySlo, top: number): DashboardPanel[] {
  const expressions = sloExpressions(slo, 'location=~"$location"');
  const objective = `${Number((slo.objective * 100).toPrecision(12))} %`;
  const page = Math.max(...slo.page.map((condition) => condition.factor));
  return [
    {
      id: BUDGET_PANEL_ID,
      type: 'stat',
      title: 'Error budget remaining',
      description: `Share of the error budget of the availability SLO (${objective} of probe runs good over ${slo.periodDays} days) left, by location; below 0 it is overspent. Runs during maintenance count nowhere.`,
      datasource: DATASOURCE,
      gridPos: { h: 8, w: 12, x: 0, y: top },
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          decimals: 1,
          thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'orange', value: 0 }, { color: 'green', value: 0.25 }] },
        },
        overrides: [],
      },
      options: { colorMode: 'background', graphMode: 'area', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      targets: [{ refId: 'A', datasource: DATASOURCE, expr: expressions.budgetRemaining, legendFormat: '{{location}}' }],
    },
    {
      id: BURN_PANEL_ID,
      type: 'timeseries',
      title: 'Error budget burn rate',
      description: `How many times faster than the period allows the budget burns (1: spent exactly over ${slo.periodDays} days), by location and window. Pages start at ${page}x over 1 hour and 5 minutes.`,
      datasource: DATASOURCE,
      gridPos: { h: 8, w: 12, x: 12, y: top },
      fieldConfig: {
        defaults: {
          unit: 'suffix:x',
          min: 0,
          custom: { thresholdsStyle: { mode: 'line' } },
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }, { color: 'red', value: page }] },
        },
        overrides: [],
      },
      options: {},
      targets: burnWindows(slo).map((window, index) => ({
        refId: String.fromCharCode(65 + index),
        datasource: DATASOURCE,
        expr: expressions.burnRate(window),
        legendFormat: `{{location}} ${window}`,
      })),
    },
  ];
}

/** The dashboard JSON text with its SLO panels replaced by the generated ones (appended the first time). */
export function withSloPanels(dashboardText: string, slo: AvailabilitySlo): string {
  const dashboard = JSON.parse(dashboardText) as { panels: DashboardPanel[] };
  const generatedIds = new Set([BUDGET_PANEL_ID, BURN_PANEL_ID]);
  const handWritten = dashboard.panels.filter((panel) => !generatedIds.has(panel.id));
  const top = Math.max(0, ...handWritten.map((panel) => panel.gridPos.y + panel.gridPos.h));
  dashboard.panels = [...handWritten, ...sloDashboardPanels(slo, top)];
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
