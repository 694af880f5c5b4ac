/** Full disks, disk errors, free space and recovering a vanished database. */
export const disk = {
  'disk.action.import': 'L’import',
  'disk.action.restore': 'La restauration',
  'disk.action.merge': 'La fusion du fichier d’échange',
  'disk.action.pack': 'L’installation du pack',
  'disk.action.backup': 'La sauvegarde',
  'disk.error.during': '{action} a échoué : {what}',
  'disk.error.full': 'le disque est plein (ou l’espace de stockage accordé au navigateur est épuisé). Libérez de la place sur le disque, puis réessayez.',
  'disk.error.io': 'une erreur de lecture ou d’écriture sur le disque l’a interrompu. Vérifiez qu’il reste de la place et que le disque (ou la clé USB) est bien branché, puis réessayez.',
  'disk.error.other': 'erreur inattendue ({detail}).',
  'disk.outcome.unchanged': 'Vérification faite : vos données sont intactes ({total} fiches, comme avant).',
  'disk.outcome.changed': 'Attention : le nombre de fiches a changé ({before} avant, {after} maintenant). Vérifiez vos données ; une copie automatique peut être restaurée depuis Réglages → Données.',
  'disk.outcome.lost':
    'Attention : la base ne contient plus que {after} fiches sur {before} ; le navigateur a pu l’effacer faute de place. Rechargez l’application : elle proposera de restaurer la dernière copie.',
  'disk.outcome.unknown': 'L’état de vos données n’a pas pu être vérifié. Rechargez l’application : si des fiches manquent, elle proposera de restaurer la dernière copie.',
  'disk.space.missing':
    'Il manque environ {missing} Mo sur le disque pour cette opération (il faut environ {needed} Mo, il en reste {free} Mo). Libérez de la place (corbeille, téléchargements, anciens fichiers), puis réessayez. Rien n’a été modifié : l’opération n’a pas commencé.',
  'disk.opfs.note':
    'Chaque copie automatique est aussi gardée comme fichier dans l’espace privé du navigateur, à part de la base. Attention : quand le disque est plein, le navigateur peut effacer la base et cet espace ensemble.',
  'disk.local.kept':
    'La copie la plus récente ({date}) est aussi gardée, compressée, dans le stockage de secours du navigateur : c’est elle qui permet de tout retrouver au démarrage si le disque plein a fait effacer la base.',
  'disk.local.none':
    'Vos données sont trop volumineuses pour le stockage de secours du navigateur (quelques Mo) : sur un disque plein, la base et les copies automatiques pourraient être perdues ensemble. Téléchargez une sauvegarde régulièrement, ou utilisez l’application de bureau.',
  'disk.recovery.title': 'Vos données semblent avoir disparu',
  'disk.recovery.what':
    'Le {date}, Fourmilière contenait {before} fiches ; elle en contient {now} aujourd’hui. Cela arrive quand le disque a été plein : le navigateur ou le système a pu effacer la base.',
  'disk.recovery.copy': 'La dernière copie utilisable date du {date} et contient {records} fiches. La restaurer remplace le contenu actuel (ce qu’il en reste est d’abord copié à part).',
  'disk.recovery.noCopy': 'Aucune copie automatique n’a été trouvée. Si vous avez téléchargé une sauvegarde, restaurez-la depuis Réglages → Données.',
  'disk.recovery.restore': 'Restaurer cette copie',
  'disk.recovery.ignore': 'Ignorer : ces suppressions étaient voulues',
  'disk.recovery.continue': 'Continuer',
  'disk.download.unverified':
    'Téléchargement lancé ({count} fiches). Ce navigateur ne dit pas si le fichier a bien été gardé : vérifiez qu’il est dans vos téléchargements. Il ne compte pas comme sauvegarde faite.',
  'disk.download.lastStarted': 'Dernier téléchargement lancé le {date}, sans confirmation qu’il a été gardé.',
  'disk.download.cancelled': 'Enregistrement annulé : aucune sauvegarde n’a été faite.',
} as const;
