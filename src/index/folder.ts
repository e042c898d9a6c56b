// The index folder before a build writes to it: where it may be created, whether it can be written, the one
// build allowed at a time, and what interrupted builds left behind. Each problem is one line saying what to do.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { acquireBuildLock, type BuildLock } from "./lock.js";
import { IndexError } from "./store.js";

const CHOOSE_ANOTHER = "choose another folder with --index DIR or INDEX_DIR";

/**
 * Refuse an index folder that cannot be one: its parent does not exist (a typo in --index should not grow a
 * new tree of folders), or the path is a file. Read-only checks, done before any work.
 */
export function checkIndexLocation(indexDir: string): void {
  const parent = dirname(resolve(indexDir));
  if (!isDirectory(parent)) {
    throw new IndexError(`cannot create the index folder ${indexDir}: its parent folder ${parent} does not exist (create it first, or ${CHOOSE_ANOTHER})`);
  }
  if (existsSync(indexDir) && !isDirectory(indexDir)) {
    throw new IndexError(`the index folder ${indexDir} is a file, not a folder: ${CHOOSE_ANOTHER}`);
  }
}

/**
 * Make the folder if needed, take its build lock, and clear what interrupted builds left behind. Call
 * `release()` when the build is done, whatever happened.
 */
export function lockIndexFolder(indexDir: string): BuildLock {
  checkIndexLocation(indexDir);
  let lock: BuildLock;
  try {
    if (!existsSync(indexDir)) mkdirSync(indexDir);
    lock = acquireBuildLock(indexDir);
  } catch (error) {
    throw explainWriteError(indexDir, error);
  }
  try {
    clearLeftovers(indexDir);
  } catch (error) {
    lock.release();
    throw explainWriteError(indexDir, error);
  }
  return lock;
}

/** A write failure as one line that says which folder and why; other errors pass through. */
export function explainWriteError(indexDir: string, error: unknown): unknown {
  if (error instanceof IndexError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EROFS") return new IndexError(`cannot write the index in ${indexDir}: the folder is on a read-only file system (EROFS); ${CHOOSE_ANOTHER}`);
  if (code === "EACCES" || code === "EPERM") {
    return new IndexError(`cannot write the index in ${indexDir}: permission denied (${code}); make the folder writable or ${CHOOSE_ANOTHER}`);
  }
  if (code === "ENOSPC") return new IndexError(`cannot write the index in ${indexDir}: no space left on the device (ENOSPC); free some space or ${CHOOSE_ANOTHER}`);
  return error;
}

/**
 * Staging folders (`.tmp-*`), half-written manifests (`.manifest-*`) and builds the manifest no longer names,
 * left by a build that was killed. Only called while holding the lock, so no live build is writing them.
 */
export function clearLeftovers(indexDir: string): string[] {
  const current = currentBuild(indexDir);
  const removed: string[] = [];
  for (const name of readdirSync(indexDir)) {
    const leftover = name.startsWith(".tmp-") || name.startsWith(".manifest-") || name.startsWith(".build.lock.stale-") || (name.startsWith("build-") && current !== KEEP_ALL && name !== current);
    if (!leftover) continue;
    rmSync(join(indexDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** The build folder the manifest points at; null when there is no readable manifest (then no build is in use). */
function currentBuild(indexDir: string): string | null {
  try {
    const build = (JSON.parse(readFileSync(join(indexDir, "manifest.json"), "utf8")) as { build?: unknown }).build;
    return typeof build === "string" ? build : null;
  } catch (error) {
    // A manifest that exists but cannot be read: keep every build rather than delete the one it names.
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? null : KEEP_ALL;
  }
}
const KEEP_ALL = "*";

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
