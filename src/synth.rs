//! Synthetic campaigns, for benchmarks and for trying `interpel` at scale:
//! any number of candidates and communes, French text of the length of the
//! real letters (3 to 5 KB), quotes taken verbatim from it.
//!
//! The same size and seed always give the same campaign.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Candidates who get a letter (one in ten of them has not answered).
    pub letters: usize,
    /// Communes they stand in; about ten lists each by default.
    pub communes: usize,
    /// National programmes, quoted in every commune's briefing.
    pub programmes: usize,
    pub seed: u64,
}

impl Spec {
    /// `letters` letters, ten per commune.
    pub fn letters(letters: usize) -> Spec {
        Spec { letters, communes: letters.div_ceil(10).max(1), programmes: 0, seed: 2026 }
    }
}

/// A small, fast, reproducible generator (PCG-style LCG).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const OPENINGS: &[&str] = &[
    "Nous considérons que",
    "Notre liste estime que",
    "Il nous paraît essentiel que",
    "Nous nous engageons à faire en sorte que",
    "Dès le début du mandat, nous veillerons à ce que",
    "Nous proposons que",
    "Nous souhaitons que",
];
const SUBJECTS: &[&str] = &[
    "la prévention des addictions",
    "l’accompagnement des publics dépendants",
    "la réduction des risques",
    "la coordination entre la ville, le CCAS et les associations",
    "le soutien aux structures médico-sociales",
    "la présence d’éducateurs de rue dans les quartiers",
    "la médiation auprès des jeunes",
    "la concertation avec les acteurs de terrain",
];
const VERBS: &[&str] = &[
    "devienne une politique municipale à part entière",
    "soit renforcée dès le plus jeune âge",
    "fasse l’objet d’un budget identifié et pluriannuel",
    "s’appuie sur l’expertise des professionnels",
    "soit évaluée chaque année avec les habitants",
    "associe étroitement les établissements scolaires et les familles",
    "trouve sa place dans le contrat local de santé",
];
const TAILS: &[&str] = &[
    "afin de construire des réponses adaptées et durables",
    "dans le respect de la dignité des personnes concernées",
    "en lien avec les services de l’État et l’agglomération",
    "sans opposer sécurité et santé publique",
    "avec des moyens humains à la hauteur des besoins",
    "pour que chaque habitant sache vers qui se tourner",
];
const TOWNS: &[&str] = &[
    "Saint-Martin",
    "Villeneuve",
    "Montfort",
    "Beaulieu",
    "Fontaine",
    "Roquemaure",
    "Vauvert",
    "Bellegarde",
    "Sommières",
    "Lédignan",
    "Anduze",
    "Quissac",
    "Uzès",
    "Bagnols",
    "Aigues-Vives",
    "Génolhac",
];
const NAMES: &[&str] =
    &["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"];
const FIRST: &[&str] = &["Claire", "Julien", "Nadia", "Pierre", "Sophie", "Karim", "Élodie", "Marc", "Inès", "Luc"];

fn sentence(rng: &mut Rng) -> String {
    format!("{} {} {}, {}.", rng.pick(OPENINGS), rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(TAILS))
}

