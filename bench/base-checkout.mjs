/**
 * The base side of a before/after script (identity.mjs, sheets-identity.mjs, ab-facts.mjs): the
 * directory given with --base-dir, or the --base-ref checked out as a temporary git worktree whose
 * node_modules is this checkout's (so its build scripts and bundles resolve), removed by close().
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function openBaseCheckout(root, { baseRef, baseDir }, tmp) {
  if (baseDir) return { dir: baseDir, close() {} };
  const dir = path.join(tmp, 'base');
  const r = spawnSync('git', ['worktree', 'add', '--detach', dir, baseRef], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return {
    dir,
    close() {
      spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
    },
  };
}

/** Short commit id of a checkout. */
export function shortRev(dir) {
  return spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
}
