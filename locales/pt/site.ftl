# Textos próprios do site de exemplo (português).
site-title = Sala de imprensa da Cooperação na Internet
site-description = Notícias e comunicados de um organismo regional de cooperação na Internet: parcerias, segurança, relatórios e consultas públicas.

tag-security = Segurança
tag-latin-america = América Latina e Caribe
tag-partnerships = Parcerias
tag-offices = Escritórios
tag-ipv6 = IPv6
tag-reports = Relatórios
tag-capacity-building = Capacitação
tag-meetings = Reuniões
tag-accessibility = Acessibilidade
tag-idn = Nomes de domínio internacionalizados
tag-policy = Políticas
tag-consultation = Consultas públicas

## newsroom: lists
kind-press-release = Comunicado de imprensa
kind-statement = Declaração
kind-notice = Aviso
kind-consultation = Consulta pública
