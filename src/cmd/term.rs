//! What the commands print on standard error: in colour on a terminal (as
//! the typst CLI does), nothing but errors with `--quiet`, stage times and
//! every output with `--verbose`.

use std::io::IsTerminal;

use super::TermArgs;

/// The printing side of the command line.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
/// Label colours of the typst CLI's diagnostics.
const LABELS: [(&str, &str); 4] =
    [("error:", "\x1b[1;31m"), ("warning:", "\x1b[1;33m"), ("note:", "\x1b[1;36m"), ("hint:", "\x1b[1;36m")];

impl Term {
    pub fn new(args: TermArgs) -> Term {
        let color = match args.color {
            clap::ColorChoice::Always => true,
            clap::ColorChoice::Never => false,
            clap::ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Term { quiet: args.quiet, verbose: args.verbose, color }
    }

    /// A message of a normal run: not with `--quiet`.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            eprint!("{}", self.paint(text));
        }
    }

    /// A detail for `--verbose` only.
    pub fn detail(&self, text: &str) {
        if self.verbose {
            eprint!("{}", self.paint(text));
        }
    }

    /// An error: always printed.
    pub fn error(&self, text: &str) {
        eprint!("{}", self.paint(text));
    }

    /// Colours the labels (`error:`, `warning:`, `note:`) and the
    /// `file:line:col:` locations that open lines. Lines that typst already
    /// coloured are left as they are.
    pub fn paint(&self, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 64);
        for line in text.split_inclusive('\n') {
            if let Some((label, colour)) = LABELS.iter().find(|(label, _)| line.starts_with(label)) {
                out.push_str(&format!("{colour}{label}{RESET}{BOLD}"));
                let rest = &line[label.len()..];
                let (body, newline) = rest.strip_suffix('\n').map_or((rest, ""), |b| (b, "\n"));
                out.push_str(&format!("{body}{RESET}{newline}"));
            } else if let Some(end) = location_end(line) {
                out.push_str(&format!("{BOLD}{}{RESET}{}", &line[..end], &line[end..]));
            } else {
                out.push_str(line);
            }
        }
        out
    }
}

/// « 1 letter », « 2 letters ».
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The end of a `path:line:`, `path:line:col:` or `path: sheet « name »,
/// row n, column C:` prefix, if the line has one.
fn location_end(line: &str) -> Option<usize> {
    let first = line.find(':')?;
    if first == 0 || line[..first].contains(' ') {
        return None;
    }
    if line[first + 1..].starts_with(" sheet «") {
        let name_end = first + line[first..].find('»')?;
        return line[name_end..].find(':').map(|colon| name_end + colon + 1);
    }
    let mut end = first;
    for _ in 0..2 {
        let rest = &line[end + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || rest.as_bytes().get(digits) != Some(&b':') {
            break;
        }
        end += 1 + digits;
    }
    (end > first || line[first + 1..].starts_with(' ')).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_found_at_the_start_of_problem_lines() {
        assert_eq!(location_end("inputs/answers.csv:12:3: bad"), Some(24));
        assert_eq!(location_end("inputs/answers.csv:12: bad"), Some(22));
        assert_eq!(location_end("inputs/campaign.toml: bad"), Some(21));
        let cell = "inputs/c.ods: sheet « Réponses: 1 », row 3, column C:";
        assert_eq!(location_end(&format!("{cell} bad")), Some(cell.len()));
        assert_eq!(location_end("  ┌─ out/typst/x.typ:3:1"), None);
        assert_eq!(location_end("plain text"), None);
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = Term { quiet: false, verbose: false, color: false };
        assert_eq!(plain.paint("error: x\n"), "error: x\n");
        let colour = Term { color: true, ..plain };
        assert_eq!(colour.paint("error: x\n"), "\x1b[1;31merror:\x1b[0m\x1b[1m x\x1b[0m\n");
    }
}
