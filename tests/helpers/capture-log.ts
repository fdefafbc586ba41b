/**
 * A real pino logger whose lines are kept in memory, so tests can check what was logged.
 */
import { type Logger, pino } from "pino";

/** One parsed log line. */
export interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

/** A logger at `debug` and the lines it wrote. */
export function captureLog(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return { logger, lines };
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;
