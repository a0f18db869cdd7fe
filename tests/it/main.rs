//! The integration tests, one crate: linking the whole stack once instead of once per file
//! is most of a cold `cargo test` on a 2-core machine. Each module is one former test file.

mod common;
mod support;

mod alerts_flow;
mod alerts_panes;
mod aml_flow;
mod aml_ui;
mod api_client_behaviour;
mod api_client_fixtures;
mod api_emulator;
mod app_update;
mod case_list_flow;
mod casework_flow;
mod casework_ui;
mod chaos_session;
mod cli;
mod config_files;
mod config_keys;
mod config_precedence;
mod config_themes;
mod dataset_demo;
mod dataset_synthetic;
mod docs_flow;
mod docs_ui;
mod emulator_api;
mod emulator_openapi;
mod esc_alt_flow;
mod faults_emulator;
mod flow_console;
mod journal_pane;
mod layering;
mod local_effects_flow;
mod org_chart;
mod org_panes;
mod properties;
mod pty_binary;
mod pty_hostile;
mod pty_secrets;
mod pure_update;
mod readme_keys;
mod search_flow;
mod search_ui;
mod terminal_colours;
mod ui_panes;
