# 示例网站自己的文字（中文）。
site-title = 互联网合作新闻中心
site-description = 一个地区性互联网合作机构的新闻与公告：合作伙伴关系、网络安全、报告和公众咨询。

tag-security = 安全
tag-latin-america = 拉丁美洲和加勒比
tag-partnerships = 合作伙伴关系
tag-offices = 办事处
tag-ipv6 = IPv6
tag-reports = 报告
tag-capacity-building = 能力建设
tag-meetings = 会议
tag-accessibility = 无障碍
tag-idn = 国际化域名
tag-policy = 政策
tag-consultation = 公众咨询

## newsroom: lists
kind-press-release = 新闻稿
kind-statement = 声明
kind-notice = 通知
kind-consultation = 征求意见
