import type { MessageKey } from '../../i18n';
import type { Provider } from '../../domain/people';

export const businessTypeLabel: Record<Provider['businessType'], MessageKey> = {
  hebergement: 'provider.type.hebergement',
  camping: 'provider.type.camping',
  'meuble-gite': 'provider.type.meuble-gite',
  'chambre-hotes': 'provider.type.chambre-hotes',
  restauration: 'provider.type.restauration',
  'site-visite': 'provider.type.site-visite',
  'activite-loisir': 'provider.type.activite-loisir',
  commerce: 'provider.type.commerce',
  'office-tourisme': 'provider.type.office-tourisme',
  collectivite: 'provider.type.collectivite',
  autre: 'provider.type.autre',
};
