//! The emulator's fault injection as the client meets it: each kind alone, at rate 1, against
//! a step status change. A 500 strikes before the handler (nothing changed); every other kind
//! after it (the change was made; the answer is lost, late or garbled), which the client must
//! report as "outcome unknown".

use crate::common;
use kyc_console::op;

use common::{client_for, demo_config, emulator_with, eventually};
use kyc_console::api::{CaseKind, Client, ClientConfig, ErrorKind, Id, Secret, StepStatus};
use kyc_console::emulator::{Clock, FaultKind, FaultSpec, Running};
use std::time::Duration;

/// An emulator where every `/v2` answer meets `kind`.
async fn always(kind: FaultKind) -> Running {
    let mut spec = FaultSpec::default();
    spec.rates.insert(kind, 1.0);
    spec.gateway_delay = Duration::from_millis(50);
    spec.slow_for = Duration::from_millis(300);
    emulator_with(kyc_console::emulator::Config {
        faults: Some(spec),
        ..demo_config()
    })
    .await
}

/// A step of a ready company case that is not Passed (read with the faults paused).
async fn a_step(running: &Running, client: &Client) -> (Id, Id) {
    let faults = running.faults().expect("faults configured");
    faults.pause(true);
    let cases = client
        .list_cases(CaseKind::Company, 1, 500)
        .await
        .expect("cases")
        .items;
    for c in cases {
        let id = c.common.case_common_id;
        if c.common.status_id != Some(3) {
            continue;
        }
        let Ok(groups) = client.case_steps(id).await else {
            continue;
        };
        if let Some(s) = groups
            .iter()
            .flat_map(|g| &g.steps)
            .find(|s| s.status != StepStatus::Passed)
        {
            faults.pause(false);
            return (id, s.case_step_id);
        }
    }
    panic!("the demo has a ready company with a step to pass");
}

async fn status_after(running: &Running, client: &Client, case: Id, step: Id) -> StepStatus {
    let faults = running.faults().expect("faults configured");
    faults.pause(true);
    let s = client
        .step_details(case, step)
        .await
        .expect("read back")
        .status;
    faults.pause(false);
    s
}

#[tokio::test]
async fn each_fault_as_the_client_meets_it() {
    for kind in FaultKind::ALL {
        let running = always(kind).await;
        let client = client_for(&running);
        let (case, step) = a_step(&running, &client).await;
        let r = client.set_step_status(case, step, StepStatus::Passed).await;
        let after = status_after(&running, &client, case, step).await;
        let counts = running.faults().expect("faults").counts();
        assert_eq!(
            counts.get(&kind),
            Some(&1),
            "{kind:?}: one change, one fault"
        );
        match kind {
            FaultKind::Internal => {
                let e = r.expect_err("500");
                assert_eq!(e.status, Some(500));
                assert!(!e.is_outcome_unknown(), "a 500 here means nothing changed");
                assert_ne!(after, StepStatus::Passed, "the handler never ran");
            }
            FaultKind::Slow => {
                // How it trickles: `a_slow_answer_comes_only_as_the_clock_moves`.
                assert_eq!(r.expect("slow but whole").status, StepStatus::Passed);
            }
            _ => {
                let e = r.expect_err("a lost answer");
                assert!(e.is_outcome_unknown(), "{kind:?}: {e:?}");
                // A 504 or a reset may strike before the handler; the answer looks the same.
                let before = running.faults().expect("faults").before_handler() > 0;
                assert!(
                    before == (after != StepStatus::Passed),
                    "{kind:?}: the handler ran exactly when the fault came after it"
                );
                assert!(!before || matches!(kind, FaultKind::GatewayTimeout | FaultKind::Reset));
                let expected = match &e.kind {
                    ErrorKind::GatewayTimeout => FaultKind::GatewayTimeout,
                    ErrorKind::Decode(_) => FaultKind::Malformed,
                    ErrorKind::Io { .. } => FaultKind::Truncate,
                    ErrorKind::Dropped { .. } => FaultKind::Reset,
                    other => panic!("{kind:?} became {other:?}"),
                };
                assert_eq!(expected, kind, "{e}");
            }
        }
    }
}

