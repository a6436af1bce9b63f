// A throwaway PostgreSQL cluster on loopback, owned by whoever starts it (a test run, the bench):
// initdb into a temporary folder, started on a free port, a role that owns its database but is no
// superuser (as a deployment's would be), stopped and deleted at the end. Debian's postgresql
// package provides the binaries; initdb refuses to run as root, so as root the cluster runs as the
// postgres user that package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  /** postgres://plaudit:…@127.0.0.1:PORT/plaudit: the role owns the database, no superuser. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown), as a restart test needs. */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again on the same port and data. */
  start(): void;
  /** Stops it and deletes its data. */
  destroy(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb'))) : [];
  const best = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!best) throw new Error('PostgreSQL is needed for these tests: apt-get install -y postgresql (.ci/run does it)');
  return path.join(root, best, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c max_connections=300 -c fsync=on -c synchronous_commit=on`;
  const start = () => void run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') => void run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  const psql = (sql: string) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  psql("CREATE ROLE plaudit LOGIN PASSWORD 'plaudit' NOSUPERUSER NOCREATEDB NOCREATEROLE");
  psql('CREATE DATABASE plaudit OWNER plaudit');
  return {
    url: `postgres://plaudit:plaudit@127.0.0.1:${port}/plaudit`,
    port,
    stop,
    start,
    destroy() {
      try {
        stop('immediate');
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
