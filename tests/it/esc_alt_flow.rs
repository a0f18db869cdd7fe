//! Esc followed at once by a key arrives as Alt+key (tmux, fast typing over SSH): an Alt+key
//! nothing binds is Esc, then the key.

use crate::common;

use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::app::{Mode, Msg, View};

fn alt(h: &mut Harness, c: char) {
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)));
}

#[tokio::test]
async fn alt_key_in_the_filter_is_esc_then_the_key() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char('/'));
    h.type_text("kes");
    assert!(h.state.cases.view().len() < h.state.cases.rows().len());
    let picked = h.state.cases.selected_row().map(|r| r.id);
    alt(&mut h, 'j');
    // Esc cleared the filter and left it; j moved the selection.
    assert!(matches!(h.state.mode, Mode::Normal));
    assert_eq!(h.state.cases.filter_text(), "");
    assert_eq!(h.state.cases.view().len(), h.state.cases.rows().len());
    let l = &h.state.cases;
    let was = l
        .view()
        .iter()
        .position(|&i| Some(l.rows()[i].id) == picked);
    assert_eq!(was.map(|p| p + 1), Some(l.selected));
}

#[tokio::test]
async fn alt_key_in_a_case_goes_back_then_acts() {
    let mut h = Harness::demo().await;
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    alt(&mut h, 'j');
    h.settle().await;
    assert_eq!(h.state.view, View::Cases, "Esc went back");
    assert_eq!(h.state.cases.selected, 1, "then j moved down");
    // Alt+q: back (nothing to go back to), then quit.
    alt(&mut h, 'q');
    assert!(h.state.quit);
}

#[tokio::test]
async fn the_note_editor_keeps_its_alt_keys() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char('/'));
    h.type_text("type:entity status:open");
    h.key(KeyCode::Enter);
    h.keys(&[KeyCode::Enter]).await;
    h.key(KeyCode::Char('n'));
    assert!(matches!(h.state.mode, Mode::Edit(_)), "the editor opened");
    h.type_text("two words");
    alt(&mut h, 'b');
    assert!(
        matches!(h.state.mode, Mode::Edit(_)),
        "Alt-b is a word move in the editor, not Esc"
    );
}
