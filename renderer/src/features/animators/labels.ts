import type { MessageKey, Translate } from '../../i18n';
import type { StructureType, TrainingStatus } from '../../domain/registry';

export const statusLabel = (t: Translate, s: TrainingStatus) => t(`animators.status.${s}` as MessageKey);
export const structureTypeLabel = (t: Translate, s: StructureType) => t(`animators.structureType.${s}` as MessageKey);
