/**
 * Errors of the Telegram channel: setup problems that stop the bot from starting, each naming
 * the setting to fix.
 */
import { TiaowenError } from "../../errors.js";

/**
 * The Telegram bot cannot start: the token is refused, the Bot API server cannot be reached,
 * or the webhook cannot be set up. `code` says which; the message says what to change.
 */
export class TelegramSetupError extends TiaowenError {
  override name = "TelegramSetupError";
}
