//! `herald init`: a new site from nothing — a commented `site.yaml`, one sample
//! announcement, and the site's own strings in each of its languages. [`plan`] makes
//! the files in memory, [`write`] writes them into a new or empty folder.

use std::path::{Path, PathBuf};

use crate::content::ANNOUNCEMENTS_DIR;
use crate::date::Date;
use crate::diagnostics::Diagnostic;

/// A new site's files, and what the person who asked for it should know.
#[derive(Debug, Clone)]
pub struct NewSite {
    /// Each file: its path in the site and its text.
    pub files: Vec<(PathBuf, String)>,
    /// What herald could not write for them: strings or a name in a language it does
    /// not know, a sample announcement not in the default language.
    pub notes: Vec<String>,
}

pub use crate::files::Written;

/// The site's strings and the sample announcement, in one language.
struct Texts {
    lang: &'static str,
    site_title: &'static str,
    site_description: &'static str,
    welcome_title: &'static str,
    welcome_body: &'static str,
}

/// In each language the built-in theme has strings for (a test keeps the two lists equal).
const TEXTS: [Texts; 7] = [
    Texts {
        lang: "en",
        site_title: "Announcements",
        site_description: "News and announcements from our organisation, in every language of the site.",
        welcome_title: "Welcome to our new announcements site",
        welcome_body: "Today we open this site for our announcements. From now on, our news, decisions and public consultations will be published here first.\n\nEvery announcement is written in one language and translated into the others as soon as possible. Where a translation is not ready yet, you will find the original text, marked as such, and the translation will follow.\n\nTo hear of new announcements, subscribe to the feed of your language.\n",
    },
    Texts {
        lang: "zh",
        site_title: "公告",
        site_description: "本组织的新闻与公告，以本网站的所有语言发布。",
        welcome_title: "欢迎访问我们的新公告网站",
        welcome_body: "今天，我们开通了这个公告网站。今后，我们的新闻、决定和公众咨询将首先在这里发布。\n\n每条公告先用一种语言撰写，再尽快翻译成其他语言。如果某条公告还没有您所用语言的译文，您会看到注明原文语言的原文，译文随后发布。\n\n订阅您所用语言的信息源，即可及时获知新的公告。\n",
    },
    Texts {
        lang: "ar",
        site_title: "الإعلانات",
        site_description: "أخبار منظمتنا وإعلاناتها، بجميع لغات الموقع.",
        welcome_title: "مرحبًا بكم في موقع إعلاناتنا الجديد",
        welcome_body: "نفتتح اليوم هذا الموقع لنشر إعلاناتنا. ومن الآن فصاعدًا، ستُنشر أخبارنا وقراراتنا ومشاوراتنا العامة هنا أولًا.\n\nيُكتب كل إعلان بلغة واحدة ثم يُترجم إلى اللغات الأخرى في أقرب وقت ممكن. وإذا لم تكن الترجمة جاهزة بعد، فستجدون النص الأصلي مع إشارة إلى ذلك، وستلحق به الترجمة.\n\nلمتابعة الإعلانات الجديدة، اشتركوا في موجز الأخبار بلغتكم.\n",
    },
    Texts {
        lang: "es",
        site_title: "Comunicados",
        site_description: "Noticias y comunicados de nuestra organización, en todos los idiomas del sitio.",
        welcome_title: "Bienvenidos a nuestro nuevo sitio de comunicados",
        welcome_body: "Hoy abrimos este sitio para nuestros comunicados. A partir de ahora, nuestras noticias, decisiones y consultas públicas se publicarán aquí en primer lugar.\n\nCada comunicado se escribe en un idioma y se traduce a los demás lo antes posible. Cuando una traducción aún no esté lista, encontrará el texto original, señalado como tal, y la traducción llegará después.\n\nPara enterarse de los nuevos comunicados, suscríbase al canal de su idioma.\n",
    },
    Texts {
        lang: "fr",
        site_title: "Communiqués",
        site_description: "Les actualités et les communiqués de notre organisation, dans toutes les langues du site.",
        welcome_title: "Bienvenue sur notre nouveau site de communiqués",
        welcome_body: "Nous ouvrons aujourd’hui ce site pour nos communiqués. Désormais, nos actualités, nos décisions et nos consultations publiques seront publiées ici en premier.\n\nChaque communiqué est rédigé dans une langue, puis traduit dans les autres dès que possible. Lorsqu’une traduction n’est pas encore prête, vous trouverez le texte original, signalé comme tel, et la traduction suivra.\n\nPour être informé des nouveaux communiqués, abonnez-vous au flux de votre langue.\n",
    },
    Texts {
        lang: "ru",
        site_title: "Объявления",
        site_description: "Новости и объявления нашей организации на всех языках сайта.",
        welcome_title: "Добро пожаловать на наш новый сайт объявлений",
        welcome_body: "Сегодня мы открываем этот сайт для наших объявлений. Отныне наши новости, решения и общественные консультации будут публиковаться прежде всего здесь.\n\nКаждое объявление пишется на одном языке и как можно скорее переводится на остальные. Если перевод ещё не готов, вы увидите текст оригинала с соответствующей пометкой, а перевод появится позже.\n\nЧтобы узнавать о новых объявлениях, подпишитесь на ленту на своём языке.\n",
    },
    Texts {
        lang: "pt",
        site_title: "Comunicados",
        site_description: "Notícias e comunicados da nossa organização, em todos os idiomas do site.",
        welcome_title: "Bem-vindos ao nosso novo site de comunicados",
        welcome_body: "Hoje abrimos este site para os nossos comunicados. A partir de agora, as nossas notícias, decisões e consultas públicas serão publicadas aqui em primeiro lugar.\n\nCada comunicado é escrito num idioma e traduzido para os outros o mais depressa possível. Quando uma tradução ainda não estiver pronta, encontrará o texto original, assinalado como tal, e a tradução virá depois.\n\nPara saber dos novos comunicados, subscreva o feed do seu idioma.\n",
    },
];

