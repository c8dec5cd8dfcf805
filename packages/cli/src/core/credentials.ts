import { getKey, type Settings, setKey, writeConfigFile } from './config.js';
import { findKeychain } from './keychain.js';

export interface Credentials {
  apiKey: string;
  accountId: string;
  baseUrl: string;
}

/** The API key: flags/env/config files first, then the keychain when `keito auth login` put it there. */
export async function resolveApiKey(settings: Settings): Promise<string | undefined> {
  const direct = settings.get('auth.api_key');
  if (direct !== undefined) return direct;
  if (getKey(settings.global.data, 'auth.keychain') !== true) return undefined;
  const keychain = await findKeychain(settings.env);
  return keychain?.lookup(settings.get('api.base_url') ?? '');
}

/** Saves a key to the keychain when there is one, otherwise to ~/.keito/config.toml (mode 0600). */
export async function saveCredentials(
  settings: Settings,
  credentials: Credentials,
): Promise<{ store: string; path: string }> {
  const file = settings.global;
  let store = `${file.path} (mode 0600)`;
  const keychain = await findKeychain(settings.env);
  let inKeychain = false;
  if (keychain) {
    try {
      await keychain.store(credentials.baseUrl, credentials.apiKey);
      inKeychain = true;
      store = keychain.name;
    } catch {
      // A locked or absent keyring: the file is the documented fallback.
    }
  }
  setKey(file.data, 'auth.api_key', inKeychain ? undefined : credentials.apiKey);
  setKey(file.data, 'auth.keychain', inKeychain ? true : undefined);
  setKey(file.data, 'auth.account_id', credentials.accountId);
  setKey(file.data, 'api.base_url', credentials.baseUrl);
  await writeConfigFile(file);
  return { store, path: file.path };
}

/** Removes the stored key and account from the keychain and the user's config file. */
export async function clearCredentials(settings: Settings): Promise<boolean> {
  const file = settings.global;
  const had = getKey(file.data, 'auth.api_key') !== undefined || getKey(file.data, 'auth.keychain') === true;
  if (getKey(file.data, 'auth.keychain') === true) {
    const keychain = await findKeychain(settings.env);
    await keychain?.remove(settings.get('api.base_url') ?? '');
  }
  setKey(file.data, 'auth.api_key', undefined);
  setKey(file.data, 'auth.keychain', undefined);
  setKey(file.data, 'auth.account_id', undefined);
  if (had) await writeConfigFile(file);
  return had;
}
