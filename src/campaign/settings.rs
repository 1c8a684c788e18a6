//! `inputs/campaign.toml`: who writes, about what, and when.

use serde::Deserialize;

/// The whole settings file. Unknown keys are errors, so that a typo in a key
/// is reported instead of silently ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub association: Association,
    pub campaign: CampaignInfo,
    #[serde(default)]
    pub forum: Option<Forum>,
    /// The date printed on the letters (`YYYY-MM-DD`); today by default,
    /// `--date` overrides it.
    #[serde(default)]
    pub date: Option<toml::Spanned<String>>,
}

/// The association that writes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Association {
    /// « EKKO »
    pub name: String,
    /// The unit or service under the name, e.g. « CSAPA Blannaves ».
    #[serde(default)]
    pub unit: String,
    /// Postal address lines.
    pub address: Vec<String>,
    /// The city written before the date: « Alès, le … ».
    pub city: String,
    /// Who signs the letters.
    pub signatory: String,
    /// Their title, e.g. « Président ».
    pub signatory_title: String,
    /// An image of the signature, relative to `inputs/`.
    #[serde(default)]
    pub signature: Option<toml::Spanned<String>>,
    /// The association's logo, relative to `inputs/`.
    #[serde(default)]
    pub logo: Option<toml::Spanned<String>>,
}

/// What the campaign is about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignInfo {
    /// The questionnaire's theme, e.g. « Prévention des addictions et réduction des risques ».
    pub title: String,
    /// The election, e.g. « élections municipales de mars 2026 ».
    pub election: String,
}

/// A public forum where the briefings are handed out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forum {
    /// `YYYY-MM-DD`
    pub date: toml::Spanned<String>,
    pub place: String,
}