/// The languages of a new site when none is asked for.
pub const DEFAULT_LANGUAGES: [&str; 1] = ["en"];

/// The files of a new site in `languages` (the first is the default language; none:
/// English), its sample announcement dated `now`. A code that is not a BCP 47 tag, or a
/// language asked for twice, is an error (on the command line: a usage error).
pub fn plan(languages: &[String], now: i64) -> Result<NewSite, Diagnostic> {
    let mut codes: Vec<String> = Vec::new();
    for given in languages {
        let code = canonical_code(given).ok_or_else(|| {
            Diagnostic::file_error(
                "--language",
                format!(
                    "`{given}` is not a BCP 47 language tag (such as en, fr, zh-Hant or pt-BR)"
                ),
            )
        })?;
        if codes.contains(&code) {
            return Err(Diagnostic::file_error(
                "--language",
                format!("`{code}` is asked for twice"),
            ));
        }
        codes.push(code);
    }
    if codes.is_empty() {
        codes = DEFAULT_LANGUAGES.iter().map(|c| c.to_string()).collect();
    }
    let default = &codes[0];
    let default_texts = texts_for(default).unwrap_or(&TEXTS[0]);
    let mut notes = Vec::new();
    let mut files = vec![(PathBuf::from(crate::config::CONFIG_FILE), site_yaml(&codes))];
    let unnamed: Vec<&str> = codes
        .iter()
        .filter(|c| crate::hugo::config::native_name(c).is_none())
        .map(String::as_str)
        .collect();
    if !unnamed.is_empty() {
        notes.push(format!(
            "site.yaml: herald does not know the name of {} in itself: write it for `name:` (herald wrote the code there)",
            quoted_list(&unnamed)
        ));
    }

    let date = Date::from_timestamp(now).ymd();
    let welcome = PathBuf::from(ANNOUNCEMENTS_DIR).join(format!("{date}-welcome.{default}.md"));
    let written_in = (texts_for(default).is_none()).then_some(default_texts.lang);
    if let Some(lang) = written_in {
        notes.push(format!(
            "{}: the sample announcement is in `{lang}`, as herald has no text in `{default}`: write it in `{default}`, or delete it",
            welcome.display()
        ));
    }
    files.push((
        welcome,
        sample_announcement(default_texts, &date, written_in),
    ));

    let mut untranslated = Vec::new();
    for code in &codes {
        let (texts, to_translate) = match texts_for(code) {
            Some(texts) => (texts, None),
            None => {
                untranslated.push(code.as_str());
                (default_texts, Some(code.as_str()))
            }
        };
        files.push((
            PathBuf::from("locales").join(code).join("site.ftl"),
            site_ftl(texts, to_translate),
        ));
    }
    if !untranslated.is_empty() {
        let theme: Vec<&str> = TEXTS.iter().map(|t| t.lang).collect();
        notes.push(format!(
            "herald has its own strings in {} only: locales/<lang>/site.ftl of {} holds the `{}` ones, marked to translate",
            theme.join(", "),
            quoted_list(&untranslated),
            default_texts.lang,
        ));
        // Pages look a message up along their language's chain, shorter tags included,
        // and then in the default language: without the theme's strings there, its ids show.
        let has_theme_strings = |code: &str| {
            std::iter::once(code)
                .chain(crate::config::truncations(code))
                .any(|tag| theme.contains(&tag))
        };
        let ids_shown = if has_theme_strings(default) {
            ""
        } else {
            "; until then the pages show the ids of the theme's messages where their text belongs"
        };
        notes.push(format!(
            "the built-in theme has no strings in {} either: translate them as \"Add a language\" in herald's README says{ids_shown}",
            quoted_list(&untranslated),
        ));
    }
    Ok(NewSite { files, notes })
}

