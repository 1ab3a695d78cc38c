/* Replaced by `npm run build` (monitor/build/build-monitor.ts); absent when the sources run under tsx. */
declare const CAPI_BUILD_VERSION: string | undefined;
declare const CAPI_BUILD_REVISION: string | undefined;

export interface BuildInfo {
  /** package.json's version at build time; "unknown" for an unbuilt run. */
  readonly version: string;
  /** The git revision built (12 hex digits), or "unknown" when git or the repository was not there. */
  readonly revision: string;
  /** The Node.js version running it, e.g. v20.20.2. */
  readonly node: string;
}

/** What runs, for customer_search_build_info, the page and the start log line. */
export const buildInfo: BuildInfo = {
  version: typeof CAPI_BUILD_VERSION === 'string' ? CAPI_BUILD_VERSION : 'unknown',
  revision: typeof CAPI_BUILD_REVISION === 'string' ? CAPI_BUILD_REVISION : 'unknown',
  node: process.version,
};
