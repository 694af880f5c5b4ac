import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { organisationSchema } from '../../features/settings/organisation';
import { KeepTogether, PrintPage } from './PrintPage';

const organisation = organisationSchema.parse({ name: 'Office de tourisme du Pays basque', town: 'Bayonne', defaultTown: 'Bayonne' });

describe('PrintPage', () => {
  it('puts the letterhead on top, the content, then the footer with the page number', () => {
    const html = renderToStaticMarkup(
      <PrintPage label="Feuille d’émargement" organisation={organisation} footer="Atelier avis en ligne" page={{ index: 1, count: 3 }}>
        <p>contenu</p>
      </PrintPage>,
    );
    expect(inOrder(html, ['class="letterhead"', 'contenu', 'class="page-footer"'])).toBe(true);
    expect(html).toContain('aria-label="Feuille d’émargement"');
    expect(html).toContain('Office de tourisme du Pays basque');
    expect(html).toMatch(/<footer class="page-footer"><span>Atelier avis en ligne<\/span><span>page 2\/3<\/span><\/footer>/);
  });

  it('shows the right-hand footer text when there is no page number, and no footer when there is nothing to say', () => {
    expect(renderToStaticMarkup(<PrintPage label="x" organisation={organisation} footer="Certificat" footerEnd="1 rue de la Paix">…</PrintPage>)).toContain('<span>Certificat</span><span>1 rue de la Paix</span>');
    expect(renderToStaticMarkup(<PrintPage label="x" organisation={organisation}>…</PrintPage>)).not.toContain('page-footer');
  });

  it('marks what must stay whole on its page', () => {
    expect(renderToStaticMarkup(<KeepTogether className="signature-block">signature</KeepTogether>)).toBe('<div class="keep-together signature-block">signature</div>');
  });
});

/** Whether pieces of markup come in this order. */
function inOrder(html: string, pieces: string[]): boolean {
  const at = pieces.map((p) => html.indexOf(p));
  return at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!);
}
