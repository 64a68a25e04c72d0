/** Runs the CLI in-process (no build, no spawn) and collects what it prints. */
import { run } from '../../src/cli/run';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { isTTY: false, write: (s: string) => err.push(s) },
    env,
    cwd,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
