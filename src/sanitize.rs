//! The one sanitiser every string from the API passes through before it reaches a `Span`.
//!
//! Data comes from registries and sanctions lists nobody here controls. Control characters,
//! escape sequences, bidi overrides and invisible characters must never reach the terminal:
//! they could move the cursor, retitle the window, write the clipboard, or make a name read
//! differently from what it is. Invisible characters are replaced by a visible `�`, not dropped,
//! so a name with a hidden character does not silently match a clean one.
//!
//! A top-level leaf rather than part of `ui`: `app` uses it too (status lines that quote a file
//! name or URL, hidden-character checks in AML comparison), and `app` must not import `ui`.

use std::borrow::Cow;

/// What a hidden character is replaced with: visible, so it can be noticed.
pub const HIDDEN_MARK: char = '\u{FFFD}';

/// Bidi controls, zero-width and other invisible format characters.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                 // soft hyphen
        | '\u{034F}'               // combining grapheme joiner
        | '\u{061C}'               // Arabic letter mark
        | '\u{115F}' | '\u{1160}'  // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'  // Mongolian variation selectors and vowel separator
        | '\u{200B}'..='\u{200F}'  // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}'  // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}'  // word joiner, invisible operators, bidi isolates
        | '\u{3164}'               // Hangul filler
        | '\u{FE00}'..='\u{FE0F}'  // variation selectors
        | '\u{FEFF}'               // BOM / zero-width no-break space
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'  // interlinear annotation
        | '\u{E0000}'..='\u{E007F}' // tag characters
    )
}

/// Whether a string carries hidden (invisible or control) characters worth flagging.
pub fn has_hidden(s: &str) -> bool {
    s.chars()
        .any(|c| is_invisible(c) || (c.is_control() && c != '\n' && c != '\t'))
}

/// One line of text: every control character (newlines and tabs too) becomes a space, and
/// escape sequences and invisible characters become [`HIDDEN_MARK`].
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    push_clean(&mut out, s, false);
    Cow::Owned(out)
}

/// Text that may span lines: newlines are kept, tabs become spaces, `\r` goes, everything else
/// as [`clean`].
pub fn clean_multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_clean(&mut out, s, true);
    out
}

/// Text a reviewer typed or pasted on its way out (a note): CR and CRLF become newlines (xterm
/// and tmux paste line ends as CR), tabs stay, and every other control character goes, an
/// escape sequence whole. Unlike [`clean`] nothing is marked: this is the reviewer's own text,
/// and what the server keeps must read as they meant it.
pub fn note_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{1B}' => skip_escape(&mut chars),
            '\u{9B}' | '\u{9D}' | '\u{90}' | '\u{9E}' | '\u{9F}' | '\u{98}' => {
                skip_c1_string(&mut chars, c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn push_clean(out: &mut String, s: &str, keep_newlines: bool) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {}
            '\t' => out.push_str(if keep_newlines { "    " } else { " " }),
            '\n' | '\r' => out.push(' '),
            '\u{1B}' => {
                // Swallow the whole escape sequence (CSI, OSC, DCS, …) and mark it once.
                skip_escape(&mut chars);
                out.push(HIDDEN_MARK);
            }
            '\u{9B}' | '\u{9D}' | '\u{90}' | '\u{9E}' | '\u{9F}' | '\u{98}' => {
                skip_c1_string(&mut chars, c);
                out.push(HIDDEN_MARK);
            }
            c if c.is_control() || is_invisible(c) => out.push(HIDDEN_MARK),
            c => out.push(c),
        }
    }
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_c1_string(chars, '\u{9B}'),
        Some(']') => skip_c1_string(chars, '\u{9D}'),
        Some('P' | 'X' | '^' | '_') => skip_c1_string(chars, '\u{90}'),
        // Two-character escapes (ESC c, ESC 7, …): the second character is gone already.
        _ => {}
    }
}

/// Skip the body of a CSI (ends at a final byte 0x40–0x7E) or of a string sequence
/// (OSC/DCS/SOS/PM/APC: ends at BEL or ST).
fn skip_c1_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, intro: char) {
    if intro == '\u{9B}' {
        for c in chars.by_ref() {
            if ('\u{40}'..='\u{7E}').contains(&c) {
                return;
            }
        }
        return;
    }
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => return,
            '\u{1B}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_passes_untouched() {
        assert!(matches!(clean("Müller & Söhne GmbH"), Cow::Borrowed(_)));
        assert_eq!(clean("张伟 محمد"), "张伟 محمد");
    }

    #[test]
    fn escape_sequences_are_swallowed() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m"), "a\u{FFFD}red\u{FFFD}");
        assert_eq!(clean("x\u{1b}]52;c;SGVsbG8=\u{7}y"), "x\u{FFFD}y");
        assert_eq!(clean("x\u{1b}]0;title\u{1b}\\y"), "x\u{FFFD}y");
        assert_eq!(clean("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y"), "x\u{FFFD}y");
        assert_eq!(clean("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(clean("c1\u{9b}2Jz"), "c1\u{FFFD}z");
    }

    #[test]
    fn invisible_and_bidi_are_marked() {
        assert_eq!(clean("Ali\u{200B}ce"), "Ali\u{FFFD}ce");
        assert_eq!(clean("\u{202E}gnp.exe"), "\u{FFFD}gnp.exe");
        assert!(has_hidden("Ali\u{200B}ce"));
        assert!(!has_hidden("Alice"));
        assert_eq!(clean("tag\u{E0041}"), "tag\u{FFFD}");
    }

    #[test]
    fn newlines_and_tabs_are_laid_out() {
        assert_eq!(clean("a\nb\tc"), "a b c");
        assert_eq!(clean_multiline("a\r\nb\tc"), "a\nb    c");
    }

    #[test]
    fn note_text_keeps_lines_and_drops_controls() {
        assert_eq!(note_text("a\rb\r\nc\nd"), "a\nb\nc\nd");
        assert_eq!(note_text("x\u{1b}[31my\u{7}\u{0}\tz"), "xy\tz");
        assert_eq!(note_text("t\u{1b}]0;title\u{7}u"), "tu");
        assert_eq!(note_text("Müller"), "Müller");
    }
}
