// One build at a time per index folder. A build holds `<index>/.build.lock`, a file created exclusively (O_EXCL)
// that names the process holding it. A second build finds it and stops with "another build of INDEX is
// running" (it does not wait: a build can take minutes and the user should know why nothing happens).
// A build that crashed or was killed cannot leave the folder stuck: a lock whose process is gone (or whose pid
// now belongs to a process that started later) is stale and is taken over.
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { IndexError } from "./store.js";

export const LOCK_FILE = ".build.lock";

/** Another build holds the index folder. */
export class IndexBusyError extends IndexError {
  override name = "IndexBusyError";
}

interface LockOwner {
  pid: number;
  host: string;
  /** When the process started (Linux: jiffies since boot, from /proc), to tell a reused pid from the holder. */
  processStart: string | null;
  since: string;
}

export interface BuildLock {
  release(): void;
}

/** Locks this process holds: a lock naming our own pid but not in here was left by an earlier process. */
const heldHere = new Set<string>();
/** A lock file that cannot be read yet may be one another build is still writing: give it this long. */
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Take the build lock of `indexDir` (which must exist). Throws IndexBusyError while another live build holds
 * it; other failures (a read-only folder) are thrown as they are, for the caller to explain.
 */
export function acquireBuildLock(indexDir: string): BuildLock {
  const path = join(indexDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), processStart: processStart(process.pid), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: "wx" });
      heldHere.add(path);
      return {
        release: () => {
          heldHere.delete(path);
          releaseIfMine(path, me);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const seen = readLock(path);
    if (seen === undefined) continue; // released between our attempt and the read: try again
    if (seen ? isAlive(seen, path) : recentlyWritten(path)) {
      if (!seen) throw new IndexBusyError(`another build of ${indexDir} is starting: try again in a moment`);
      throw new IndexBusyError(
        `another build of ${indexDir} is running (process ${seen.pid}${seen.host !== me.host ? ` on ${seen.host}` : ""}, since ${seen.since}): ` +
          `wait for it to finish, or delete ${path} if no build is running`,
      );
    }
    takeOver(path, seen);
  }
  throw new IndexBusyError(`another build of ${indexDir} is starting at the same time: try again`);
}

/** The lock's owner; null when the file is unreadable or garbled (a build killed while writing it); undefined when gone. */
function readLock(path: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : null;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner?.pid) && typeof owner.host === "string" ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Move a stale lock aside and delete it. Renaming first means two builds that both judged it stale cannot
 * both delete it: the second one's rename fails (or moves a fresh lock, which it then puts back).
 */
function takeOver(path: string, stale: LockOwner | null): void {
  const aside = `${path}.stale-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = readLock(aside);
  if (stale && moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    // Not the stale lock any more but a live build's fresh one: put it back (never over a newer lock).
    try {
      linkSync(aside, path);
    } catch {
      // a third build already holds the folder; the live one will find its lock gone only at release, harmlessly
    }
  }
  rmSync(aside, { force: true });
}

function releaseIfMine(path: string, me: LockOwner): void {
  const current = readLock(path);
  if (current && current.pid === me.pid && current.since === me.since) rmSync(path, { force: true });
}

/** Whether the lock's process still runs. A lock from another host cannot be checked and counts as live. */
function isAlive(owner: LockOwner, path: string): boolean {
  if (owner.host !== hostname()) return true;
  // Our own pid: held by a build running in this process, or left by an earlier process that had the same pid
  // (containers restart with the same small pids).
  if (owner.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    // EPERM: the process exists but belongs to someone else
  }
  // The pid may have been reused since the holder died: compare start times where the system tells them.
  const start = processStart(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

function recentlyWritten(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/** Field 22 of /proc/PID/stat (start time); null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may contain spaces: count fields after its last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}
