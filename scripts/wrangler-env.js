/** Environment that keeps wrangler off the network: no account, no telemetry, no update checks. */
export const offlineWranglerEnv = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_LOG_PATH: '.wrangler/logs',
  WRANGLER_REGISTRY_PATH: '.wrangler/registry',
};
