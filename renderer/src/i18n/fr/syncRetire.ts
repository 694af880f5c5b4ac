/** Team sync: this machine's former device folders (after a restore) and folders an older version made. */
export const syncRetire = {
  'syncRetire.title': 'Anciens dossiers de ce poste',
  'syncRetire.intro': 'Une restauration donne à ce poste un nouvel identifiant dans le dossier d’équipe ({id}). Son ancien dossier est marqué « a quitté l’équipe », son contenu recopié dans un instantané du nouveau, puis ses anciens fichiers sont supprimés par ce poste : les autres postes ne perdent rien, et aucun fichier oublié ne garde une personne effacée.',
  'syncRetire.waiting': '« {device} » : en cours de relecture ({remaining, plural, =0 {aucun fichier} one {# fichier} other {# fichiers}}). Il sera retiré à une prochaine synchronisation, une fois relu en entier.',
  'syncRetire.removed': '« {device} » : retiré le {date}. Il ne garde que sa marque de départ ; les autres postes lisent son contenu dans l’instantané n° {coveredBy} de ce poste.',
  'syncRetire.refused':
    '« {device} » : marqué comme quitté, mais ses anciens fichiers ({remaining, plural, one {# fichier} other {# fichiers}}) n’ont pas pu être supprimés : ce dossier a été créé par une version précédente de Fourmilière, qui ne retenait pas quels dossiers sont ceux de ce poste. Ils restent, chiffrés, jusqu’à votre confirmation.',
  'syncRetire.blocked': '« {device} » : {remaining, plural, one {# fichier y reste} other {# fichiers y restent}}, chiffrés : ce dossier porte une marque de départ plus ancienne, qui ne dit pas où son contenu a été recopié, ou des fichiers écrits après elle. Rien n’y est supprimé.',
  'syncRetire.claimOwn': 'Les anciens fichiers de ce poste dans « devices/{device} » n’ont pas pu être supprimés : ce dossier a été créé par une version précédente de Fourmilière, qui ne retenait pas quels dossiers sont ceux de ce poste.',
  'syncRetire.claim': 'Confirmer que « {device} » est un dossier de ce poste…',
  'syncRetire.claimed': 'Dossier reconnu comme celui de ce poste : ses anciens fichiers sont supprimés.',
  'syncRetire.notClaimed': 'Rien n’a changé : le dossier n’est pas reconnu comme celui de ce poste.',
  'syncRetire.deviceRetired': 'ancien dossier de ce poste, retiré après une restauration',
  'syncRetire.deviceReplaced': 'remplacé après une restauration',
} as const;
