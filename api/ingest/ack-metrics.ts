// How long each dependency of an acknowledgement takes (PostgreSQL claim, S3 write, Temporal
// start): a histogram on /metrics, so an operator (and bench:ingest) sees where ack time goes.
import { Histogram } from 'prom-client';

export const ackDependencySeconds = new Histogram({
  name: 'ooni_ingest_ack_dependency_seconds',
  help: 'time spent in each dependency call of an upload acknowledgement',
  labelNames: ['dependency', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [],
});
