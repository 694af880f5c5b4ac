/** UI strings of record safety: erasure copies notice, save conflicts between windows. */
export const records = {
  'erasure.copies.title': "Où des copies restent",
  'erasure.copies.desktop': "Copies automatiques de ce poste ({count}, la plus ancienne du {oldest}) dans {folder} : elles contiennent encore la personne jusqu’à leur remplacement — les {daily} dernières quotidiennes (environ {daily} jours d’utilisation), les {weekly} dernières hebdomadaires (environ {weekly} semaines), ainsi que les dernières copies faites à la fermeture et avant une restauration. Les copies manuelles de ce dossier ne sont jamais supprimées automatiquement : supprimez-les vous-même.",
  'erasure.copies.web': "Copies automatiques de ce navigateur ({count}, la plus ancienne du {oldest}) : elles contiennent encore la personne jusqu’à leur remplacement — les {daily} dernières quotidiennes (environ {daily} jours d’utilisation), les {weekly} dernières hebdomadaires (environ {weekly} semaines), les {beforeRestore} dernières avant restauration et les {manual} dernières manuelles.",
  'erasure.copies.none': "Aucune copie automatique n’est enregistrée sur ce poste pour l’instant.",
  'erasure.copies.files': "Fichiers déjà exportés (sauvegardes téléchargées, fichiers d’échange, exports, PDF) et autres postes : l’application ne peut pas les effacer. Supprimez-les ou demandez-le à leurs détenteurs ; les autres postes reçoivent la suppression à leur prochain échange avec ce poste (un poste qui a modifié la fiche entre-temps la voit arriver comme conflit à trancher).",
  'erasure.copies.register': "Un registre des effacements (identifiants et date, sans nom) est conservé : si l’une de ces copies est restaurée ou fusionnée ici, la personne est effacée de nouveau.",
  'erasure.anonymiseNote': "Les lignes conservées ne gardent ni le nom ni l’image de la signature : seulement la présence et l’heure de signature.",
  'saveConflict.title': "Cette fiche a été modifiée ailleurs pendant que vous la modifiiez",
  'saveConflict.intro': "Une autre fenêtre ou un autre onglet a enregistré cette fiche après son ouverture ici. Rien n’a été écrasé. Choisissez pour chaque champ la version à garder, ou gardez l’une des deux en entier.",
  'saveConflict.theirs': "Version enregistrée",
  'saveConflict.mine': "Votre version",
  'saveConflict.empty': "(vide)",
  'saveConflict.saveChoice': "Enregistrer ce choix",
  'saveConflict.keepTheirs': "Garder la version enregistrée",
  'saveConflict.keepMine': "Garder ma version en entier",
  'saveConflict.kept': "La version enregistrée est gardée ; vos modifications ont été abandonnées.",
} as const;
