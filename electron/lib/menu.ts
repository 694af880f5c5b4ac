/** The French application menu, as a plain template (built into a Menu by main). */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  navigate: (hashPath: string) => void;
  quickSearch: () => void;
  printToPdf: () => void;
  openExternal: (url: string) => void;
  isMac: boolean;
}


export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const fichier: MenuItemConstructorOptions = {
    label: 'Fichier',
    submenu: [
      { label: 'Nouvel atelier', accelerator: 'CmdOrCtrl+N', click: () => actions.navigate('/ateliers/nouveau') },
      { label: 'Rechercher un tutoriel…', accelerator: 'CmdOrCtrl+K', click: () => actions.quickSearch() },
      { type: 'separator' },
      { label: 'Imprimer / exporter en PDF…', accelerator: 'CmdOrCtrl+P', click: () => actions.printToPdf() },
      { label: 'Sauvegardes…', click: () => actions.navigate('/reglages/donnees') },
      { type: 'separator' },
      actions.isMac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter' },
    ],
  };
  const edition: MenuItemConstructorOptions = {
    label: 'Édition',
    submenu: [
      { role: 'undo', label: 'Annuler' },
      { role: 'redo', label: 'Rétablir' },
      { type: 'separator' },
      { role: 'cut', label: 'Couper' },
      { role: 'copy', label: 'Copier' },
      { role: 'paste', label: 'Coller' },
      { role: 'selectAll', label: 'Tout sélectionner' },
    ],
  };
  const affichage: MenuItemConstructorOptions = {
    label: 'Affichage',
    submenu: [
      { label: 'Tutoriels', accelerator: 'CmdOrCtrl+1', click: () => actions.navigate('/tutoriels') },
      { label: 'Ateliers', accelerator: 'CmdOrCtrl+2', click: () => actions.navigate('/ateliers') },
      { label: 'Annuaire', accelerator: 'CmdOrCtrl+3', click: () => actions.navigate('/annuaire') },
      { label: 'Promotions', accelerator: 'CmdOrCtrl+4', click: () => actions.navigate('/promotions') },
      { label: 'Réglages', accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('/reglages') },
      { type: 'separator' },
      { role: 'resetZoom', label: 'Taille réelle' },
      { role: 'zoomIn', label: 'Zoom avant' },
      { role: 'zoomOut', label: 'Zoom arrière' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: 'Plein écran' },
    ],
  };
  const aide: MenuItemConstructorOptions = {
    label: 'Aide',
    submenu: [
      { label: 'À propos de Fourmilière', click: () => actions.navigate('/reglages/a-propos') },
      { label: 'Raccourcis clavier', click: () => actions.navigate('/reglages/raccourcis') },
    ],
  };
  const template = [fichier, edition, affichage, aide];
  if (actions.isMac) template.unshift({ label: 'Fourmilière', submenu: [{ role: 'about', label: 'À propos' }, { type: 'separator' }, { role: 'quit', label: 'Quitter Fourmilière' }] });
  return template;
}
