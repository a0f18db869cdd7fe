//! Issue 15 item 11: messages belong to their case and pane. A late answer about a case the
//! reviewer left never touches the status line (it goes to `:messages`, which is counted);
//! leaving a place clears its message; a message wider than the screen is cut with a pointer to
//! `:messages`, which shows it whole; a download saved but not opened is a success.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::app::docs::Saved;
use kyc_console::app::local::Local;
use kyc_console::app::{self, Msg, Tone, View};

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

/// Open the `nth` open company of the list.
async fn open_company(h: &mut Harness, nth: usize) -> i64 {
    command(h, "cases").await;
    h.key(KeyCode::Char('/'));
    h.ctrl('u');
    h.type_text("type:entity status:open");
    h.key(KeyCode::Enter);
    assert!(
        h.state.cases.view().len() > nth,
        "the demo has open companies"
    );
    for _ in 0..nth {
        h.key(KeyCode::Down);
    }
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    h.state.case.as_ref().expect("case open").id
}

/// The time of day is the clock's: the same in every run once it is masked.
fn mask_times(screen: &str) -> String {
    let mut out = String::with_capacity(screen.len());
    let chars: Vec<char> = screen.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let is_time = i + 8 <= chars.len()
            && chars[i..i + 8].iter().enumerate().all(|(k, c)| match k {
                2 | 5 => *c == ':',
                _ => c.is_ascii_digit(),
            });
        if is_time {
            out.push_str("hh:mm:ss");
            i += 8;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[tokio::test]
async fn a_late_answer_about_a_case_left_goes_to_the_log_not_the_status_line() {
    let mut h = Harness::demo().await;
    let a = open_company(&mut h, 0).await;
    command(&mut h, "steps").await;
    // `p` on case A: the request is held, as if the server were slow.
    let held = app::update(
        &mut h.state,
        Msg::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE)),
    );
    assert!(!held.is_empty(), "a change was asked for");
    // The reviewer moves on to case B.
    h.keys(&[KeyCode::Esc]).await;
    let b = open_company(&mut h, 1).await;
    assert_ne!(a, b);
    h.state.status = None;
    let logged = h.state.messages.entries.len();
    // Case A's answer arrives now.
    h.apply(held);
    h.settle().await;
    assert_eq!(h.state.case.as_ref().map(|c| c.id), Some(b));
    assert_eq!(h.status_text(), "", "B's status line is untouched");
    let late: Vec<_> = h.state.messages.entries.iter().skip(logged).collect();
    assert!(
        late.iter()
            .any(|m| m.case == Some(a) && m.tone == Tone::Success && m.text.contains(" is ")),
        "{late:?}"
    );
    assert_eq!(h.state.messages.unseen, 1);
    let screen = h.screen(80, 24);
    assert!(screen.contains("1 new in :messages"), "{screen}");
    // The log lists it, under case A.
    command(&mut h, "messages").await;
    assert_eq!(h.state.view, View::Messages);
    assert_eq!(h.state.messages.unseen, 0);
    let screen = h.screen(80, 24);
    assert!(screen.contains(&format!("case {a}")), "{screen}");
    // Named once: a message that names its case is not prefixed with it again.
    assert!(!screen.contains(&format!("case {a} case {a}")), "{screen}");
    // Esc goes back where the reviewer was.
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
}

#[tokio::test]
async fn leaving_a_place_clears_its_message() {
    let mut h = Harness::demo().await;
    open_company(&mut h, 0).await;
    command(&mut h, "frobnicate").await;
    assert!(h.status_text().contains("unknown command"));
    command(&mut h, "docs").await;
    assert!(!h.status_text().contains("unknown command"));
    assert!(
        h.state
            .messages
            .entries
            .iter()
            .any(|m| m.text.contains("unknown command"))
    );
}

#[tokio::test]
async fn a_long_message_is_cut_on_the_status_line_and_whole_in_the_log() {
    let mut h = Harness::demo().await;
    command(&mut h, "link 1000001002 Godparent").await;
    let text = h.status_text();
    assert!(text.chars().count() > 80, "a long message: {text}");
    let screen = h.screen(80, 24);
    let status = screen.lines().nth(22).expect("status line");
    assert!(status.contains("… whole in :messages"), "{status}");
    command(&mut h, "messages").await;
    let screen = mask_times(&h.screen(80, 24));
    insta::assert_snapshot!("messages_long_message_80x24", screen);
    // Wrapped, every word of it is there.
    let flat: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for word in text.split_whitespace() {
        assert!(flat.contains(word), "{word} of {text} in {screen}");
    }
}

#[tokio::test]
async fn a_download_saved_but_not_opened_is_a_success_with_the_reason() {
    let mut h = Harness::demo().await;
    // The desktop's opener failed after the file was saved.
    h.send(Msg::Local(Local::Download(Saved::NotOpened(
        "/tmp/downloads/passport.pdf".into(),
        "no program to open it (see the log)".to_owned(),
    ))));
    let status = h.state.status.as_ref().expect("said");
    assert_eq!(status.tone, Tone::Success);
    assert_eq!(
        status.text,
        "saved to /tmp/downloads/passport.pdf — not opened: no program to open it (see the log)"
    );
    let screen = h.screen(100, 24);
    assert!(
        screen.contains("✔ saved to /tmp/downloads/passport.pdf"),
        "{screen}"
    );
    assert!(!screen.contains('✘'), "{screen}");
}

/// An answer about no case (a registry search that ran while the reviewer looked elsewhere)
/// belongs to no case left behind: it speaks where the reviewer is.
#[tokio::test]
async fn an_answer_about_no_case_speaks_wherever_the_reviewer_is() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char(':'));
    h.type_text("search northbridge GB");
    h.key(KeyCode::Enter);
    assert_eq!(h.state.view, View::Search);
    h.key(KeyCode::Char(':'));
    h.type_text("cases");
    h.key(KeyCode::Enter);
    assert_eq!(h.state.view, View::Cases);
    h.settle().await;
    assert!(
        h.status_text().contains(":search shows them"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.state.messages.unseen, 0);
}