/// A slow answer is the whole answer, let out in pieces as the emulator's clock moves: none of
/// it before, all of it only once the clock has moved the whole slow time.
#[tokio::test]
async fn a_slow_answer_comes_only_as_the_clock_moves() {
    let clock = Clock::frozen();
    let mut spec = FaultSpec::default();
    spec.rates.insert(FaultKind::Slow, 1.0);
    spec.slow_for = Duration::from_secs(2);
    let running = emulator_with(kyc_console::emulator::Config {
        faults: Some(spec),
        clock: clock.clone(),
        ..demo_config()
    })
    .await;
    let client = client_for(&running);
    // A long answer, so that it comes in all ten pieces.
    let call = tokio::spawn(async move { client.jurisdictions().await });
    eventually("the answer waits for the clock", || clock.sleepers() > 0).await;
    assert!(!call.is_finished(), "nothing whole before the clock moves");
    // A tenth of the slow time whenever a piece waits, until the answer is complete.
    eventually("the answer is complete", || {
        if clock.sleepers() > 0 {
            clock.advance(Duration::from_millis(200));
        }
        call.is_finished()
    })
    .await;
    call.await.expect("join").expect("slow but whole");
    assert!(
        clock.advanced() >= Duration::from_secs(2),
        "{:?}",
        clock.advanced()
    );
    assert_eq!(
        running.faults().expect("faults").counts()[&FaultKind::Slow],
        1
    );
}

#[tokio::test]
async fn reads_are_retried_through_lost_answers_and_the_token_endpoint_is_spared() {
    let mut spec = FaultSpec::parse("504=0.2,reset=0.2,truncate=0.2,delay=10").expect("spec");
    spec.seed = 5;
    let running = emulator_with(kyc_console::emulator::Config {
        faults: Some(spec),
        // A token every second: the renewals must not meet faults.
        token_ttl: Duration::from_secs(1),
        ..demo_config()
    })
    .await;
    let mut cfg = ClientConfig::new(
        running.base_url(),
        "demo".to_owned(),
        Secret::new("demo".to_owned()),
    );
    cfg.backoff_base = Duration::from_millis(5);
    let client = Client::new(cfg).expect("client");
    let mut ok = 0;
    for _ in 0..30 {
        match client.version().await {
            Ok(_) => ok += 1,
            Err(e) => assert!(
                matches!(
                    e.kind,
                    ErrorKind::GatewayTimeout | ErrorKind::Dropped { .. } | ErrorKind::Io { .. }
                ),
                "{e:?}"
            ),
        }
    }
    // With three retries, a read fails only when four draws in a row are faults (0.6^4 ≈ 13%).
    assert!(ok >= 20, "{ok} of 30 reads came through");
    let counts = running.faults().expect("faults").counts();
    assert!(counts.values().sum::<u64>() >= 10, "{counts:?}");
}

/// A change whose answer trickles past the client's time limit: the fetch layer reads back and
/// reports it done (the payload marked as confirmed by reading back), and journals it so.
#[tokio::test]
async fn a_change_answered_too_slowly_is_read_back() {
    use kyc_console::app::{Answer, Msg, Request, Slot};
    use kyc_console::fetch::Fetcher;
    use kyc_console::journal::{Journal, Outcome};

    let mut spec = FaultSpec::default();
    spec.rates.insert(FaultKind::Slow, 1.0);
    spec.slow_for = Duration::from_secs(3);
    let running = emulator_with(kyc_console::emulator::Config {
        faults: Some(spec),
        ..demo_config()
    })
    .await;
    let plain = client_for(&running);
    let (case, step) = a_step(&running, &plain).await;
    let mut cfg = ClientConfig::new(
        running.base_url(),
        "demo".to_owned(),
        Secret::new("demo".to_owned()),
    );
    cfg.request_timeout = Duration::from_millis(800);
    let client = Client::new(cfg).expect("client");
    // A token first, so the change is the only request that meets the fault.
    running.faults().expect("faults").pause(true);
    client.version().await.expect("token");
    running.faults().expect("faults").pause(false);

    let dir = tempfile::tempdir().expect("dir");
    let journal = Journal::new(dir.path(), "DEMO");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut fetcher = Fetcher::new(client, tx).journal(Some(journal.clone()));
    let request = Request::SetStepStatus(op::SetStepStatus {
        id: case,
        step,
        status: StepStatus::Passed,
        from: None,
    });
    fetcher.start(1, Slot::Mutation(1), request);
    // Once the change has reached the server and drawn its slow answer, the read-back must
    // not meet a fault.
    let faults = running.faults().expect("faults");
    eventually("the change met its slow answer", || {
        faults.counts().get(&FaultKind::Slow) == Some(&1)
    })
    .await;
    faults.pause(true);
    let msg = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("an answer")
        .expect("a message");
    let Msg::Done {
        answer, read_back, ..
    } = msg
    else {
        panic!("expected Done");
    };
    assert!(read_back, "the answer was lost and read back");
    match answer {
        Answer::SetStepStatus(_, Ok(d)) => assert_eq!(d.status, StepStatus::Passed),
        other => panic!("expected a confirmed change, got {other:?}"),
    }
    let entries = journal.read().expect("journal");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].outcome, Outcome::Confirmed);
    assert!(
        entries[0].detail.contains("no answer within"),
        "{}",
        entries[0].detail
    );
}
