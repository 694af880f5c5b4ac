/** The sub-navigation of /ateliers, above every page of the section (WorkshopsRoutes), not a workshop's own page. */
import { useT, type MessageKey } from '../../i18n';
import { SubNav } from '../../ui/SubNav';

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
  return <SubNav label={t('workshops.subnav')} links={links.map((l) => ({ href: l.href, label: t(l.label) }))} />;
}
