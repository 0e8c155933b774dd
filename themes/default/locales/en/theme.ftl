# Interface strings of herald's default theme (English, the source language).
# Every id used by the templates is defined here; translations follow this file.

site-title = Announcements
skip-to-content = Skip to the main content
nav-main-label = Main
nav-home = Latest
nav-tags = Topics
nav-languages-label = Languages
footer-text = Every announcement is published in all the site's languages; where a translation is not ready yet, the original is shown.

latest-heading = Latest announcements
no-announcements = There are no announcements yet.
fallback-badge = Not yet translated · in { $language }
pagination-label = Pages
pagination-newer = Newer announcements
pagination-older = Older announcements
pagination-status = Page { $current } of { $total }

fallback-notice = This announcement is not yet available in { $language }. It is shown in its original language, { $original }.
stale-notice = The original announcement has changed since this translation was made.
read-original = Read the original ({ $language })
updated-label = Updated
tags-label = Topics:
versions-heading = Read this announcement in
versions-other = This content is also available in the following languages:

tags-heading = Topics
no-tags = No announcement has a topic yet.
tag-list-heading = Announcements on { $tag }
announcement-count = { $count ->
    [one] one announcement
   *[other] { $count } announcements
}

chooser-heading = Choose your language
chooser-prompt = Read the announcements in English

feed-title = Announcements in English
feed-subtitle = The latest announcements, in English.
redirect-text = This page has moved to:

not-found-title = Page not found
not-found-text = The page you asked for does not exist or has moved.
not-found-home = Go to the latest announcements

# Language names, as they are written inside a sentence.
language-en = English
language-zh = Chinese
language-ar = Arabic
language-es = Spanish
language-fr = French
language-ru = Russian
language-pt = Portuguese

# Page metadata: descriptions for search engines and link previews, the share image, feeds.
site-description = The latest announcements, news and public consultations, in every language of the site.
tag-description = Every announcement on { $tag }, newest first.
share-image-alt = A speech bubble beside the word “announcements” written in English, Chinese, Arabic, Spanish, French, Russian and Portuguese
feed-untranslated = Not yet translated

# Search: the link in the header, the search page and the labels of its search box
# (Pagefind's; `$term` is what the reader typed, `$count` a number).
nav-search = Search
search-heading = Search the announcements
search-intro = { $count ->
    [one] Search the one announcement published in { $language }.
   *[other] Search the { $count } announcements published in { $language }.
}
search-none = No announcement is published in { $language } yet: there is nothing to search in this language.
search-untranslated = Announcements not yet translated into { $language } are not found here, but in their original language.
search-in-language = Search in { $language }
search-noscript = Searching needs JavaScript, which is off in this browser. You can browse the announcements instead:
search-label = Search the announcements
search-placeholder = Words to look for
search-clear = Clear
search-load-more = More results
search-filters = Filters
search-topics = Topics
search-date = Date
search-zero-results = No results for { $term }
search-one-result = { $count } result for { $term }
search-many-results = { $count } results for { $term }
search-searching = Searching for { $term }…
callout-note = Note
callout-warning = Warning
callout-caution = Caution

## newsroom: sections
# The self-link beside each section heading (`$heading` is the heading's text), the
# table of contents, and the announcements related to the one shown.
section-link-label = Link to this section: { $heading }
toc-heading = Contents
related-heading = Related announcements

## newsroom: lifecycle
urgent-heading = Urgent notice
withdrawn-notice = This announcement was withdrawn on { $date }.
withdrawn-label = Withdrawn
search-status = Status
expired-notice = This announcement expired on { $date }. It is kept here for reference.
change-latest = Updated { $date }: { $note }
changes-heading = Page history
changes-first-published = First published
open-until = Open until { $date }
closed-on = Closed on { $date }
pinned-label = Pinned
feed-withdrawn-title = Withdrawn: { $title }

## newsroom: lists
nav-archive = Archive
feed-link = Subscribe to this list (Atom feed)
kind-list-heading = Announcements by type: { $kind }
kind-description = Every announcement of the type { $kind }, newest first.
archive-heading = Archive
archive-description = Every announcement, year by year.
archive-year-heading = Announcements from { $year }
archive-year-description = Every announcement published in { $year }, month by month.
archive-all-years = All years
kinds-heading = Types of announcement
