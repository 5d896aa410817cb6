// The worker's metrics: the Temporal SDK's Prometheus exporter (workflow and activity counts,
// failures and latencies labelled by workflow_type / activity_type, so each scheduled job has
// its own series). The runtime is process-wide: install it before the first NativeConnection.
import { Runtime, type Logger } from '@temporalio/worker';

/** Installs the runtime with a Prometheus endpoint at `address` (`host:port`), or nothing for `off`. */
export function installWorkerTelemetry(address: string, logger?: Logger): string | null {
  if (address === 'off') {
    if (logger) Runtime.install({ logger });
    return null;
  }
  Runtime.install({ ...(logger ? { logger } : {}), telemetryOptions: { metrics: { prometheus: { bindAddress: address } } } });
  return `http://${address}/metrics`;
}
