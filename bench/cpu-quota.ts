/**
 * A CPU quota for bench processes: a cgroup with a CFS bandwidth limit, as a container's CPU limit
 * (`resources.limits.cpu` in Kubernetes, `--cpus` in Docker) holds each instance of a deployment.
 * With it, one bot and two bots can be compared at the same CPU per instance on a machine that has
 * too few cores to give each bot one of its own. Needs root and a writable cgroup (v2 or v1 `cpu`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Short periods keep a throttled bot's pauses to milliseconds, so latency stays readable. */
const PERIOD_MICROS = 10_000;
const ROOT = '/sys/fs/cgroup';

export interface CpuQuota {
  /** Moves a process (all its threads) under the quota. */
  add(pid: number): void;
  /** Scheduling periods so far, and those in which the quota ran out (cpu.stat): when nearly all ran out, the quota is what held the processes back. */
  periods(): { periods: number; throttled: number };
  remove(): void;
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which cgroup hierarchy can hold a CPU limit here: v2 with the cpu controller, or v1's cpu hierarchy. */
function hierarchy(): { version: 2 | 1; dir: string } | null {
  const controllers = path.join(ROOT, 'cgroup.controllers');
  if (fs.existsSync(controllers) && fs.readFileSync(controllers, 'utf8').split(/\s+/).includes('cpu') && writable(ROOT)) return { version: 2, dir: ROOT };
  const v1 = path.join(ROOT, 'cpu');
  if (fs.existsSync(path.join(v1, 'cpu.cfs_quota_us')) && writable(v1)) return { version: 1, dir: v1 };
  return null;
}

/**
 * A new cgroup `name` whose processes together may use `cores` of a core (0.5: half a core), or why
 * this machine does not let the bench make one.
 */
export function cpuQuota(name: string, cores: number): CpuQuota | { unavailable: string } {
  const found = hierarchy();
  if (!found) return { unavailable: 'no writable cgroup with a cpu controller (needs root; v2 with cpu enabled, or v1 cpu)' };
  const dir = path.join(found.dir, name);
  const quota = Math.round(cores * PERIOD_MICROS);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (found.version === 2) {
      const subtree = path.join(ROOT, 'cgroup.subtree_control');
      if (!fs.readFileSync(subtree, 'utf8').split(/\s+/).includes('cpu')) fs.writeFileSync(subtree, '+cpu');
      fs.writeFileSync(path.join(dir, 'cpu.max'), `${quota} ${PERIOD_MICROS}`);
    } else {
      fs.writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(PERIOD_MICROS));
      fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quota));
    }
  } catch (error) {
    return { unavailable: `could not set up ${dir}: ${(error as Error).message}` };
  }
  return {
    add: (pid) => fs.writeFileSync(path.join(dir, 'cgroup.procs'), String(pid)),
    periods: () => {
      const stat = fs.readFileSync(path.join(dir, 'cpu.stat'), 'utf8');
      const count = (key: string) => Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
      return { periods: count('nr_periods'), throttled: count('nr_throttled') };
    },
    remove: () => {
      // A cgroup can be removed only once empty: hand back whatever is still in it.
      const left = fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean);
      for (const pid of left) {
        try {
          fs.writeFileSync(path.join(found.dir, 'cgroup.procs'), pid);
        } catch {
          // The process ended meanwhile.
        }
      }
      fs.rmdirSync(dir);
    },
  };
}
