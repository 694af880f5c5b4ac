import { Route, Switch } from 'wouter';
import { useT } from '../../i18n';
import { SubNav } from '../../ui/SubNav';
import { LibraryPage } from './LibraryPage';
import { ReaderPage } from './ReaderPage';
import { EditorPage } from './EditorPage';
import { BinPage } from './BinPage';
import { PackPage } from './PackPage';
import './library.css';

/** /tutoriels: the library, a reader per tutorial, the editor, the bin and packs. */
export default function TutorialLibraryRoutes() {
  const t = useT();
  return (
    <>
    <SubNav
      label={t('tl.nav.label')}
      links={[
        { href: '/', label: t('tl.nav.library') },
        { href: '/packs', label: t('tl.nav.packs') },
        { href: '/corbeille', label: t('tl.bin') },
      ]}
    />
    <Switch>
      <Route path="/">
        <LibraryPage />
      </Route>
      <Route path="/nouveau">
        <EditorPage />
      </Route>
      <Route path="/corbeille">
        <BinPage />
      </Route>
      <Route path="/packs">
        <PackPage />
      </Route>
      <Route path="/:id/modifier">{(params) => <EditorPage id={params.id} />}</Route>
      <Route path="/:id">{(params) => <ReaderPage id={params.id} />}</Route>
    </Switch>
    </>
  );
}
