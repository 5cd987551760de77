import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Every process below `rootPid`: its process group and, found through parent links, any
 * descendant that left the group (a `setsid`, a daemonising tool). Read from `ps`, which Linux
 * and macOS both have.
 */
export function descendants(rootPid: number): number[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const rows = table
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length === 3 && r.every(Number.isFinite));
  const found = new Set<number>();
  const queue = [rootPid];
  for (const [pid, , pgid] of rows) if (pgid === rootPid && pid !== rootPid) found.add(pid);
  queue.push(...found);
  while (queue.length > 0) {
    const parent = queue.pop()!;
    for (const [pid, ppid] of rows) {
      if (ppid === parent && !found.has(pid) && pid !== rootPid) {
        found.add(pid);
        queue.push(pid);
      }
    }
  }
  return [...found];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Ends a process started as the leader of its own group (spawned `detached`) and everything
 * below it: `sig` first, SIGKILL after `graceMs` for whatever is still there.
 */
export async function killTree(rootPid: number, sig: NodeJS.Signals = 'SIGTERM', graceMs = 1000): Promise<void> {
  const pids = [rootPid, ...descendants(rootPid)];
  signal(-rootPid, sig);
  for (const pid of pids) signal(pid, sig);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await delay(25);
  const left = [...pids, ...descendants(rootPid)].filter(isAlive);
  if (left.length === 0) return;
  signal(-rootPid, 'SIGKILL');
  for (const pid of left) signal(pid, 'SIGKILL');
}

/** Whether a process still runs; a zombie (exited, not yet reaped) does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state letter follows the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all there is
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Whether any process is left in the group `pgid` (cheap: one signal 0, no process listing). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
