#!/usr/bin/env node
// The `keito` executable. `keito --version` is answered here, before anything else is loaded, so it
// costs little more than starting Node; every other command loads the CLI on demand.
declare const __KEITO_CLI_VERSION__: string;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${__KEITO_CLI_VERSION__}\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main({
    argv: args,
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    clock: () => new Date(),
    version: __KEITO_CLI_VERSION__,
  });
}
