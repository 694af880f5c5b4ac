import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider, storedLanguage, translate } from './i18n';
import { ToastProvider } from './ui/Toast';
import { applyTheme, storedTheme } from './app/theme';
import { ensureDeviceId } from './db/settings';
import { errorMessage } from './ui/errors';
import './ui/styles.css';

applyTheme(storedTheme());
document.documentElement.lang = storedLanguage();
const root = createRoot(document.getElementById('root')!);

ensureDeviceId().then(
  () =>
    root.render(
      <StrictMode>
        <I18nProvider>
          <ToastProvider>
            <App />
          </ToastProvider>
        </I18nProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <p role="alert" className="alert alert-error">
        {translate(storedLanguage(), 'app.error.storage', { detail: errorMessage(error) })}
      </p>,
    ),
);
