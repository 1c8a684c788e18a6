//! The recipient block in a letter's window, as La Poste reads it (norme
//! NF Z 10-011): at most six lines of at most 38 characters, from the name
//! to the postcode and town, the last line in capitals without accents or
//! punctuation.

/// Lines a window holds.
pub const MAX_LINES: usize = 6;
/// Characters a line holds, spaces included.
pub const MAX_CHARS: usize = 38;

/// The window's lines for a recipient called `name` (civility included),
/// with an optional `role` and the postal `address` lines, the last of
/// which is the postcode and the town. The role is left out when the
/// block would not hold it. An address that cannot make a valid block is
/// an error that says why.
pub fn window(name: &str, role: &str, address: &[String]) -> Result<Vec<String>, String> {
    let Some((last, street)) = address.split_last() else {
        return Err("the address is empty".into());
    };
    if address.len() + 1 > MAX_LINES {
        return Err(format!(
            "the address has {} lines; with the name, an envelope window holds {MAX_LINES} (norme NF Z 10-011): join or drop lines",
            address.len()
        ));
    }
    for line in std::iter::once(name).chain(address.iter().map(String::as_str)) {
        let n = line.chars().count();
        if n > MAX_CHARS {
            return Err(format!(
                "« {line} » has {n} characters; La Poste reads at most {MAX_CHARS} per line (norme NF Z 10-011): abbreviate it or split it over two lines"
            ));
        }
    }
    let town = town_line(last).ok_or_else(|| {
        format!("the last line of the address, « {last} », must be the postcode and the town, e.g. « 30100 Alès »")
    })?;
    let mut lines = vec![name.to_string()];
    let role = role.trim();
    if !role.is_empty() && role.chars().count() <= MAX_CHARS && address.len() + 2 <= MAX_LINES {
        lines.push(role.to_string());
    }
    lines.extend(street.iter().cloned());
    lines.push(town);
    Ok(lines)
}

/// « 30100 Alès » → « 30100 ALES »: five digits, then the town (and maybe
/// « CEDEX 1 ») in capitals, without accents or punctuation; `None` when
/// the line does not start with a postcode.
fn town_line(line: &str) -> Option<String> {
    let line = line.trim();
    let (code, town) = line.split_once(char::is_whitespace)?;
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) || town.trim().is_empty() {
        return None;
    }
    let plain = deunicode::deunicode(town).to_uppercase();
    let words: Vec<&str> = plain.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{code} {}", words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_last_line_is_in_capitals_without_accents() {
        let w = window("M. Paul Planque", "Tête de liste", &lines(&["12 rue d’Avéjan", "30100 Alès"])).unwrap();
        assert_eq!(w, ["M. Paul Planque", "Tête de liste", "12 rue d’Avéjan", "30100 ALES"]);
        let w = window("Mme Lou Roux", "", &lines(&["30700 Saint-Quentin-la-Poterie"])).unwrap();
        assert_eq!(w[1], "30700 SAINT QUENTIN LA POTERIE");
    }

    #[test]
    fn the_role_gives_way_to_the_address() {
        let address = lines(&["a", "b", "c", "d", "30100 Alès"]);
        assert_eq!(window("M. X", "Tête de liste", &address).unwrap().len(), 6);
    }

    #[test]
    fn blocks_that_cannot_be_posted_are_refused() {
        assert!(window("M. X", "", &lines(&["a", "b", "c", "d", "e", "30100 Alès"])).unwrap_err().contains("6 lines"));
        assert!(window("M. X", "", &lines(&["Alès"])).unwrap_err().contains("postcode"));
        let long = "Résidence des Jardins de la Royale, bâtiment C";
        assert!(window("M. X", "", &lines(&[long, "30100 Alès"])).unwrap_err().contains("38"));
    }
}
