// `burndown help [command]` and `burndown --version` (the version is inlined from package.json by the bundler).
import { version } from '../../../package.json';
import { EXIT_OK, type Io } from '../io';
import type { Command } from './command';

export const VERSION: string = version;

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `usage: burndown <command> [options]

commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

options:
  --help, -h    help for burndown or for a command (burndown budget --help)
  --version     print the version

exit codes: 0 ok, 1 invalid or unreadable SLO file, 2 usage error, 3 backend error, 4 internal error

example:
  burndown validate slos.yaml
  burndown budget --prometheus http://127.0.0.1:9090 --file slos.yaml
  burndown import sloth-slos.yml > slos.yaml`;
}

/** `help` needs the command list, which includes itself: built by main. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: "this text, or a command's help: burndown help budget",
    help: `usage: burndown help [command]

Prints the list of commands, or one command's options and an example.

example:
  burndown help budget`,
    async run(io: Io, argv: string[]): Promise<number> {
      const topic = all().find((c) => c.name === argv[0]);
      io.out(topic ? topic.help : usage(all()));
      return EXIT_OK;
    },
  };
}

export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version (also: burndown --version)',
  help: `usage: burndown version | burndown --version

Prints the version of burndown.

example:
  burndown --version`,
  async run(io: Io): Promise<number> {
    io.out(`burndown ${VERSION}`);
    return EXIT_OK;
  },
};
