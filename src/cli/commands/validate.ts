// `burndown validate <file|->...`: checks SLO files and prints every problem as file:line:col: field: message.
import { escapeControl } from '../../slo/limits';
import { parseArgs, UsageError } from '../args';
import { CannotReadError, EXIT_INVALID, EXIT_OK, InvalidFileError, type Io } from '../io';
import type { Command } from './command';
import { loadSloFile } from './load';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check SLO files; prints every problem as file:line:col: field: message',
  help: `usage: burndown validate <file>... | -

Checks burndown/v1 SLO files (YAML or JSON) and prints every problem at once, one per line, as
file:line:col: field: message. "-" reads standard input. Files over 1 MiB, binary data and invalid UTF-8
are refused before parsing.

exit codes: 0 every file is valid, 1 a file is invalid or cannot be read, 2 usage error

example:
  burndown validate slos.yaml team-b/slos.yaml
  kubectl get configmap slos -o jsonpath='{.data.slos\\.yaml}' | burndown validate -`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals } = parseArgs(argv, []);
    if (positionals.length === 0) {
      throw new UsageError('validate needs at least one file (or - for standard input)', 'validate');
    }
    let failed = 0;
    for (const path of positionals) {
      try {
        const file = await loadSloFile(io, path);
        const n = file.slos.length;
        io.out(`${escapeControl(path === '-' ? '<stdin>' : path)}: ok (${n} SLO${n === 1 ? '' : 's'})`);
      } catch (e) {
        if (e instanceof CannotReadError) {
          io.err(`burndown: ${escapeControl(e.message)}`);
        } else if (!(e instanceof InvalidFileError)) {
          throw e;
        }
        failed++;
      }
    }
    return failed > 0 ? EXIT_INVALID : EXIT_OK;
  },
};
