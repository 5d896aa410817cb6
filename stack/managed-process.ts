// A child process of the stack: its own process group (so stopping it stops its children),
// output appended to a log file, and a way to wait until it is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

class StartupError extends Error {
  override name = 'StartupError';
}

export interface ManagedProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  ipc?: boolean;
}

export function spawnManaged(name: string, command: string, args: string[], logFile: string, opts: SpawnOptions = {}): ManagedProcess {
  const fd = openSync(logFile, 'a');
  const stdio: Array<'ignore' | 'ipc' | number> = ['ignore', fd, fd];
  if (opts.ipc) stdio.push('ipc');
  const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio, detached: true });
  closeSync(fd);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(`spawn error: ${err.message}`));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    name,
    logFile,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL'); // anything left in the group
    },
  };
}

/**
 * Polls `isReady` until it answers true. Fails with a message naming the part and its log
 * when the process exits first or the timeout passes.
 */
export async function waitUntilReady(
  proc: Pick<ManagedProcess, 'name' | 'logFile' | 'exited'> | { name: string; logFile: string; exited?: undefined },
  isReady: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | string | undefined;
  void proc.exited?.then((code) => (exitCode = code));
  let lastError = '';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new StartupError(`${proc.name} exited (${exitCode}) before it was ready; see ${proc.logFile}`);
    }
    try {
      if (await isReady()) return;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const detail = lastError ? ` (last error: ${lastError})` : '';
  throw new StartupError(`${proc.name} was not ready after ${Math.round(timeoutMs / 1000)} s${detail}; see ${proc.logFile}`);
}

/** Resolves when the child sends `{ ready: true }` over IPC. */
export function readyMessage(proc: ManagedProcess): () => Promise<boolean> {
  let ready = false;
  proc.child.on('message', (msg: unknown) => {
    if ((msg as { ready?: boolean })?.ready) ready = true;
  });
  return async () => ready;
}

/** For `.catch(...)` after a failed wait: stop the process that did not come up, then fail. */
export function stopAndThrow(proc: ManagedProcess): (err: unknown) => Promise<never> {
  return async (err) => {
    await proc.stop(3_000);
    throw err;
  };
}
