//! The identity of the open case, changed through a form that starts with the current values.
//!
//! The form (the shared form kit) validates before anything is sent: names are required, the
//! birth date is a real day not in the future, country codes are ISO 3166 (alpha-2, or a
//! subdivision such as US-NY). Only the fields that changed are sent; nothing changed sends
//! nothing. While the request runs the form holds its keys; a refusal leaves it open with the
//! server's words and every value as typed.

use super::super::form::{Field, Form, Outcome};
use super::super::form_drafts;
use super::super::status::{error, info, success};
use super::*;
use crate::api::{CaseDetails, IdentityUpdate};
use crate::op;
use crate::words::DateFormat;

/// The date format of birth dates on the wire (as the emulator and the case details carry them).
const WIRE_DATE: &str = "%Y-%m-%d";

/// The identity form of a case.
#[derive(Debug, Clone)]
pub struct IdentityForm {
    pub kind: CaseKind,
    pub case: Id,
    pub form: Form,
    /// Each field's answer when the form opened: what "changed" is measured against.
    pub initial: Vec<(&'static str, String)>,
}

/// ISO 3166-1 alpha-2 codes (and XK, in common use for Kosovo).
const ISO_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE \
DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS \
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW \
KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW \
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO \
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM \
TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// An ISO 3166 country code: a known alpha-2 code, optionally with a subdivision (`US-NY`).
pub fn iso_code(v: &str) -> Result<(), String> {
    let upper = v.trim().to_ascii_uppercase();
    let (country, sub) = match upper.split_once('-') {
        Some((c, s)) => (c, Some(s)),
        None => (upper.as_str(), None),
    };
    let sub_ok = sub
        .is_none_or(|s| (1..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    let known = country.len() == 2 && ISO_ALPHA2.split_whitespace().any(|c| c == country);
    if known && sub_ok {
        Ok(())
    } else {
        Err(format!(
            "{v:?} is not an ISO 3166 country code (e.g. GB, or US-NY)"
        ))
    }
}

/// A wire date (`YYYY-MM-DD`) as the form shows it; anything else as it is, to be corrected.
fn to_form_date(v: &str, dates: DateFormat) -> String {
    chrono::NaiveDate::parse_from_str(v.trim(), WIRE_DATE)
        .map(|d| dates.show(d))
        .unwrap_or_else(|_| v.to_owned())
}

/// The fields of the form, with the case's current values.
fn fields(d: &CaseDetails, dates: DateFormat) -> Vec<Field> {
    let mut out = Vec::new();
    if let Some(co) = &d.company {
        out.push(
            Field::text("entityName", "Entity name")
                .required()
                .value(co.entity_name.clone().unwrap_or_default()),
        );
    }
    if let Some(i) = &d.individual {
        let nationality = i.nationality.clone().unwrap_or_default();
        // A nationality written as a word ("Russian") starts as its code when it is known.
        let nationality = super::super::aml_compare::country_code(&nationality)
            .map(str::to_owned)
            .unwrap_or(nationality);
        out.extend([
            Field::text("firstName", "First name")
                .required()
                .value(i.first_name.clone().unwrap_or_default()),
            Field::text("lastName", "Last name")
                .required()
                .value(i.last_name.clone().unwrap_or_default()),
            Field::date("birthDate", "Born")
                .not_future()
                .value(to_form_date(i.birth_date.as_deref().unwrap_or(""), dates)),
            Field::text("nationalityCodeiso31662", "Nationality")
                .check(iso_code)
                .hint("ISO code, e.g. GB")
                .value(nationality),
        ]);
    }
    let a = d.case_address.clone().unwrap_or_default();
    let text = |key, label, v: Option<String>| Field::text(key, label).value(v.unwrap_or_default());
    out.extend([
        text("addressLine1", "Address line 1", a.address_line1),
        text("addressLine2", "Address line 2", a.address_line2),
        text("city", "City", a.city),
        text("stateProvince", "State / province", a.state_province),
        text("postcode", "Postcode", a.postcode),
        Field::text("countryCodeiso31662", "Country")
            .check(iso_code)
            .hint("ISO code, e.g. GB or US-NY")
            .value(
                a.country_code
                    .or_else(|| d.individual.as_ref().and_then(|i| i.country_code.clone()))
                    .unwrap_or_default(),
            ),
    ]);
    if let Some(co) = &d.company {
        // Shown for orientation, last: the identity update does not move a company elsewhere.
        out.push(Field::fixed(
            "jurisdiction",
            "Jurisdiction",
            co.country_code.clone().unwrap_or_default(),
        ));
    }
    out
}

/// `:identity` (or `e` on the overview): the form, with the current values.
pub fn open(state: &mut State) {
    let Some((kind, case, _)) = the_open_case(state) else {
        return;
    };
    if refuse_read_only(state, "the identity is not changed") {
        return;
    }
    let Some(d) = state.case.as_ref().and_then(|c| c.detail.data.as_ref()) else {
        info(state, "the case is still loading: try again in a moment");
        return;
    };
    let dates = state.session.date_format;
    let fields = fields(d, dates);
    let initial = fields
        .iter()
        .map(|f| (f.key, f.answer().to_owned()))
        .collect();
    let mut form = Form::new(format!("Identity of case {case}"), fields)
        .submit_label("Save")
        .dates(dates);
    if let Some(draft) = state.form_drafts.get(&draft_name(case)) {
        form.restore(draft);
        info(
            state,
            "your unsent identity changes are back: Esc and y discard them",
        );
    }
    state.mode = Mode::Work(Box::new(Input::Identity(Box::new(IdentityForm {
        kind,
        case,
        form,
        initial,
    }))));
}

/// The name the form is kept under on disk until the server has it.
fn draft_name(case: Id) -> String {
    format!("identity-{case}")
}

/// Keep the form on disk while it holds changes; forget it when it holds none.
fn keep_draft(state: &mut State, f: &IdentityForm, fx: &mut Vec<Effect>) {
    let name = draft_name(f.case);
    if changes(f) == IdentityUpdate::default() {
        form_drafts::discard(state, &name, fx);
    } else {
        form_drafts::keep(state, &name, f.form.to_draft(), fx);
    }
}

/// The fields that changed, as the request sends them.
pub fn changes(f: &IdentityForm) -> IdentityUpdate {
    let before = |key: &str| {
        f.initial
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    };
    let changed = |key: &str| {
        let now = f.form.value(key);
        (before(key) != now).then(|| now.to_owned())
    };
    // Codes compare without case: `gb` for `GB` is no change.
    let code = |key: &str| {
        let now = f.form.value(key).to_ascii_uppercase();
        (before(key).to_ascii_uppercase() != now).then_some(now)
    };
    IdentityUpdate {
        entity_name: changed("entityName"),
        first_name: changed("firstName"),
        last_name: changed("lastName"),
        birth_date: changed("birthDate").map(|v| match f.form.date("birthDate") {
            Some(d) => d.format(WIRE_DATE).to_string(),
            None => v,
        }),
        nationality_codeiso31662: code("nationalityCodeiso31662"),
        address_line1: changed("addressLine1"),
        address_line2: changed("addressLine2"),
        city: changed("city"),
        state_province: changed("stateProvince"),
        postcode: changed("postcode"),
        country_codeiso31662: code("countryCodeiso31662"),
    }
}

pub fn on_key(state: &mut State, ev: KeyEvent, mut f: Box<IdentityForm>, fx: &mut Vec<Effect>) {
    f.form.today = state.today;
    match f.form.on_key(ev) {
        Outcome::Cancel => {
            form_drafts::discard(state, &draft_name(f.case), fx);
            info(state, "identity not changed");
            return;
        }
        Outcome::Submit => {
            let update = changes(&f);
            if update == IdentityUpdate::default() {
                info(state, "nothing changed: nothing was sent");
                return;
            }
            f.form.sending = true;
            info(state, "saving the identity…");
            crate::app::gate::send(
                state,
                Request::UpdateIdentity(op::UpdateIdentity {
                    kind: f.kind,
                    id: f.case,
                    update: Box::new(update),
                }),
                fx,
            );
        }
        Outcome::Stay => {
            keep_draft(state, &f, fx);
            if f.form.has_errors() {
                let n = f.form.fields.iter().filter(|x| x.error.is_some()).count();
                error(
                    state,
                    format!("{n} field(s) need attention: nothing was sent"),
                );
            }
        }
    }
    state.mode = Mode::Work(Box::new(Input::Identity(f)));
}

pub fn on_done(
    state: &mut State,
    id: Id,
    result: Result<Box<crate::api::CaseDetails>, Failure>,
    fx: &mut Vec<Effect>,
) {
    let form_open = matches!(&state.mode, Mode::Work(i) if matches!(i.as_ref(), Input::Identity(f) if f.case == id));
    match result {
        Ok(details) => {
            if form_open {
                state.mode = Mode::Normal;
            }
            form_drafts::discard(state, &draft_name(id), fx);
            let name = details.name();
            if !name.is_empty() {
                state.cases.edit(id, |row| row.name = name.clone());
            }
            if let Some(cv) = state.case.as_mut().filter(|c| c.id == id) {
                if !name.is_empty() {
                    cv.title = name;
                }
                cv.detail.set(details);
            }
            // The shown step's fields (names, address) are the identity too: read them again
            // so the pane does not go on showing what was just replaced.
            if let Some(step) = state
                .case
                .as_ref()
                .filter(|c| c.id == id)
                .and_then(|c| c.for_step)
            {
                crate::app::case::request_step(state, id, step, fx);
            }
            success(state, format!("identity of case {id} saved"));
        }
        Err(f) => {
            if let Mode::Work(i) = &mut state.mode
                && let Input::Identity(form) = i.as_mut()
            {
                form.form.sending = false;
                form.form.message = Some(f.one_line());
            }
            // It may have gone through: the case is read again, so the overview shows what
            // the server holds, and the form waits for the reviewer to compare.
            let said = if f.is_outcome_unknown()
                && let Some(cv) = state.case.as_mut().filter(|c| c.id == id)
            {
                let kind = cv.kind;
                cv.detail.start();
                fetch(
                    state,
                    Slot::CaseDetail,
                    Request::CaseDetail(op::CaseDetail { kind, id }),
                    fx,
                );
                "identity may have been saved: the case is read again, compare before sending \
                 again; your changes are kept"
            } else {
                "identity not saved, your changes are kept"
            };
            error(state, format!("{said}: {}", f.one_line()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_iso() {
        assert!(iso_code("GB").is_ok());
        assert!(iso_code("us-ny").is_ok());
        assert!(iso_code("ZZ").is_err());
        assert!(iso_code("GBR").is_err());
        assert!(iso_code("US-TOOLONG").is_err());
        assert_eq!(ISO_ALPHA2.split_whitespace().count(), 250);
    }

    #[test]
    fn dates_go_both_ways() {
        assert_eq!(
            to_form_date("1971-03-09", DateFormat::DayMonthYear),
            "09/03/1971"
        );
        assert_eq!(to_form_date("1971-03-09", DateFormat::Iso), "1971-03-09");
        assert_eq!(to_form_date("March 1971", DateFormat::Iso), "March 1971");
    }
}
