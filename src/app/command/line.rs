//! The command line as it is typed, and the completion `Tab` and `Shift-Tab` cycle through.
//!
//! `Tab` first completes the common part of the commands that start with the word typed (as a
//! shell does); once nothing is common any more, `Tab` shows each candidate in turn and
//! `Shift-Tab` goes back, both wrapping round. The candidates stay those of the word as it was
//! typed, so cycling from `case` reaches `cases` and back. Any other edit ends the cycle.

use super::COMMANDS;
use std::fmt;

/// The text on the command line, and the cycle through candidates if `Tab` started one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    text: String,
    cycle: Option<Cycle>,
}

/// The word as typed before cycling, and which of its candidates shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cycle {
    typed: String,
    at: usize,
}

impl CommandLine {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The commands the hint under the line lists: those of the word as typed, also while
    /// `Tab` steps through them.
    pub fn candidates(&self) -> Vec<&'static str> {
        match &self.cycle {
            Some(c) => matching(&c.typed),
            None => super::candidates(&self.text),
        }
    }

    /// The text, to edit: the cycle ends.
    pub fn edit(&mut self) -> &mut String {
        self.cycle = None;
        &mut self.text
    }

    /// `Tab` (`forward`) or `Shift-Tab`.
    pub fn tab(&mut self, forward: bool) {
        let typed = match &self.cycle {
            Some(c) => c.typed.clone(),
            None => self.text.clone(),
        };
        // Only the command word completes; its arguments are free text.
        if typed.contains(char::is_whitespace) {
            return;
        }
        let matches = matching(&typed);
        let n = matches.len();
        match (&mut self.cycle, matches.as_slice()) {
            (_, []) => {}
            (None, [one]) => self.text = format!("{one} "),
            (Some(c), _) => {
                c.at = if forward {
                    (c.at + 1) % n
                } else {
                    (c.at + n - 1) % n
                };
                self.text = matches[c.at].to_owned();
            }
            (None, many) => {
                let common = common_prefix(many);
                if forward && common.len() > typed.len() {
                    self.text = common.to_owned();
                    return;
                }
                // The first candidate that changes what shows (the word may be one already).
                let at = if forward {
                    many.iter().position(|m| *m != typed).unwrap_or(0)
                } else {
                    n - 1
                };
                self.text = many[at].to_owned();
                self.cycle = Some(Cycle { typed, at });
            }
        }
    }
}

impl From<&str> for CommandLine {
    fn from(text: &str) -> CommandLine {
        CommandLine {
            text: text.to_owned(),
            cycle: None,
        }
    }
}

impl fmt::Display for CommandLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::ops::Deref for CommandLine {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<str> for CommandLine {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

/// Commands that start with `word`, in the table's order.
fn matching(word: &str) -> Vec<&'static str> {
    COMMANDS
        .iter()
        .map(|(c, _, _)| *c)
        .filter(|c| c.starts_with(word))
        .collect()
}

/// The longest start the words share.
fn common_prefix<'a>(words: &[&'a str]) -> &'a str {
    let Some(first) = words.first() else {
        return "";
    };
    let n = (0..=first.len())
        .rev()
        .find(|&n| words.iter().all(|w| w.get(..n) == first.get(..n)))
        .unwrap_or(0);
    &first[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tabbed(typed: &str, keys: &[bool]) -> String {
        let mut l = CommandLine::from(typed);
        for &k in keys {
            l.tab(k);
        }
        l.to_string()
    }

    #[test]
    fn completes_then_cycles() {
        assert_eq!(tabbed("ca", &[true]), "case");
        assert_eq!(tabbed("cases", &[true]), "cases ");
        assert_eq!(tabbed("no", &[true]), "notes ");
        assert_eq!(tabbed("zz", &[true]), "zz");
        // Cycling shows every candidate of the word once, then starts again.
        let c = matching("case");
        let round: Vec<String> = (1..=c.len())
            .map(|i| tabbed("ca", &vec![true; i + 1]))
            .collect();
        assert_ne!(round[0], "case");
        let mut sorted = round.clone();
        sorted.sort();
        let mut all: Vec<String> = c.iter().map(|s| s.to_string()).collect();
        all.sort();
        assert_eq!(sorted, all);
        assert_eq!(tabbed("ca", &vec![true; c.len() + 2]), round[0]);
        assert_eq!(tabbed("ca", &[true, true, true, false]), round[0]);
        assert_eq!(
            tabbed("c", &[false]),
            matching("c")[matching("c").len() - 1]
        );
        assert_eq!(tabbed("case 12", &[true]), "case 12");
    }

    #[test]
    fn the_hint_keeps_the_typed_word_s_candidates_while_cycling() {
        let mut l = CommandLine::from("ne");
        let all = l.candidates();
        l.tab(true);
        assert_eq!(l.candidates(), all);
    }

    #[test]
    fn an_edit_ends_the_cycle() {
        let mut l = CommandLine::from("c");
        l.tab(true);
        l.edit().push('x');
        assert!(l.cycle.is_none());
    }
}
