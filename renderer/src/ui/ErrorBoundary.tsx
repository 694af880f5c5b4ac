import { Component, type ReactNode } from 'react';
import { translate, storedLanguage } from '../i18n';

/** Catches a screen's crash so the rest of the app stays usable. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const lang = storedLanguage();
    return (
      <div className="alert alert-error" role="alert">
        <h2>{translate(lang, 'app.error.title')}</h2>
        <p>{this.state.error.message}</p>
        <button type="button" className="btn" onClick={() => location.reload()}>
          {translate(lang, 'app.error.reload')}
        </button>
      </div>
    );
  }
}
