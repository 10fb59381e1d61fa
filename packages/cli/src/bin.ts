#!/usr/bin/env node
import { main, nodeIO } from './main.js';

process.exitCode = await main(process.argv.slice(2), nodeIO());
