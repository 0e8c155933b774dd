//! Generates a deterministic corpus of announcements for benchmarks:
//! `cargo run --release --example gencorpus -- --announcements 10000 --languages 7 --translated 0.5 --seed 1 OUT [--hugo HUGO_OUT]`
//!
//! Bodies are 400–800 words of Markdown in each language's own script (headings,
//! lists, emphasis, links including `@/` links, an occasional table); front matter
//! has tags; every language gets Fluent strings. With `--hugo` the same corpus is
//! also written as a Hugo site with equivalent lean templates.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

struct Lang {
    code: &'static str,
    name: &'static str,
    words: &'static [&'static str],
    /// Whether words are written without spaces (Chinese).
    joined: bool,
    stop: &'static str,
    tags: [&'static str; 12],
    site_title: &'static str,
}

const TAG_IDS: [&str; 12] = [
    "security",
    "policy",
    "ipv6",
    "dns",
    "meetings",
    "training",
    "reports",
    "partnerships",
    "offices",
    "idn",
    "accessibility",
    "research",
];

const LANGS: [Lang; 7] = [
    Lang {
        code: "en",
        name: "English",
        joined: false,
        stop: ".",
        site_title: "Benchmark Newsroom",
        words: &[
            "network",
            "security",
            "registry",
            "members",
            "region",
            "policy",
            "training",
            "operators",
            "agreement",
            "community",
            "internet",
            "names",
            "addresses",
            "public",
            "meeting",
            "report",
            "global",
            "local",
            "support",
            "technical",
            "access",
            "people",
            "service",
            "open",
            "data",
            "stable",
            "domain",
            "routing",
            "experts",
            "governments",
            "the",
            "and",
            "of",
            "for",
            "with",
            "new",
            "will",
            "our",
            "their",
            "this",
            "work",
            "year",
            "plan",
            "share",
            "build",
            "protect",
            "review",
            "comment",
            "program",
            "partners",
        ],
        tags: [
            "Security",
            "Policy",
            "IPv6",
            "DNS",
            "Meetings",
            "Training",
            "Reports",
            "Partnerships",
            "Offices",
            "IDN",
            "Accessibility",
            "Research",
        ],
    },
    Lang {
        code: "zh",
        name: "中文",
        joined: true,
        stop: "。",
        site_title: "基准新闻中心",
        words: &[
            "网络",
            "安全",
            "注册",
            "成员",
            "地区",
            "政策",
            "培训",
            "运营商",
            "协议",
            "社区",
            "互联网",
            "域名",
            "地址",
            "公共",
            "会议",
            "报告",
            "全球",
            "本地",
            "支持",
            "技术",
            "访问",
            "人员",
            "服务",
            "开放",
            "数据",
            "稳定",
            "路由",
            "专家",
            "政府",
            "合作",
            "计划",
            "发展",
            "研究",
            "建设",
            "保护",
            "审查",
            "意见",
            "项目",
            "伙伴",
            "年度",
        ],
        tags: [
            "安全",
            "政策",
            "IPv6",
            "域名系统",
            "会议",
            "培训",
            "报告",
            "合作伙伴",
            "办事处",
            "国际化域名",
            "无障碍",
            "研究",
        ],
    },
    Lang {
        code: "ar",
        name: "العربية",
        joined: false,
        stop: ".",
        site_title: "مركز الأخبار التجريبي",
        words: &[
            "الشبكة",
            "الأمن",
            "السجل",
            "الأعضاء",
            "المنطقة",
            "السياسة",
            "التدريب",
            "المشغلين",
            "الاتفاق",
            "المجتمع",
            "الإنترنت",
            "الأسماء",
            "العناوين",
            "العامة",
            "الاجتماع",
            "التقرير",
            "العالمي",
            "المحلي",
            "الدعم",
            "التقني",
            "الوصول",
            "الناس",
            "الخدمة",
            "المفتوحة",
            "البيانات",
            "المستقرة",
            "النطاق",
            "التوجيه",
            "الخبراء",
            "الحكومات",
            "في",
            "من",
            "على",
            "مع",
            "هذا",
            "العمل",
            "العام",
            "الخطة",
            "الشركاء",
            "البرنامج",
        ],
        tags: [
            "الأمن",
            "السياسات",
            "IPv6",
            "نظام أسماء النطاقات",
            "الاجتماعات",
            "التدريب",
            "التقارير",
            "الشراكات",
            "المكاتب",
            "أسماء النطاقات الدولية",
            "إمكانية الوصول",
            "البحث",
        ],
    },
    Lang {
        code: "es",
        name: "Español",
        joined: false,
        stop: ".",
        site_title: "Sala de prensa de prueba",
        words: &[
            "red",
            "seguridad",
            "registro",
            "miembros",
            "región",
            "política",
            "capacitación",
            "operadores",
            "acuerdo",
            "comunidad",
            "internet",
            "nombres",
            "direcciones",
            "pública",
            "reunión",
            "informe",
            "mundial",
            "local",
            "apoyo",
            "técnico",
            "acceso",
            "personas",
            "servicio",
            "abierto",
            "datos",
            "estable",
            "dominio",
            "enrutamiento",
            "expertos",
            "gobiernos",
            "el",
            "la",
            "de",
            "para",
            "con",
            "nuevo",
            "nuestro",
            "este",
            "trabajo",
            "año",
        ],
        tags: [
            "Seguridad",
            "Políticas",
            "IPv6",
            "DNS",
            "Reuniones",
            "Capacitación",
            "Informes",
            "Alianzas",
            "Oficinas",
            "IDN",
            "Accesibilidad",
            "Investigación",
        ],
    },
    Lang {
        code: "fr",
        name: "Français",
        joined: false,
        stop: ".",
        site_title: "Salle de presse d’essai",
        words: &[
            "réseau",
            "sécurité",
            "registre",
            "membres",
            "région",
            "politique",
            "formation",
            "opérateurs",
            "accord",
            "communauté",
            "internet",
            "noms",
            "adresses",
            "publique",
            "réunion",
            "rapport",
            "mondial",
            "local",
            "soutien",
            "technique",
            "accès",
            "personnes",
            "service",
            "ouvert",
            "données",
            "stable",
            "domaine",
            "routage",
            "experts",
            "gouvernements",
            "le",
            "la",
            "de",
            "pour",
            "avec",
            "nouveau",
            "notre",
            "ce",
            "travail",
            "année",
        ],
        tags: [
            "Sécurité",
            "Politiques",
            "IPv6",
            "DNS",
            "Réunions",
            "Formation",
            "Rapports",
            "Partenariats",
            "Bureaux",
            "IDN",
            "Accessibilité",
            "Recherche",
        ],
    },
    Lang {
        code: "ru",
        name: "Русский",
        joined: false,
        stop: ".",
        site_title: "Тестовый пресс-центр",
        words: &[
            "сеть",
            "безопасность",
            "регистратура",
            "участники",
            "регион",
            "политика",
            "обучение",
            "операторы",
            "соглашение",
            "сообщество",
            "интернет",
            "имена",
            "адреса",
            "открытый",
            "совещание",
            "доклад",
            "глобальный",
            "местный",
            "поддержка",
            "технический",
            "доступ",
            "люди",
            "служба",
            "данные",
            "стабильный",
            "домен",
            "маршрутизация",
            "эксперты",
            "правительства",
            "и",
            "в",
            "для",
            "с",
            "новый",
            "наш",
            "этот",
            "работа",
            "год",
            "план",
            "партнёры",
        ],
        tags: [
            "Безопасность",
            "Политика",
            "IPv6",
            "DNS",
            "Совещания",
            "Обучение",
            "Доклады",
            "Партнёрство",
            "Представительства",
            "IDN",
            "Доступность",
            "Исследования",
        ],
    },
    Lang {
        code: "pt",
        name: "Português",
        joined: false,
        stop: ".",
        site_title: "Sala de imprensa de teste",
        words: &[
            "rede",
            "segurança",
            "registro",
            "membros",
            "região",
            "política",
            "formação",
            "operadores",
            "acordo",
            "comunidade",
            "internet",
            "nomes",
            "endereços",
            "pública",
            "reunião",
            "relatório",
            "mundial",
            "local",
            "apoio",
            "técnico",
            "acesso",
            "pessoas",
            "serviço",
            "aberto",
            "dados",
            "estável",
            "domínio",
            "roteamento",
            "especialistas",
            "governos",
            "o",
            "a",
            "de",
            "para",
            "com",
            "novo",
            "nosso",
            "este",
            "trabalho",
            "ano",
        ],
        tags: [
            "Segurança",
            "Políticas",
            "IPv6",
            "DNS",
            "Reuniões",
            "Formação",
            "Relatórios",
            "Parcerias",
            "Escritórios",
            "IDN",
            "Acessibilidade",
            "Pesquisa",
        ],
    },
];

