import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { configDir, defaultProjectDir } from '../../../../../electron/backend/storage/paths.js';

describe('config dir', () => {
  it('is CICLO_HOME when set, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(configDir({ CICLO_HOME: '/x/ciclo' }, platform)).toBe('/x/ciclo');
  });

  it('follows each OS convention otherwise', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(join('/cfg', 'ciclo'));
    expect(configDir({}, 'linux')).toBe(join(homedir(), '.config', 'ciclo'));
    expect(configDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Ciclo'));
    expect(configDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\ana\\AppData\\Roaming', 'Ciclo'));
  });

  it('suggests new projects under CICLO_PROJECTS_DIR, else CICLO_HOME/projects', () => {
    expect(defaultProjectDir({ CICLO_PROJECTS_DIR: '/p', CICLO_HOME: '/h' })).toBe('/p');
    expect(defaultProjectDir({ CICLO_HOME: '/h' })).toBe(join('/h', 'projects'));
  });
});
