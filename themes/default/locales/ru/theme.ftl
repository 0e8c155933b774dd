# Тексты интерфейса стандартной темы herald (русский).

site-title = Объявления
skip-to-content = Перейти к основному содержанию
nav-main-label = Основная навигация
nav-home = Последние
nav-tags = Темы
nav-languages-label = Языки
footer-text = Каждое объявление публикуется на всех языках сайта; если перевод ещё не готов, показывается оригинал.

latest-heading = Последние объявления
no-announcements = Объявлений пока нет.
fallback-badge = Ещё не переведено · язык оригинала: { $language }
pagination-label = Страницы
pagination-newer = Более новые объявления
pagination-older = Более ранние объявления
pagination-status = Страница { $current } из { $total }

fallback-notice = Перевод этого объявления на { $language } язык пока не готов. Текст показан на языке оригинала: { $original }.
stale-notice = После подготовки этого перевода оригинал объявления был изменён.
read-original = Читать оригинал ({ $language })
updated-label = Обновлено
tags-label = Темы:
versions-heading = Это объявление на других языках
versions-other = Этот материал также доступен на следующих языках:

tags-heading = Темы
no-tags = Пока ни одному объявлению не присвоена тема.
tag-list-heading = Объявления по теме «{ $tag }»
announcement-count = { $count ->
    [one] { $count } объявление
    [few] { $count } объявления
    [many] { $count } объявлений
   *[other] { $count } объявления
}

chooser-heading = Выберите язык
chooser-prompt = Читать объявления на русском языке

feed-title = Объявления на русском языке
feed-subtitle = Последние объявления на русском языке.
redirect-text = Эта страница перемещена:

not-found-title = Страница не найдена
not-found-text = Запрошенная страница не существует или была перемещена.
not-found-home = Перейти к последним объявлениям

# Названия языков в той форме, в которой они стоят в предложении («на … язык»).
language-en = английский
language-zh = китайский
language-ar = арабский
language-es = испанский
language-fr = французский
language-ru = русский
language-pt = португальский

# Метаданные страниц: описания для поисковых систем и предпросмотра ссылок, изображение для публикации, ленты.
site-description = Последние объявления, новости и общественные консультации на всех языках сайта.
tag-description = Все объявления по теме «{ $tag }», сначала новые.
share-image-alt = Облачко диалога рядом со словом «объявления», написанным на английском, китайском, арабском, испанском, французском, русском и португальском языках
feed-untranslated = Ещё не переведено

# Поиск
nav-search = Поиск
search-heading = Поиск по объявлениям
search-intro = { $count ->
    [one] Поиск по { $count } объявлению, опубликованному на этом языке ({ $language }).
    [few] Поиск по { $count } объявлениям, опубликованным на этом языке ({ $language }).
    [many] Поиск по { $count } объявлениям, опубликованным на этом языке ({ $language }).
   *[other] Поиск по { $count } объявления, опубликованным на этом языке ({ $language }).
}
search-none = На этом языке ({ $language }) пока не опубликовано ни одного объявления — искать не в чем.
search-untranslated = Объявления, ещё не переведённые на этот язык ({ $language }), здесь не найти: ищите их на языке оригинала.
search-in-language = Искать на языке: { $language }
search-noscript = Для поиска нужен JavaScript, а в этом браузере он отключён. Объявления можно просмотреть здесь:
search-label = Поиск по объявлениям
search-placeholder = Слова для поиска
search-clear = Очистить
search-load-more = Ещё результаты
search-filters = Фильтры
search-topics = Темы
search-date = Дата
search-zero-results = По запросу «{ $term }» ничего не найдено
search-one-result = Результатов по запросу «{ $term }»: { $count }
search-many-results = Результатов по запросу «{ $term }»: { $count }
search-searching = Поиск: «{ $term }»…
callout-note = Примечание
callout-warning = Предупреждение
callout-caution = Осторожно

## newsroom: sections
section-link-label = Ссылка на этот раздел: { $heading }
toc-heading = Содержание
related-heading = Похожие объявления

## newsroom: lifecycle
urgent-heading = Срочное сообщение
withdrawn-notice = Это объявление отозвано { $date }.
withdrawn-label = Отозвано
search-status = Статус
expired-notice = Срок действия этого объявления истёк { $date }. Оно сохранено здесь для справки.
change-latest = Обновлено { $date }: { $note }
changes-heading = История изменений
changes-first-published = Первая публикация
open-until = Открыто до { $date }
closed-on = Закрыто { $date }
pinned-label = Закреплено
feed-withdrawn-title = Отозвано: { $title }

## newsroom: lists
nav-archive = Архив
feed-link = Подписаться на этот список (лента Atom)
kind-list-heading = Объявления по типу: { $kind }
kind-description = Все объявления типа «{ $kind }», сначала новые.
archive-heading = Архив
archive-description = Все объявления по годам.
archive-year-heading = Объявления за { $year } год
archive-year-description = Все объявления за { $year } год, по месяцам.
archive-all-years = Все годы
kinds-heading = Типы объявлений