fn sentence(rng: &mut Rng, lang: &Lang, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = lang.words[rng.below(lang.words.len())];
        if i > 0 && !lang.joined {
            s.push(' ');
        }
        if i == 0 && !lang.joined {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push_str(lang.stop);
    s
}

fn paragraph(rng: &mut Rng, lang: &Lang, words: &mut usize) -> String {
    let mut p = String::new();
    for i in 0..3 + rng.below(3) {
        let n = 8 + rng.below(12);
        *words += n;
        let mut s = sentence(rng, lang, n);
        if rng.chance(0.2) {
            s = format!("*{}*", s.trim_end_matches(lang.stop)) + lang.stop;
        }
        if i > 0 && !lang.joined {
            p.push(' ');
        }
        p.push_str(&s);
    }
    p
}

fn body(rng: &mut Rng, lang: &Lang, index: usize, total: usize) -> String {
    let target = 400 + rng.below(401);
    let mut words = 0;
    let mut out = String::new();
    out.push_str(&paragraph(rng, lang, &mut words));
    out.push_str("\n\n");
    let mut section = 0;
    while words < target {
        section += 1;
        let _ = writeln!(
            out,
            "## {}\n",
            sentence(rng, lang, 3).trim_end_matches(lang.stop)
        );
        out.push_str(&paragraph(rng, lang, &mut words));
        out.push_str("\n\n");
        match section % 4 {
            1 => {
                for _ in 0..3 + rng.below(3) {
                    let n = 5 + rng.below(6);
                    words += n;
                    let _ = writeln!(out, "- {}", sentence(rng, lang, n));
                }
                out.push('\n');
            }
            2 if index > 0 => {
                let other = rng.below(index.min(total));
                let _ = writeln!(
                    out,
                    "{} [{}](@/announcements/n{other:06}.md) · [{}](https://example.org/{}/)\n",
                    sentence(rng, lang, 4),
                    sentence(rng, lang, 2).trim_end_matches(lang.stop),
                    lang.words[rng.below(lang.words.len())],
                    index
                );
                words += 8;
            }
            3 if rng.chance(0.3) => {
                out.push_str("| A | B | C |\n| --- | ---: | ---: |\n");
                for _ in 0..4 {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        lang.words[rng.below(lang.words.len())],
                        rng.below(1000),
                        rng.below(100)
                    );
                }
                out.push('\n');
                words += 12;
            }
            _ => {}
        }
    }
    out
}

