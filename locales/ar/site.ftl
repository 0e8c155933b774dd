# نصوص الموقع التجريبي الخاصة به (العربية).
site-title = مركز أخبار التعاون في مجال الإنترنت
site-description = أخبار وإعلانات هيئة إقليمية للتعاون في مجال الإنترنت: الشراكات والأمن والتقارير والمشاورات العامة.

tag-security = الأمن
tag-latin-america = أمريكا اللاتينية والبحر الكاريبي
tag-partnerships = الشراكات
tag-offices = المكاتب
tag-ipv6 = IPv6
tag-reports = التقارير
tag-capacity-building = بناء القدرات
tag-meetings = الاجتماعات
tag-accessibility = إمكانية الوصول
tag-idn = أسماء النطاقات الدولية
tag-policy = السياسات
tag-consultation = المشاورات العامة

## newsroom: lists
kind-press-release = بيان صحفي
kind-statement = بيان
kind-notice = إشعار
kind-consultation = مشاورة عامة
