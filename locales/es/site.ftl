# Textos propios del sitio de ejemplo (español).
site-title = Sala de prensa de Cooperación en Internet
site-description = Noticias y comunicados de un organismo regional de cooperación en internet: alianzas, seguridad, informes y consultas públicas.

tag-security = Seguridad
tag-latin-america = América Latina y el Caribe
tag-partnerships = Alianzas
tag-offices = Oficinas
tag-ipv6 = IPv6
tag-reports = Informes
tag-capacity-building = Desarrollo de capacidades
tag-meetings = Reuniones
tag-accessibility = Accesibilidad
tag-idn = Nombres de dominio internacionalizados
tag-policy = Políticas
tag-consultation = Consultas públicas

## newsroom: lists
kind-press-release = Comunicado de prensa
kind-statement = Declaración
kind-notice = Aviso
kind-consultation = Consulta pública
