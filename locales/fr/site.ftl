# Textes propres au site d’exemple (français).
site-title = Salle de presse de la coopération Internet
site-description = Actualités et communiqués d’un organisme régional de coopération Internet : partenariats, sécurité, rapports et consultations publiques.

tag-security = Sécurité
tag-latin-america = Amérique latine et Caraïbes
tag-partnerships = Partenariats
tag-offices = Bureaux
tag-ipv6 = IPv6
tag-reports = Rapports
tag-capacity-building = Renforcement des capacités
tag-meetings = Réunions
tag-accessibility = Accessibilité
tag-idn = Noms de domaine internationalisés
tag-policy = Politiques
tag-consultation = Consultations publiques

## newsroom: lists
kind-press-release = Communiqué de presse
kind-statement = Déclaration
kind-notice = Avis
kind-consultation = Consultation publique