/// Writes `site` into `dir`, which must be new or empty (hidden files such as `.git`
/// do not count) unless `force`; with `force` an existing file is kept, never
/// overwritten. When a write fails, what was written is removed again.
pub fn write(site: &NewSite, dir: &Path, force: bool) -> Result<Written, Diagnostic> {
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::file_error(
            dir,
            "is a file: give the new site's folder (new or empty)",
        ));
    }
    if !force {
        let visible = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
        if visible {
            return Err(Diagnostic::file_error(
                dir,
                "is not empty: herald init writes a new site into a new or empty folder only (hidden files such as .git do not count); give another folder, or add --force to write the files it lacks beside yours (it never overwrites one)",
            ));
        }
    }
    crate::files::write_new_files(
        dir,
        site.files
            .iter()
            .map(|(rel, text)| (rel.as_path(), text.as_bytes())),
        force,
    )
}

/// `code` as BCP 47 writes it (`pt-br` → `pt-BR`), or `None` when it is not a language tag.
fn canonical_code(code: &str) -> Option<String> {
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    code.parse::<unic_langid::LanguageIdentifier>()
        .ok()
        .map(|id| id.to_string())
        .filter(|c| c != "und")
}

/// The texts that serve `code`: its own, or those of a shorter tag written in the same
/// script (`pt-BR` gets `pt`'s; `zh-Hant` does not get `zh`'s, which are in Simplified
/// characters).
fn texts_for(code: &str) -> Option<&'static Texts> {
    let script = |tag: &str| {
        static EXPANDER: icu_locale::LocaleExpander = icu_locale::LocaleExpander::new_extended();
        let mut id = icu_locale::LanguageIdentifier::try_from_str(tag).ok()?;
        EXPANDER.maximize(&mut id);
        id.script
    };
    std::iter::once(code)
        .chain(crate::config::truncations(code))
        .find_map(|tag| TEXTS.iter().find(|t| t.lang == tag))
        .filter(|t| script(t.lang) == script(code))
}

/// `a`, `a` and `b`, `a`, `b` and `c`, each in backticks.
fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// A YAML string in a flow mapping (`{ code: en, name: … }`): plain when it can be.
fn flow_scalar(text: &str) -> String {
    if text.contains([
        ',', '[', ']', '{', '}', ':', '#', '"', '\'', '&', '*', '!', '|', '>', '%', '@', '`',
    ]) || text.trim() != text
    {
        serde_json::to_string(text).unwrap_or_default()
    } else {
        text.to_string()
    }
}

fn site_yaml(codes: &[String]) -> String {
    let mut languages = String::new();
    for code in codes {
        match crate::hugo::config::native_name(code) {
            Some(name) => languages.push_str(&format!(
                "  - {{ code: {code}, name: {} }}\n",
                flow_scalar(name)
            )),
            None => languages.push_str(&format!(
                "  - {{ code: {code}, name: {code} }}   # write the language's name in itself (Deutsch, Italiano…)\n"
            )),
        }
    }
    format!(
        "\
# The settings of this herald site. herald's README (\"site.yaml\") explains every key;
# these are the ones a new site needs, with their defaults where they have one.

# The address the site will be published at; it may have a path
# (https://example.org/news). Links, feeds and the sitemap are made from it, so set it
# before you publish. `herald build --base-url URL` overrides it for one build.
base_url: https://example.org

# The language announcements are written in first (their source), and the one readers
# get when a page is not yet translated into theirs (the last fallback).
default_language: {default}

# The site's languages, in the order of the language switcher. `name` is the language's
# name in itself, as readers look for it. `official: false` lists a language under
# \"also available in\" (a courtesy translation); `fallback: [es]` lets it borrow from
# another language before the default one. Each language has its strings in
# locales/<code>/*.ftl (Fluent): the site's own ones override the theme's by id.
languages:
{languages}
# The Fluent message (in locales/<code>/site.ftl) that holds the site's name.
title_key: site-title

# `default` is the theme built into herald. `herald theme eject` copies it into
# themes/default/ for you to change (a theme folder there wins over the built-in one).
theme: default

# Where `herald build` writes the site, from this folder. It is replaced whole on every
# build: never edit it by hand.
output_dir: public

# Announcements per list page.
paginate: 20

markdown:
  # Raw HTML written inside Markdown: sanitize (keeps ordinary markup, removes scripts),
  # escape (shows it as text) or allow (only for trusted writers).
  raw_html: sanitize
  # Hosts whose https iframes survive sanitize; the youtube and vimeo shortcodes need
  # theirs listed:
  # iframe_hosts: [www.youtube-nocookie.com, player.vimeo.com]

feeds:
  # Each language's Atom feed lists the announcements not yet translated into it too,
  # marked as such; false: only those translated.
  untranslated: true

# A search page and index per language (Pagefind); false: none.
search: true

# A share image (link previews) for pages without their own: a file of static/.
# share_image: /images/card.png
",
        default = codes[0],
    )
}

