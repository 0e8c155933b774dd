// herald's patch: plural rules from CLDR through ICU4X (`icu_plurals`) instead of
// `intl_pluralrules` 7 (CLDR 37, wrong for Arabic 100+, Lithuanian, Hebrew). See PATCH.md.
use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::provider::{PluralRulesData, PluralsCardinalV1};
use icu_plurals::{PluralCategory, PluralRules as IcuPluralRules};
use icu_provider::prelude::*;
use intl_memoizer::Memoizable;
use intl_pluralrules::PluralRuleType;
use unic_langid::LanguageIdentifier;

use super::cldr_plurals::RULES;
use super::FluentNumber;

pub struct PluralRules(IcuPluralRules);

impl Memoizable for PluralRules {
    type Args = (PluralRuleType,);
    type Error = &'static str;
    fn construct(lang: LanguageIdentifier, args: Self::Args) -> Result<Self, Self::Error> {
        let ordinal = args.0 == PluralRuleType::ORDINAL;
        cldr_plural_rules(&lang, ordinal)
            .map(Self)
            .ok_or("no plural rules")
    }
}

impl PluralRules {
    /// The category of `number` as written (so `1.0` with a minimum of one fraction digit
    /// has CLDR's operands `v = 1`, `f = 0`), or `None` for what has none (NaN, infinities).
    pub fn select(&self, number: &FluentNumber) -> Option<PluralCategory> {
        let decimal: Decimal = number.as_string().parse().ok()?;
        Some(self.0.category_for(&decimal))
    }
}

/// CLDR's cardinal (or ordinal) plural rules for `lang`: ICU4X's compiled data, or, for
/// the languages it has no rules for (`dv`, `yi`, `kab`…: [`RULES`]), CLDR's own.
///
/// Plural rules belong to a language and sometimes a region (`pt-PT`), not to a script:
/// `sr-Latn` has `sr`'s rules (ICU4X would fall back from `sr-Latn` to the root, where
/// every number is `other`). CLDR's one script-specific entry, `kok-Latn`, is kept.
pub fn cldr_plural_rules(lang: &LanguageIdentifier, ordinal: bool) -> Option<IcuPluralRules> {
    let mut locale = Locale::try_from_str(&lang.to_string()).unwrap_or(Locale::UNKNOWN);
    if locale.id.language.as_str() != "kok" {
        locale.id.script = None;
    }
    let prefs = (&locale).into();
    if ordinal {
        return IcuPluralRules::try_new_ordinal(prefs).ok();
    }
    match RULES
        .iter()
        .find(|(language, _)| *language == locale.id.language.as_str())
    {
        Some((_, rules)) => IcuPluralRules::try_new_cardinal_unstable(&Supplement(rules), prefs).ok(),
        None => IcuPluralRules::try_new_cardinal(prefs).ok(),
    }
}

/// A data provider of one language's rules from [`RULES`].
struct Supplement(&'static str);

impl DataProvider<PluralsCardinalV1> for Supplement {
    fn load(&self, _: DataRequest) -> Result<DataResponse<PluralsCardinalV1>, DataError> {
        let data: PluralRulesData<'static> = serde_json::from_str(self.0)
            .map_err(|_| DataError::custom("a CLDR plural rule icu_plurals cannot parse"))?;
        Ok(DataResponse {
            metadata: Default::default(),
            payload: DataPayload::from_owned(data),
        })
    }
}

/// The CLDR category a Fluent variant key names, if it names one.
pub fn category(key: &str) -> Option<PluralCategory> {
    Some(match key {
        "zero" => PluralCategory::Zero,
        "one" => PluralCategory::One,
        "two" => PluralCategory::Two,
        "few" => PluralCategory::Few,
        "many" => PluralCategory::Many,
        "other" => PluralCategory::Other,
        _ => return None,
    })
}
