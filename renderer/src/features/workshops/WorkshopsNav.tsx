/** The sub-navigation of /ateliers, shown in the header of its pages. */
import { Link, useLocation } from 'wouter';
import { useT, type MessageKey } from '../../i18n';

const links: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'workshops.subnav.list' },
  { href: '/calendrier', label: 'workshops.subnav.calendar' },
  { href: '/programme', label: 'workshops.subnav.programme' },
  { href: '/modeles', label: 'workshops.subnav.templates' },
  { href: '/rapport', label: 'workshops.subnav.report' },
  { href: '/participants', label: 'workshops.subnav.participants' },
  { href: '/segments', label: 'workshops.subnav.segments' },
  { href: '/suivis', label: 'workshops.subnav.followUps' },
];

export function WorkshopsNav() {
  const t = useT();
  const [location] = useLocation();
  return (
    <nav aria-label={t('workshops.subnav')} className="no-print workshops-subnav">
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={location === l.href || (l.href !== '/' && location.startsWith(`${l.href}/`)) ? 'page' : undefined}>
              {t(l.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
