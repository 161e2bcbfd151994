import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths';

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const packageJson = readJson(join(PROJECT_ROOT, 'package.json')) ?? {};
const buildInfo = readJson(join(PROJECT_ROOT, 'dist/build-info.json')) ?? {};

export const PACKAGE_NAME = String(packageJson.name ?? 'helpdesk');
export const PACKAGE_VERSION = String(packageJson.version ?? '0.0.0');
/** The package's SPDX license expression (or `UNLICENSED`). */
export const PACKAGE_LICENSE = String(packageJson.license ?? 'UNLICENSED');
/** Written by `npm run build` from git; `GIT_COMMIT` overrides it (see MetaController). */
export const BUILD_COMMIT = typeof buildInfo.commit === 'string' ? buildInfo.commit : undefined;
