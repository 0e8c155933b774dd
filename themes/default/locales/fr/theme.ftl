# Textes de l’interface du thème par défaut de herald (français).

site-title = Communiqués
skip-to-content = Aller au contenu principal
nav-main-label = Navigation principale
nav-home = Récents
nav-tags = Thèmes
nav-languages-label = Langues
footer-text = Chaque communiqué est publié dans toutes les langues du site ; lorsqu’une traduction n’est pas encore prête, l’original est affiché.

latest-heading = Derniers communiqués
no-announcements = Aucun communiqué pour l’instant.
fallback-badge = Pas encore traduit · en { $language }
# herald: same (the French word is the English one)
pagination-label = Pages
pagination-newer = Communiqués plus récents
pagination-older = Communiqués plus anciens
pagination-status = Page { $current } sur { $total }

fallback-notice = Ce communiqué n’est pas encore disponible en { $language }. Il est affiché dans sa langue d’origine : { $original }.
stale-notice = Le communiqué original a été modifié depuis la réalisation de cette traduction.
read-original = Lire l’original ({ $language })
updated-label = Mis à jour le
tags-label = Thèmes :
versions-heading = Lire ce communiqué en
versions-other = Ce contenu est également disponible dans les langues suivantes :

tags-heading = Thèmes
no-tags = Aucun communiqué n’a encore de thème.
tag-list-heading = Communiqués sur le thème { $tag }
announcement-count = { $count ->
    [one] { $count } communiqué
    [many] { $count } de communiqués
   *[other] { $count } communiqués
}

chooser-heading = Choisissez votre langue
chooser-prompt = Lire les communiqués en français

feed-title = Communiqués en français
feed-subtitle = Les derniers communiqués, en français.
redirect-text = Cette page a été déplacée :

not-found-title = Page introuvable
not-found-text = La page demandée n’existe pas ou a été déplacée.
not-found-home = Voir les derniers communiqués

# Noms des langues tels qu’ils s’écrivent dans une phrase.
language-en = anglais
language-zh = chinois
language-ar = arabe
language-es = espagnol
language-fr = français
language-ru = russe
language-pt = portugais

# Métadonnées des pages : descriptions pour les moteurs de recherche et les aperçus de liens, image de partage, flux.
site-description = Les derniers communiqués, actualités et consultations publiques, dans toutes les langues du site.
tag-description = Tous les communiqués sur le thème { $tag }, du plus récent au plus ancien.
share-image-alt = Une bulle de dialogue à côté du mot « communiqués » écrit en anglais, chinois, arabe, espagnol, français, russe et portugais
feed-untranslated = Pas encore traduit

# Recherche
nav-search = Rechercher
search-heading = Rechercher dans les communiqués
search-intro = { $count ->
    [one] Recherchez dans le communiqué publié en { $language }.
    [many] Recherchez dans les { $count } de communiqués publiés en { $language }.
   *[other] Recherchez dans les { $count } communiqués publiés en { $language }.
}
search-none = Aucun communiqué n’est encore publié en { $language } : il n’y a rien à rechercher dans cette langue.
search-untranslated = Les communiqués qui ne sont pas encore traduits en { $language } ne se trouvent pas ici, mais dans leur langue d’origine.
search-in-language = Rechercher en { $language }
search-noscript = La recherche a besoin de JavaScript, qui est désactivé dans ce navigateur. Vous pouvez parcourir les communiqués :
search-label = Rechercher dans les communiqués
search-placeholder = Mots à rechercher
search-clear = Effacer
search-load-more = Plus de résultats
search-filters = Filtres
search-topics = Thèmes
# herald: same (the French word is the English one)
search-date = Date
search-zero-results = Aucun résultat pour « { $term } »
search-one-result = { $count } résultat pour « { $term } »
search-many-results = { $count } résultats pour « { $term } »
search-searching = Recherche de « { $term } »…
callout-note = Remarque
callout-warning = Avertissement
callout-caution = Attention

## newsroom: sections
section-link-label = Lien vers cette section : { $heading }
toc-heading = Sommaire
related-heading = Communiqués liés

## newsroom: lifecycle
urgent-heading = Avis urgent
withdrawn-notice = Ce communiqué a été retiré le { $date }.
withdrawn-label = Retiré
search-status = Statut
expired-notice = Ce communiqué a expiré le { $date }. Il est conservé ici pour mémoire.
change-latest = Mis à jour le { $date } : { $note }
changes-heading = Historique des modifications
changes-first-published = Première publication
open-until = Ouvert jusqu’au { $date }
closed-on = Clos le { $date }
pinned-label = Épinglé
feed-withdrawn-title = Retiré : { $title }

## newsroom: lists
nav-archive = Archives
feed-link = S’abonner à cette liste (flux Atom)
kind-list-heading = Communiqués par type : { $kind }
kind-description = Tous les communiqués du type « { $kind } », du plus récent au plus ancien.
archive-heading = Archives
archive-description = Tous les communiqués, année par année.
archive-year-heading = Communiqués de { $year }
archive-year-description = Tous les communiqués publiés en { $year }, mois par mois.
archive-all-years = Toutes les années
kinds-heading = Types de communiqué
