/**
 * Stopping a job's whole process tree. pw.x under MPI is mpirun plus its ranks, and Open MPI
 * starts each rank in a process group of its own, so signalling mpirun's group is not enough:
 * the tree is read from /proc (Linux) when the stop begins and every member is signalled, each
 * remembered with its start time so a pid reused in the meantime is never hit.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Process ids with their start time (clock ticks since boot, /proc/<pid>/stat field 22). */
export type ProcessSet = Map<number, string>

function stat(pid: number): { ppid: number; start: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(fields[1]), start: fields[19] }
  } catch {
    return null
  }
}

/** Start time of a live process (clock ticks since boot), or null (gone, or no /proc). */
export function processStart(pid: number): string | null {
  return stat(pid)?.start ?? null
}

/** `root` and all its descendants now alive (just `root` where /proc is not available). */
export function processTree(root: number): ProcessSet {
  const children = new Map<number, number[]>()
  const starts = new Map<number, string>()
  let entries: string[] = []
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e))
  } catch {
    // Not Linux: the process group signal has to do.
  }
  for (const e of entries) {
    const pid = Number(e)
    const s = stat(pid)
    if (!s) continue
    starts.set(pid, s.start)
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid])
  }
  const tree: ProcessSet = new Map([[root, starts.get(root) ?? '']])
  for (const queue = [root]; queue.length > 0; ) {
    for (const c of children.get(queue.pop()!) ?? []) {
      tree.set(c, starts.get(c)!)
      queue.push(c)
    }
  }
  return tree
}

/** Signals the group led by `pgid` and every still-identical member of `tree`. */
export function signalTree(pgid: number, tree: ProcessSet, signal: NodeJS.Signals): void {
  const send = (target: number) => {
    try {
      process.kill(target, signal)
    } catch {
      // Already gone.
    }
  }
  send(-pgid)
  for (const [pid, start] of tree) if (start === '' || stat(pid)?.start === start) send(pid)
}
