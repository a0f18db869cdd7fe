//! Issue 16, item 5: notes that can be read. Notes wrap to their pane; `Enter` on a note shows
//! it whole, scrollable, and `Esc` comes back; the editor wraps long lines as they are typed;
//! the Notes title names the step.

use crate::casework_flow::open_case;
use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::{CasePane, Mode};

const LONG: &str = "The registered address matches the Companies House record but the utility \
bill supplied by the customer is older than three months, so a fresh proof of address was \
requested by e-mail; the director confirmed by phone that it will follow this week.";

/// Open Northbridge on its Notes pane; the selected step's name.
async fn notes_of_northbridge(h: &mut Harness) -> String {
    open_case(h, "Northbridge").await;
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Notes;
    }
    h.state
        .case
        .as_ref()
        .and_then(|c| c.selected_step())
        .and_then(|s| s.name.clone())
        .expect("a selected step with a name")
}

/// Write and save a note of these lines.
async fn write_note(h: &mut Harness, lines: &[&str]) {
    h.key(KeyCode::Char('n'));
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            h.key(KeyCode::Enter);
        }
        h.type_text(l);
    }
    h.ctrl('s');
    h.settle().await;
    assert!(matches!(h.state.mode, Mode::Normal), "{:?}", h.state.mode);
}

/// Every word of `text` is on `screen` (in order), whatever the line breaks.
fn all_words_shown(screen: &str, text: &str) -> bool {
    let shown: Vec<&str> = screen
        .lines()
        .flat_map(|l| l.trim_matches(['"', '│', ' ']).split_whitespace())
        .collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    shown
        .windows(words.len())
        .any(|w| w.iter().zip(&words).all(|(a, b)| a.trim_matches('│') == *b))
}

#[tokio::test]
async fn notes_wrap_to_their_pane_and_the_title_names_the_step() {
    let mut h = Harness::demo().await;
    let step = notes_of_northbridge(&mut h).await;
    write_note(&mut h, &[LONG]).await;
    let screen = h.screen(80, 24);
    assert!(screen.contains(&format!("Notes 1 · {step}")), "{screen}");
    assert!(all_words_shown(&screen, LONG), "{screen}");
}

#[tokio::test]
async fn enter_reads_a_note_whole_and_scrolls_and_esc_comes_back() {
    let mut h = Harness::demo().await;
    let step = notes_of_northbridge(&mut h).await;
    let lines: Vec<String> = (1..=40).map(|i| format!("finding number {i}")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    write_note(&mut h, &refs).await;

    h.keys(&[KeyCode::Enter]).await;
    let screen = h.screen(80, 24);
    assert!(screen.contains(&format!("Note on {step}")), "{screen}");
    assert!(screen.contains("finding number 1 "), "{screen}");
    assert!(screen.contains("lines 1–19 of 42"), "{screen}");
    assert!(!screen.contains("finding number 40"), "{screen}");

    // Scrolled to its end: the last line shows.
    h.keys(&[KeyCode::Char('G')]).await;
    for _ in 0..3 {
        h.keys(&[KeyCode::PageDown]).await;
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("finding number 40"), "{screen}");
    assert!(screen.contains("lines 24–42 of 42"), "{screen}");
    // Scrolling past the end stays at the end: one key back up moves at once.
    h.keys(&[KeyCode::Char('k')]).await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("lines 23–41 of 42"), "{screen}");

    // Esc: back to the notes, on the Notes pane.
    h.keys(&[KeyCode::Esc]).await;
    let cv = h.state.case.as_ref().expect("case");
    assert!(cv.reading.is_none());
    assert_eq!(cv.focus, CasePane::Notes);
    assert!(h.screen(80, 24).contains(&format!("Notes 1 · {step}")));
}

#[tokio::test]
async fn the_editor_wraps_long_lines_as_they_are_typed() {
    let mut h = Harness::demo().await;
    notes_of_northbridge(&mut h).await;
    h.key(KeyCode::Char('n'));
    h.type_text(LONG);
    let screen = h.screen(80, 24);
    // The start and the end of the one long line are both on screen: wrapped, not scrolled.
    assert!(screen.contains("The registered address"), "{screen}");
    assert!(screen.contains("follow this week."), "{screen}");
    assert!(all_words_shown(&screen, LONG), "{screen}");
}
