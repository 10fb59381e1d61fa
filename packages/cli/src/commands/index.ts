import type { Command } from '../command.js';
import { calendarCommand } from './calendar.js';

/** Every `banshi` sub-command, in the order `--help` lists them. */
export const commands: readonly Command[] = [calendarCommand];
