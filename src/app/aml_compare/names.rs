//! Names compared as words: without case, accents, punctuation or word order, with hidden
//! characters removed, Cyrillic transliterated, particles and legal forms in one spelling, and
//! initials and transliteration variants understood as a partial agreement.

use super::Verdict;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Particles that are often left out or written together with the next word.
const JOINING: &[&str] = &[
    "al", "el", "ul", "abd", "abdul", "van", "von", "de", "der", "di", "da", "le", "la", "du",
    "mac", "mc",
];
/// Particles dropped altogether: "son of", often omitted in list entries.
const DROPPED: &[&str] = &["bin", "ibn", "bint", "binti", "ben"];
/// Legal forms written several ways, mapped to one spelling.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("ltd", "limited"),
    ("inc", "incorporated"),
    ("corp", "corporation"),
    ("co", "company"),
    ("plc", "plc"),
];

/// Whether a character is invisible or a control: such characters are removed before names are
/// compared (so a zero-width space cannot split a name) and flagged on screen by the pane.
fn is_hidden(c: char) -> bool {
    let mut buf = [0u8; 4];
    crate::sanitize::has_hidden(c.encode_utf8(&mut buf))
}

/// Latin letters for a Cyrillic one (a plain, reversible-enough scheme for matching).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        _ => return None,
    })
}

/// A name as words: lower case, no accents, no punctuation, Cyrillic transliterated, particles
/// joined or dropped, legal forms in one spelling.
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut flat = String::with_capacity(name.len());
    for c in name.chars().filter(|c| !is_hidden(*c)).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for lc in c.to_lowercase() {
            if let Some(latin) = cyrillic(lc) {
                flat.push_str(latin);
            } else if lc.is_alphanumeric() {
                flat.push(lc);
            } else if lc == '\'' || lc == '’' {
                // O'Brien and Ma'mun: the apostrophe joins.
            } else {
                flat.push(' ');
            }
        }
    }
    let words: Vec<&str> = flat.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if DROPPED.contains(&w) && words.len() > 2 {
            i += 1;
            continue;
        }
        if JOINING.contains(&w) && i + 1 < words.len() && words[i + 1].chars().count() > 1 {
            out.push(format!("{w}{}", words[i + 1]));
            i += 2;
            continue;
        }
        let w = LEGAL_FORMS
            .iter()
            .find(|(short, _)| *short == w)
            .map_or(w, |(_, long)| long);
        out.push(w.to_owned());
        i += 1;
    }
    out
}

/// The consonant skeleton of a word, for transliteration variants: Mohammed/Mohamed,
/// Rashid/Rashed, Sergeyevich/Sergeevich.
fn skeleton(w: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in w.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w') {
            continue;
        }
        // x is "ks" (Alexander/Aleksandr), f and v are often "ph" or "w" in another scheme.
        let sounds: &[char] = match c {
            'k' | 'q' | 'c' => &['c'],
            'x' => &['c', 's'],
            'z' => &['s'],
            'j' => &['g'],
            'f' | 'v' | 'p' => &['p'],
            _ => &[c],
        };
        for &c in sounds {
            if last != Some(c) {
                out.push(c);
            }
            last = Some(c);
        }
    }
    out
}

/// Whether two words start alike: the same letter, or both a vowel sound (Yevgeny/Evgeni).
fn same_start(a: &str, b: &str) -> bool {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    match (a.chars().next(), b.chars().next()) {
        (Some(x), Some(y)) => x == y || (vowel(x) && vowel(y)),
        _ => false,
    }
}

/// How two words relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum WordMatch {
    None,
    Initial,
    Variant,
    Same,
}

