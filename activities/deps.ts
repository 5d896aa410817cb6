// What activities need from the outside world: the shared Infra plus the activity settings,
// built once by activityDepsFrom (worker.ts, the tests, the benches).
import type { Fingerprints } from './fastpath/index.ts';
import type { RuntimeConfig } from '../lib/config.ts';
import type { Infra } from '../lib/infra.ts';
import { BodyCache } from './measurement/body-cache.ts';
import type { QualitySettings } from '../domain/quality-flags.ts';
import type { IpDatabase } from '../domain/enrichment/lookup.ts';
import type { ObservationCrypto } from '../domain/observations/crypto.ts';
import { configuredIpDatabase } from '../lib/enrichment/index.ts';
import { nodeObservationCrypto } from '../lib/observations/crypto.ts';

export type ActivityDeps = Infra & ActivitySettings;

interface ActivitySettings {
  bodies: BodyCache;
  taskQueue: string;
  /** the fingerprint list in force; a provider so a refresh needs no restart */
  fingerprints: () => Fingerprints;
  /** incoming objects older than this with no workflow are started by the sweeper */
  sweepAfterSeconds: number;
  /** test seams of the archive seal (fault injection) */
  archiveHooks?: ArchiveHooks;
  /** settings of the scheduled jobs (activities/jobs); defaults when absent */
  jobs?: JobSettings;
  /** data-quality flag thresholds (QUALITY_*); defaults when absent */
  quality?: QualitySettings;
  /** what the v5 observation transformers are given: the IP database (null = no enrichment), hashing */
  observations: ObservationSettings;
  /** test seams of the hourly analysis (fault injection) */
  analysisHooks?: AnalysisHooks;
  /** settings of the changepoint detector; defaults when absent */
  detector?: DetectorSettings;
  /** test seams of the changepoint detector (fault injection) */
  detectorHooks?: DetectorHooks;
}

interface DetectorSettings {
  /** the watched domains in place of the Citizen Lab GRP list + twitter.com (DETECTOR_DOMAINS) */
  domains?: string[];
}

interface DetectorHooks {
  /** after a batch of an hour's series is committed, before the progress heartbeat */
  afterBatch?: (hour: string, series: number) => Promise<void> | void;
}

interface ObservationSettings {
  /** loaded once per process (lib/enrichment); resolves to null when enrichment is off */
  ipDatabase: () => Promise<IpDatabase | null>;
  crypto: ObservationCrypto;
}

interface AnalysisHooks {
  /** after a batch of an hour's measurements is written, before the progress heartbeat */
  afterBatch?: (hour: string, analysed: number) => Promise<void> | void;
}

interface JobSettings {
  /** Citizen Lab `lists/` folder (TEST_LISTS_DIR) */
  testListsDir?: string;
  /** folder with fingerprints_{dns,http}.csv (FINGERPRINTS_DIR) */
  fingerprintsDir?: string;
  /** sealed staged measurements older than this are removed (RETENTION_DAYS) */
  retentionDays?: number;
}

interface ArchiveHooks {
  /** after a part's files are uploaded, before its index rows are written */
  afterPartUploaded?: (jsonlKey: string) => Promise<void> | void;
}

/** What a launcher supplies beside the config: the fingerprint provider and the test seams. */
export interface ActivitySeams {
  fingerprints: () => Fingerprints;
  archiveHooks?: ArchiveHooks;
  analysisHooks?: AnalysisHooks;
  detectorHooks?: DetectorHooks;
  /** the IP database of the observations; ENRICHMENT_MMDB or the packaged one when absent */
  ipDatabase?: () => Promise<IpDatabase | null>;
}

/** The activity deps of a worker on `infra`, its settings read from `config`. */
export function activityDepsFrom(infra: Infra, config: RuntimeConfig, seams: ActivitySeams): ActivityDeps {
  return {
    ...infra,
    bodies: new BodyCache(infra.store),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    sweepAfterSeconds: config.SWEEP_AFTER_SECONDS,
    jobs: {
      testListsDir: config.TEST_LISTS_DIR,
      ...(config.FINGERPRINTS_DIR ? { fingerprintsDir: config.FINGERPRINTS_DIR } : {}),
      retentionDays: config.RETENTION_DAYS,
    },
    quality: {
      clockDriftSeconds: config.QUALITY_CLOCK_DRIFT_SECONDS,
      volumeThreshold: config.QUALITY_VOLUME_THRESHOLD,
      startBeforeReceiptSeconds: config.QUALITY_START_BEFORE_RECEIPT_SECONDS,
      startAfterReceiptSeconds: config.QUALITY_START_AFTER_RECEIPT_SECONDS,
    },
    fingerprints: seams.fingerprints,
    ...(seams.archiveHooks ? { archiveHooks: seams.archiveHooks } : {}),
    ...(seams.analysisHooks ? { analysisHooks: seams.analysisHooks } : {}),
    ...(seams.detectorHooks ? { detectorHooks: seams.detectorHooks } : {}),
    detector: config.DETECTOR_DOMAINS ? { domains: config.DETECTOR_DOMAINS } : {},
    observations: { ipDatabase: seams.ipDatabase ?? (() => configuredIpDatabase(config)), crypto: nodeObservationCrypto },
  };
}
