//! Proposing a stance from a passage's wording, with the phrase that decided
//! it: a measure the list says it will carry out is a commitment; wishes,
//! convictions, studies, conditionals and refusals are intents.

use crate::campaign::Stance;

/// A proposed stance and the words of the passage that decided it (empty
/// when no wording did: a passage with no commitment reads as an intent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    pub stance: Stance,
    pub phrase: String,
}

/// Futures that announce no measure: « nous serons attentifs », « nous
/// pourrons », « nous verrons ».
const WEAK_FUTURES: &[&str] = &[
    "serons",
    "aurons",
    "pourrons",
    "devrons",
    "voudrons",
    "saurons",
    "verrons",
    "ferons",
    "serai",
    "aurai",
    "pourrai",
    "devrai",
    "voudrai",
    "saurai",
    "verrai",
    "ferai",
    "veillerons",
    "veillerai",
    "travaillerons",
    "travaillerai",
    "resterons",
    "resterai",
    "continuerons",
    "continuerai",
];

/// Verbs of studying or considering: « nous étudierons » promises no measure.
const STUDY: &[&str] = &["étudi", "envisag", "réfléch", "examin", "explor", "interrog", "regard", "pench", "évalu"];

/// Words that close a negation: « nous ne créerons pas ».
/// (« plus » and « point » only after « ne »: « nous recruterons plus
/// d'éducateurs » is a pledge.)
const NEGATIONS: &[&str] = &["pas", "jamais", "aucun", "aucune", "nullement"];

/// Pronouns between a subject and its verb: « nous les réunirons ».
const CLITICS: &[&str] =
    &["ne", "n", "le", "la", "les", "l", "leur", "lui", "y", "en", "vous", "nous", "se", "s", "m", "me"];

/// Wording of an intent, looked for when no commitment is found: the first
/// one met is the reason given.
const INTENT_MARKS: &[&str] = &[
    "refus",
    "oppos",
    "souhait",
    "favorable",
    "pens",
    "estim",
    "croy",
    "crois",
    "voulons",
    "veux",
    "volonté",
    "nécessaire",
    "faut",
    "important",
    "essentiel",
    "priorit",
    "attentif",
    "attentive",
    "veill",
    "soutien",
    "encourag",
    "envisag",
    "étudi",
    "réfléch",
    "réflexion",
];

/// The participles a passive future is made of: « sera créé », « seront mis en place ».
fn is_participle(word: &str) -> bool {
    ["é", "ée", "és", "ées", "is", "ise", "ises", "ert", "erte", "ertes", "erts", "ait", "aite", "uit", "uite"]
        .iter()
        .any(|end| word.ends_with(end))
        && word.chars().count() > 3
}

