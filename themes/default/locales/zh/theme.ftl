# herald 默认主题的界面文字（中文）。

site-title = 公告
skip-to-content = 跳至主要内容
nav-main-label = 主导航
nav-home = 最新
nav-tags = 主题
nav-languages-label = 语言
footer-text = 每条公告都以本网站的所有语言发布；译文尚未完成时，将显示原文。

latest-heading = 最新公告
no-announcements = 目前还没有公告。
fallback-badge = 尚未翻译 · { $language }原文
pagination-label = 分页
pagination-newer = 较新的公告
pagination-older = 较早的公告
pagination-status = 第 { $current } 页，共 { $total } 页

fallback-notice = 本公告尚无{ $language }版本，以下显示的是{ $original }原文。
stale-notice = 本译文完成后，公告原文已有更新。
read-original = 阅读原文（{ $language }）
updated-label = 更新于
tags-label = 主题：
versions-heading = 本公告的其他语言版本
versions-other = 本内容还提供以下语言版本：

tags-heading = 主题
no-tags = 目前还没有带主题的公告。
tag-list-heading = 关于“{ $tag }”的公告
announcement-count = { $count } 条公告

chooser-heading = 选择语言
chooser-prompt = 阅读中文公告

feed-title = 中文公告
feed-subtitle = 最新公告（中文）。
redirect-text = 本页面已移至：

not-found-title = 找不到页面
not-found-text = 您要访问的页面不存在或已被移动。
not-found-home = 查看最新公告

# 句中使用的语言名称。
language-en = 英文
language-zh = 中文
language-ar = 阿拉伯文
language-es = 西班牙文
language-fr = 法文
language-ru = 俄文
language-pt = 葡萄牙文

# 页面元数据：供搜索引擎和链接预览使用的描述、分享图片、订阅源。
site-description = 最新公告、新闻和公众咨询，以本网站的所有语言发布。
tag-description = 关于“{ $tag }”的全部公告，最新的在前。
share-image-alt = 一个对话气泡，旁边是用英文、中文、阿拉伯文、西班牙文、法文、俄文和葡萄牙文书写的“公告”一词
feed-untranslated = 尚未翻译

# 搜索
nav-search = 搜索
search-heading = 搜索公告
search-intro = 在以{ $language }发布的 { $count } 条公告中搜索。
search-none = 目前还没有以{ $language }发布的公告，因此无法用这种语言搜索。
search-untranslated = 尚未译成{ $language }的公告不会出现在这里，请用其原文语言搜索。
search-in-language = 用{ $language }搜索
search-noscript = 搜索需要 JavaScript，而此浏览器已将其关闭。您可以浏览公告：
search-label = 搜索公告
search-placeholder = 要查找的词语
search-clear = 清除
search-load-more = 更多结果
search-filters = 筛选
search-topics = 主题
search-date = 日期
search-zero-results = 没有与“{ $term }”相关的结果
search-one-result = 与“{ $term }”相关的结果：{ $count } 条
search-many-results = 与“{ $term }”相关的结果：{ $count } 条
search-searching = 正在搜索“{ $term }”…
callout-note = 注意
callout-warning = 警告
callout-caution = 小心

## newsroom: sections
section-link-label = 链接到本节：{ $heading }
toc-heading = 目录
related-heading = 相关公告

## newsroom: lifecycle
urgent-heading = 紧急通知
withdrawn-notice = 本公告已于{ $date }撤回。
withdrawn-label = 已撤回
search-status = 状态
expired-notice = 本公告已于{ $date }失效，保留于此仅供参考。
change-latest = 更新于{ $date }：{ $note }
changes-heading = 修订记录
changes-first-published = 首次发布
open-until = 开放至{ $date }
closed-on = 已于{ $date }截止
pinned-label = 置顶
feed-withdrawn-title = 已撤回：{ $title }

## newsroom: lists
nav-archive = 归档
feed-link = 订阅此列表（Atom 订阅源）
kind-list-heading = 按类型浏览公告：{ $kind }
kind-description = 所有“{ $kind }”类型的公告，最新的在前。
archive-heading = 归档
archive-description = 按年份浏览全部公告。
archive-year-heading = { $year }年的公告
archive-year-description = { $year }年发布的全部公告，按月份排列。
archive-all-years = 所有年份
kinds-heading = 公告类型
