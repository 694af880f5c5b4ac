import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from './menu';

describe('application menu', () => {
  it('is in French with the usual shortcuts', () => {
    const navigate = vi.fn();
    const quickSearch = vi.fn();
    const template = buildMenuTemplate({ navigate, quickSearch, printToPdf: vi.fn(), openExternal: vi.fn(), isMac: false });
    expect(template.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    const items = template.flatMap((m) => (m.submenu as MenuItemConstructorOptions[]) ?? []);
    const search = items.find((i) => i.accelerator === 'CmdOrCtrl+K');
    expect(search?.label).toMatch(/Rechercher/);
    (search?.click as () => void)();
    expect(quickSearch).toHaveBeenCalled();
    (items.find((i) => i.accelerator === 'CmdOrCtrl+2')?.click as () => void)();
    expect(navigate).toHaveBeenCalledWith('/ateliers');
    expect(items.some((i) => i.role === 'quit')).toBe(true);
  });
});
