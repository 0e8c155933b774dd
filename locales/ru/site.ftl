# Собственные тексты демонстрационного сайта (русский).
site-title = Пресс-центр по интернет-сотрудничеству
site-description = Новости и объявления регионального органа по интернет-сотрудничеству: партнёрства, безопасность, доклады и общественные консультации.

tag-security = Безопасность
tag-latin-america = Латинская Америка и Карибский бассейн
tag-partnerships = Партнёрство
tag-offices = Представительства
tag-ipv6 = IPv6
tag-reports = Доклады
tag-capacity-building = Наращивание потенциала
tag-meetings = Совещания
tag-accessibility = Доступность
tag-idn = Интернационализированные доменные имена
tag-policy = Политика
tag-consultation = Общественные консультации

## newsroom: lists
kind-press-release = Пресс-релиз
kind-statement = Заявление
kind-notice = Уведомление
kind-consultation = Общественная консультация
