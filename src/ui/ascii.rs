//! ASCII mode (`--ascii`, a locale that is not UTF-8, or `ascii = true` in the config): the
//! frame is drawn as usual, then every glyph the console draws (borders, marks, arrows,
//! dashes, the spinner) becomes its ASCII twin in one pass over the buffer, as `mono::strip`
//! does for colour. Being a pass over the finished frame, it covers every pane and popup,
//! including ones written later: a glyph without a twin is caught by the test that draws every
//! view in ASCII mode and looks for non-ASCII characters that are not letters.
//!
//! Letters keep their own characters (a name in Cyrillic or Chinese is the server's data, not a
//! glyph); typographic marks in data (dashes, quotes) take their twins too, since the terminal
//! that asked for ASCII cannot show them either.

use ratatui::buffer::Buffer;
/// The one-cell ASCII twin of a glyph the console draws; `None` for everything else (letters
/// and digits of any script, which are data).
pub fn twin(c: char) -> Option<char> {
    Some(match c {
        // Borders and rules (plain, thick, double, rounded).
        '─' | '━' | '═' | '╌' | '┄' => '-',
        '│' | '┃' | '║' | '╎' | '┆' | '▏' | '▕' => '|',
        '┌' | '┐' | '└' | '┘' | '╭' | '╮' | '╰' | '╯' | '├' | '┤' | '┬' | '┴' | '┼' | '╔' | '╗'
        | '╚' | '╝' | '╠' | '╣' | '╦' | '╩' | '╬' | '┏' | '┓' | '┗' | '┛' => {
            '+'
        }
        // Arrows and pointers.
        '▶' | '▸' | '►' | '›' | '→' | '⤷' | '↳' | '»' => '>',
        '◀' | '◂' | '◄' | '‹' | '←' | '«' => '<',
        '▾' | '▼' | '↓' => 'v',
        '▴' | '▲' | '↑' => '^',
        '⇄' | '↔' => '=',
        '↻' | '↺' => '@',
        // Marks.
        '✔' | '✓' | '☑' => '+',
        '✘' | '✗' | '×' | '☒' => 'X',
        '⛔' => 'X',
        '⚠' | '⚑' | '❗' => '!',
        '⊘' => '~',
        '■' | '▪' => '#',
        '□' | '▫' | '○' | '◯' => 'o',
        '◐' | '◑' | '◒' | '◓' => '%',
        '◌' => '.',
        '●' | '◆' | '◇' | '•' | '★' | '☆' | '✎' => '*',
        '≠' => '#',
        '≈' | '∼' => '~',
        // Punctuation.
        '·' | '∙' => '.',
        '—' | '–' | '−' | '‐' | '‑' => '-',
        '…' => '.',
        '“' | '”' | '„' => '"',
        '‘' | '’' | '‚' => '\'',
        '\u{a0}' => ' ',
        // The sanitiser's mark where a hidden character was.
        crate::sanitize::HIDDEN_MARK => '?',
        // The spinner's braille frames turn like `|/-\`.
        '⠋' | '⠸' | '⠦' => '|',
        '⠙' | '⠼' | '⠧' => '/',
        '⠹' | '⠴' | '⠇' => '-',
        '⠏' => '\\',
        _ => return None,
    })
}

/// Replace every glyph in the frame by its twin.
pub fn apply(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() || !symbol.chars().any(|c| twin(c).is_some()) {
            continue;
        }
        let plain: String = symbol.chars().map(|c| twin(c).unwrap_or(c)).collect();
        cell.set_symbol(&plain);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_data_and_keep_their_characters() {
        for c in ['é', 'ö', 'Ж', '株', 'Σ'] {
            assert_eq!(twin(c), None, "{c}");
        }
    }

    #[test]
    fn every_twin_is_one_ascii_character() {
        let glyphs = "─│┌┐└┘├┤▶▸▾▲↑↓←→⇄✔✘⛔⚠⚑⊘■□○◐◌●◆•★✎≠≈·—–…“”’⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
        for c in glyphs.chars() {
            let t = twin(c).unwrap_or_else(|| panic!("{c} has no twin"));
            assert!(t.is_ascii() && !t.is_ascii_control(), "{c} -> {t:?}");
        }
    }
}
