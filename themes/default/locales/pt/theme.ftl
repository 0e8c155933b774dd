# Textos da interface do tema padrão do herald (português).

site-title = Comunicados
skip-to-content = Ir para o conteúdo principal
nav-main-label = Navegação principal
nav-home = Recentes
nav-tags = Temas
nav-languages-label = Idiomas
footer-text = Cada comunicado é publicado em todos os idiomas do site; quando uma tradução ainda não está pronta, é apresentado o original.

latest-heading = Comunicados recentes
no-announcements = Ainda não há comunicados.
fallback-badge = Ainda sem tradução · em { $language }
pagination-label = Páginas
pagination-newer = Comunicados mais recentes
pagination-older = Comunicados anteriores
pagination-status = Página { $current } de { $total }

fallback-notice = Este comunicado ainda não está disponível em { $language }. É apresentado no idioma original: { $original }.
stale-notice = O comunicado original foi alterado depois de esta tradução ter sido feita.
read-original = Ler o original ({ $language })
updated-label = Atualizado em
tags-label = Temas:
versions-heading = Ler este comunicado em
versions-other = Este conteúdo também está disponível nos seguintes idiomas:

tags-heading = Temas
no-tags = Nenhum comunicado tem tema ainda.
tag-list-heading = Comunicados sobre { $tag }
announcement-count = { $count ->
    [one] um comunicado
    [many] { $count } de comunicados
   *[other] { $count } comunicados
}

chooser-heading = Escolha o seu idioma
chooser-prompt = Ler os comunicados em português

feed-title = Comunicados em português
feed-subtitle = Os comunicados mais recentes, em português.
redirect-text = Esta página mudou para:

not-found-title = Página não encontrada
not-found-text = A página que procura não existe ou mudou de endereço.
not-found-home = Ir para os comunicados recentes

# Nomes dos idiomas tal como se escrevem dentro de uma frase.
language-en = inglês
language-zh = chinês
language-ar = árabe
language-es = espanhol
language-fr = francês
language-ru = russo
language-pt = português

# Metadados das páginas: descrições para motores de busca e pré-visualizações de links, imagem de partilha, feeds.
site-description = Os comunicados, notícias e consultas públicas mais recentes, em todos os idiomas do site.
tag-description = Todos os comunicados sobre { $tag }, dos mais recentes aos mais antigos.
share-image-alt = Um balão de diálogo ao lado da palavra «comunicados» escrita em inglês, chinês, árabe, espanhol, francês, russo e português
feed-untranslated = Ainda não traduzido

# Pesquisa
nav-search = Pesquisar
search-heading = Pesquisar nos comunicados
search-intro = { $count ->
    [one] Pesquise no único comunicado publicado em { $language }.
    [many] Pesquise nos { $count } de comunicados publicados em { $language }.
   *[other] Pesquise nos { $count } comunicados publicados em { $language }.
}
search-none = Ainda não foi publicado nenhum comunicado em { $language }: não há nada a pesquisar neste idioma.
search-untranslated = Os comunicados que ainda não foram traduzidos para { $language } não aparecem aqui, mas sim no seu idioma original.
search-in-language = Pesquisar em { $language }
search-noscript = A pesquisa precisa de JavaScript, que está desativado neste navegador. Pode percorrer os comunicados:
search-label = Pesquisar nos comunicados
search-placeholder = Palavras a pesquisar
search-clear = Limpar
search-load-more = Mais resultados
search-filters = Filtros
search-topics = Temas
search-date = Data
search-zero-results = Nenhum resultado para «{ $term }»
search-one-result = { $count } resultado para «{ $term }»
search-many-results = { $count } resultados para «{ $term }»
search-searching = A pesquisar «{ $term }»…
callout-note = Nota
callout-warning = Aviso
callout-caution = Cuidado

## newsroom: sections
section-link-label = Ligação para esta secção: { $heading }
toc-heading = Índice
related-heading = Comunicados relacionados

## newsroom: lifecycle
urgent-heading = Aviso urgente
withdrawn-notice = Este comunicado foi retirado em { $date }.
withdrawn-label = Retirado
search-status = Estado
expired-notice = Este comunicado expirou em { $date }. Mantém-se aqui para consulta.
change-latest = Atualizado em { $date }: { $note }
changes-heading = Histórico de alterações
changes-first-published = Primeira publicação
open-until = Aberto até { $date }
closed-on = Encerrado em { $date }
pinned-label = Em destaque
feed-withdrawn-title = Retirado: { $title }

## newsroom: lists
nav-archive = Arquivo
feed-link = Assinar esta lista (feed Atom)
kind-list-heading = Comunicados por tipo: { $kind }
kind-description = Todos os comunicados do tipo “{ $kind }”, dos mais recentes aos mais antigos.
archive-heading = Arquivo
archive-description = Todos os comunicados, ano a ano.
archive-year-heading = Comunicados de { $year }
archive-year-description = Todos os comunicados publicados em { $year }, mês a mês.
archive-all-years = Todos os anos
kinds-heading = Tipos de comunicado
