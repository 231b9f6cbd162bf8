// Loading one SLO file for a command: read (bounded), parse, print every problem with its position.
import { formatSloError, parseSloDocument, type SloError, type SloFile } from '../../slo';
import { escapeControl } from '../../slo/limits';
import { InvalidFileError, SloInputError, type Io } from '../io';

/** Every message that quotes input goes through here: one line per problem, control characters escaped. */
export function printSloError(io: Io, e: SloError): void {
  io.err(escapeControl(formatSloError(e)));
}

/** The parsed file, or InvalidFileError after printing each problem; CannotReadError passes through. */
export async function loadSloFile(io: Io, path: string): Promise<SloFile> {
  const name = path === '-' ? '<stdin>' : path;
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (e) {
    if (e instanceof SloInputError) {
      printSloError(io, e.error);
      throw new InvalidFileError(`${escapeControl(name)}: 1 problem`);
    }
    throw e;
  }
  const { file, errors } = parseSloDocument(text, { file: name });
  if (!file) {
    errors.forEach((e) => printSloError(io, e));
    throw new InvalidFileError(`${escapeControl(name)}: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
  }
  return file;
}
