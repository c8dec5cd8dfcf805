// The OS keychain, through the tools each OS ships: `secret-tool` (libsecret) on Linux desktops and
// `security` on macOS. Where neither works, callers fall back to the 0600 config file.
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

const SERVICE = 'keito';

export interface Keychain {
  readonly name: string;
  store(account: string, secret: string): Promise<void>;
  lookup(account: string): Promise<string | undefined>;
  remove(account: string): Promise<void>;
}

async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('error', () => resolve({ code: 127, stdout: '' }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    child.stdin.end(input ?? '');
  });
}

/** The keychain of this machine, or undefined (KEITO_KEYCHAIN=0 turns it off). */
export async function findKeychain(env: NodeJS.ProcessEnv): Promise<Keychain | undefined> {
  if (['0', 'false', 'off', 'no'].includes((env.KEITO_KEYCHAIN ?? '').toLowerCase())) return undefined;
  if (process.platform === 'darwin') {
    const security = await onPath('security', env);
    if (!security) return undefined;
    return {
      name: 'macOS keychain',
      async store(account, secret) {
        const result = await run(
          security,
          ['add-generic-password', '-U', '-s', SERVICE, '-a', account, '-w', secret],
          env,
        );
        if (result.code !== 0) throw new Error('security add-generic-password failed');
      },
      async lookup(account) {
        const result = await run(
          security,
          ['find-generic-password', '-s', SERVICE, '-a', account, '-w'],
          env,
        );
        return result.code === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
      },
      async remove(account) {
        await run(security, ['delete-generic-password', '-s', SERVICE, '-a', account], env);
      },
    };
  }
  const secretTool = await onPath('secret-tool', env);
  // secret-tool talks to the Secret Service over the session D-Bus; without one (servers, CI) it hangs or fails.
  if (!secretTool || !env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  return {
    name: 'Secret Service keyring',
    async store(account, secret) {
      const result = await run(
        secretTool,
        ['store', '--label=Keito CLI', 'service', SERVICE, 'account', account],
        env,
        secret,
      );
      if (result.code !== 0) throw new Error('secret-tool store failed');
    },
    async lookup(account) {
      const result = await run(secretTool, ['lookup', 'service', SERVICE, 'account', account], env);
      return result.code === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
    },
    async remove(account) {
      await run(secretTool, ['clear', 'service', SERVICE, 'account', account], env);
    },
  };
}
