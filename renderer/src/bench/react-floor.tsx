/**
 * The cold-start scenario's React floor: the static reference page's markup,
 * rendered by React (react-dom/client) and nothing else. What any React renderer
 * pays before its first screen, measured beside the app and the static page.
 */
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <>
    <nav className="shell-nav" aria-label="Navigation principale">
      <a href="#">Accueil</a>
    </nav>
    <main id="main">
      <h1>Bonjour</h1>
      <p>Page statique de référence.</p>
    </main>
  </>,
);
