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
    /// The legal mentions of a printed document made public.
    #[serde(default)]
    pub publication: Option<Publication>,
    /// The lists' right to check their entry before publication.
    #[serde(default)]
    pub review: Option<Review>,
    /// Who the letters sent by e-mail come from.
    #[serde(default)]
    pub mail: Option<Mail>,
    /// The stance labels and their definitions, where the campaign sets
    /// its own.
    #[serde(default)]
    pub stances: StanceTexts,
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

/// Who prints and who answers for the briefings: the loi du 29 juillet 1881
/// (art. 2) asks every printed document made public to name its printer
/// and the printer's address.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// The printer's name, e.g. « Imprimerie du Gard » or « Imprimé par nos soins ».
    pub printer: String,
    /// The printer's address, on one line.
    pub printer_address: String,
    /// The person responsible for the publication, e.g. « Bruno Mangin, président d’EKKO ».
    pub director: String,
    /// The licence of the open data (`out/data/`), e.g. « Licence Ouverte 2.0 ».
    #[serde(default)]
    pub licence: Option<String>,
    /// Who hosts the web edition (`out/site/`): name, address and telephone,
    /// which a website must state (loi n° 2004-575 du 21 juin 2004, art. 6).
    #[serde(default)]
    pub host: Option<String>,
    /// Publish the full text of each list's answer, as read from its source:
    /// an annex of the briefing and a section of the web page. Off unless
    /// set: a list's letter is quoted, not reproduced, unless the
    /// association chooses to (with the lists' agreement).
    #[serde(default)]
    pub full_text: bool,
}

/// The letters sent by e-mail (`out/mail/`): who they come from, and where
/// answers go.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mail {
    /// The sender, as an address, e.g. `contact@ekko.fr`.
    pub from: toml::Spanned<String>,
    /// Where replies go, if not to the sender.
    #[serde(default)]
    pub reply_to: Option<toml::Spanned<String>>,
}

/// The proofs sent to the lists before publication.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// `YYYY-MM-DD`: the date before which a list may report a mistake of
    /// transcription in its entry.
    pub deadline: toml::Spanned<String>,
}

/// One stance's label and what it means, as the method note states it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceText {
    /// « Engagement précis »
    pub label: String,
    /// What earns it, as the clause that follows the label in the note:
    /// « lorsque la réponse annonce une mesure identifiable… ».
    pub definition: String,
}

/// The campaign's own stance texts; each one left out keeps its default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceTexts {
    pub commitment: Option<StanceText>,
    pub intent: Option<StanceText>,
    pub absent: Option<StanceText>,
}

impl StanceTexts {
    /// The label and definition of `stance`: the campaign's, else the default.
    pub fn of(&self, stance: super::Stance) -> (&str, &str) {
        use super::Stance;
        let (set, default) = match stance {
            Stance::Commitment => (&self.commitment, DEFAULT_COMMITMENT),
            Stance::Intent => (&self.intent, DEFAULT_INTENT),
            Stance::Absent => (&self.absent, DEFAULT_ABSENT),
            Stance::Ungraded => return ("", ""),
        };
        match set {
            Some(t) => (t.label.as_str(), t.definition.as_str()),
            None => default,
        }
    }
}

const DEFAULT_COMMITMENT: (&str, &str) = (
    "Engagement précis",
    "lorsque la réponse annonce une mesure identifiable que la liste mettrait en œuvre (un dispositif, un poste, une instance, un financement…), quelle que soit la forme du verbe",
);
const DEFAULT_INTENT: (&str, &str) = (
    "Orientation générale",
    "lorsque la réponse exprime un principe, une intention ou un constat, sans mesure identifiable",
);
const DEFAULT_ABSENT: (&str, &str) =
    ("Non abordé", "lorsque nous n’avons relevé dans la réponse aucun passage sur la question");
