/**
 * What `npm run backup` and `npm run restore` share: `FILE [--data-dir DIR]` from the command
 * line, the configuration with DIR as DATA_DIR, and a failure printed as one line with exit 1.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../server/platform/config.js';

export function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/** The absolute FILE and the configuration, or a usage line and exit 1 (`command`: backup or restore). */
export function fileAndConfig(command: string): { file: string; config: Config } {
  const args = process.argv.slice(2);
  const dirAt = args.indexOf('--data-dir');
  const dataDirArg = dirAt >= 0 ? args.splice(dirAt, 2)[1] : undefined;
  if (args.length !== 1 || args[0]!.startsWith('-') || (dirAt >= 0 && !dataDirArg)) {
    fail(`Usage / 用法: npm run ${command} -- FILE [--data-dir DIR]`);
  }
  try {
    return { file: path.resolve(args[0]!), config: loadConfig(dataDirArg ? { ...process.env, DATA_DIR: dataDirArg } : process.env) };
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}
