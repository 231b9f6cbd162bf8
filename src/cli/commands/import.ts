// `burndown import <file>... [--from auto|sloth|pyrra|openslo] [--output yaml|json]`: Sloth, Pyrra and OpenSLO specs
// -> one burndown/v1 document on stdout; notes and refusals as file:line:col: path: message on stderr.
import { formatImportNote, importSpecs, jsonText, type ImportInput, type ImportNote } from '../../import';
import { escapeControl } from '../../slo/limits';
import { serializeSloFile, toSloDocument } from '../../slo/serialize';
import { API_VERSION, type SloFile } from '../../slo/types';
import { parseArgs, UsageError } from '../args';
import { CannotReadError, EXIT_INVALID, EXIT_OK, SloInputError, type Io } from '../io';
import type { Command } from './command';

const FROM = ['auto', 'sloth', 'pyrra', 'openslo'] as const;
const OUTPUT = ['yaml', 'json'] as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'convert Sloth, Pyrra or OpenSLO specs into one burndown/v1 document',
  help: `usage: burndown import <file>... [--from auto|sloth|pyrra|openslo] [--output yaml|json]

Reads Sloth (prometheus/v1, sloth.slok.dev/v1), Pyrra (pyrra.dev/v1alpha1) and OpenSLO (openslo/v1, v1alpha,
v2alpha) files, several documents per file and several files at once (OpenSLO references may cross files), and
prints one burndown/v1 document on stdout. Every field that is not carried over, or only approximately, is a
note on stderr; an object that cannot be imported is refused whole, and the rest still imports. Both are printed
as file:line:col: field: message. "-" reads standard input. See docs/import.md for what maps to what.

options:
  --from     auto (default: per document), sloth, pyrra or openslo (other formats are refused)
  --output   yaml (default) or json

exit codes: 0 everything imported, 1 something was refused or unreadable (what could be imported is still
printed), 2 usage error

example:
  burndown import sloth/*.yml > slos.yaml
  burndown import --from openslo slos.yaml slis.yaml --output json`,

  async run(io: Io, argv: string[]): Promise<number> {
    const { positionals, flags } = parseArgs(argv, ['from', 'output']);
    const from = oneOf(flags.get('from') ?? 'auto', FROM, '--from');
    const output = oneOf(flags.get('output') ?? 'yaml', OUTPUT, '--output');
    if (positionals.length === 0) {
      throw new UsageError('import needs at least one file (or - for standard input)', 'import');
    }
    const inputs: ImportInput[] = [];
    let unreadable = 0;
    for (const path of positionals) {
      const file = path === '-' ? '<stdin>' : path;
      try {
        inputs.push({ file, text: await io.readFile(path) });
      } catch (e) {
        if (e instanceof CannotReadError) {
          io.err(`burndown: ${escapeControl(e.message)}`);
        } else if (e instanceof SloInputError) {
          io.err(escapeControl(formatImportNote({ ...e.error, file: e.error.file ?? file })));
        } else {
          throw e;
        }
        unreadable++;
      }
    }
    const result = importSpecs(inputs, { from });
    const file: SloFile = { apiVersion: API_VERSION, slos: result.slos };
    io.out(output === 'json' ? jsonText(toSloDocument(file)) : serializeSloFile(file).replace(/\n$/, ''));
    const line = (n: ImportNote, kind: string) =>
      io.err(escapeControl(formatImportNote({ ...n, message: `${kind}: ${n.message}` })));
    result.notes.forEach((n) => line(n, 'note'));
    result.refusals.forEach((n) => line(n, 'refused'));
    const refused = result.refusals.length + unreadable;
    io.err(
      `burndown: imported ${count(result.slos.length, 'SLO')}, ${count(
        result.notes.length,
        'note'
      )}, ${refused} refused`
    );
    return refused > 0 ? EXIT_INVALID : EXIT_OK;
  },
};

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got ${escapeControl(value)}`);
  }
  return value as T;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
