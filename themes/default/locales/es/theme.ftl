# Textos de la interfaz del tema predeterminado de herald (español).

site-title = Comunicados
skip-to-content = Saltar al contenido principal
nav-main-label = Navegación principal
nav-home = Recientes
nav-tags = Temas
nav-languages-label = Idiomas
footer-text = Cada comunicado se publica en todos los idiomas del sitio; cuando una traducción aún no está lista, se muestra el original.

latest-heading = Comunicados recientes
no-announcements = Todavía no hay comunicados.
fallback-badge = Aún sin traducir · en { $language }
pagination-label = Páginas
pagination-newer = Comunicados más recientes
pagination-older = Comunicados anteriores
pagination-status = Página { $current } de { $total }

fallback-notice = Este comunicado todavía no está disponible en { $language }. Se muestra en su idioma original: { $original }.
stale-notice = El comunicado original ha cambiado desde que se hizo esta traducción.
read-original = Leer el original ({ $language })
updated-label = Actualizado el
tags-label = Temas:
versions-heading = Leer este comunicado en
versions-other = Este contenido también está disponible en los siguientes idiomas:

tags-heading = Temas
no-tags = Ningún comunicado tiene tema todavía.
tag-list-heading = Comunicados sobre { $tag }
announcement-count = { $count ->
    [one] un comunicado
    [many] { $count } de comunicados
   *[other] { $count } comunicados
}

chooser-heading = Elija su idioma
chooser-prompt = Leer los comunicados en español

feed-title = Comunicados en español
feed-subtitle = Los comunicados más recientes, en español.
redirect-text = Esta página se ha trasladado a:

not-found-title = Página no encontrada
not-found-text = La página que busca no existe o ha cambiado de dirección.
not-found-home = Ir a los comunicados recientes

# Nombres de los idiomas tal como se escriben dentro de una frase.
language-en = inglés
language-zh = chino
language-ar = árabe
language-es = español
language-fr = francés
language-ru = ruso
language-pt = portugués

# Metadatos de las páginas: descripciones para buscadores y vistas previas de enlaces, imagen para compartir, canales.
site-description = Los últimos comunicados, noticias y consultas públicas, en todos los idiomas del sitio.
tag-description = Todos los comunicados sobre { $tag }, del más reciente al más antiguo.
share-image-alt = Un globo de diálogo junto a la palabra «comunicados» escrita en inglés, chino, árabe, español, francés, ruso y portugués
feed-untranslated = Aún sin traducir

# Búsqueda
nav-search = Buscar
search-heading = Buscar en los comunicados
search-intro = { $count ->
    [one] Busque en el único comunicado publicado en { $language }.
    [many] Busque en los { $count } de comunicados publicados en { $language }.
   *[other] Busque en los { $count } comunicados publicados en { $language }.
}
search-none = Todavía no se ha publicado ningún comunicado en { $language }: no hay nada que buscar en este idioma.
search-untranslated = Los comunicados que aún no están traducidos al { $language } no aparecen aquí, sino en su idioma original.
search-in-language = Buscar en { $language }
search-noscript = La búsqueda necesita JavaScript, que está desactivado en este navegador. Puede recorrer los comunicados:
search-label = Buscar en los comunicados
search-placeholder = Palabras que buscar
search-clear = Borrar
search-load-more = Más resultados
search-filters = Filtros
search-topics = Temas
search-date = Fecha
search-zero-results = No hay resultados para «{ $term }»
search-one-result = { $count } resultado para «{ $term }»
search-many-results = { $count } resultados para «{ $term }»
search-searching = Buscando «{ $term }»…
callout-note = Nota
callout-warning = Advertencia
callout-caution = Precaución

## newsroom: sections
section-link-label = Enlace a esta sección: { $heading }
toc-heading = Índice
related-heading = Comunicados relacionados

## newsroom: lifecycle
urgent-heading = Aviso urgente
withdrawn-notice = Este comunicado se retiró el { $date }.
withdrawn-label = Retirado
search-status = Estado
expired-notice = Este comunicado caducó el { $date }. Se conserva aquí como referencia.
change-latest = Actualizado el { $date }: { $note }
changes-heading = Historial de cambios
changes-first-published = Primera publicación
open-until = Abierto hasta el { $date }
closed-on = Cerrado el { $date }
pinned-label = Destacado
feed-withdrawn-title = Retirado: { $title }

## newsroom: lists
nav-archive = Archivo
feed-link = Suscribirse a esta lista (canal Atom)
kind-list-heading = Comunicados por tipo: { $kind }
kind-description = Todos los comunicados del tipo «{ $kind }», del más reciente al más antiguo.
archive-heading = Archivo
archive-description = Todos los comunicados, año por año.
archive-year-heading = Comunicados de { $year }
archive-year-description = Todos los comunicados publicados en { $year }, mes a mes.
archive-all-years = Todos los años
kinds-heading = Tipos de comunicado
