/** The directory of providers/participants, mounted under /ateliers/participants. */
import { Route, Switch } from 'wouter';
import { ProvidersList } from './ProvidersList';
import { ProviderEditor } from './ProviderEditor';
import { ProviderDetail } from './ProviderDetail';

export default function ProvidersRoutes() {
  return (
    <Switch>
      <Route path="/">
        <ProvidersList />
      </Route>
      <Route path="/nouveau">
        <ProviderEditor />
      </Route>
      <Route path="/:id/modifier">{(params) => <ProviderEditor id={params.id} />}</Route>
      <Route path="/:id">{(params) => <ProviderDetail id={params.id} />}</Route>
    </Switch>
  );
}
