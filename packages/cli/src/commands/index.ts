import type { Command } from '../command.js';
import { calendarCommand } from './calendar.js';
import { demoCommand } from './demo.js';
import { diagramCommand } from './diagram.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { checkpointCommand, exportCommand, importCommand, proveCommand, verifyCommand } from './logs.js';

/** Every `banshi` sub-command, in the order `--help` lists them. */
export const commands: readonly Command[] = [demoCommand, replayCommand, reportCommand, verifyCommand, checkpointCommand, proveCommand, exportCommand, importCommand, calendarCommand, rulesCommand, diagramCommand];
