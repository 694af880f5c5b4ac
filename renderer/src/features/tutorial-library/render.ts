/**
 * Tutorial Markdown to HTML, safely: raw HTML off, links limited to http(s),
 * mailto and tutorial links, heading ids prefixed (no DOM clobbering), images only
 * from the bundle, callouts, tables and task lists.
 */
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import container from 'markdown-it-container';
import taskLists from 'markdown-it-task-lists';
import { foldText } from '../../db/records';

export const HEADING_PREFIX = 'tuto-';
export const CALLOUTS: Record<string, string> = { astuce: 'Astuce', attention: 'Attention', exercice: 'Exercice', 'a-retenir': 'À retenir' };

export interface TocEntry {
  level: number;
  id: string;
  text: string;
}

const slugify = (s: string) => HEADING_PREFIX + foldText(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The text of the link opened at `idx`, up to its link_close. */
function linkText(tokens: readonly { type: string; content: string }[], idx: number): string {
  let text = '';
  for (let i = idx + 1; i < tokens.length && tokens[i]!.type !== 'link_close'; i++) text += tokens[i]!.content;
  return text;
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  // Only these destinations survive; anything else (javascript:, data:, vbscript:, file:…) is dropped.
  md.validateLink = (url: string) => /^(https?:|mailto:|tuto:|#)/i.test(url.trim()) || /^images\/[\w.-]+$/.test(url.trim()) || /^[\w-]+\.md$/.test(url.trim());
  md.use(anchor, { slugify, tabIndex: false });
  md.use(taskLists, { enabled: false, label: true });
  for (const [name, label] of Object.entries(CALLOUTS)) {
    md.use(container, name, {
      render: (tokens, idx) => (tokens[idx]!.nesting === 1 ? `<aside class="callout callout-${name}" role="note"><p class="callout-title">${label}</p>\n` : '</aside>\n'),
    });
  }
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const href = String(token.attrGet('href') ?? '');
    const tuto = /^tuto:([a-z0-9-]+)$/.exec(href) ?? /^([a-z0-9-]+)\.md$/.exec(href);
    if (tuto) {
      token.attrSet('href', `#/tutoriels/${tuto[1]}`);
      token.attrSet('data-tutorial', tuto[1]!);
    } else if (/^(https?:|mailto:)/i.test(href)) {
      token.attrSet('data-external', 'true');
      token.attrSet('rel', 'noopener noreferrer');
      // On paper a link is its address: printed after the text, unless the text is the address.
      const address = href.replace(/^mailto:/i, '');
      const bare = (s: string) => foldText(s).trim().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
      if (bare(linkText(tokens, idx)) !== bare(address)) token.attrSet('data-print-href', address);
    }
    return defaultLink(tokens, idx, options, env, self);
  };
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src') ?? '');
    const alt = token.content.replace(/[<>&"]/g, '');
    // No bundled images ship yet: only the path form is accepted, rendered as its text.
    return /^images\/[\w.-]+$/.test(src) ? `<span class="image-placeholder">[${alt}]</span>` : alt;
  };
  return md;
}

let renderer: ReturnType<typeof createRenderer> | null = null;
const MAX_NESTING = 20;

export interface Rendered {
  html: string;
  toc: TocEntry[];
  words: number;
}

export function renderTutorial(body: string): Rendered {
  renderer ??= createRenderer();
  renderer.options.maxNesting = MAX_NESTING;
  const tokens = renderer.parse(body, {});
  const toc: TocEntry[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open' && (t.tag === 'h2' || t.tag === 'h3')) {
      const inline = tokens[i + 1];
      toc.push({ level: t.tag === 'h2' ? 2 : 3, id: String(t.attrGet('id') ?? ''), text: inline?.content ?? '' });
    }
  });
  return { html: renderer.renderer.render(tokens, renderer.options, {}), toc, words: body.split(/\s+/).filter(Boolean).length };
}

/** Minutes to read, at 200 words a minute. */
export const readingMinutes = (words: number) => Math.max(1, Math.round(words / 200));
