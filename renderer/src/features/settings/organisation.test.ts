import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import { getSetting } from '../../db/settings';
import {
  EMPTY_ORGANISATION,
  LOGO_MAX_BYTES,
  ORGANISATION_KEY,
  OrganisationError,
  getOrganisation,
  logoFromFile,
  luhnValid,
  missingFields,
  ndaValid,
  postalAddress,
  saveOrganisation,
  siretValid,
  type Organisation,
} from './organisation';

const FULL: Organisation = {
  ...EMPTY_ORGANISATION,
  name: 'Office de tourisme Pays basque',
  address: '3 avenue de Verdun',
  postcode: '64200',
  town: 'Biarritz',
  siret: '73282932000074',
  nda: '75640123464',
  qualiopi: '',
  signatoryName: 'Maïa Etchart',
  signatoryRole: 'Directrice',
  defaultTown: 'Biarritz',
};

describe('SIRET and NDA checks', () => {
  it('accepts a SIRET whose Luhn sum is right, with or without spaces', () => {
    expect(luhnValid('73282932000074')).toBe(true);
    expect(siretValid('732 829 320 00074')).toBe(true);
  });
  it('refuses a SIRET with one wrong digit, the wrong length or letters', () => {
    expect(siretValid('73282932000075')).toBe(false);
    expect(siretValid('7328293200007')).toBe(false);
    expect(siretValid('7328293200007A')).toBe(false);
  });
  it('checks La Poste establishments by the sum of their digits', () => {
    expect(siretValid('35600000052135')).toBe(true);
    expect(siretValid('35600000000048')).toBe(false);
  });
  it('wants 11 digits for an NDA', () => {
    expect(ndaValid('75 64 01234 64')).toBe(true);
    expect(ndaValid('7564012346')).toBe(false);
    expect(ndaValid('75640123464a')).toBe(false);
  });
});

describe('the logo', () => {
  const png = (size: number) => {
    const bytes = new Uint8Array(size);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };
  it('becomes a data URL when it is a small PNG or JPEG', () => {
    const result = logoFromFile(png(100));
    expect(result.ok && result.dataUrl.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    const jpeg = logoFromFile(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
    expect(jpeg.ok && jpeg.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
  });
  it('is refused when too large or not a raster image (an SVG named .png)', () => {
    expect(logoFromFile(png(LOGO_MAX_BYTES + 1))).toEqual({ ok: false, error: 'org.error.logoSize' });
    expect(logoFromFile(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ ok: false, error: 'org.error.logoType' });
  });
});

describe('the stored identity', () => {
  beforeEach(() => {
    freshDb();
  });

  it('is empty at first, then stored in the settings table', async () => {
    expect(await getOrganisation()).toEqual(EMPTY_ORGANISATION);
    const logo = logoFromFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    if (!logo.ok) throw new Error('logo');
    const saved = await saveOrganisation({ ...FULL, siret: '732 829 320 00074', logo: logo.dataUrl });
    expect(saved.siret).toBe('73282932000074');
    expect(await getOrganisation()).toEqual({ ...FULL, logo: logo.dataUrl });
    expect(await getSetting(ORGANISATION_KEY)).toMatchObject({ name: FULL.name, nda: FULL.nda });
  });

  it('refuses a wrong SIRET, NDA or postcode, naming each, and keeps what was stored', async () => {
    await saveOrganisation(FULL);
    const error = await saveOrganisation({ ...FULL, siret: '73282932000075', nda: '123', postcode: '6420', name: 'Autre nom' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrganisationError);
    expect((error as OrganisationError).errors).toEqual({ siret: 'org.error.siret', nda: 'org.error.nda', postcode: 'org.error.postcode' });
    expect(await getOrganisation()).toEqual(FULL);
  });

  it('refuses a logo that is not a PNG/JPEG data URL (e.g. an SVG)', async () => {
    await expect(saveOrganisation({ ...FULL, logo: 'data:image/svg+xml;base64,PHN2Zz4=' })).rejects.toBeInstanceOf(OrganisationError);
  });
});

describe('what a document lacks', () => {
  it('lists the fields each document needs and the organisation has not filled', () => {
    expect(missingFields(FULL, 'certificate')).toEqual([]);
    expect(missingFields(EMPTY_ORGANISATION, 'sign-in-sheet')).toEqual(['name']);
    expect(missingFields({ ...FULL, nda: '', defaultTown: ' ' }, 'certificate')).toEqual(['nda', 'defaultTown']);
    // a free workshop's sheet needs no declaration number
    expect(missingFields({ ...FULL, nda: '', siret: '' }, 'sign-in-sheet')).toEqual([]);
    expect(missingFields({ ...FULL, signatoryName: '' }, 'convocation')).toEqual(['signatoryName']);
    // a promotion without the legal form: a plain attestation, no NDA asked
    expect(missingFields({ ...FULL, nda: '', siret: '' }, 'attestation')).toEqual([]);
  });
  it('writes the postal address on one line', () => {
    expect(postalAddress(FULL)).toBe('3 avenue de Verdun, 64200 Biarritz');
    expect(postalAddress({ ...EMPTY_ORGANISATION, town: 'Biarritz' })).toBe('Biarritz');
  });
});
