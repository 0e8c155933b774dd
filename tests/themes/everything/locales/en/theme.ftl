# The test theme "everything" (English, the source language).
site-title = Everything
feed-title = Everything in English
footer-text = Every field of every context is printed.
nav-home = Latest
nav-tags = Topics
latest-heading = Latest announcements
tag-list-heading = Announcements on { $tag }
announcement-count = { $count ->
    [one] one announcement
   *[other] { $count } announcements
}
items-on-page = { $count ->
    [one] one item on this page
   *[other] { $count } items on this page
}
pagination-status = Page { $current } of { $total }
fallback-badge = Not yet translated · in { $language }
fallback-notice = Not yet available in { $language }; shown in { $original }.
stale-notice = The original has changed since this translation.
read-original = Read the original ({ $language })
updated-label = Updated
versions-heading = Read this announcement in
tags-heading = Topics
chooser-heading = Choose your language
chooser-prompt = Read in English
redirect-text = This page has moved to:
not-found-title = Page not found
language-en = English
language-fr = French
language-zh = Chinese
language-ar = Arabic
language-pt-BR = Brazilian Portuguese
site-description = Everything, described.
tag-description = Everything on { $tag }.
share-image-alt = The test theme's share image
feed-untranslated = Untranslated

search-heading = Search everything
section-link-label = Link to this section: { $heading }
toc-heading = Contents
related-heading = Related announcements

kind-list-heading = Announcements of the kind { $kind }
kind-description = Everything of the kind { $kind }.
archive-heading = Archive
archive-description = Everything, by year.
archive-year-heading = Announcements of { $year }
archive-year-description = Everything of { $year }, by month.
