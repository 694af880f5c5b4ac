/**
 * E-mail drafts that work offline: one RFC 5322 message per person, written with
 * mimetext (browser build), marked `X-Unsent: 1` so Outlook, Thunderbird and Apple
 * Mail open the `.eml` file as a draft ready to send. The text travels as UTF-8 in
 * base64 (accents and narrow no-break spaces intact), attachments likewise; several
 * drafts are saved as one zip (fflate).
 */
import { createMimeMessage } from 'mimetext/browser';
import { strToU8, zipSync } from 'fflate';
import { fileNameFrom } from '../../shared/files';

export interface MailAddress {
  name: string;
  addr: string;
}

export interface Attachment {
  fileName: string;
  /** e.g. 'text/calendar; charset=utf-8' */
  contentType: string;
  content: string;
}

export interface DraftInput {
  from: MailAddress;
  to: MailAddress;
  subject: string;
  body: string;
  attachments?: readonly Attachment[];
  date?: Date;
}

export interface DraftFile {
  name: string;
  content: string;
}

/** UTF-8 bytes of a text in base64, in lines of 76 characters (RFC 2045). */
export function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\r\n');
}

/** An address the message can carry: plain `local@domain`, no spaces or angle brackets. */
export function isMailAddress(addr: string): boolean {
  return /^[^\s<>@"]+@[^\s<>@"]+\.[^\s<>@"]+$/.test(addr.trim());
}

/** RFC 5322 date, « Tue, 10 Mar 2026 09:00:00 +0000 ». */
function mailDate(date: Date): string {
  return date.toUTCString().replace(/GMT|UTC/, '+0000');
}

/** One draft as the text of an `.eml` file (CRLF line ends). */
export function buildEml(input: DraftInput): string {
  const message = createMimeMessage();
  message.setSender({ name: input.from.name, addr: input.from.addr.trim() });
  message.setTo({ name: input.to.name, addr: input.to.addr.trim() });
  message.setSubject(input.subject);
  message.setHeader('Date', mailDate(input.date ?? new Date()));
  message.setHeader('X-Unsent', '1');
  message.addMessage({ contentType: 'text/plain', charset: 'UTF-8', encoding: 'base64', data: utf8Base64(input.body.replace(/\r?\n/g, '\r\n')) });
  for (const a of input.attachments ?? []) message.addAttachment({ filename: a.fileName, contentType: a.contentType, encoding: 'base64', data: utf8Base64(a.content) });
  return message.asRaw();
}

/** A file name per person, unique within one batch: « Convocation-Maite-Etxeberria.eml », then « …-2.eml ». */
export function draftFileNames(bases: readonly string[]): string[] {
  const used = new Map<string, number>();
  return bases.map((base) => {
    const name = fileNameFrom(base, 'eml');
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : name.replace(/\.eml$/, `-${n}.eml`);
  });
}

/** Several files in one zip. */
export function zipDrafts(files: readonly DraftFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [f.name, strToU8(f.content)])), { level: 6 });
}

/** The longest link the bridge lets through (openExternal's `url`), with room to spare. */
export const MAILTO_MAX = 4000;

/**
 * A mailto: link for one person (the system's mail program opens it). The « @ » stays
 * literal (some mail programs do not decode %40 in the address). A body too long for
 * a link loses its last lines, and `cut` says where (the .eml draft has it whole).
 */
export function mailtoHref(addr: string, subject: string, body: string, cut = '…', max = MAILTO_MAX): string {
  const head = `mailto:${encodeURIComponent(addr.trim()).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=`;
  const lines = body.split('\n');
  let text = body;
  while (head.length + encodeURIComponent(text).length > max && lines.length > 1) {
    lines.pop();
    text = `${lines.join('\n')}\n\n${cut}`;
  }
  return head + encodeURIComponent(text);
}

export const EML_MIME = 'message/rfc822';
export const ZIP_MIME = 'application/zip';
export const ICS_ATTACHMENT_TYPE = 'text/calendar; charset=utf-8';
