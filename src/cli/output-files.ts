/**
 * Where the report goes: the output paths are checked before anything is read or written, and each
 * file is written to a temporary file beside it and renamed over the target only when complete, so a
 * failed run never leaves a half-written report where a good one was.
 */
import { mkdirSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** The same file: one inode when both exist, else the same canonical path (symlinked directories resolved). */
export function isSameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return canonicalPath(a) === canonicalPath(b);
  }
}

/** The real path of a file that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
export function canonicalPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync.native(abs);
  } catch {
    const dir = dirname(abs);
    return dir === abs ? abs : join(canonicalPath(dir), basename(abs));
  }
}

export type OutputProblem =
  | { kind: 'notXlsx'; path: string }
  | { kind: 'overwritesInput'; path: string; input: string }
  | { kind: 'sameOutputs'; path: string };

/** Why these outputs cannot be written, or null. `inputs` are files the run reads (data, config). */
export function checkOutputs(out: string, json: string | undefined, inputs: readonly string[]): OutputProblem | null {
  if (extname(out).toLowerCase() !== '.xlsx') return { kind: 'notXlsx', path: out };
  for (const target of json === undefined ? [out] : [out, json]) {
    const input = inputs.find((i) => isSameFile(target, i));
    if (input !== undefined) return { kind: 'overwritesInput', path: target, input };
  }
  if (json !== undefined && isSameFile(out, json)) return { kind: 'sameOutputs', path: out };
  return null;
}

/** A file being written: `tempPath` first, then `commit()` renames it over `path`. */
export interface PendingFile {
  path: string;
  tempPath: string;
}

/** `path` is what the user named; a symlink there is followed, so the file it points at is replaced. */
export function pendingFile(path: string): PendingFile {
  mkdirSync(dirname(path), { recursive: true });
  const target = canonicalPath(path);
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  return { path: target, tempPath: join(dirname(target), `.${basename(target)}.${tag}.tmp`) };
}

export function commitFile(f: PendingFile): void {
  renameSync(f.tempPath, f.path);
}

/** Removes a temporary file that will not be committed (a missing one is fine). */
export function discardFile(f: PendingFile): void {
  try {
    unlinkSync(f.tempPath);
  } catch {
    // never created, or already renamed
  }
}
