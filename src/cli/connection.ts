// Options that say how to reach a secured backend (flags first, then BURNDOWN_* environment variables), turned
// into ClientSettings. Secret values are read from files and never appear in any message.
import { escapeControl } from '../slo/limits';
import { UsageError } from './args';
import { readSecretFile } from './files';
import type { ClientSettings, Io } from './io';

export const CONNECTION_FLAGS = [
  'header',
  'bearer-token-file',
  'basic-auth-user',
  'basic-auth-password-file',
  'tenant',
  'timeout',
  'ca-file',
] as const;

/** Flag -> environment variable used when the flag is absent. */
export const CONNECTION_ENV: Record<(typeof CONNECTION_FLAGS)[number], string> = {
  header: 'BURNDOWN_HEADERS',
  'bearer-token-file': 'BURNDOWN_BEARER_TOKEN_FILE',
  'basic-auth-user': 'BURNDOWN_BASIC_AUTH_USER',
  'basic-auth-password-file': 'BURNDOWN_BASIC_AUTH_PASSWORD_FILE',
  tenant: 'BURNDOWN_TENANT',
  timeout: 'BURNDOWN_TIMEOUT',
  'ca-file': 'BURNDOWN_CA_FILE',
};

export const CONNECTION_HELP = `connection options (each also read from the environment variable shown):
  --header 'Name: value'            extra request header, repeatable   BURNDOWN_HEADERS (one header per line)
  --bearer-token-file <file>        Authorization: Bearer <token>      BURNDOWN_BEARER_TOKEN_FILE
  --basic-auth-user <user>          HTTP basic auth user               BURNDOWN_BASIC_AUTH_USER
  --basic-auth-password-file <file> its password, read from a file     BURNDOWN_BASIC_AUTH_PASSWORD_FILE
  --tenant <id>                     X-Scope-OrgID for Mimir, Cortex    BURNDOWN_TENANT
  --timeout <duration>              per request, e.g. 30s or 2m (120s) BURNDOWN_TIMEOUT
  --ca-file <pem>                   CA bundle for a private TLS CA     BURNDOWN_CA_FILE`;

const DEFAULT_TIMEOUT_MS = 120_000;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function option(
  flags: Map<string, string>,
  env: Record<string, string | undefined>,
  name: (typeof CONNECTION_FLAGS)[number]
): string | undefined {
  const v = flags.get(name) ?? env[CONNECTION_ENV[name]];
  return v === '' ? undefined : v;
}

/** `30s`, `2m`, `1500ms`, or plain seconds. */
export function parseTimeout(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const ms = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
  return ms > 0 ? ms : undefined;
}

/** `Name: value` -> [name, value]; the message names the header, never its value. */
export function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!TOKEN.test(name)) {
    const shown = colon > 0 ? `"${escapeControl(name)}: ..."` : 'a header without "Name:"';
    throw new UsageError(`--header must look like 'Name: value', got ${shown}`);
  }
  const value = text.slice(colon + 1).trim();
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    throw new UsageError(`--header ${name}: the value holds a control character (a line break?)`);
  }
  return [name, value];
}

export async function secret(io: Io, flag: string, path: string): Promise<string> {
  try {
    const text = await (io.readSecret ?? readSecretFile)(path);
    if (text === '') {
      throw new UsageError(`--${flag}: ${escapeControl(path)} is empty`);
    }
    return text;
  } catch (e) {
    if (e instanceof UsageError) {
      throw e;
    }
    throw new UsageError(`--${flag}: ${escapeControl((e as Error).message)}`);
  }
}

/** Headers, timeout and CA from the flags and BURNDOWN_* variables; usage errors for conflicts and bad values. */
export async function connectionSettings(io: Io, flags: Map<string, string>, all: Map<string, string[]>) {
  const env = io.env ?? process.env;
  const headers: Record<string, string> = {};
  const headerTexts = all.get('header') ?? (env.BURNDOWN_HEADERS ?? '').split('\n').filter((l) => l.trim() !== '');
  for (const text of headerTexts) {
    const [name, value] = parseHeader(text);
    headers[name] = value;
  }
  const tokenFile = option(flags, env, 'bearer-token-file');
  const user = option(flags, env, 'basic-auth-user');
  const passwordFile = option(flags, env, 'basic-auth-password-file');
  if (tokenFile && (user || passwordFile)) {
    throw new UsageError('use either --bearer-token-file or --basic-auth-user/--basic-auth-password-file, not both');
  }
  if ((user === undefined) !== (passwordFile === undefined)) {
    throw new UsageError('--basic-auth-user and --basic-auth-password-file go together');
  }
  if (tokenFile) {
    headers.Authorization = `Bearer ${await secret(io, 'bearer-token-file', tokenFile)}`;
  }
  if (user !== undefined && passwordFile !== undefined) {
    const password = await secret(io, 'basic-auth-password-file', passwordFile);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  }
  const tenant = option(flags, env, 'tenant');
  if (tenant !== undefined) {
    headers['X-Scope-OrgID'] = parseHeader(`X-Scope-OrgID: ${tenant}`)[1];
  }
  const timeoutText = option(flags, env, 'timeout');
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseTimeout(timeoutText);
  if (timeoutMs === undefined) {
    throw new UsageError(`--timeout must be a duration such as 30s, 2m or 1500ms, got ${escapeControl(timeoutText!)}`);
  }
  const caFile = option(flags, env, 'ca-file');
  const settings: ClientSettings = { headers, timeoutMs };
  if (caFile) {
    settings.ca = await secret(io, 'ca-file', caFile);
  }
  return settings;
}
