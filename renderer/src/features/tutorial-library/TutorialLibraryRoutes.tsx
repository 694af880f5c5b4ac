import { Route, Switch } from 'wouter';
import { LibraryPage } from './LibraryPage';
import { ReaderPage } from './ReaderPage';
import { EditorPage } from './EditorPage';
import { BinPage } from './BinPage';
import { PackPage } from './PackPage';
import './library.css';

/** /tutoriels: the library, a reader per tutorial, the editor, the bin and packs. */
export default function TutorialLibraryRoutes() {
  return (
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
  );
}
