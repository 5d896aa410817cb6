// The migration step of a deployment (deploy/systemd/ooni-pipeline-migrate.service): the bucket
// and the migrated PostgreSQL schema, as `npm start` prepares them, from the runtime environment.
//   node --import tsx deploy/prepare.ts
import { loadRuntimeConfig } from '../lib/config.ts';
import { prepareResources } from '../stack/prepare-resources.ts';

await prepareResources(loadRuntimeConfig());
process.stdout.write('bucket and database schema ready\n');
