//! The README's key table is generated from the keymap: this test keeps them in step.
//! `UPDATE_README=1 cargo test --test readme_keys` rewrites the table.

use kyc_console::app::keymap::{Keymap, markdown_table};

const START: &str = "<!-- keys:start -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_table_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START:?} … {END:?} markers");
    };
    let table = markdown_table(&Keymap::default());
    let current = &readme[a + START.len()..b];
    if current != table {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{START}{table}{}", &readme[..a], &readme[b..]);
            std::fs::write(path, updated).expect("write README.md");
        } else {
            panic!("README key table is stale: run UPDATE_README=1 cargo test --test readme_keys");
        }
    }
}
