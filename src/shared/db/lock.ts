import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../http/errors.ts';

export interface DirectoryLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An exclusive lock file holding the owner's pid; a lock left by a dead process is taken over. */
export function acquireDirectoryLock(dir: string): DirectoryLock {
  const file = path.join(dir, 'openpsb.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && processAlive(owner)) {
        throw new AppError('DATA_DIR_LOCKED', { detail: `${dir} is in use by process ${owner}` });
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { detail: dir });
}
