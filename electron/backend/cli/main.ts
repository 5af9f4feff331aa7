/** The `ciclo` program: runs the command line and exits with its code (see run.ts). */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2));
