// The shape of a `burndown` command: its name, one-line summary, `--help` text and what it does.
import type { Io } from '../io';

export interface Command {
  name: string;
  summary: string;
  /** Full `burndown <name> --help` text: usage, options, an example. */
  help: string;
  run(io: Io, argv: string[]): Promise<number>;
}
