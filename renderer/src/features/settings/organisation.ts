/**
 * The identity of the organisation that issues the paperwork (sign-in sheets,
 * certificates, convocations, questionnaires). Per machine, in the settings table:
 * it is the letterhead of this office, not a record exchanged with colleagues.
 *
 * Every field may be empty in storage (a tourism office running free workshops has
 * no NDA); each document asks for the fields it needs with `missingFields`, and says
 * which are missing before it is printed.
 */
import { z } from 'zod';
import { getSetting, setSetting } from '../../db/settings';

export const ORGANISATION_KEY = 'organisation';

/** Largest logo accepted, in bytes of the image file (it is stored as a data URL). */
export const LOGO_MAX_BYTES = 300 * 1024;

/** Luhn checksum over the digits, as used by SIREN/SIRET numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Spaces and dots people type between groups of digits are dropped. */
export function compactDigits(value: string): string {
  return value.replace(/[\s.\u00a0\u202f-]/g, '');
}

/**
 * A SIRET: 14 digits passing Luhn. La Poste's establishments (SIREN 356 000 000)
 * are the documented exception: their digits add up to a multiple of 5 instead.
 */
export function siretValid(value: string): boolean {
  const digits = compactDigits(value);
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith('356000000')) return [...digits].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  return luhnValid(digits);
}

/** The declaration number of a training body (numéro de déclaration d'activité): 11 digits. */
export function ndaValid(value: string): boolean {
  return /^\d{11}$/.test(compactDigits(value));
}

const LOGO_PREFIX = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/;
/** base64 grows 4/3: the data URL of the largest logo, with room for its prefix */
const LOGO_MAX_DATA_URL = Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 32;

const text = (max: number) => z.string().trim().max(max, 'org.error.tooLong').default('');

export const organisationSchema = z.object({
  name: text(200),
  address: text(300),
  postcode: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{5}$/.test(v), 'org.error.postcode'),
  town: text(120),
  siret: z
    .string()
    .default('')
    .transform(compactDigits)
    .refine((v) => v === '' || siretValid(v), 'org.error.siret'),
  nda: z
    .string()
    .default('')
    .transform(compactDigits)
    .refine((v) => v === '' || ndaValid(v), 'org.error.nda'),
  qualiopi: text(80),
  logo: z
    .string()
    .default('')
    .refine((v) => v === '' || (v.length <= LOGO_MAX_DATA_URL && LOGO_PREFIX.test(v)), 'org.error.logo'),
  signatoryName: text(120),
  signatoryRole: text(120),
  defaultTown: text(120),
  phone: text(40),
  email: text(254),
});
export type Organisation = z.output<typeof organisationSchema>;
export type OrganisationInput = z.input<typeof organisationSchema>;
export type OrganisationField = keyof Organisation;

export const EMPTY_ORGANISATION: Organisation = organisationSchema.parse({});

export async function getOrganisation(): Promise<Organisation> {
  const parsed = organisationSchema.safeParse((await getSetting<unknown>(ORGANISATION_KEY)) ?? {});
  return parsed.success ? parsed.data : EMPTY_ORGANISATION;
}

export class OrganisationError extends Error {
  constructor(readonly errors: Partial<Record<OrganisationField, string>>) {
    super(`invalid organisation: ${Object.keys(errors).join(', ')}`);
  }
}

/** Checks every field; nothing is stored when one is wrong. Returns what was stored. */
export async function saveOrganisation(input: OrganisationInput): Promise<Organisation> {
  const parsed = organisationSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Partial<Record<OrganisationField, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as OrganisationField] ??= issue.message;
    throw new OrganisationError(errors);
  }
  await setSetting(ORGANISATION_KEY, parsed.data);
  return parsed.data;
}

// ---------- the logo ----------

export type LogoCheck = { ok: true; dataUrl: string } | { ok: false; error: 'org.error.logoType' | 'org.error.logoSize' };

function imageType(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A logo file becomes a data URL when it is a PNG or a JPEG (read from its first
 * bytes, not its name) of at most LOGO_MAX_BYTES. SVG is refused: it can carry script.
 */
export function logoFromFile(bytes: Uint8Array): LogoCheck {
  const type = imageType(bytes);
  if (!type) return { ok: false, error: 'org.error.logoType' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, error: 'org.error.logoSize' };
  return { ok: true, dataUrl: `data:image/${type};base64,${base64(bytes)}` };
}

// ---------- what each document needs ----------

export type PaperworkDocument = 'certificate' | 'attestation' | 'sign-in-sheet' | 'convocation' | 'questionnaire' | 'programme';

const NEEDS: Record<PaperworkDocument, readonly OrganisationField[]> = {
  // the Ministry of Labour's model: the body, its declaration number, who signs, where
  certificate: ['name', 'address', 'postcode', 'town', 'nda', 'signatoryName', 'signatoryRole', 'defaultTown'],
  // a promotion not run by a declared training body: no declaration number
  attestation: ['name', 'signatoryName', 'signatoryRole', 'defaultTown'],
  'sign-in-sheet': ['name'],
  convocation: ['name', 'address', 'postcode', 'town', 'signatoryName'],
  questionnaire: ['name'],
  // the public programme says where and how to register
  programme: ['name', 'address', 'postcode', 'town', 'phone', 'email'],
};

/** Fields this document needs and the organisation lacks, in the order of the form. */
export function missingFields(org: Organisation, document: PaperworkDocument): OrganisationField[] {
  return NEEDS[document].filter((field) => org[field].trim() === '');
}

/** « 12 rue du Port, 64500 Saint-Jean-de-Luz » */
export function postalAddress(org: Organisation): string {
  return [org.address, [org.postcode, org.town].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
