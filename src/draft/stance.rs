//! Proposing a stance from a passage's wording, with the phrase that decided
//! it: a measure the list says it will carry out is a commitment; wishes,
//! convictions, studies, conditionals and refusals are intents. A
//! passage's stance is read sentence by sentence ([`guess`]), then put
//! together ([`combine`]).

use crate::campaign::Stance;
use crate::french::MONTHS;

/// A proposed stance and the words of the passage that decided it (empty
/// when no wording did: a passage with no commitment reads as an intent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    pub stance: Stance,
    pub phrase: String,
    /// Which kind of wording decided it.
    pub why: Why,
}

/// The kind of wording that decided a stance, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// « nous créerons », « je m'engage à ».
    Pledge,
    /// « nous ne créerons pas », « je ne suis pas favorable ».
    Refusal,
    /// « nous étudierons », « nous demanderons à la région ».
    Hedge,
    /// A wish for what others should do: « nous souhaitons que le futur
    /// écoquartier compte des maisons adaptées ». It outweighs a measure
    /// named, but goes with a pledge in one passage.
    Wish,
    /// A measure named whatever the verb: « un poste de médiateur ».
    Measure,
    /// A wish, a conviction, a conditional: « nous souhaitons agir », « il faut ».
    Wording,
    /// Nothing: a finding, a lead-in.
    Nothing,
}

