/** Team sync and RGPD erasures: what the shared folder still holds (k22). */
export const syncPrivacy = {
  'syncPrivacy.compacted':
    'Effacements RGPD : les anciens fichiers de ce poste dans le dossier d’équipe ont été réécrits sans les personnes effacées le {date}. {known, plural, =0 {Les autres postes réécriront les leurs à leur prochaine synchronisation.} other {{behind, plural, =0 {Les autres postes connus ici l’ont fait aussi.} one {# autre poste ne l’a pas encore fait : il le fera à sa prochaine synchronisation.} other {# autres postes ne l’ont pas encore fait : chacun le fera à sa prochaine synchronisation.}}}}',
  'syncPrivacy.nothingHere':
    'Effacements RGPD : ce poste n’a écrit dans le dossier d’équipe aucun fichier qui contienne les personnes effacées. {known, plural, =0 {Les autres postes réécriront les leurs à leur prochaine synchronisation.} other {{behind, plural, =0 {Les autres postes connus ici ont réécrit les leurs.} one {# autre poste ne l’a pas encore fait : il le fera à sa prochaine synchronisation.} other {# autres postes ne l’ont pas encore fait : chacun le fera à sa prochaine synchronisation.}}}}',
  'syncPrivacy.pendingHere': 'Effacements RGPD : les anciens fichiers de ce poste dans le dossier d’équipe seront réécrits sans les personnes effacées à la prochaine synchronisation ; ceux des autres postes le seront à leur prochaine synchronisation.',
  'syncPrivacy.removeRefused': 'Les anciens fichiers de ce poste n’ont pas pu être supprimés du dossier d’équipe ({detail}) : ils y restent, chiffrés.',
  'syncPrivacy.afterErasure': 'Dossier d’équipe : les anciens fichiers de ce poste sont réécrits maintenant sans cette personne ; ceux des autres postes le seront à leur prochaine synchronisation. Jusque-là, ils la contiennent encore, chiffrée.',
} as const;
