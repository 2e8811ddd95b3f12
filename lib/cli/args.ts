import { parseArgs } from "node:util";

/** `--email a@b --password x` style options for the CLI commands; exits with usage on error. */
export function cliOptions<T extends Record<string, { type: "string" | "boolean"; default?: string | boolean }>>(
  spec: T,
  usage: string,
) {
  try {
    return parseArgs({ options: spec, strict: true, allowPositionals: false }).values as unknown as {
      [K in keyof T]: T[K]["type"] extends "boolean" ? boolean | undefined : string | undefined;
    };
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : err}\nUsage: ${usage}`);
    process.exit(2);
  }
}
