/**
 * Navigation inside a section (Annuaire, Ateliers, Promotions, Tutoriels, Réglages) and
 * between the tabs of a record page (a workshop, a promotion). Both are links — each screen
 * has its address — and say which one is open with aria-current; record tabs also speak the
 * tablist pattern (arrow keys, Home, End) with the open tab's content as its tabpanel.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';

export interface NavLink {
  href: string;
  label: string;
  /** the link is current only on its exact address (default for '/'), not on the pages below it */
  exact?: boolean;
}

/** Whether `href` is the open page at `location`: itself, or a page below it unless exact. */
export function isCurrent(location: string, link: Pick<NavLink, 'href' | 'exact'>): boolean {
  if (location === link.href) return true;
  if (link.exact ?? link.href === '/') return false;
  return location.startsWith(`${link.href}/`);
}

/** The one sub-navigation of a section: a row of links, the open one marked. */
export function SubNav({ label, links }: { label: string; links: readonly NavLink[] }) {
  const [location] = useLocation();
  // the longest matching link wins, so « /modeles/nouveau » marks « Modèles », not « Liste »
  const current = links.filter((l) => isCurrent(location, l)).sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav aria-label={label} className="subnav no-print">
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={l === current ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The tabs of a record page. `current` is the href of the open tab; `children` is its
 * content, given the tabpanel role and named by its tab.
 */
export function RecordTabs({ label, tabs, current, children }: { label: string; tabs: readonly NavLink[]; current: string | undefined; children: ReactNode }) {
  const id = useId();
  const [, navigate] = useLocation();
  const list = useRef<HTMLDivElement>(null);
  const index = tabs.findIndex((tab) => tab.href === current);
  const tabId = (i: number) => `${id}-tab-${i}`;
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const keys: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % tabs.length,
      ArrowLeft: (i) => (i - 1 + tabs.length) % tabs.length,
      Home: () => 0,
      End: () => tabs.length - 1,
    };
    const move = keys[event.key];
    if (!move) return;
    event.preventDefault();
    const focused = [...(list.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])].indexOf(document.activeElement as HTMLElement);
    const next = move(focused >= 0 ? focused : Math.max(index, 0));
    // automatic activation: the tab opens as it gets the focus
    navigate(tabs[next]!.href);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  }
  return (
    <>
      <div ref={list} role="tablist" aria-label={label} className="record-tabs no-print" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <Link key={tab.href} href={tab.href} role="tab" id={tabId(i)} aria-selected={i === index} aria-controls={`${id}-panel`} tabIndex={i === index || (index < 0 && i === 0) ? 0 : -1}>
            {tab.label}
          </Link>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={index >= 0 ? tabId(index) : undefined} className="record-tabpanel">
        {children}
      </div>
    </>
  );
}
