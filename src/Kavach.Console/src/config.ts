import type { ConsoleConfig } from './types';

/** What the deployment configured for the console (identity provider, device server): served by the key manager. */
export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`The console's configuration could not be read (${response.status}).`);
  return (await response.json()) as ConsoleConfig;
}
