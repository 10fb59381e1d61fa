import type { Command } from '../command.js';
import { calendarCommand } from './calendar.js';
import { demoCommand } from './demo.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { exportCommand, importCommand, verifyCommand } from './logs.js';

/** Every `banshi` sub-command, in the order `--help` lists them. */
export const commands: readonly Command[] = [demoCommand, replayCommand, reportCommand, verifyCommand, exportCommand, importCommand, calendarCommand, rulesCommand];