fn csv(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Writes a campaign folder (`inputs/` only) into `dir`.
pub fn write(dir: &Path, spec: Spec) -> io::Result<()> {
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(inputs.join("letters"))?;
    std::fs::write(
        inputs.join("campaign.toml"),
        "[association]\nname = \"Association exemple\"\nunit = \"Centre de soins (exemple)\"\n\
         address = [\"1, place de la Mairie\", \"30000 Exemple\"]\ncity = \"Exemple\"\n\
         signatory = \"Camille Exemple\"\nsignatory_title = \"La Présidente\"\n\n\
         [campaign]\ntitle = \"Prévention des addictions et réduction des risques\"\n\
         election = \"élections municipales de mars 2026\"\n",
    )?;
    std::fs::write(
        inputs.join("questions.csv"),
        "id,title,text\n\
         q1,Prévention,La prévention des addictions comme politique municipale à part entière.\n\
         q2,Accompagnement,L’accompagnement des publics dépendants dans une logique de santé publique.\n\
         q3,Sécurité et action sociale,L’équilibre recherché entre réponse sécuritaire et action sociale.\n\
         q4,Acteurs de terrain,La place accordée aux acteurs de terrain dans la gouvernance locale.\n",
    )?;

    let mut rng = Rng(spec.seed);
    let mut candidates = String::from("id,civility,name,role,list,commune,address,source,kind,received,nature\n");
    let mut answers = String::from("candidate,question,stance,quote,summary,follow_up\n");
    // National programmes: a party's text, quoted under each question
    // without a stance (a programme is not an answer).
    for p in 0..spec.programmes {
        let id = format!("p{p:04}");
        let party = format!("Parti exemple {p}");
        let mut text = String::new();
        let mut sentences = Vec::new();
        while text.len() < 3_000 {
            let s = sentence(&mut rng);
            text.push_str(&s);
            text.push_str("\n\n");
            sentences.push(s);
        }
        std::fs::write(inputs.join(format!("letters/{id}.txt")), &text)?;
        writeln!(
            candidates,
            "{id},,{party},,{party},,,letters/{id}.txt,program,,{}",
            csv(&format!("programme national publié par le {party} pour les élections municipales"))
        )
        .unwrap();
        for q in 1..=4 {
            for _ in 0..2 {
                let quote = &sentences[rng.below(sentences.len())];
                writeln!(answers, "{id},q{q},,{},{},", csv(quote), csv("Le programme énonce cette orientation."))
                    .unwrap();
            }
        }
    }
    for i in 0..spec.letters {
        let id = format!("c{i:06}");
        let commune_index = i % spec.communes.max(1);
        let town = TOWNS[commune_index % TOWNS.len()];
        let commune = if commune_index < TOWNS.len() {
            town.to_string()
        } else {
            format!("{town} {}", commune_index / TOWNS.len())
        };
        let civility = if rng.below(2) == 0 { "Mme" } else { "M." };
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(NAMES));
        let list = format!("{} {} {}", rng.pick(&["Agir pour", "Ensemble pour", "Vivre à", "Demain"]), commune, i);
        if rng.below(10) == 0 {
            writeln!(candidates, "{id},{civility},{name},Tête de liste,{},{},,,none,,", csv(&list), csv(&commune))
                .unwrap();
            continue;
        }
        // A letter of 3 to 5 KB, as the real ones, in paragraphs.
        let mut letter = String::from("Madame la Présidente,\n\n");
        let mut sentences = Vec::new();
        while letter.len() < 3_000 + rng.below(2_000) {
            let s = sentence(&mut rng);
            letter.push_str(&s);
            letter.push_str(if rng.below(4) == 0 { "\n\n" } else { " " });
            sentences.push(s);
        }
        letter.push_str("\n\nVeuillez agréer nos salutations distinguées.\n");
        std::fs::write(inputs.join(format!("letters/{id}.txt")), &letter)?;
        writeln!(
            candidates,
            "{id},{civility},{name},Tête de liste,{},{},,letters/{id}.txt,letter,2026-0{}-1{},",
            csv(&list),
            csv(&commune),
            2 + rng.below(2),
            rng.below(10)
        )
        .unwrap();
        for q in 1..=4 {
            // One question in five is left unanswered.
            if rng.below(5) == 0 {
                continue;
            }
            for e in 0..1 + rng.below(2) {
                let quote = &sentences[rng.below(sentences.len())];
                let stance = if rng.below(3) == 0 { "commitment" } else { "intent" };
                let follow_up = if e == 0 && stance == "intent" {
                    "Selon quel calendrier et avec quels moyens comptez-vous mettre cette orientation en œuvre ?"
                } else {
                    ""
                };
                writeln!(
                    answers,
                    "{id},q{q},{stance},{},{},{}",
                    csv(quote),
                    csv("La liste exprime cette orientation en des termes généraux."),
                    csv(follow_up)
                )
                .unwrap();
            }
        }
    }
    std::fs::write(inputs.join("candidates.csv"), candidates)?;
    std::fs::write(inputs.join("answers.csv"), answers)?;
    Ok(())
}
