//! Issue 15 item 17: in the demo, a panic in an emulator handler answers 500 and the console
//! goes on; any other panic still ends the console (exit 101, terminal restored).
//!
//! The console's real panic hook ends the process, so it is installed only in a child process:
//! this test binary runs itself again with `CHILD` naming what the child does, and the parent
//! reads the child's exit status.

use crate::common::{client_for, demo_config, emulator_with};
use kyc_console::api::CaseKind;
use kyc_console::emulator::{self, dataset::FIRST_COMPANY};
use std::process::Command;

const CHILD: &str = "KYC_IT_PANIC_CHILD";
const SURVIVED: &str = "child: the console went on";

/// Runs this test's own body in a child with `CHILD=role`.
fn child(test: &str, role: &str) -> std::process::Output {
    Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, role)
        .output()
        .unwrap()
}

#[test]
fn a_panic_in_an_emulator_handler_answers_500_and_the_console_goes_on() {
    const NAME: &str =
        "emulator_panic::a_panic_in_an_emulator_handler_answers_500_and_the_console_goes_on";
    match std::env::var(CHILD).as_deref() {
        Ok("contained") => return contained_child(),
        Ok("console") => return console_child(),
        _ => {}
    }
    let out = child(NAME, "contained");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(SURVIVED),
        "{:?}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    // The hook is not weakened: a panic of the console's own ends the process as before.
    let out = child(NAME, "console");
    assert_eq!(out.status.code(), Some(101), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("kyc-console stopped on an internal error"),
        "{stderr}"
    );
}

/// With the real hook: the emulator answers the deliberate panic with the guide's 500, and the
/// process (the console) is still there to make the next request.
fn contained_child() {
    kyc_console::term::install_panic_hook();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let path = format!("/v2/Companies/{FIRST_COMPANY}");
        let running = emulator_with(emulator::Config {
            panic_on: Some(path),
            ..demo_config()
        })
        .await;
        let client = client_for(&running);
        let err = client
            .case_detail(CaseKind::Company, FIRST_COMPANY)
            .await
            .expect_err("the handler panicked");
        assert_eq!(err.status, Some(500));
        let body = err.body.as_ref().expect("the guide's error body");
        assert_eq!(body.status_code, 500);
        assert_eq!(body.message.as_deref(), Some("Api Error"));
        // Still serving, still running.
        client
            .case_detail(CaseKind::Company, FIRST_COMPANY + 1)
            .await
            .unwrap();
    });
    println!("{SURVIVED}");
}

/// With the real hook: a panic outside the emulator's handling ends the process with 101.
fn console_child() {
    kyc_console::term::install_panic_hook();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        // On a runtime worker, like the console's own tasks, after the emulator has served.
        let running = emulator_with(demo_config()).await;
        client_for(&running).version().await.unwrap();
        let _ = tokio::spawn(async { panic!("a bug in the console") }).await;
    });
    println!("{SURVIVED}");
}