fn date_for(index: usize) -> String {
    // Spread over the years before 2025, one announcement per 8 hours, newest last.
    let days = (index / 3) as i64;
    let base = 10_957; // 2000-01-01
    let (y, m, d) = civil(base + days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:00:00Z", (index % 3) * 8)
}

fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

struct Args {
    announcements: usize,
    languages: usize,
    translated: f64,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        announcements: 1000,
        languages: 7,
        translated: 0.5,
        seed: 1,
        out: PathBuf::new(),
        hugo: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--announcements" => {
                args.announcements = value("--announcements")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            "--languages" => {
                args.languages = value("--languages")?.parse().map_err(|e| format!("{e}"))?
            }
            "--translated" => {
                args.translated = value("--translated")?.parse().map_err(|e| format!("{e}"))?
            }
            "--seed" => args.seed = value("--seed")?.parse().map_err(|e| format!("{e}"))?,
            "--hugo" => args.hugo = Some(PathBuf::from(value("--hugo")?)),
            other if !other.starts_with('-') => args.out = PathBuf::from(other),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("usage: gencorpus [--announcements N] [--languages L] [--translated F] [--seed S] [--hugo DIR] OUT".into());
    }
    if !(1..=7).contains(&args.languages) {
        return Err("--languages must be 1 to 7".into());
    }
    Ok(args)
}

