/**
 * The provider's documented limits per client (vendor facts §3, "About the API → Response header",
 * clause vendor-rate-limits): "100 API calls per second and 2000 API calls per minute; exceeding
 * them throttles calls with 429." The page of the operation itself does not state them.
 */
export const DOCUMENTED_RATE_LIMITS = { perSecond: 100, perMinute: 2000 } as const;
