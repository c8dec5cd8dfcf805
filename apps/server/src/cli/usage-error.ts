/** A mistake in how a command was called: exits 2 and prints the usage. */
export class UsageError extends Error {}
