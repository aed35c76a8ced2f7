/** Finds an installed Janus: the binary and the folder of its plugin/transport modules. */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { JANUS_PLUGINS, JANUS_TRANSPORTS } from './janus-config';

export type JanusInstall =
  { available: true; binary: string; modulesDir: string } | { available: false; reason: string };

/** Where Debian (per architecture), other distributions and source builds put the modules. */
export const MODULE_DIR_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/janus',
  '/usr/lib/aarch64-linux-gnu/janus',
  '/usr/lib64/janus',
  '/usr/lib/janus',
  '/usr/local/lib/janus',
  '/opt/janus/lib/janus',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findExecutable(name: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  return pathEnv
    .split(delimiter)
    .filter((dir) => isAbsolute(dir))
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

function hasModules(dir: string): boolean {
  return (
    JANUS_PLUGINS.every((so) => existsSync(join(dir, 'plugins', so))) &&
    JANUS_TRANSPORTS.every((so) => existsSync(join(dir, 'transports', so)))
  );
}

export function locateJanus(options: { binary?: string; modulesDir?: string } = {}): JanusInstall {
  const name = options.binary ?? 'janus';
  const binary = findExecutable(name);
  if (!binary) {
    return {
      available: false,
      reason: `Janus binary "${name}" not found or not executable (install the Debian package "janus")`,
    };
  }
  const candidates = options.modulesDir ? [options.modulesDir] : MODULE_DIR_CANDIDATES;
  const modulesDir = candidates.find(hasModules);
  if (!modulesDir) {
    const wanted = [...JANUS_PLUGINS, ...JANUS_TRANSPORTS].join(', ');
    return {
      available: false,
      reason: `Janus modules (${wanted}) not found in ${candidates.join(', ')}`,
    };
  }
  return { available: true, binary, modulesDir };
}
