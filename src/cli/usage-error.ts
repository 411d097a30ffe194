/** A command line the user must fix: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
