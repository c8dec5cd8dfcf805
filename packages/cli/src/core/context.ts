import type { Keito } from '@keito/sdk';
import type { Command } from 'commander';
import { type Attribution, type AttributionFlags, attribute } from './agent.js';
import { Settings } from './config.js';
import { resolveApiKey } from './credentials.js';
import { NotAuthenticatedError } from './errors.js';
import type { Io } from './io.js';
import { Output } from './output.js';

export interface GlobalFlags {
  json?: boolean;
  quiet?: boolean;
}

/** What a command's action needs to build the inputs of its run function. */
export class Context {
  readonly io: Io;
  readonly out: Output;
  readonly clock: () => Date;
  #settings: Promise<Settings> | undefined;

  constructor(io: Io, flags: GlobalFlags) {
    this.io = io;
    this.clock = io.clock;
    this.out = new Output(io.stdout, io.stderr, {
      json: flags.json === true,
      quiet: flags.quiet === true,
      env: io.env,
    });
  }

  /** The context of the command being run, with the global flags wherever they were typed. */
  static of(io: Io, command: Command): Context {
    return new Context(io, command.optsWithGlobals<GlobalFlags>());
  }

  settings(): Promise<Settings> {
    this.#settings ??= Settings.load(this.io.env, this.io.cwd);
    return this.#settings;
  }

  /** An SDK client from the resolved key, account and base URL; exit 4 when there is no key. */
  async client(): Promise<Keito> {
    const settings = await this.settings();
    const apiKey = await resolveApiKey(settings);
    if (!apiKey) throw new NotAuthenticatedError();
    return this.clientFor(apiKey, settings.get('auth.account_id'), settings.get('api.base_url'));
  }

  async clientFor(
    apiKey: string,
    accountId: string | undefined,
    baseUrl: string | undefined,
  ): Promise<Keito> {
    // Loaded here, not at the top, so that commands without the API (help, completion, config) stay light.
    const { Keito } = await import('@keito/sdk');
    return new Keito({
      apiKey,
      accountId,
      baseUrl,
      defaultHeaders: { 'User-Agent': `keito-cli/${this.io.version}` },
    });
  }

  /**
   * Source and metadata for a new entry. When nothing explicit or detected decides, an agent user's key
   * (the CI pages' "dedicated agent user") makes it agent work, so `keito expense log --quantity N` in a
   * pipeline is LLM usage as those pages show.
   */
  async attribution(flags: AttributionFlags, client?: Keito): Promise<Attribution> {
    const settings = await this.settings();
    const source = settings.resolve('defaults.source');
    const configured = {
      source: source.value,
      sourceFromEnv: source.origin === 'env',
      agentId: settings.get('agent.agent_id'),
    };
    const result = attribute(flags, this.io.env, configured);
    if (client && result.reason === 'default') {
      const me = await client.users.me();
      if (me.user_type === 'agent') {
        return { ...attribute({ ...flags, source: 'agent' }, this.io.env, configured), reason: 'agent user' };
      }
    }
    return result;
  }
}
