/**
 * Graceful shutdown on SIGTERM (what a supervisor or an orchestrator sends before it replaces an
 * instance) and SIGINT: stop taking work, let the work in flight finish within a grace period,
 * make sure everything recorded is written, close connections, and exit 0. A second signal exits
 * at once with 1.
 *
 * The steps are the caller's, run in order; each gets what is left of the grace period, and one
 * that outlasts it is abandoned with a warning, so shutdown always ends. A step that fails is
 * logged and makes the exit code 1, but the later steps still run (the feedback log is flushed
 * even if the server closed badly).
 */
import type { Logger } from "pino";

/** One step of the shutdown. */
export interface ShutdownStep {
  /** What it does, for the log: "stop accepting and finish requests in flight". */
  name: string;
  run(): Promise<unknown>;
  /** Whether the step may be abandoned when the grace period is over. Default true. */
  bounded?: boolean;
}

/** Options of {@link createShutdown}. */
export interface ShutdownOptions {
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** The steps, asked for when the signal comes (they may depend on what started meanwhile). */
  steps: () => ShutdownStep[];
  /** How long the bounded steps may take together. */
  graceMs: number;
  /** Ends the process; default process.exit. */
  exit?: (code: number) => void;
}

/** The shutdown sequence. */
export interface Shutdown {
  /** Runs the steps, then exits; a second call exits at once with 1. Resolves with the exit code. */
  run(reason: string): Promise<number>;
  /** Whether shutdown has begun (start-up checks this before starting more). */
  readonly started: boolean;
  /** Runs `run` on SIGTERM and SIGINT. */
  listen(): void;
}

const TIMED_OUT = Symbol("timed out");

/** Creates the shutdown sequence. */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger, graceMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;

  const run = async (reason: string): Promise<number> => {
    if (started) {
      logger.warn({ reason }, "shutting down at once");
      exit(1);
      return 1;
    }
    started = true;
    const deadline = Date.now() + graceMs;
    logger.info({ reason, graceMs }, "shutting down");
    let code = 0;
    for (const step of options.steps()) {
      const left = Math.max(0, deadline - Date.now());
      try {
        const work = step.run();
        const outcome =
          step.bounded === false
            ? await work
            : await Promise.race([
                work,
                new Promise<typeof TIMED_OUT>((resolve) =>
                  setTimeout(() => resolve(TIMED_OUT), left).unref(),
                ),
              ]);
        if (outcome === TIMED_OUT) logger.warn({ step: step.name, graceMs }, "shutdown: gave up waiting");
      } catch (error) {
        code = 1;
        logger.error({ err: error, step: step.name }, "shutdown: a step failed");
      }
    }
    logger.info({ code }, "stopped");
    exit(code);
    return code;
  };

  return {
    run,
    get started() {
      return started;
    },
    listen() {
      const onSignal = (signal: NodeJS.Signals) => {
        void run(signal);
      };
      process.on("SIGTERM", onSignal);
      process.on("SIGINT", onSignal);
    },
  };
}
