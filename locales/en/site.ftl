# The example site's own strings (English). They add to, and override, the theme's.
site-title = Internet Cooperation Newsroom
site-description = News and announcements of a regional internet cooperation body: partnerships, security, reports and public consultations.

tag-security = Security
tag-latin-america = Latin America and the Caribbean
tag-partnerships = Partnerships
tag-offices = Offices
# herald: same (a protocol's name, the same in every language)
tag-ipv6 = IPv6
tag-reports = Reports
tag-capacity-building = Capacity building
tag-meetings = Meetings
tag-accessibility = Accessibility
tag-idn = Internationalised domain names
tag-policy = Policy
tag-consultation = Public consultations

## newsroom: lists
kind-press-release = Press release
kind-statement = Statement
kind-notice = Notice
kind-consultation = Public consultation
