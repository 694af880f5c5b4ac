import type { MessageKey } from '../../../i18n';
import type { RegistrationStatus } from '../../../domain/workshops';

export const registrationStatusLabel: Record<RegistrationStatus, MessageKey> = {
  inscrit: 'registration.status.inscrit',
  attente: 'registration.status.attente',
  annule: 'registration.status.annule',
  excuse: 'registration.status.excuse',
};
