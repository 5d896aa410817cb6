// The schema step of a deployment (deploy/systemd/temporal-schema.service): creates the Temporal
// cluster's two databases when absent and brings their schema to the one embedded in
// temporal-sql-tool, exactly as the cluster profile of `npm start` does. Safe to run again.
//   TEMPORAL_SQL_URL=postgres://temporal:…@db:5432/postgres [TEMPORAL_DB=temporal]
//   [TEMPORAL_VISIBILITY_DB=temporal_visibility] [TEMPORAL_SQL_TOOL=.tools/bin/temporal-sql-tool]
//   node --import tsx deploy/temporal-schema.ts
import { findTool } from '../lib/tools.ts';
import { setupTemporalSchema, sqlTarget } from '../stack/services/temporal-cluster.ts';

const url = process.env.TEMPORAL_SQL_URL;
if (!url) {
  process.stderr.write('TEMPORAL_SQL_URL is required: a PostgreSQL URL whose role may create databases\n');
  process.exit(2);
}
const target = sqlTarget(url, {
  persistence: process.env.TEMPORAL_DB || 'temporal',
  visibility: process.env.TEMPORAL_VISIBILITY_DB || 'temporal_visibility',
});
await setupTemporalSchema(process.env.TEMPORAL_SQL_TOOL || findTool('temporal-sql-tool'), target, (text) => process.stdout.write(text));
process.stdout.write(`Temporal schema ready in ${target.database} and ${target.visibilityDatabase}\n`);
