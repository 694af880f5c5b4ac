/**
 * Reading back the e-mail drafts the app saves: the download (one .eml, or a zip of
 * them), unzipped with fflate, each message parsed with mailparser, the .ics inside
 * with ical.js (parseIcs).
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Page } from '@playwright/test';
import { parseIcs, type ParsedEvent } from './workshops';

export interface Draft {
  file: string;
  mail: ParsedMail;
  raw: string;
  events: ParsedEvent[];
}

/** Clicks, waits for the file the app saves, and reads every draft in it. */
export async function downloadDrafts(page: Page, click: () => Promise<void>): Promise<{ name: string; drafts: Draft[] }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  const bytes = new Uint8Array(await readFile((await download.path())!));
  const name = download.suggestedFilename();
  const files: [string, string][] = name.endsWith('.zip') ? Object.entries(unzipSync(bytes)).map(([file, data]) => [file, new TextDecoder().decode(data)]) : [[name, new TextDecoder().decode(bytes)]];
  const drafts: Draft[] = [];
  for (const [file, raw] of files) {
    const mail = await simpleParser(raw);
    const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
    drafts.push({ file, mail, raw, events: ics ? parseIcs(ics.content.toString('utf8')).events : [] });
  }
  return { name, drafts };
}

/** The first address of a parsed To: header. */
export function toAddress(mail: ParsedMail): string | undefined {
  const to = mail.to;
  return (Array.isArray(to) ? to[0] : to)?.value[0]?.address;
}
