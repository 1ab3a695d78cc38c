import { Registry } from 'prom-client';

/*
 * prom-client renders every series of every metric at every scrape, and rendering costs about 2 KiB
 * of garbage per series: at the monitor's 880 series of zeros and counters, 1.6 MiB a scrape, most
 * of the monitor's memory churn under a 1-s scrape (docs/development.md, Benchmarks). Most of those
 * series do not move between two scrapes (every rule's violation counter of a healthy target), so a
 * metric that has not changed is served as the last scrape rendered it.
 */

/** The methods through which prom-client's Counter, Gauge and Histogram change their values. */
const MUTATORS = ['inc', 'dec', 'set', 'observe', 'reset', 'zero', 'remove', 'setToCurrentTime'] as const;
/** Methods that hand out a way to change values later, unseen: a metric that used one is never cached. */
const ESCAPES = ['labels', 'startTimer'] as const;

/** Metric types whose values change only through their mutators. */
const CACHEABLE_TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram']);

interface Watched {
  /** Bumped at every change, so a render that overlapped a change is not kept. */
  version: number;
  /** False once a metric handed out a way to change unseen (ESCAPES). */
  cacheable: boolean;
  text?: string;
}

/**
 * The registry's Prometheus text exposition, byte for byte what `registry.metrics()` answers, with
 * each metric rendered again only after it changed. Metrics with a `collect` function (the default
 * process metrics, gauges read at scrape time) change without a call and are rendered every time.
 */
export class CachedExposition {
  /** By metric object, not name: a metric removed and registered again under its name is another metric. */
  private readonly watched = new WeakMap<object, Watched>();

  constructor(private readonly registry: Registry) {
    if (registry.contentType !== Registry.PROMETHEUS_CONTENT_TYPE) throw new Error('CachedExposition renders the Prometheus text format only');
  }

  /** The exposition, as `registry.metrics()`. */
  async text(): Promise<string> {
    const texts = await Promise.all(this.registry.getMetricsAsArray().map((metric) => this.render(metric)));
    return `${texts.join('\n\n')}\n`;
  }

  private async render(metric: object): Promise<string> {
    const name = String((metric as { name?: unknown }).name);
    const watched = this.watched.get(metric) ?? this.watch(metric);
    if (watched?.text !== undefined) return watched.text;
    const version = watched?.version;
    const text = await this.registry.getSingleMetricAsString(name);
    if (watched?.cacheable && watched.version === version) watched.text = text;
    return text;
  }

  /**
   * Starts watching a metric's mutators; undefined for one that is never cached: a summary, whose
   * quantiles age out of their window by themselves, or one with a collect function, which reads
   * its values at scrape time.
   */
  private watch(metric: object): Watched | undefined {
    const methods = metric as Record<string, unknown>;
    if (typeof methods.collect === 'function' || !CACHEABLE_TYPES.has(String(methods.type))) return undefined;
    const watched: Watched = { version: 0, cacheable: true };
    for (const method of [...MUTATORS, ...ESCAPES]) {
      const original = methods[method];
      if (typeof original !== 'function') continue;
      const escapes = (ESCAPES as readonly string[]).includes(method);
      methods[method] = function (this: unknown, ...args: unknown[]): unknown {
        watched.version++;
        delete watched.text;
        if (escapes) watched.cacheable = false;
        return (original as (...values: unknown[]) => unknown).apply(this, args);
      };
    }
    this.watched.set(metric, watched);
    return watched;
  }
}
