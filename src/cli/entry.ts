/** The process entry point: runs the command line and sets the exit code. */
import { main, reportLateFailures } from "./main.ts";

reportLateFailures();
process.exitCode = await main(process.argv.slice(2));
