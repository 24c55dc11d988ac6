// The embedded platform holds its PGlite databases exclusively (a second process opening them would corrupt
// them), so a CLI command run beside `openpsb start` cannot open them itself. Instead the running process
// answers read-only commands over a Unix socket in DATA_DIR. The socket is readable and writable by its owner
// only, and each request must also carry a token from a file in DATA_DIR that only the owner can read.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** What a read-only command prints, and whether it found everything in order (exit code 0 or 1). */
export interface CommandAnswer {
  ok: boolean;
  text: string;
}

/** Read-only commands the running process can answer, by name (`exchange status`). */
export type ControlCommands = Record<string, () => Promise<CommandAnswer>>;

export interface LocalControl {
  socketPath: string;
  close(): Promise<void>;
}

const SOCKET_FILE = 'openpsb.sock';
const TOKEN_FILE = 'openpsb.control-token';
const ANSWER_TIMEOUT_MS = 120_000;

const socketPathOf = (dataDir: string) => path.join(path.resolve(dataDir), SOCKET_FILE);
const tokenPathOf = (dataDir: string) => path.join(path.resolve(dataDir), TOKEN_FILE);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves `commands` to CLI processes of the same user. Call it only while holding DATA_DIR's database locks:
 * a socket file found then is left over from a process that died, and is replaced.
 */
export async function startLocalControl(dataDir: string, commands: ControlCommands): Promise<LocalControl> {
  const socketPath = socketPathOf(dataDir);
  const tokenPath = tokenPathOf(dataDir);
  const token = randomBytes(32).toString('base64url');
  rmSync(tokenPath, { force: true });
  writeFileSync(tokenPath, token, { mode: 0o600 });
  rmSync(socketPath, { force: true });

  const server = http.createServer((request, response) => {
    const answer = (status: number, body: CommandAnswer) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!sameToken(given, token)) return answer(401, { ok: false, text: 'not authorised' });
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    const command = request.method === 'GET' ? commands[name] : undefined;
    if (!command) return answer(404, { ok: false, text: `the running platform does not answer "${name}"` });
    command().then(
      (result) => answer(200, result),
      (error: unknown) =>
        answer(500, { ok: false, text: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  return {
    socketPath,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socketPath, { force: true });
      rmSync(tokenPath, { force: true });
    },
  };
}

/**
 * Asks the platform running on `dataDir` to run a read-only command. Undefined when no platform answers there
 * (none is running, or it does not offer that command): the caller then opens the databases itself.
 */
export async function askRunningPlatform(
  dataDir: string,
  command: string,
): Promise<CommandAnswer | undefined> {
  let token: string;
  try {
    token = readFileSync(tokenPathOf(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath: socketPathOf(dataDir),
        path: `/${encodeURIComponent(command)}`,
        headers: { authorization: `Bearer ${token}` },
        timeout: ANSWER_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode === 404) return resolve(undefined);
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CommandAnswer;
          if (response.statusCode === 200) resolve(body);
          else reject(new Error(`the running platform could not answer "${command}": ${body.text}`));
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`the running platform did not answer "${command}"`)),
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // No socket, or one left by a process that has gone: nobody is running.
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
    request.end();
  });
}
