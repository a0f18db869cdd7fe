//! Datasets the emulator can serve: the hand-authored demo (from `assets/demo/`) and a seeded
//! synthetic generator for scale work. Both describe cases as [`seed::CaseSeed`]s and expand them
//! with [`build::build_case`], so their cases look alike through the API.

mod build;
mod dates;
mod demo;
mod grouped;
mod hostile;
mod names;
mod pool;
mod reference;
mod seed;
mod synthetic;

pub use build::DOCUMENT_BASE;
pub use build::registry::{Built, RegistryCase, built_company};
pub use demo::{FIRST_COMPANY, FIRST_INDIVIDUAL};
pub use grouped::group_aml_steps;

use super::store::Store;

/// The built-in demo dataset. Deterministic.
pub fn demo() -> Store {
    demo::store()
}

/// The demo with every free-text field carrying terminal escapes, controls and invisible
/// characters: for trying the console's sanitising.
pub fn hostile() -> Store {
    hostile::store()
}

/// `n` generated cases, deterministic for a given `seed`.
pub fn synthetic(n: usize, seed: u64) -> Store {
    synthetic::store(n, seed)
}
