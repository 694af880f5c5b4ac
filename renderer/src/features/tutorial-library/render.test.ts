import { describe, expect, it } from 'vitest';
import { renderTutorial } from './render';

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[clic](javascript:alert(1))',
  '[clic](JaVaScRiPt:alert(1))',
  '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[clic](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](https://tracker.example/pixel.png)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '## <b onclick=alert(1)>titre</b>',
  '::: astuce\n<script>alert(2)</script>\n:::',
  '[x](file:///etc/passwd)',
];

const ALLOWED_TAGS = new Set(['p', 'a', 'h2', 'h3', 'h4', 'strong', 'em', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'aside', 'span', 'input', 'label', 'hr', 'br']);

/** Every real tag (content is escaped, so a raw "<" only opens a tag) must be harmless. */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const [, name, attrs] of html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)) {
    if (!ALLOWED_TAGS.has(name!.toLowerCase())) found.push(`tag ${name}`);
    // attribute names only: quoted values are escaped text
    if (/\son\w+\s*=/i.test(attrs!.replace(/"[^"]*"/g, '""'))) found.push(`handler in ${name}`);
    const href = /\s(?:href|src)="([^"]*)"/i.exec(attrs!)?.[1];
    if (href !== undefined && !/^(https?:|mailto:|#)/i.test(href)) found.push(`link ${href}`);
  }
  return found;
}

describe('rendering', () => {
  it.each(XSS)('renders %j inertly', (source) => {
    const { html } = renderTutorial(source);
    expect(dangers(html)).toEqual([]);
  });

  it('keeps safe links, rewrites tutorial links, prefixes heading ids', () => {
    const { html, toc } = renderTutorial('## Objectifs\n\nVoir [la page](tuto:page-facebook-professionnelle), [la CNIL](https://www.cnil.fr/), [écrire](mailto:contact@ot.fr).\n\n### Détail\n');
    expect(html).toContain('href="#/tutoriels/page-facebook-professionnelle"');
    expect(html).toContain('data-external="true"');
    expect(html).toContain('href="mailto:contact@ot.fr"');
    // printed with their address, but not twice when the text is the address
    expect(html).toContain('data-print-href="https://www.cnil.fr/"');
    expect(html).toContain('data-print-href="contact@ot.fr"');
    expect(renderTutorial('[https://www.cnil.fr/](https://www.cnil.fr/)').html).not.toContain('data-print-href');
    expect(renderTutorial('[cnil.fr](https://www.cnil.fr/)').html).not.toContain('data-print-href');
    expect(html).toContain('id="tuto-objectifs"');
    expect(toc).toEqual([
      { level: 2, id: 'tuto-objectifs', text: 'Objectifs' },
      { level: 3, id: 'tuto-detail', text: 'Détail' },
    ]);
  });

  it('renders callouts, tables and task lists', () => {
    const { html } = renderTutorial('::: attention\nPrudence **ici**.\n:::\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] tâche\n- [x] faite\n');
    expect(html).toContain('class="callout callout-attention"');
    expect(html).toContain('<strong>ici</strong>');
    expect(html).toContain('<table>');
    expect(html).toMatch(/disabled="" type="checkbox"/);
  });

  it('stays fast and bounded on huge and deeply nested input', () => {
    const nested = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- niveau ${i}`).join('\n');
    const huge = 'Un paragraphe de texte assez long. '.repeat(60_000);
    const started = performance.now();
    const a = renderTutorial(nested);
    const b = renderTutorial(huge);
    // Generous bound: a regression to super-linear behaviour would take far longer.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(a.html.length).toBeGreaterThan(0);
    expect(b.words).toBeGreaterThan(300_000);
  });
});
