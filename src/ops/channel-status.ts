/**
 * Where each chat channel stands — off, starting, running, retrying after a failed start — for
 * /readyz (details) and /metrics (`tiaowen_channel_up`). A channel that cannot reach its platform
 * does not make the server unready: the widget and the API still answer, and the operator sees
 * which channel is down and why.
 */

/** The state of one channel. */
export type ChannelState = "off" | "starting" | "up" | "retrying" | "failed";

/** What /readyz shows of a channel. */
export interface ChannelReport {
  state: ChannelState;
  /** How it runs when up ("polling", "webhook"), or what went wrong. */
  detail?: string;
  /** ISO time of the next start attempt, while retrying. */
  retryAt?: string;
}

/** The channels' states. */
export interface ChannelStatus {
  set(channel: string, report: ChannelReport): void;
  /** Every channel's report, by name. */
  snapshot(): Record<string, ChannelReport>;
}

/** Creates an empty status board. */
export function createChannelStatus(): ChannelStatus {
  const reports = new Map<string, ChannelReport>();
  return {
    set(channel, report) {
      reports.set(channel, report);
    },
    snapshot: () => Object.fromEntries(reports),
  };
}