fn sample_announcement(texts: &Texts, date: &str, written_in: Option<&str>) -> String {
    let language = match written_in {
        Some(lang) => format!("# It is written in `{lang}`: write it in this file's language.\n"),
        None => String::new(),
    };
    format!(
        "---\n# A sample announcement made by `herald init`: change it, or delete this file once\n# you have written your own (`herald new {date}-my-news` starts one).\n{language}title: {}\ndate: {date}\n---\n\n{}",
        flow_scalar(texts.welcome_title),
        texts.welcome_body
    )
}

fn site_ftl(texts: &Texts, to_translate: Option<&str>) -> String {
    let translate = match to_translate {
        Some(lang) => format!(
            "#\n# TRANSLATE: these are the `{}` strings. Write each text in `{lang}`\n# (`herald check` lists the strings a language still lacks).\n",
            texts.lang
        ),
        None => String::new(),
    };
    format!(
        "\
# The site's own interface strings (Fluent). They add to the theme's strings and
# override a theme string with the same id. Keep each id, left of `=`; write the text
# on its right.
{translate}
# The site's name: in the header, in every page's title and in the feeds.
site-title = {}

# One sentence about the site, for search engines and link previews of its lists.
site-description = {}

# A tag's label is the message `tag-<id>` (for `tags: [<id>]` in an announcement),
# for example:
# tag-events = Events
",
        texts.site_title, texts.site_description
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn every_theme_language_has_texts() {
        let theme: Vec<&str> = crate::theme::BUILTIN_DEFAULT
            .iter()
            .filter_map(|(path, _)| path.strip_prefix("locales/")?.strip_suffix("/theme.ftl"))
            .collect();
        let texts: Vec<&str> = TEXTS.iter().map(|t| t.lang).collect();
        assert_eq!(theme, texts);
    }

    #[test]
    fn site_yaml_is_valid_for_herald() {
        for list in [
            &["en"][..],
            &["fr", "en", "zh", "ar", "es", "ru", "pt"],
            &["de", "en"],
            &["pt-BR"],
            &["pt-BR", "zh-Hant", "sr-Latn", "es-419"],
        ] {
            let site = plan(&codes(list), 0).unwrap();
            let (_, yaml) = &site.files[0];
            let config = crate::config::parse(Path::new("."), yaml)
                .unwrap_or_else(|d| panic!("{list:?}: {:?}\n{yaml}", d.sorted()));
            let listed: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            assert_eq!(listed, *list);
            assert_eq!(config.default_language, list[0]);
        }
    }

    #[test]
    fn codes_are_canonical_and_texts_keep_their_script() {
        assert_eq!(canonical_code("pt-br").as_deref(), Some("pt-BR"));
        assert_eq!(canonical_code("zh-hant").as_deref(), Some("zh-Hant"));
        assert_eq!(canonical_code("en"), Some("en".into()));
        assert_eq!(canonical_code("en us"), None);
        assert_eq!(canonical_code(""), None);
        assert_eq!(texts_for("pt-BR").map(|t| t.lang), Some("pt"));
        assert_eq!(texts_for("zh-Hans").map(|t| t.lang), Some("zh"));
        assert_eq!(texts_for("zh-Hant").map(|t| t.lang), None);
        assert_eq!(texts_for("zh-TW").map(|t| t.lang), None);
        assert_eq!(texts_for("de").map(|t| t.lang), None);
        assert!(plan(&codes(&["en", "EN"]), 0).is_err());
        assert!(plan(&codes(&["e n"]), 0).is_err());
    }
}