impl Guess {
    fn nothing() -> Guess {
        Guess { stance: Stance::Intent, phrase: String::new(), why: Why::Nothing }
    }
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

/// First person verbs that leave the measure to others or to later: « nous
/// demanderons à la région », « nous en saisirons l'agence », « nous
/// plaiderons ».
const HEDGES: &[&str] = &["sollicit", "saisir", "plaid", "interpell", "incit", "encourag", "veill"];

/// Bodies other than the commune, whose decisions a list can only ask for.
const OTHERS: &[&str] = &[
    "région",
    "régional",
    "régionale",
    "département",
    "départemental",
    "départementale",
    "état",
    "communautaire",
    "communauté",
    "intercommunalité",
    "préfet",
    "préfète",
    "préfecture",
    "ars",
    "agence",
    "gouvernement",
    "ministère",
    "ministre",
    "sncf",
    "bailleur",
    "bailleurs",
    "europe",
    "européenne",
    "député",
    "députée",
    "sénateur",
    "sénatrice",
];

/// The commune's own bodies: asking them is acting (« nous demanderons à
/// la police municipale d'intervenir »).
const OWN_BODIES: &[&str] = &[
    "municipal",
    "municipale",
    "municipaux",
    "municipales",
    "communal",
    "communale",
    "communaux",
    "communales",
    "ccas",
    "services",
    "agents",
];

/// What follows « chaque » or « par » in a regular action: « chaque
/// automne », « deux fois par mois ».
const PERIODS: &[&str] = &[
    "année",
    "an",
    "mois",
    "semaine",
    "trimestre",
    "semestre",
    "rentrée",
    "printemps",
    "été",
    "automne",
    "hiver",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Nouns of what decides nothing yet: « une étude sera confiée… »,
/// « – une réflexion avec les parents ».
const UNDECIDED: &[&str] = &[
    "étude",
    "études",
    "réflexion",
    "réflexions",
    "concertation",
    "diagnostic",
    "diagnostics",
    "audit",
    "audits",
    "décision",
    "décisions",
];

/// Whether a sentence opens on a study or a thought: « une étude… »,
/// « des études… », « une première étude… », « l'audit… ».
fn undecided(words: &[Word]) -> bool {
    let at = |i: usize| words.get(i).map_or("", |w| w.lower.as_str());
    matches!(at(0), "un" | "une" | "des" | "l" | "le" | "la")
        && (UNDECIDED.contains(&at(1)) || UNDECIDED.contains(&at(2)))
}

/// Infinitives that set a target rather than a measure: « – atteindre 6 %
/// d'agents reconnus travailleurs handicapés ».
const TARGETS: &[&str] = &["atteindre", "viser", "tendre"];

/// What follows « dès la » or « dès le » in a date: « dès la rentrée »
/// (or a month: [`MONTHS`]).
const TIMES: &[&str] = &[
    "rentrée",
    "année",
    "an",
    "mois",
    "semaine",
    "début",
    "premier",
    "première",
    "premiers",
    "premières",
    "printemps",
    "été",
    "automne",
    "hiver",
    "prochain",
    "prochaine",
    "lendemain",
    "budget",
    "vote",
];

/// Conditionals of a wish: « nous aimerions que… ».
const WISHES: &[&str] =
    &["aimerions", "aimerais", "souhaiterions", "souhaiterais", "voudrions", "voudrais", "préférerions"];

/// Words that make a refusal the list's own, among the three before it.
const OWN: &[&str] = &["je", "j", "nous", "suis", "sommes", "notre", "mon", "ma", "restons"];

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
const ACTORS: &[&str] =
    &["ville", "commune", "municipalité", "mairie", "équipe", "collectivité", "agglomération", "on"];

/// What decided a stance, as positions of words, in the order they weigh.
#[derive(Default)]
struct Signals {
    /// A pledge or a first person future: « nous créerons », « je m'engage ».
    pledge: Option<(usize, usize)>,
    /// A refusal: « nous ne créerons pas », « je suis opposée ».
    refusal: Option<(usize, usize)>,
    /// What leaves the measure to others or to later, and outweighs the
    /// measure the same sentence names: « nous étudierons », « nous
    /// veillerons à », « nous demanderons à la région », « nous comptons
    /// sur les voisins ».
    hedge: Option<(usize, usize)>,
    /// A wish for what others should do: « nous souhaitons que… ».
    wish: Option<(usize, usize)>,
    /// Where a wish's « que » is: what follows it is the wish's, not a
    /// pledge (« nous aimerions que… selon les accompagnateurs que nous
    /// trouverons »).
    wished_from: Option<usize>,
    /// A measure, whatever the verb: « la création d'un poste ».
    measure: Option<(usize, usize)>,
    /// A wish, a conviction, a finding, a conditional.
    intent: Option<(usize, usize)>,
}

/// Where a sentence stands in its letter: a list item may name a measure
/// with no verb at all (« – Une formation gratuite des aidants. »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A sentence of a paragraph, or of a list item past its first.
    Paragraph,
    /// The first sentence of a list item.
    ItemStart,
}

/// Common finite verbs, whose presence shows a sentence is not a bare
/// noun phrase: « Une prise en charge efficace est le meilleur moyen… ».
const FINITE: &[&str] = &[
    "est",
    "sont",
    "a",
    "ont",
    "doit",
    "doivent",
    "peut",
    "peuvent",
    "permet",
    "permettent",
    "reste",
    "restent",
    "semble",
    "passe",
    "passent",
    "constitue",
    "fait",
    "font",
    "va",
    "vont",
    "devient",
    "demeure",
    "existe",
];

/// The stance a sentence's wording suggests: a pledge or a future of the
/// list's own makes a commitment; else a refusal, or a verb that leaves the
/// measure to others or to later, makes an intent; else a measure named
/// makes a commitment; else it is an intent.
pub fn guess(text: &str, place: Place) -> Guess {
    let words = words(text);
    if words.is_empty() {
        return Guess::nothing();
    }
    let mut signals = signals(&words);
    // A list item opening on a thing to be had, with no verb: « Un
    // deuxième véhicule… ».
    let verbless = !words.iter().any(|w| FINITE.contains(&w.lower.as_str()));
    let indefinite = matches!(words[0].lower.as_str(), "un" | "une" | "des");
    if undecided(&words) || TARGETS.contains(&words[0].lower.as_str()) {
        // « Une étude sera confiée au CCAS »: a study, not a measure; « –
        // atteindre 6 % d'agents… »: a target.
        signals.hedge = Some((0, 1));
    } else if place == Place::ItemStart && indefinite && verbless && !text.trim_end().ends_with('?') {
        signals.measure = Some((0, 1));
    } else if place == Place::ItemStart
        && verbless
        && matches!(words[0].lower.as_str(), "la" | "le" | "l")
        && words.get(1).is_some_and(|w| w.lower.starts_with("gratuit"))
        && !text.trim_end().ends_with('?')
    {
        // « – la gratuité du minibus municipal ».
        signals.measure = Some((0, 1));
    }
    let found = |stance, why, at: Option<(usize, usize)>| {
        at.map(|(from, to)| Guess { stance, phrase: phrase(text, &words, from, to.min(words.len() - 1)), why })
    };
    found(Stance::Commitment, Why::Pledge, signals.pledge)
        .or_else(|| found(Stance::Intent, Why::Refusal, signals.refusal))
        .or_else(|| found(Stance::Intent, Why::Hedge, signals.hedge))
        .or_else(|| found(Stance::Intent, Why::Wish, signals.wish))
        .or_else(|| found(Stance::Commitment, Why::Measure, signals.measure))
        .or_else(|| found(Stance::Intent, Why::Wording, signals.intent))
        .unwrap_or_else(Guess::nothing)
}

/// The stance of a passage from its sentences' (in order): a commitment
/// if one sentence commits, else the first intent a wording decided, else
/// an intent with no reason.
pub fn combine(sentences: &[Guess]) -> Guess {
    sentences
        .iter()
        .find(|g| g.stance == Stance::Commitment)
        .or_else(|| sentences.iter().find(|g| g.why != Why::Nothing))
        .cloned()
        .unwrap_or_else(Guess::nothing)
}

/// Whether two sentences say opposite things of their measures, one
/// committing (a pledge, or a measure named) and the other refusing or
/// leaving the measure to others: a person quotes them as two rows. A
/// sentence that only wishes (« nous souhaitons ») or decides nothing (a
/// lead-in) goes with both. (A finding that names a measure, « le bus ne
/// passe que deux fois par jour », is split from a hedge too: across the
/// benchmark campaigns, joining a named measure to a hedge cost more
/// stances than it saved.)
pub fn disagree(a: &Guess, b: &Guess) -> bool {
    let declines = |g: &Guess| matches!(g.why, Why::Refusal | Why::Hedge);
    (a.stance == Stance::Commitment && declines(b)) || (b.stance == Stance::Commitment && declines(a))
}

/// Whether some two of a passage's sentences say opposite things
/// ([`disagree`]): it is quoted as two rows, never as one.
pub fn torn(sentences: &[Guess]) -> bool {
    sentences.iter().any(|a| sentences.iter().any(|b| disagree(a, b)))
}

/// Whether the passage pledges in words (« nous créerons », « voici ce que
/// nous ferons »), not by only naming a measure.
pub fn pledges(text: &str) -> bool {
    signals(&words(text)).pledge.is_some()
}

fn signals(words: &[Word]) -> Signals {
    let at = |i: usize| words.get(i).map_or("", |w| w.lower.as_str());
    let mut signals = Signals::default();
    // What another body does already names no measure of the list's:
    // « Les agents sont recrutés par l'État ».
    let others_do = (0..words.len()).any(|i| {
        matches!(at(i), "est" | "sont")
            && is_participle(at(i + 1))
            && (i + 2..i + 6).any(|p| at(p) == "par" && (p + 1..p + 4).any(|o| OTHERS.contains(&at(o))))
    });
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
            // Asking anyone but the commune's own services (« nous
            // demanderons à la région », not « à la police municipale »),
            // or taking a project to another body (« nous porterons au
            // conseil communautaire »).
            let other_body = (v + 1..v + 9).any(|n| OTHERS.contains(&at(n)));
            let own_body = (v + 1..v + 6).any(|n| OWN_BODIES.contains(&at(n)));
            // « … de concevoir avec nous ce module » is acting together.
            let together = (v + 1..words.len()).any(|n| at(n) == "avec" && at(n + 1) == "nous");
            let asks = (verb.starts_with("demand") && (other_body || !own_body)
                || (verb.starts_with("port") || matches!(verb, "dirons" | "dirai")) && other_body)
                && !together;
            // « nous ne créerons que deux postes » restricts, and pledges.
            let refuses = NEGATIONS.contains(&at(v + 1)) || negated && !matches!(at(v + 1), "que" | "qu");
            // « nous mettrons à l'étude un habitat inclusif ».
            let put_to_study = verb.starts_with("mettr") && at(v + 1) == "à" && at(v + 3) == "étude";
            // A future inside what the list wishes of others is not its
            // pledge: « nous aimerions que… selon les accompagnateurs que
            // nous trouverons ».
            let wished =
                signals.wished_from.is_some_and(|que| i > que) && matches!(at(i.wrapping_sub(1)), "que" | "qu");
            // The list's own verb, not « nous » as an object (« les
            // familles viennent nous demander », « cela nous incite »).
            let first_person =
                if word == "nous" { verb.ends_with("ons") } else { verb.ends_with("ai") || verb.ends_with('e') };
            if !negated
                && first_person
                && (studies(verb) || asks || put_to_study || HEDGES.iter().any(|h| verb.starts_with(h)))
            {
                // « nous étudierons », « nous demanderons à la région ».
                first(&mut signals.hedge, i, v);
            } else if is_future(verb, ending) && !WEAK_FUTURES.contains(&verb) && !studies(verb) {
                if refuses {
                    first(&mut signals.refusal, i, v + 1);
                } else if !wished {
                    first(&mut signals.pledge, i, v);
                }
            } else if PROPOSING.contains(&verb) && !negated {
                first(&mut signals.pledge, i, v);
            } else if matches!(verb, "allons" | "vais") && !negated && !studies(at(v + 1)) {
                // « nous allons créer », « je vais ouvrir ».
                first(&mut signals.pledge, i, v + 1);
            } else if refuses
                && ["voul", "veux", "souhait", "soutien", "accept", "croi", "croy", "pouv", "peux", "promet"]
                    .iter()
                    .any(|s| verb.starts_with(s))
            {
                // « nous ne voulons pas », « je ne soutiens pas », « je ne crois pas aux… »,
                // « nous ne pouvons pas promettre ».
                first(&mut signals.refusal, i, v + 1);
            } else if negated
                && matches!(verb, "suis" | "sommes")
                && (["favorable", "partisan", "convaincu"].iter().any(|s| at(v + 2).starts_with(s))
                    || at(v + 2) == "pour" && at(v + 3) != "autant")
            {
                // « je ne suis pas favorable à… ».
                first(&mut signals.refusal, i, v + 2);
            }
        }
        // The list's town acting in the future: « la Ville financera ».
        if ACTORS.contains(&word)
            && let Some(v) = (i + 1..(i + 4).min(words.len())).find(|&v| {
                let w = at(v);
                (w.ends_with("ra") || w.ends_with("ront")) && w.chars().count() > 4 && !WEAK_FUTURES_THIRD.contains(&w)
            })
        {
            // « la commune demandera à l'État », « on étudiera »: no measure;
            // « la commune ne construira pas »: a refusal.
            let verb = at(v);
            // Not « la Ville ne subventionnera que les associations… ».
            if (i + 1..v).any(|n| matches!(at(n), "ne" | "n")) && !matches!(at(v + 1), "que" | "qu") {
                first(&mut signals.refusal, i, v + 1);
            } else if STUDY.iter().chain(HEDGES).chain(&["demand"]).any(|h| verb.starts_with(h)) {
                first(&mut signals.hedge, i, v);
            } else {
                first(&mut signals.pledge, i, v);
            }
        }
        // A passive future: « sera créé », « seront mis en place ».
        // Not of a study or a decision: « une étude sera confiée », « la
        // décision sera prise fin 2027 ».
        if matches!(word, "sera" | "seront") && is_participle(at(i + 1)) && i > 0 && !matches!(at(i - 1), "ne" | "n") {
            // The study is the future's subject (« une étude complémentaire
            // sera menée »), not another clause's word (« La décision est
            // prise : un poste sera créé », « Après concertation, un local
            // sera ouvert »).
            let opens_on_study = undecided(words) && !(1..i).any(|b| FINITE.contains(&at(b)));
            if opens_on_study || (i.saturating_sub(2)..i).any(|b| UNDECIDED.contains(&at(b))) {
                first(&mut signals.hedge, i, i + 1);
            } else {
                first(&mut signals.pledge, i, i + 1);
            }
        }
        // « un habitat inclusif est à l'étude »; « c'est à l'État de les payer ».
        if word == "à"
            && matches!(at(i + 1), "l" | "la")
            && at(i + 2) == "étude"
            && matches!(at(i.wrapping_sub(1)), "est" | "sont" | "sera" | "seront" | "reste" | "restent")
            || word == "c" && at(i + 1) == "est" && at(i + 2) == "à" && (i + 3..i + 6).any(|n| OTHERS.contains(&at(n)))
        {
            first(&mut signals.hedge, i, i + 2);
        }
        // A date or an amount: « dès 2026 », « d'ici 2027 », « 50 000 € ».
        let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
        if number && (matches!(at(i + 1), "€" | "euros" | "postes" | "places" | "lits" | "agents"))
            || number && i > 0 && (at(i - 1) == "dès" || (at(i - 1) == "ici" && i > 1 && at(i - 2) == "d"))
        {
            first(&mut signals.measure, i.saturating_sub(1), i + 1);
        }
        // The list's own refusal (« je suis opposée », « notre refus »), not
        // another's (« pour qu'aucun rendez-vous ne soit refusé »).
        let list_speaks = (i.saturating_sub(3)..i).any(|b| OWN.contains(&at(b)));
        if ["oppos", "refus"].iter().any(|r| word.starts_with(r)) && list_speaks
            || (word == "pas" && at(i + 1) == "question")
        {
            first(&mut signals.refusal, i.saturating_sub(1), i + 1);
        }
        // « un local », « des locaux », not « l'échelon local » nor « les
        // impôts locaux »; « chaque année », « deux fois par an ».
        let premises = word == "local" && matches!(at(i.wrapping_sub(1)), "un" | "le" | "du" | "ce" | "nouveau")
            || word == "locaux" && matches!(at(i.wrapping_sub(1)), "des" | "les" | "de" | "nouveaux" | "ces" | "nos");
        // « un plan », not « planète »; a council to create, not « le conseil
        // municipal » that exists.
        let plan = word == "plan" || word == "plans";
        let council = word.starts_with("conseil") && at(i + 1) == "municipal";
        let every = matches!(word, "chaque" | "par") && PERIODS.contains(&at(i + 1));
        // « dès la rentrée », « dès cette année », not « dès que possible ».
        let soon = word == "dès"
            && (matches!(at(i + 1), "maintenant" | "demain")
                || MONTHS.contains(&at(i + 1))
                || matches!(at(i + 1), "cette" | "ce" | "la" | "le" | "l" | "les")
                    && (TIMES.contains(&at(i + 2)) || MONTHS.contains(&at(i + 2))));
        // A measure to make, not « sa maison » someone already has, nor
        // what others already do (« les AESH sont recrutés par l'État »).
        let theirs = matches!(at(i.wrapping_sub(1)), "sa" | "son" | "ses" | "leur" | "leurs");
        let done = is_participle(word) && matches!(at(i.wrapping_sub(1)), "est" | "sont" | "été") || others_do;
        // « la prise en charge par la commune de la moitié du prix ».
        let taken_on = word == "prise"
            && at(i + 1) == "en"
            && at(i + 2) == "charge"
            && at(i + 3) == "par"
            && (i + 4..i + 7).any(|n| ACTORS.contains(&at(n)) || at(n) == "ccas");
        if soon {
            first(&mut signals.measure, i, i + 1);
        }
        if taken_on {
            first(&mut signals.measure, i.saturating_sub(1), i + 3);
        }
        if premises || every || plan || (!council && !theirs && !done && MEASURES.iter().any(|m| word.starts_with(m))) {
            first(&mut signals.measure, i.saturating_sub(1), i);
        }
        // « nous veillerons à », « nous comptons d'abord sur », « nous
        // aimerions », « nous pourrions envisager ».
        let speaker = (i.saturating_sub(2)..i).any(|b| matches!(at(b), "nous" | "je" | "j"));
        let leaning = word.starts_with("compt") && speaker && (i + 1..i + 4).any(|n| at(n) == "sur");
        let weighing = word.starts_with("envisag") && is_conditional(at(i.wrapping_sub(1)));
        // « nous veillerons », not « une veille sociale ».
        let watching = word.starts_with("veill") && speaker;
        if watching || leaning || WISHES.contains(&word) || weighing {
            first(&mut signals.hedge, i.saturating_sub(1), i);
        }
        // « nous souhaitons que », « nous aimerions que », « je veux qu' ».
        let wishing =
            WISHES.contains(&word) || ["souhait", "voul", "veux", "désir"].iter().any(|w| word.starts_with(w));
        // Not of the commune the list would run: « nous voulons que la Ville
        // finance chaque année… » commits.
        let of_ours = matches!(at(i + 2), "la" | "le" | "l") && ACTORS.contains(&at(i + 3));
        if wishing && speaker && matches!(at(i + 1), "que" | "qu") && !of_ours {
            signals.wished_from.get_or_insert(i + 1);
            first(&mut signals.wish, i.saturating_sub(1), i + 2);
        }
        // Not another's view: « les personnes qui le souhaitent ».
        let their_view = word.ends_with("ent") && !word.ends_with("ment");
        if INTENT_MARKS.iter().any(|m| word.starts_with(m)) && !their_view || is_conditional(word) {
            first(&mut signals.intent, i.saturating_sub(1), i);
        }
    }
    signals
}