fn word_match(a: &str, b: &str) -> WordMatch {
    if a == b {
        return WordMatch::Same;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if (la == 1 && b.starts_with(a)) || (lb == 1 && a.starts_with(b)) {
        return WordMatch::Initial;
    }
    if la >= 3 && lb >= 3 && same_start(a, b) {
        let (sa, sb) = (skeleton(a), skeleton(b));
        if sa.len() >= 2 && sa == sb {
            return WordMatch::Variant;
        }
    }
    WordMatch::None
}

/// Compare two names: word order, case, accents and punctuation do not matter; initials and
/// transliteration variants make a partial agreement, as does a missing middle name.
pub fn compare_names(a: &str, b: &str) -> (Verdict, Option<String>) {
    let (ta, tb) = (name_tokens(a), name_tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return (Verdict::Unknown, None);
    }
    let mut sa = ta.clone();
    let mut sb = tb.clone();
    sa.sort();
    sb.sort();
    if sa == sb {
        let why = (ta != tb).then(|| "same words, other order".to_owned());
        return (Verdict::Agrees, why);
    }
    if ta.concat() == tb.concat() {
        return (
            Verdict::Agrees,
            Some("same letters, split differently".to_owned()),
        );
    }
    // Abd al-Rahman / Abdulrahman: split and spelt differently, the same consonants in order.
    let (ca, cb) = (skeleton(&ta.concat()), skeleton(&tb.concat()));
    if ca.len() >= 4 && ca == cb && same_start(&ta.concat(), &tb.concat()) && ta.len() != tb.len() {
        return (
            Verdict::Partly,
            Some("spelling variant, split differently".to_owned()),
        );
    }
    // Align the shorter name's words with distinct words of the longer, best matches first.
    let (short, long) = if ta.len() <= tb.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    let mut used = vec![false; long.len()];
    let mut kinds = Vec::new();
    for w in short {
        let best = long
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, l)| (word_match(w, l), i))
            .max();
        match best {
            Some((m, i)) if m != WordMatch::None => {
                used[i] = true;
                kinds.push(m);
            }
            _ => kinds.push(WordMatch::None),
        }
    }
    let full = kinds
        .iter()
        .filter(|k| matches!(k, WordMatch::Same | WordMatch::Variant))
        .count();
    if kinds.contains(&WordMatch::None) || full == 0 {
        let why = (full > 0).then(|| format!("{full} of {} words in common", long.len()));
        return (Verdict::Conflicts, why);
    }
    let mut why = Vec::new();
    if kinds.contains(&WordMatch::Initial) {
        why.push("initials");
    }
    if kinds.contains(&WordMatch::Variant) {
        why.push("spelling variant");
    }
    if short.len() < long.len() {
        why.push("a name missing");
    }
    (Verdict::Partly, Some(why.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(a: &str, b: &str) -> Verdict {
        compare_names(a, b).0
    }

    #[test]
    fn names_ignore_case_accents_punctuation_and_order() {
        assert_eq!(name("Jean-Luc Dupré", "DUPRE, Jean Luc"), Verdict::Agrees);
        assert_eq!(name("Klaus Müller", "klaus muller"), Verdict::Agrees);
        assert_eq!(name("Wong Mei Ling", "Mei Ling Wong"), Verdict::Agrees);
        assert_eq!(
            name("Société Lumière SAS", "Societe Lumiere S.A.S."),
            Verdict::Agrees
        );
        assert_eq!(name("Hassan Al-Amiri", "Hassan Alamiri"), Verdict::Agrees);
        assert_eq!(
            name(
                "Kyrenia Maritime Holdings Ltd",
                "Kyrenia Maritime Holdings Limited"
            ),
            Verdict::Agrees
        );
    }

    #[test]
    fn initials_and_missing_middle_names_partly_agree() {
        let (v, why) = compare_names("Ivan Sokolov", "I. S. Sokolov");
        assert_eq!(v, Verdict::Partly);
        assert!(why.unwrap_or_default().contains("initials"));
        assert_eq!(
            name("Ivan Sokolov", "Ivan Sergeyevich Sokolov"),
            Verdict::Partly
        );
        assert_eq!(name("Olga V. Petrova", "Olga Petrova"), Verdict::Partly);
    }

    #[test]
    fn transliterations_partly_agree() {
        assert_eq!(
            name("Mohamed Rashed Alfalasi", "Mohammed Bin Rashid Al Falasi"),
            Verdict::Partly
        );
        assert_eq!(name("Ivan Sokolov", "Иван Соколов"), Verdict::Agrees);
        assert_eq!(
            name("Ivan Sergeevich Sokolov", "Ivan Sergeyevich Sokolov"),
            Verdict::Partly
        );
        assert_eq!(name("Dmitriy Volkov", "Dmitri Volkov"), Verdict::Partly);
        assert_eq!(
            name("Aleksandr Ivanov", "Alexander Ivanov"),
            Verdict::Partly
        );
        assert_eq!(name("Yevgeny Petrov", "Evgeni Petrov"), Verdict::Partly);
        assert_eq!(name("Stephan Meyer", "Stefan Meier"), Verdict::Partly);
        assert_eq!(
            name("Abd al-Rahman Hassan", "Abdulrahman Hassan"),
            Verdict::Partly
        );
    }

    #[test]
    fn different_people_conflict() {
        assert_eq!(name("Zhang Wei", "Zhang Min"), Verdict::Conflicts);
        assert_eq!(name("Olga Petrova", "Irina Sokolova"), Verdict::Conflicts);
        assert_eq!(name("", "Olga Petrova"), Verdict::Unknown);
    }

    #[test]
    fn hidden_characters_do_not_split_a_name() {
        assert_eq!(
            name("Viktor Petrenko", "Vik\u{200B}tor Petrenko"),
            Verdict::Agrees
        );
        assert_eq!(
            name("Viktor Petrenko", "\u{202E}Viktor Petrenko"),
            Verdict::Agrees
        );
    }
}
