// The `burndown` command line: dispatch to a command, turn errors into one-line messages and exit codes.
// Commands live in ./commands; what they may touch (output, files, clock, backends) is the Io.
import { HttpPromClient } from '../query';
import { escapeControl } from '../slo/limits';
import { UsageError } from './args';
import { budgetCommand } from './commands/budget';
import { gateCommand } from './commands/gate';
import type { Command } from './commands/command';
import { exportCommand } from './commands/export';
import { helpCommand, usage, versionCommand } from './commands/help';
import { importCommand } from './commands/import';
import { reportCommand } from './commands/report';
import { rulesCommand } from './commands/rules';
import { validateCommand } from './commands/validate';
import { readSecretFile, readSloFile } from './files';
import { nodeTransport } from './http';
import {
  CannotReadError,
  EXIT_INTERNAL,
  EXIT_INVALID,
  EXIT_USAGE,
  InvalidFileError,
  type ClientSettings,
  type Io,
} from './io';

export { EXIT_BACKEND, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './io';
export type { ClientSettings, Io } from './io';
export { fieldOf } from './commands/budget';

export const defaultIo: Io = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  readFile: (p) => readSloFile(p),
  readSecret: (p) => readSecretFile(p),
  now: () => Date.now(),
  client: (url: string, s: ClientSettings) =>
    new HttpPromClient(url, { headers: s.headers, timeoutMs: s.timeoutMs, transport: nodeTransport({ ca: s.ca }) }),
  env: process.env,
};

const COMMANDS: readonly Command[] = [
  validateCommand,
  budgetCommand,
  rulesCommand,
  gateCommand,
  reportCommand,
  importCommand,
  exportCommand,
  helpCommand(() => COMMANDS),
  versionCommand,
];

export async function run(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [first, ...rest] = argv;
  const name =
    first === '--version' || first === '-V' ? 'version' : first === '--help' || first === '-h' ? 'help' : first;
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) {
      throw new UsageError(first ? `unknown command ${escapeControl(first)}` : 'no command given');
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(command.help);
      return 0;
    }
    return await command.run(io, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      const help =
        command && command.name !== 'help' ? `run 'burndown ${command.name} --help' for its options` : usage(COMMANDS);
      io.err(`burndown: ${escapeControl(e.message)}\n\n${help}`);
      return EXIT_USAGE;
    }
    if (e instanceof CannotReadError) {
      io.err(`burndown: ${escapeControl(e.message)}`);
      return EXIT_INVALID;
    }
    if (e instanceof InvalidFileError) {
      io.err(`burndown: ${e.message}`);
      return EXIT_INVALID;
    }
    throw e;
  }
}

/** Process entry: run with the real argv and set the exit code. */
export function cliMain(): void {
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(
        `burndown: internal error: ${escapeControl((e as Error).stack ?? String(e)).replace(/\\n/g, '\n')}\n`
      );
      process.exitCode = EXIT_INTERNAL;
    }
  );
}

if (require.main === module) {
  cliMain();
}
