/** Splitting and validating a tutorial file's front matter, with French messages naming the file. */
import { parse as parseYaml } from 'yaml';
import { tutorialMetaSchema, type TutorialMeta } from '../../domain/tutorials';
import { translate, type Translate } from '../../i18n';
import { issueText } from '../../i18n/issues';

export const REQUIRED_SECTIONS = ['Objectifs', 'Prérequis', 'Étapes', "Exercice pour l'atelier", 'Check-list', 'Pour aller plus loin'] as const;

export type ParsedTutorial = { ok: true; meta: TutorialMeta; body: string } | { ok: false; error: string };

/** Files are checked before the app's language matters (bundled content, packs): messages in French. */
const tFr: Translate = (key, params) => translate('fr', key, params);

/** Reads "---\nyaml\n---\nbody". The message names the file and what is wrong. */
export function parseTutorialFile(fileName: string, text: string): ParsedTutorial {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) return { ok: false, error: `${fileName} : en-tête (front matter) absent — le fichier doit commencer par une ligne « --- ».` };
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (e) {
    return { ok: false, error: `${fileName} : en-tête illisible (${e instanceof Error ? e.message.split('\n')[0] : 'YAML invalide'}).` };
  }
  if (data && typeof data === 'object' && 'reviewed' in data && (data as { reviewed: unknown }).reviewed instanceof Date) {
    (data as { reviewed: unknown }).reviewed = ((data as { reviewed: Date }).reviewed).toISOString().slice(0, 10);
  }
  const checked = tutorialMetaSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, error: `${fileName} : ${issue ? issueText(tFr, issue, data) : 'en-tête refusé.'}` };
  }
  return { ok: true, meta: checked.data, body: match[2] ?? '' };
}

/** Turns meta + body back into a file. */
export function serialiseTutorial(meta: TutorialMeta, body: string): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    '---',
    `id: ${meta.id}`,
    `title: ${q(meta.title)}`,
    `summary: ${q(meta.summary)}`,
    `theme: ${meta.theme}`,
    `level: ${meta.level}`,
    `duration: ${meta.duration}`,
    `audience: ${meta.audience}`,
    `tags: [${meta.tags.map(q).join(', ')}]`,
    `reviewed: ${meta.reviewed}`,
    `version: ${meta.version}`,
    `changes: ${q(meta.changes)}`,
    '---',
    '',
    body.trim(),
    '',
  ].join('\n');
}

/** Structural checks of a body: the required sections in order, and tutorial links. */
export function checkBody(body: string, knownIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const headings = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
  let last = -1;
  for (const section of REQUIRED_SECTIONS) {
    const at = headings.indexOf(section);
    if (at < 0) problems.push(`section « ${section} » manquante`);
    else if (at < last) problems.push(`section « ${section} » hors de l'ordre attendu`);
    else last = at;
  }
  if (/^# /m.test(body)) problems.push('titre de niveau 1 interdit (le titre vient de l’en-tête)');
  for (const m of body.matchAll(/\]\(tuto:([^)\s#]+)/g)) if (!knownIds.has(m[1]!)) problems.push(`lien vers un tutoriel inconnu : tuto:${m[1]}`);
  return problems;
}
