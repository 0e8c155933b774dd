# Le thème de test « everything » (français).
site-title = Tout
feed-title = Tout en français
footer-text = Chaque champ de chaque contexte est affiché.
nav-home = Récents
nav-tags = Thèmes
latest-heading = Derniers communiqués
tag-list-heading = Communiqués sur le thème { $tag }
announcement-count = { $count ->
    [one] { $count } communiqué
    [many] { $count } de communiqués
   *[other] { $count } communiqués
}
items-on-page = { $count ->
    [one] { $count } élément sur cette page
    [many] { $count } d’éléments sur cette page
   *[other] { $count } éléments sur cette page
}
pagination-status = Page { $current } sur { $total }
fallback-badge = Pas encore traduit · en { $language }
fallback-notice = Pas encore disponible en { $language } ; affiché en { $original }.
stale-notice = L’original a changé depuis cette traduction.
read-original = Lire l’original ({ $language })
updated-label = Mis à jour le
versions-heading = Lire ce communiqué en
tags-heading = Thèmes
chooser-heading = Choisissez votre langue
chooser-prompt = Lire en français
redirect-text = Cette page a été déplacée :
not-found-title = Page introuvable
language-en = anglais
language-fr = français
language-zh = chinois
language-ar = arabe
language-pt-BR = portugais du Brésil
site-description = Tout, décrit.
tag-description = Tout sur { $tag }.
share-image-alt = L’image de partage du thème de test
feed-untranslated = Non traduit

search-heading = Tout rechercher
section-link-label = Lien vers cette section : { $heading }
toc-heading = Sommaire
related-heading = Communiqués liés

kind-list-heading = Communiqués du type { $kind }
kind-description = Tout ce qui est du type { $kind }.
archive-heading = Archives
archive-description = Tout, année par année.
archive-year-heading = Communiqués de { $year }
archive-year-description = Tout { $year }, mois par mois.
