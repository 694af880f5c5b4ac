// Launches the built app in Electron, or explains how to use the browser mode
// where the Electron binary cannot be downloaded (offline or restricted machines).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath;
try {
  // From Electron 42 the binary is fetched on first run; this resolves or throws.
  electronPath = require('electron');
} catch (error) {
  electronPath = null;
  console.error(String(error));
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  console.error(
    [
      '',
      "Le binaire d'Electron n'est pas disponible sur cette machine (téléchargement impossible ?).",
      'Utilisez le mode navigateur, identique à l’application de bureau :',
      '',
      '    npm run web      puis ouvrez http://127.0.0.1:4173/',
      '',
      'The Electron binary is not available on this machine. Use the browser mode: npm run web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
