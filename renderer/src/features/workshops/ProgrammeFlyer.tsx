/**
 * The public programme, printed as a flyer: the office's letterhead, then each
 * session with its date and clock times, title, a line of what it is about, the
 * place; the last page says how to register. Nothing internal: no status, no
 * link, no animator's private contact. Sessions are spread over A4 pages so none
 * is cut and the closing block never stands alone (shared/print/paginate).
 */
import type { WorkshopSession } from '../../domain/workshops';
import { useI18n } from '../../i18n';
import { capitalizeFirst, clockTime, formatDay } from '../../i18n/format';
import { paginate } from '../../shared/print/paginate';
import { A4Page, Letterhead } from '../../shared/print/Letterhead';
import { postalAddress, type Organisation } from '../settings/organisation';
import type { ProgrammeRow } from './exports';
import { placeText } from './registrations/Convocation';
import { themeName } from './labels';

/** Sessions per page: fewer on the last one, which carries « Comment s'inscrire ». */
export const FLYER_CAPACITY = { last: 6, other: 8 };

/** The one line a flyer gives of a workshop: its objectives, else its description, cut at a word. */
export function teaser(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).replace(/[\s,;:.]+$/, '')}…`;
}

export function ProgrammeFlyer({ year, rows, organisation }: { year: number; rows: readonly (ProgrammeRow & { session: WorkshopSession })[]; organisation: Organisation }) {
  const { t, locale } = useI18n();
  const pages = paginate(rows, FLYER_CAPACITY);
  const contact = [organisation.phone ? t('flyer.byPhone', { phone: organisation.phone.replace(/ /g, '\u00a0') }) : '', organisation.email ? t('flyer.byEmail', { email: organisation.email }) : '', postalAddress(organisation) ? t('flyer.atOffice', { address: postalAddress(organisation) }) : '']
    .filter(Boolean)
    .join(', ');
  return (
    <>
      {pages.map((list, index) => (
        <A4Page key={index} label={t('flyer.page', { page: index + 1, pages: pages.length })} className="programme-flyer">
          <Letterhead organisation={organisation} />
          {index === 0 ? (
            <>
              <h2 className="flyer-title">{t('flyer.title', { year })}</h2>
              <p className="flyer-intro">{t('flyer.intro', { name: organisation.name || '—' })}</p>
            </>
          ) : null}
          {list.length === 0 ? <p>{t('flyer.empty')}</p> : null}
          <ol className="flyer-list">
            {list.map(({ workshop, session }) => (
              <li key={session.id} className="flyer-entry">
                <div className="flyer-when">
                  {capitalizeFirst(formatDay(session.start, locale === 'en' ? 'en' : 'fr', 'long'), locale === 'en' ? 'en' : 'fr')}, {clockTime(session.start.slice(11, 16), locale === 'en' ? 'en' : 'fr')} – {clockTime(session.end.slice(11, 16), locale === 'en' ? 'en' : 'fr')}
                </div>
                <h3>{workshop.title}</h3>
                {teaser(workshop.objectives || workshop.description) ? <p>{teaser(workshop.objectives || workshop.description)}</p> : null}
                <p className="flyer-facts">
                  {[placeText(workshop) || workshop.place.communeName, workshop.theme ? themeName(t, workshop.theme) : '', t('flyer.places', { count: workshop.capacity })].filter(Boolean).join(' · ')}
                </p>
              </li>
            ))}
          </ol>
          {index === pages.length - 1 ? (
            <section className="flyer-register">
              <h3>{t('flyer.howTo')}</h3>
              <p>{contact ? t('flyer.register', { name: organisation.name || '—', contact }) : t('flyer.registerNoContact')}</p>
            </section>
          ) : null}
          <div className="page-footer">
            <span>{organisation.name}</span>
            <span>{t('flyer.page', { page: index + 1, pages: pages.length })}</span>
          </div>
        </A4Page>
      ))}
    </>
  );
}