/// A word of the passage: its lower-case form and where it is.
struct Word {
    lower: String,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric() || c == '€', start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(Word { lower: text[s..at].to_lowercase(), start: s, end: at });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The passage's words from word `from` to word `to` (inclusive), plus a
/// few after to show the measure, stopping at a comma or a full stop.
fn phrase(text: &str, words: &[Word], from: usize, to: usize) -> String {
    let mut end = to;
    while end + 1 < words.len() && end < to + 3 {
        let between = &text[words[end].end..words[end + 1].start];
        if between.contains([',', '.', ';', ':', '!', '?', '(', '«', '»']) {
            break;
        }
        end += 1;
    }
    // Not ending on a word that needs the next one: « un poste de ».
    while end > to
        && matches!(
            words[end].lower.as_str(),
            "de" | "d" | "la" | "le" | "les" | "l" | "des" | "du" | "à" | "au" | "aux" | "un" | "une" | "et" | "en"
        )
    {
        end -= 1;
    }
    text[words[from].start..words[end].end].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Nouns of a measure a list can carry out: a device, a post, an
/// instance, money, a place (the default definition of « Engagement
/// précis »: « une mesure identifiable que la liste mettrait en œuvre (un
/// dispositif, un poste, une instance, un financement…), quelle que soit la
/// forme du verbe »). Compared as prefixes of lower-case words.
const MEASURES: &[&str] = &[
    "création",
    "poste",
    "recrut",
    "instance",
    "comité",
    "conseil",
    "commission",
    "financement",
    "financer",
    "budget",
    "enveloppe",
    "subvention",
    "rencontres",
    "réunion",
    "locaux",
    "dispositif",
    "maison",
    "centre",
    "permanence",
    "forum",
    "atelier",
    "convention",
    "médiateur",
    "médiatrice",
    "éducateur",
    "éducatrice",
    "halte",
    "brigade",
    "caméra",
    "vidéoprotection",
    "distributeur",
    "logements",
    "lits",
    "animateur",
    "charte",
    "observatoire",
    "déléguée",
    "délégué",
    "adjoint",
    "adjointe",
    "camion",
    "bus",
    "guichet",
    "coordinat",
    "effectifs",
    "agents",
    "salle",
];

/// Who acts, in a third person future: « la Ville financera ».
const ACTORS: &[&str] = &["ville", "commune", "municipalité", "mairie", "équipe", "collectivité", "agglomération"];

/// What decided a stance, as positions of words, in the order they weigh.
#[derive(Default)]
struct Signals {
    /// A pledge or a first person future: « nous créerons », « je m'engage ».
    pledge: Option<(usize, usize)>,
    /// A refusal: « nous ne créerons pas », « je suis opposée ».
    refusal: Option<(usize, usize)>,
    /// A measure, whatever the verb: « la création d'un poste ».
    measure: Option<(usize, usize)>,
    /// A wish, a conviction, a finding, a conditional.
    intent: Option<(usize, usize)>,
}

/// The stance a passage's wording suggests: a pledge or a future of the
/// list's own makes a commitment; else a refusal makes an intent; else a
/// measure named makes a commitment; else it is an intent.
pub fn guess(text: &str) -> Guess {
    let words = words(text);
    let signals = signals(&words);
    let found = |stance, at: Option<(usize, usize)>| {
        at.map(|(from, to)| Guess { stance, phrase: phrase(text, &words, from, to.min(words.len() - 1)) })
    };
    found(Stance::Commitment, signals.pledge)
        .or_else(|| found(Stance::Intent, signals.refusal))
        .or_else(|| found(Stance::Commitment, signals.measure))
        .or_else(|| found(Stance::Intent, signals.intent))
        .unwrap_or(Guess { stance: Stance::Intent, phrase: String::new() })
}

/// Whether the passage pledges in words (« nous créerons », « voici ce que
/// nous ferons »), not by only naming a measure.
pub fn pledges(text: &str) -> bool {
    signals(&words(text)).pledge.is_some()
}

fn signals(words: &[Word]) -> Signals {
    let at = |i: usize| words.get(i).map_or("", |w| w.lower.as_str());
    let mut signals = Signals::default();
    let first = |slot: &mut Option<(usize, usize)>, from: usize, to: usize| {
        slot.get_or_insert((from, to));
    };
    for i in 0..words.len() {
        let word = at(i);
        // « je m'engage », « nous nous engageons (à) ».
        if (word == "je" || word == "j") && at(i + 1) == "m" && at(i + 2).starts_with("engage")
            || word == "nous" && at(i + 1) == "nous" && at(i + 2).starts_with("engage")
        {
            first(&mut signals.pledge, i, i + 2);
        }
        // What the list will do, announced: « voici ce que nous ferons ».
        if word == "ce" && at(i + 1) == "que" && matches!((at(i + 2), at(i + 3)), ("nous", "ferons") | ("je", "ferai"))
        {
            first(&mut signals.pledge, i, i + 3);
        }
        // A first person future: « nous créerons », « je mettrai en place »,
        // « nous les réunirons »; negated, a refusal.
        let ending = match word {
            "nous" => Some("rons"),
            "je" | "j" => Some("rai"),
            _ => None,
        };
        if let Some(ending) = ending {
            let mut v = i + 1;
            let mut negated = false;
            while CLITICS.contains(&at(v)) {
                negated |= matches!(at(v), "ne" | "n");
                v += 1;
            }
            let verb = at(v);
            let studies = |w: &str| STUDY.iter().any(|s| w.starts_with(s));
            if is_future(verb, ending) && !WEAK_FUTURES.contains(&verb) && !studies(verb) {
                if negated || NEGATIONS.contains(&at(v + 1)) {
                    first(&mut signals.refusal, i, v + 1);
                } else {
                    first(&mut signals.pledge, i, v);
                }
            } else if PROPOSING.contains(&verb) && !negated {
                first(&mut signals.pledge, i, v);
            } else if matches!(verb, "allons" | "vais") && !negated && !studies(at(v + 1)) {
                // « nous allons créer », « je vais ouvrir ».
                first(&mut signals.pledge, i, v + 1);
            } else if negated && ["voul", "veux", "souhait", "soutien", "accept"].iter().any(|s| verb.starts_with(s)) {
                // « nous ne voulons pas », « je ne soutiens pas ».
                first(&mut signals.refusal, i, v + 1);
            }
        }
        // The list's town acting in the future: « la Ville financera ».
        if ACTORS.contains(&word)
            && let Some(v) = (i + 1..(i + 4).min(words.len())).find(|&v| {
                let w = at(v);
                (w.ends_with("ra") || w.ends_with("ront")) && w.chars().count() > 4 && !WEAK_FUTURES_THIRD.contains(&w)
            })
            && !matches!(at(v.wrapping_sub(1)), "ne" | "n")
        {
            first(&mut signals.pledge, i, v);
        }
        // A passive future: « sera créé », « seront mis en place ».
        if matches!(word, "sera" | "seront") && is_participle(at(i + 1)) && i > 0 && !matches!(at(i - 1), "ne" | "n") {
            first(&mut signals.pledge, i, i + 1);
        }
        // A date or an amount: « dès 2026 », « d'ici 2027 », « 50 000 € ».
        let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
        if number && (matches!(at(i + 1), "€" | "euros" | "postes" | "places" | "lits" | "agents"))
            || number && i > 0 && (at(i - 1) == "dès" || (at(i - 1) == "ici" && i > 1 && at(i - 2) == "d"))
        {
            first(&mut signals.measure, i.saturating_sub(1), i + 1);
        }
        if ["oppos", "refus"].iter().any(|r| word.starts_with(r)) || (word == "pas" && at(i + 1) == "question") {
            first(&mut signals.refusal, i.saturating_sub(1), i + 1);
        }
        // « un local », not « l'échelon local »; « chaque année », « deux fois par an ».
        let premises = word == "local" && matches!(at(i.wrapping_sub(1)), "un" | "le" | "du" | "ce" | "nouveau");
        // « un plan », not « planète »; a council to create, not « le conseil
        // municipal » that exists.
        let plan = word == "plan" || word == "plans";
        let council = word.starts_with("conseil") && at(i + 1) == "municipal";
        let every = matches!((word, at(i + 1)), ("chaque" | "par", "année" | "an" | "mois" | "semaine" | "trimestre"));
        if premises || every || plan || (!council && MEASURES.iter().any(|m| word.starts_with(m))) {
            first(&mut signals.measure, i.saturating_sub(1), i);
        }
        if INTENT_MARKS.iter().any(|m| word.starts_with(m)) || is_conditional(word) {
            first(&mut signals.intent, i.saturating_sub(1), i);
        }
    }
    signals
}

/// Third person futures that announce no measure.
const WEAK_FUTURES_THIRD: &[&str] =
    &["sera", "seront", "aura", "auront", "pourra", "pourront", "devra", "devront", "faudra", "voudra", "saura"];

/// A first person future (`ending` « rons » or « rai »): « créerons »,
/// « agirons », « soutiendrons », « mettrai »; not a present whose stem
/// ends in r (« considérons », « espérons », « assurons »).
fn is_future(verb: &str, ending: &str) -> bool {
    let Some(stem) = verb.strip_suffix(ending) else { return false };
    matches!(stem.chars().last(), Some('e' | 'i' | 'd' | 't' | 'r' | 'v'))
}

/// Presents that put forward a measure: « nous proposons », « nous
/// prévoyons ».
const PROPOSING: &[&str] = &["proposons", "prévoyons", "propose", "prévois", "lançons", "créons", "instaurons"];

/// « pourrait », « permettraient », « souhaiterions ».
fn is_conditional(word: &str) -> bool {
    ["rait", "raient", "rions", "riez"].iter().any(|end| word.ends_with(end)) && word.chars().count() > 5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, stance: Stance, phrase: &str) {
        assert_eq!(guess(text), Guess { stance, phrase: phrase.to_string() }, "{text}");
    }

    #[test]
    fn futures_and_pledges_are_commitments() {
        check("Nous créerons un poste de médiateur.", Stance::Commitment, "Nous créerons un poste");
        check("Je m’engage à réunir les acteurs, chaque trimestre.", Stance::Commitment, "Je m’engage à réunir");
        check("Dès 2026, un lieu sera ouvert.", Stance::Commitment, "sera ouvert");
        check("Un forum annuel au gymnase.", Stance::Commitment, "Un forum annuel au gymnase");
        check("La Ville financera le camion.", Stance::Commitment, "Ville financera le camion");
        check("Nous les réunirons.", Stance::Commitment, "Nous les réunirons");
        check("Nous recruterons plus d’éducateurs.", Stance::Commitment, "Nous recruterons plus d’éducateurs");
        check("Un comité sera créé au printemps.", Stance::Commitment, "sera créé au printemps");
        check(
            "Voici ce que nous ferons pendant le mandat.",
            Stance::Commitment,
            "ce que nous ferons pendant le mandat",
        );
    }

    #[test]
    fn wishes_studies_and_refusals_are_intents() {
        check("Nous ne créerons pas de salle de consommation.", Stance::Intent, "Nous ne créerons pas de salle");
        check("Nous étudierons la question.", Stance::Intent, "Nous étudierons la question");
        check("Cela pourrait être envisagé.", Stance::Intent, "Cela pourrait être envisagé");
        check("Nous serons attentifs à ce sujet.", Stance::Intent, "serons attentifs à ce sujet");
        check("Le conseil municipal doit s’y intéresser.", Stance::Intent, "");
        check("La prévention est un axe clé.", Stance::Intent, "");
    }
}
