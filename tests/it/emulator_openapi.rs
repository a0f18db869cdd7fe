//! The served OpenAPI document describes exactly the routes the emulator serves.

use kyc_console::emulator::store::Store;
use kyc_console::emulator::{Config, operations, spawn_with_store};
use serde_json::Value;
use std::collections::BTreeSet;

#[tokio::test]
async fn document_lists_every_route_and_nothing_else() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let running = spawn_with_store(Config::default(), Store::default())
        .await
        .unwrap();
    let r = reqwest::Client::new()
        .get(format!("{}/swagger/v2/swagger.json", running.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.0"));

    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = operations()
        .into_iter()
        .map(|(m, p)| (m.to_owned(), p))
        .collect();
    assert_eq!(
        operations().len(),
        served.len(),
        "an operation is routed twice"
    );
    let missing: Vec<_> = served.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&served).collect();
    assert!(missing.is_empty(), "not documented: {missing:?}");
    assert!(extra.is_empty(), "documented but not served: {extra:?}");
}

#[test]
fn every_reference_resolves_and_every_operation_declares_errors() {
    let doc: Value = serde_json::from_str(kyc_console::emulator::OPENAPI).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let text = kyc_console::emulator::OPENAPI;
    for part in text.split("\"#/components/schemas/").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(schemas.contains_key(name), "unresolved $ref {name}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            for code in ["400", "401"] {
                assert!(responses.contains_key(code), "{method} {path} lacks {code}");
            }
            let declared: BTreeSet<&str> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] == "path")
                        .filter_map(|p| p["name"].as_str())
                        .collect()
                })
                .unwrap_or_default();
            let in_path: BTreeSet<&str> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .collect();
            assert_eq!(declared, in_path, "{method} {path}");
        }
    }
}

/// The client, the emulator and the OpenAPI document name the same API: an operation the client
/// calls that the emulator does not serve (or the other way round) fails here, not in a demo.
#[test]
fn client_emulator_and_document_list_the_same_operations() {
    let v2 = |path: &str| path.starts_with("/v2/");
    let client: BTreeSet<(String, String)> = kyc_console::api::operation_table()
        .iter()
        .map(|(m, p)| (m.to_lowercase(), (*p).to_owned()))
        .collect();
    let served: BTreeSet<(String, String)> = operations()
        .into_iter()
        .filter(|(_, p)| v2(p))
        .map(|(m, p)| (m.to_lowercase(), p))
        .collect();
    let doc: Value = serde_json::from_str(kyc_console::emulator::OPENAPI).unwrap();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, _)| v2(path))
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_lowercase(), path.clone()))
        })
        .collect();
    let not_served: Vec<_> = client.difference(&served).collect();
    let not_called: Vec<_> = served.difference(&client).collect();
    assert!(
        not_served.is_empty(),
        "called but not served: {not_served:?}"
    );
    assert!(
        not_called.is_empty(),
        "served but never called: {not_called:?}"
    );
    assert_eq!(served, documented);
}