/// Third person futures that announce no measure.
const WEAK_FUTURES_THIRD: &[&str] = &[
    "sera",
    "seront",
    "aura",
    "auront",
    "pourra",
    "pourront",
    "devra",
    "devront",
    "faudra",
    "voudra",
    "saura",
    "fera",
    "verra",
    "travaillera",
    "continuera",
    "restera",
    "veillera",
];

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
        let got = guess(text, Place::Paragraph);
        assert_eq!((got.stance, got.phrase.as_str()), (stance, phrase), "{text}");
    }

    fn item(text: &str) -> Guess {
        guess(text, Place::ItemStart)
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

    #[test]
    fn asking_others_leaning_on_them_and_watching_over_are_intents() {
        check("Nous demanderons à la région un arrêt supplémentaire.", Stance::Intent, "Nous demanderons à la région");
        check("Nous en saisirons l’Agence régionale de santé.", Stance::Intent, "Nous en saisirons l’Agence régionale");
        check(
            "Nous porterons au conseil communautaire le projet.",
            Stance::Intent,
            "Nous porterons au conseil communautaire",
        );
        check(
            "Nous demanderons au CSAPA de concevoir avec nous ce module.",
            Stance::Commitment,
            "Nous demanderons au CSAPA",
        );
        check("Nous demanderons à l’État des agents supplémentaires.", Stance::Intent, "Nous demanderons à l’État");
        // « nous » as an object is no hedge of the list's.
        assert_ne!(guess("Des familles viennent nous demander une place.", Place::Paragraph).why, Why::Hedge);
        assert_ne!(guess("Une veille sociale des personnes isolées.", Place::ItemStart).why, Why::Hedge);
        check(
            "Nous demanderons à la banque alimentaire une distribution.",
            Stance::Intent,
            "Nous demanderons à la banque",
        );
        check(
            "Nous demanderons à la police municipale d’intervenir dans les écoles.",
            Stance::Commitment,
            "Nous demanderons à la police",
        );
        check(
            "Nous veillerons, lors de la révision du plan local d’urbanisme, à des logements accessibles.",
            Stance::Intent,
            "Nous veillerons",
        );
        check("Nous comptons d’abord sur le club du jeudi.", Stance::Intent, "Nous comptons d’abord sur");
        check(
            "Nous pourrions envisager quelques logements adaptés.",
            Stance::Intent,
            "pourrions envisager quelques logements adaptés",
        );
        check("Nous aimerions que les enfants visitent l’EHPAD.", Stance::Intent, "Nous aimerions que les enfants");
        // A pledge in the same sentence still commits.
        check(
            "Nous étudierons un transport à la demande et nous équiperons une salle de téléconsultation.",
            Stance::Commitment,
            "nous équiperons une salle",
        );
    }

    #[test]
    fn refusals_are_the_lists_own() {
        check("Je ne crois pas aux centres de santé municipaux.", Stance::Intent, "Je ne crois pas aux centres");
        check(
            "Je ne suis pas favorable à un service municipal.",
            Stance::Intent,
            "Je ne suis pas favorable à un service",
        );
        check("Nous sommes opposés à la vidéoprotection.", Stance::Intent, "sommes opposés à la vidéoprotection");
        // Another's refusal is no refusal of the list's; « sa maison » is no measure.
        assert_eq!(guess("Que personne ne soit refusé faute de place.", Place::Paragraph).why, Why::Wording);
        check("Chacun doit pouvoir rester dans sa maison.", Stance::Intent, "");
    }

    #[test]
    fn verbless_items_dates_and_regular_actions_are_measures_studies_are_not() {
        assert_eq!(item("Un deuxième véhicule pour le transport solidaire.").stance, Stance::Commitment);
        assert_eq!(item("Des visites chez les personnes seules qui le souhaitent.").stance, Stance::Commitment);
        assert_eq!(item("Une commune ne peut pas tout faire.").stance, Stance::Intent);
        assert_eq!(item("Une prise en charge efficace est le meilleur moyen.").stance, Stance::Intent);
        check("La prévention doit commencer dès le plus jeune âge.", Stance::Intent, "");
        assert_eq!(item("Une navette le mardi ?").stance, Stance::Intent);
        check("La navette desservira les hameaux dès le mois d’avril.", Stance::Commitment, "dès le mois d’avril");
        assert_eq!(item("Une réflexion avec les parents sur les tarifs.").stance, Stance::Intent);
        check("Une étude sera confiée au CCAS.", Stance::Intent, "Une étude sera confiée");
        check("Chaque automne, une fête de la soupe.", Stance::Commitment, "Chaque automne");
        check("On créera une épicerie solidaire.", Stance::Commitment, "On créera une épicerie solidaire");
        check("La commune demandera à l’État un agent.", Stance::Intent, "commune demandera à l’État");
    }

    #[test]
    fn others_acts_decisions_to_come_targets_and_wishes_for_others_are_intents() {
        // What others already do is no measure of the list's.
        assert_ne!(guess("Les AESH sont recrutés et payés par l’État.", Place::Paragraph).why, Why::Measure);
        assert_ne!(guess("Les impôts locaux sont parmi les plus élevés.", Place::Paragraph).why, Why::Measure);
        assert_eq!(guess("Nous ouvrirons des locaux.", Place::Paragraph).stance, Stance::Commitment);
        assert_eq!(item("des locaux pour les associations").stance, Stance::Commitment);
        // Studies, audits, decisions to come.
        assert_eq!(item("un diagnostic complet de l’accessibilité du bourg").why, Why::Hedge);
        check("L’audit portera aussi sur les bâtiments.", Stance::Intent, "L’audit portera aussi sur");
        check("La décision sera prise à la fin de 2027.", Stance::Intent, "La décision sera prise");
        check("Un habitat inclusif est à l’étude.", Stance::Intent, "à l’étude");
        check("C’est à l’État de les payer.", Stance::Intent, "C’est à l’État");
        check("Nous le dirons au député.", Stance::Intent, "Nous le dirons au député");
        // Refusals: the commune the list would run, and what it cannot promise.
        check("La commune ne construira pas de foyer de vie.", Stance::Intent, "commune ne construira pas de foyer");
        check("Nous ne pouvons pas promettre de postes.", Stance::Intent, "Nous ne pouvons pas promettre de postes");
        // A target.
        assert_eq!(item("atteindre 6 % d’agents reconnus travailleurs handicapés").stance, Stance::Intent);
        // A wish for what others should do outweighs the measure it names,
        // and a future inside it is no pledge; not so of the list's own commune.
        let wish =
            guess("Nous souhaitons que le futur écoquartier compte quelques maisons adaptées.", Place::Paragraph);
        assert_eq!((wish.stance, wish.why), (Stance::Intent, Why::Wish));
        let pledge = guess("Nous créerons deux maisons adaptées.", Place::Paragraph);
        assert!(!disagree(&wish, &pledge));
        check(
            "Nous aimerions que le séjour emmène tous les enfants, selon les accompagnateurs que nous trouverons.",
            Stance::Intent,
            "Nous aimerions que le séjour",
        );
        check(
            "Nous voulons que la Ville finance chaque année une semaine de prévention.",
            Stance::Commitment,
            "finance chaque année une semaine",
        );
        // A free service on its own list item; « la prise en charge par » someone.
        assert_eq!(item("la gratuité du minibus municipal").stance, Stance::Commitment);
        check("Certaines idées, comme la gratuité de la cantine, nous semblent coûteuses.", Stance::Intent, "");
        check(
            "La prise en charge par la commune de la moitié du prix des trajets.",
            Stance::Commitment,
            "La prise en charge par la commune",
        );
    }

    #[test]
    fn the_rules_for_others_and_studies_do_not_misfire_on_ordinary_pledges() {
        // A study or a decision that is not the future's subject.
        let commits = |text: &str| assert_eq!(guess(text, Place::Paragraph).stance, Stance::Commitment, "{text}");
        commits("La décision est prise : un poste de médiateur sera créé dès 2026.");
        commits("Après concertation, un local sera ouvert.");
        // « ne … que » restricts, it does not refuse.
        commits("La Ville ne subventionnera que les associations accessibles.");
        commits("Nous ne créerons que deux postes.");
        // A future inside a wish does not hide a later pledge.
        commits("Nous aimerions que les accompagnateurs que nous trouverons soient formés, et nous créerons un poste.");
        commits("Nous dirigerons le chantier avec la région.");
        assert_eq!(item("un accompagnement à l’étude pour les collégiens").stance, Stance::Commitment);
        // What others do or pay for; a study put off.
        check("La prise en charge par l’Assurance maladie reste insuffisante.", Stance::Intent, "");
        assert_ne!(guess("Les agents sont recrutés par l’État.", Place::Paragraph).stance, Stance::Commitment);
        check("Nous mettrons à l’étude un habitat inclusif.", Stance::Intent, "Nous mettrons à l’étude");
    }

    #[test]
    fn a_passage_commits_if_one_sentence_does_and_never_joins_opposites() {
        let refusal = guess("Je ne suis pas favorable à un service municipal.", Place::Paragraph);
        let pledge = guess("Nous recruterons une coordinatrice.", Place::Paragraph);
        let lead_in = guess("Les transports sont le point le plus difficile.", Place::Paragraph);
        assert!(disagree(&refusal, &pledge));
        // A measure named is a commitment, split from a hedge like a pledge.
        let named = guess("Une navette desservira les hameaux dès le mois d’avril.", Place::Paragraph);
        let hedge = guess("Nous solliciterons la région pour rouvrir la ligne.", Place::Paragraph);
        assert_eq!((named.why, hedge.why), (Why::Measure, Why::Hedge));
        assert!(disagree(&named, &hedge));
        assert!(!disagree(&lead_in, &pledge) && !disagree(&lead_in, &refusal));
        assert_eq!(combine(&[lead_in.clone(), pledge.clone()]), pledge);
        assert_eq!(combine(&[lead_in.clone(), refusal.clone()]), refusal);
        assert_eq!(combine(&[lead_in]).stance, Stance::Intent);
    }
}
