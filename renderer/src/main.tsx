import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider, storedLanguage, translate } from './i18n';
import { ToastProvider } from './ui/Toast';
import { applyTheme, storedTheme } from './app/theme';
import { readBootSnapshot } from './db/boot';
import { setDeviceId } from './db/device';
import type { Profile } from './db/settings';
import { errorMessage } from './ui/errors';
import './ui/styles.css';

applyTheme(storedTheme());
document.documentElement.lang = storedLanguage();
const root = createRoot(document.getElementById('root')!);

const app = (initialProfile?: Profile) => (
  <StrictMode>
    <I18nProvider>
      <ToastProvider>
        <App initialProfile={initialProfile} />
      </ToastProvider>
    </I18nProvider>
  </StrictMode>
);

// A returning user sees the shell at once (see readBootSnapshot); the database opens beside it.
const snapshot = readBootSnapshot();
if (snapshot) {
  setDeviceId(snapshot.deviceId);
  root.render(app(snapshot.profile));
}
// The database, its schemas and Dexie load after the first screen (see db/boot.ts).
import('./db/settings').then((settings) => settings.ensureDeviceId()).then(
  () => {
    if (!snapshot) root.render(app());
  },
  (error: unknown) =>
    root.render(
      <p role="alert" className="alert alert-error">
        {translate(storedLanguage(), 'app.error.storage', { detail: errorMessage(error) })}
      </p>,
    ),
);
