import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider, storedLanguage, translate } from './i18n';
import { ToastProvider } from './ui/Toast';
import { applyTheme, storedTheme } from './app/theme';
import { ensureDeviceId, readBootSnapshot, type Profile } from './db/settings';
import { setDeviceId } from './db/records';
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
ensureDeviceId().then(
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
