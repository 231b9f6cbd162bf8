// `burndown export --file <slos.yaml> --to openslo [--output yaml|json]`: burndown/v1 SLOs -> OpenSLO v1 documents on
// stdout; what OpenSLO cannot express is a note on stderr (file:line:col: field: message).
import { exportOpenSlo, formatImportNote } from '../../import';
import { escapeControl } from '../../slo/limits';
import { parseArgs, UsageError } from '../args';
import { EXIT_INVALID, EXIT_OK, type Io } from '../io';
import type { Command } from './command';
import { loadSloFile } from './load';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the SLOs of a burndown/v1 file as OpenSLO v1 documents',
  help: `usage: burndown export --file <slos.yaml> --to openslo [--output yaml|json]

Writes one OpenSLO v1 SLO (with its SLI inline) per Burndown SLO on stdout. What OpenSLO cannot express
(groupBy, exclusions, policy, alerting, data source) is a note on stderr; an SLO that cannot be written at all
(a fixed window, a composite) is left out with a note. "burndown import" reads the result back.

options:
  --file     the burndown/v1 file ("-" reads standard input)
  --to       openslo (the only target)
  --output   yaml (default: documents separated by ---) or json (a list of objects)

exit codes: 0 every SLO exported, 1 the file is invalid or an SLO was left out, 2 usage error

example:
  burndown export --file slos.yaml --to openslo > openslo.yaml`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals, flags } = parseArgs(argv, ['file', 'to', 'output']);
    const path = flags.get('file');
    const to = flags.get('to');
    const output = flags.get('output') ?? 'yaml';
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${escapeControl(positionals[0])}: give the file with --file`);
    }
    if (!path) {
      throw new UsageError('export needs --file <slos.yaml>');
    }
    if (to !== 'openslo') {
      throw new UsageError(
        to === undefined ? 'export needs --to openslo' : `--to must be openslo, got ${escapeControl(to)}`
      );
    }
    if (output !== 'yaml' && output !== 'json') {
      throw new UsageError(`--output must be yaml or json, got ${escapeControl(output)}`);
    }
    const file = await loadSloFile(io, path);
    const name = path === '-' ? '<stdin>' : path;
    const result = exportOpenSlo(file.slos, { output, file: name });
    io.out(result.documents.replace(/\n$/, ''));
    result.notes.forEach((n) => io.err(escapeControl(formatImportNote({ ...n, message: `note: ${n.message}` }))));
    const left = file.slos.length - result.objects.length;
    io.err(
      `burndown: exported ${result.objects.length} of ${file.slos.length} SLOs, ${result.notes.length} note${
        result.notes.length === 1 ? '' : 's'
      }`
    );
    return left > 0 ? EXIT_INVALID : EXIT_OK;
  },
};