/// One generated file: (announcement index, language index, title, date, tags, body).
struct Doc {
    index: usize,
    lang: usize,
    title: String,
    date: String,
    tags: Vec<usize>,
    body: String,
}

fn generate(args: &Args) -> Vec<Doc> {
    let mut docs = Vec::new();
    for index in 0..args.announcements {
        let mut rng = Rng(args.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ (index as u64 + 1).wrapping_mul(0xd1b5_4a32_d192_ed03));
        let mut tags: Vec<usize> = (0..1 + rng.below(3))
            .map(|_| rng.below(TAG_IDS.len()))
            .collect();
        tags.sort();
        tags.dedup();
        let date = date_for(index);
        for (l, lang) in LANGS.iter().enumerate().take(args.languages) {
            if l > 0 && !rng.chance(args.translated) {
                continue;
            }
            let title_words = 4 + rng.below(5);
            let title = sentence(&mut rng, lang, title_words)
                .trim_end_matches(lang.stop)
                .to_string();
            let body = body(&mut rng, lang, index, args.announcements);
            docs.push(Doc {
                index,
                lang: l,
                title,
                date: date.clone(),
                tags: tags.clone(),
                body,
            });
        }
    }
    docs
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_herald(args: &Args, docs: &[Doc]) -> std::io::Result<()> {
    let out = &args.out;
    fs::create_dir_all(out.join("content/announcements"))?;
    let mut config = String::from("title_key: site-title\nbase_url: https://bench.example.org\ndefault_language: en\nlanguages:\n");
    for (l, lang) in LANGS.iter().enumerate().take(args.languages) {
        let _ = writeln!(
            config,
            "  - {{ code: {}, name: {}, official: {} }}",
            lang.code,
            lang.name,
            l < 6
        );
    }
    config.push_str("paginate: 20\n");
    // Hugo builds no search index: the corpus compares like with like, and
    // bench/run.sh builds a copy with `search: true` for its own row.
    config.push_str("search: false\n");
    fs::write(out.join("site.yaml"), config)?;
    for lang in LANGS.iter().take(args.languages) {
        let dir = out.join("locales").join(lang.code);
        fs::create_dir_all(&dir)?;
        let mut ftl = format!("site-title = {}\n", lang.site_title);
        for (id, label) in TAG_IDS.iter().zip(lang.tags) {
            let _ = writeln!(ftl, "tag-{id} = {label}");
        }
        fs::write(dir.join("site.ftl"), ftl)?;
    }
    for doc in docs {
        let lang = &LANGS[doc.lang];
        let mut text = format!("---\ntitle: {}\n", yaml_quote(&doc.title));
        if doc.lang == 0 {
            let tags: Vec<&str> = doc.tags.iter().map(|&t| TAG_IDS[t]).collect();
            let _ = write!(text, "date: {}\ntags: [{}]\n", doc.date, tags.join(", "));
        }
        let _ = write!(text, "---\n\n{}", doc.body);
        fs::write(
            out.join("content/announcements")
                .join(format!("n{:06}.{}.md", doc.index, lang.code)),
            text,
        )?;
    }
    Ok(())
}

fn write_hugo(args: &Args, docs: &[Doc], out: &Path) -> std::io::Result<()> {
    let mut config = String::from(
        "baseURL = \"https://bench.example.org/\"\ndefaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n\
         disableKinds = [\"RSS\"]\n[pagination]\npagerSize = 20\n[taxonomies]\ntag = \"tags\"\n\
         [outputs]\nhome = [\"HTML\", \"Atom\"]\n[outputFormats.Atom]\nmediaType = \"application/atom+xml\"\nbaseName = \"atom\"\n\
         [mediaTypes.\"application/atom+xml\"]\nsuffixes = [\"xml\"]\n[languages]\n",
    );
    for (l, lang) in LANGS.iter().enumerate().take(args.languages) {
        let _ = write!(
            config,
            "[languages.{code}]\nlanguageName = \"{name}\"\nweight = {w}\ncontentDir = \"content/{code}\"\ntitle = \"{title}\"\n{dir}",
            code = lang.code,
            name = lang.name,
            w = l + 1,
            title = lang.site_title,
            dir = if lang.code == "ar" { "languageDirection = \"rtl\"\n" } else { "" }
        );
    }
    fs::create_dir_all(out.join("i18n"))?;
    fs::write(out.join("hugo.toml"), config)?;
    for lang in LANGS.iter().take(args.languages) {
        let mut toml = format!(
            "[site-title]\nother = \"{}\"\n[read-more]\nother = \"…\"\n",
            lang.site_title
        );
        for (id, label) in TAG_IDS.iter().zip(lang.tags) {
            let _ = write!(toml, "[tag-{id}]\nother = \"{label}\"\n");
        }
        fs::write(out.join("i18n").join(format!("{}.toml", lang.code)), toml)?;
        fs::create_dir_all(out.join("content").join(lang.code).join("announcements"))?;
    }
    for doc in docs {
        let lang = &LANGS[doc.lang];
        let tags: Vec<String> = doc
            .tags
            .iter()
            .map(|&t| format!("\"{}\"", TAG_IDS[t]))
            .collect();
        // Hugo has no @/ links; the same link becomes a relref.
        let body = doc
            .body
            .replace("](@/announcements/", "](/announcements/")
            .replace(".md)", "/)");
        let text = format!(
            "---\ntitle: {}\ndate: {}\ntags: [{}]\ntranslationKey: n{:06}\nslug: n{:06}\n---\n\n{}",
            yaml_quote(&doc.title),
            doc.date,
            tags.join(", "),
            doc.index,
            doc.index,
            body
        );
        fs::write(
            out.join("content")
                .join(lang.code)
                .join("announcements")
                .join(format!("n{:06}.md", doc.index)),
            text,
        )?;
    }
    let layouts = out.join("layouts");
    fs::create_dir_all(layouts.join("_default"))?;
    fs::write(layouts.join("_default/baseof.html"), HUGO_BASEOF)?;
    fs::write(layouts.join("_default/single.html"), HUGO_SINGLE)?;
    fs::write(layouts.join("_default/list.html"), HUGO_LIST)?;
    fs::write(layouts.join("_default/terms.html"), HUGO_TERMS)?;
    fs::write(layouts.join("index.html"), HUGO_LIST)?;
    fs::write(layouts.join("index.atom.xml"), HUGO_ATOM)?;
    Ok(())
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ or .Site.Language.LanguageDirection "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ i18n "site-title" }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ i18n "site-title" }}</a>
<nav>{{ range .Site.Home.AllTranslations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#;
// `data-pagefind-body`: Pagefind, run over this output by the benchmark, indexes the
// announcements alone, the pages herald indexes.
const HUGO_SINGLE: &str = r#"{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ i18n (printf "tag-%s" .Title) | default .LinkTitle }}</a> {{ end }}</p>
<ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#;
const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := where .Site.RegularPages "Section" "announcements" }}{{ if not .IsHome }}{{ $pages = .Pages }}{{ end }}
{{ $paginator := .Paginate $pages }}
<ol>{{ range $paginator.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p><p>{{ .Summary }}</p></li>{{ end }}</ol>
{{ with $paginator.Prev }}<a href="{{ .URL }}">prev</a>{{ end }} {{ with $paginator.Next }}<a href="{{ .URL }}">next</a>{{ end }}
{{ end }}
"#;
const HUGO_TERMS: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
"#;
const HUGO_ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ .Site.Language.Lang }}"><title>{{ i18n "site-title" }}</title>
<id>{{ .Permalink }}</id><updated>{{ now.Format "2006-01-02T15:04:05Z07:00" }}</updated>
{{ range first 20 (where .Site.RegularPages "Section" "announcements") }}<entry><title>{{ .Title }}</title><link href="{{ .Permalink }}"/><id>{{ .Permalink }}</id>
<published>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</published><updated>{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<summary>{{ .Summary | plainify }}</summary><content type="html">{{ .Content | html }}</content></entry>
{{ end }}</feed>
"#;

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let docs = generate(&args);
    if let Err(e) = write_herald(&args, &docs) {
        eprintln!("cannot write {}: {e}", args.out.display());
        std::process::exit(1);
    }
    if let Some(hugo) = &args.hugo {
        if let Err(e) = write_hugo(&args, &docs, hugo) {
            eprintln!("cannot write {}: {e}", hugo.display());
            std::process::exit(1);
        }
    }
    println!(
        "wrote {} files for {} announcements in {} languages",
        docs.len(),
        args.announcements,
        args.languages
    );
}
