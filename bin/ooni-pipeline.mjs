#!/usr/bin/env node
// Entry for `npx ooni-pipeline <command>`: loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
// `ooni-pipeline … | head`: a closed pipe ends the command quietly, as for other CLI tools
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
