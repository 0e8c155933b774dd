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
