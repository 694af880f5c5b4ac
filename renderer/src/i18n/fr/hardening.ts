/** UI strings of the hardened package: copies of other devices, updates, signed files. */
export const hardening = {
  'hardening.backup.otherDevice': 'autre poste ({device})',
  'exchange.error.signature':
    'Fichier refusé : sa signature n’est pas valable ({detail}). Il a été modifié après avoir été signé, ou ne vient pas du poste qu’il nomme. Rien n’a été modifié.',
  'backup.error.signature': 'Sauvegarde refusée : sa signature n’est pas valable ({detail}). Elle a été modifiée après avoir été signée. Rien n’a été modifié.',
  'signature.heading': 'Signature',
  'signature.self': 'Signé par ce poste ({name}), empreinte {fingerprint}.',
  'signature.trusted': 'Signé par {name}, signataire de confiance sur ce poste (empreinte {fingerprint}).',
  'signature.unknown':
    'Signé par {name}, signataire inconnu : c’est la première fois que ce poste voit sa clé (empreinte {fingerprint}). Comparez cette empreinte avec celle que la personne lit dans ses Réglages (par téléphone par exemple) avant de lui faire confiance.',
  'signature.keyChanged': 'Attention : ce poste signait jusqu’ici avec une autre clé (empreinte {previous}). Une réinstallation peut l’expliquer ; sinon, ce fichier ne vient peut-être pas de lui.',
  'signature.trust': 'Faire confiance à ce signataire',
  'signature.trustedNow': '{name} est désormais un signataire de confiance sur ce poste.',
  'signature.unsigned':
    'Fichier non signé : il vient d’une version plus ancienne de Fourmilière, ou sa signature a été retirée. Rien ne garantit qui l’a écrit : vérifiez ce qu’il change avant de l’accepter.',
  'signature.unsignedFromSigner': 'Fichier non signé, alors que le poste qu’il nomme ({name}) signe ses fichiers : il a pu être modifié. Ne l’acceptez que si vous savez d’où il vient.',
  'signature.noName': 'un poste sans nom',
  'signature.own': 'Empreinte de la clé de signature de ce poste : {fingerprint}. Donnez-la aux personnes avec qui vous échangez des fichiers pour qu’elles vérifient qu’ils viennent de vous.',
};
