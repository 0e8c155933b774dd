# نصوص الواجهة في القالب الافتراضي لـ herald (العربية).

site-title = الإعلانات
skip-to-content = انتقل إلى المحتوى الرئيسي
nav-main-label = التنقل الرئيسي
nav-home = الأحدث
nav-tags = المواضيع
nav-languages-label = اللغات
footer-text = يُنشر كل إعلان بجميع لغات الموقع؛ وحين لا تكون الترجمة جاهزة بعد، يُعرض النص الأصلي.

latest-heading = أحدث الإعلانات
no-announcements = لا توجد إعلانات بعد.
fallback-badge = لم يُترجم بعد · باللغة { $language }
pagination-label = الصفحات
pagination-newer = إعلانات أحدث
pagination-older = إعلانات أقدم
pagination-status = الصفحة { $current } من { $total }

fallback-notice = هذا الإعلان غير متاح بعد باللغة { $language }، ويُعرض بلغته الأصلية: { $original }.
stale-notice = تغيّر الإعلان الأصلي منذ إعداد هذه الترجمة.
read-original = اقرأ النص الأصلي ({ $language })
updated-label = آخر تحديث
tags-label = المواضيع:
versions-heading = اقرأ هذا الإعلان بلغة أخرى
versions-other = هذا المحتوى متاح أيضًا باللغات التالية:

tags-heading = المواضيع
no-tags = لا يوجد إعلان مصنّف تحت أي موضوع بعد.
tag-list-heading = إعلانات حول { $tag }
announcement-count = { $count ->
    [zero] لا إعلانات
    [one] إعلان واحد
    [two] إعلانان
    [few] { $count } إعلانات
    [many] { $count } إعلانًا
   *[other] { $count } إعلان
}

chooser-heading = اختر لغتك
chooser-prompt = اقرأ الإعلانات باللغة العربية

feed-title = الإعلانات باللغة العربية
feed-subtitle = أحدث الإعلانات باللغة العربية.
redirect-text = نُقلت هذه الصفحة إلى:

not-found-title = الصفحة غير موجودة
not-found-text = الصفحة التي طلبتها غير موجودة أو نُقلت إلى مكان آخر.
not-found-home = انتقل إلى أحدث الإعلانات

# أسماء اللغات كما تُكتب داخل الجملة.
language-en = الإنجليزية
language-zh = الصينية
language-ar = العربية
language-es = الإسبانية
language-fr = الفرنسية
language-ru = الروسية
language-pt = البرتغالية

# البيانات الوصفية للصفحات: أوصاف لمحركات البحث ومعاينات الروابط، وصورة المشاركة، وخلاصات الأخبار.
site-description = أحدث الإعلانات والأخبار والمشاورات العامة، بجميع لغات الموقع.
tag-description = جميع الإعلانات حول { $tag }، الأحدث أولًا.
share-image-alt = فقاعة حوار بجانب كلمة «إعلانات» مكتوبةً بالإنجليزية والصينية والعربية والإسبانية والفرنسية والروسية والبرتغالية
feed-untranslated = لم يُترجَم بعد

# البحث
nav-search = بحث
search-heading = البحث في الإعلانات
search-intro = { $count ->
    [zero] لا توجد إعلانات منشورة باللغة { $language } للبحث فيها.
    [one] ابحث في الإعلان الوحيد المنشور باللغة { $language }.
    [two] ابحث في الإعلانَين المنشورَين باللغة { $language }.
    [few] ابحث في { $count } إعلانات منشورة باللغة { $language }.
    [many] ابحث في { $count } إعلانًا منشورًا باللغة { $language }.
   *[other] ابحث في { $count } إعلان منشور باللغة { $language }.
}
search-none = لم يُنشر أي إعلان باللغة { $language } بعد، فلا يوجد ما يُبحث فيه بهذه اللغة.
search-untranslated = الإعلانات التي لم تُترجم بعد إلى { $language } لا تظهر هنا، بل بلغتها الأصلية.
search-in-language = ابحث باللغة { $language }
search-noscript = يتطلب البحث JavaScript، وهو معطّل في هذا المتصفح. يمكنك تصفح الإعلانات بدلًا من ذلك:
search-label = البحث في الإعلانات
search-placeholder = الكلمات المراد البحث عنها
search-clear = مسح
search-load-more = مزيد من النتائج
search-filters = عوامل التصفية
search-topics = المواضيع
search-date = التاريخ
search-zero-results = لا توجد نتائج لـ «{ $term }»
search-one-result = عدد النتائج لـ «{ $term }»: { $count }
search-many-results = عدد النتائج لـ «{ $term }»: { $count }
search-searching = جارٍ البحث عن «{ $term }»…
callout-note = ملاحظة
callout-warning = تحذير
callout-caution = تنبيه

## newsroom: sections
section-link-label = رابط إلى هذا القسم: { $heading }
toc-heading = المحتويات
related-heading = إعلانات ذات صلة

## newsroom: lifecycle
urgent-heading = تنبيه عاجل
withdrawn-notice = سُحب هذا الإعلان في { $date }.
withdrawn-label = مسحوب
search-status = الحالة
expired-notice = انتهت صلاحية هذا الإعلان في { $date }، ويُحتفظ به هنا للرجوع إليه.
change-latest = حُدِّث في { $date }: { $note }
changes-heading = سجل التعديلات
changes-first-published = النشر الأول
open-until = مفتوح حتى { $date }
closed-on = أُغلق في { $date }
pinned-label = مثبَّت
feed-withdrawn-title = مسحوب: { $title }

## newsroom: lists
nav-archive = الأرشيف
feed-link = اشترك في هذه القائمة (موجز Atom)
kind-list-heading = الإعلانات حسب النوع: { $kind }
kind-description = جميع الإعلانات من نوع «{ $kind }»، الأحدث أولًا.
archive-heading = الأرشيف
archive-description = جميع الإعلانات، سنة بعد سنة.
archive-year-heading = إعلانات عام { $year }
archive-year-description = جميع الإعلانات المنشورة في عام { $year }، شهرًا بعد شهر.
archive-all-years = كل السنوات
kinds-heading = أنواع الإعلانات
