// Dispatches `ooni-pipeline <command> [args]` to one module per command in cli/commands/.
import { loadStackEnv, noStackMessage } from '../lib/stack-env.ts';
import { REPO_ROOT } from '../lib/tools.ts';

type CommandModule = { run(args: string[]): Promise<number>; summary: string };

const commands: Record<string, () => Promise<CommandModule>> = {
  score: () => import('./commands/score.ts'),
  observe: () => import('./commands/observe.ts'),
  analyse: () => import('./commands/analyse.ts'),
  seal: () => import('./commands/seal.ts'),
  verify: () => import('./commands/verify.ts'),
  reprocess: () => import('./commands/reprocess.ts'),
  schedules: () => import('./commands/schedules.ts'),
  export: () => import('./commands/export.ts'),
};

function usage(): string {
  const lines = Object.keys(commands).map((name) => `  ${name}`);
  return ['usage: ooni-pipeline <command> [options]', '', 'commands:', ...lines].join('\n');
}

/** commands that read files only: no database, Temporal or S3 */
const NO_STACK = new Set(['score', 'observe', 'analyse']);

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`ooni-pipeline: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  // next to `npm start`: its PostgreSQL, Temporal and S3 unless the environment names others
  // (a command's --help needs neither)
  if (!NO_STACK.has(name) && !args.includes('-h') && !args.includes('--help') && !loadStackEnv(process.env, REPO_ROOT) && !process.env.DATABASE_URL) {
    console.error(noStackMessage(process.env, REPO_ROOT));
    return 1;
  }
  const command = await load();
  return command.run(args);
}
