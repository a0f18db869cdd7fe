//! Creating cases: the registry-search form, a company case from a search hit (its exact name
//! and registry code, as the guide requires), a company created by hand (non-automated
//! jurisdiction or unregistered entity), an imported company with properties, and individual
//! cases created or imported. Every form is validated whole before anything is sent.

use super::case::open_case;
use super::form::{Field, Form, Opt, Outcome};
use super::gate;
use super::status::{error, info, success};
use super::*;
use crate::api::{
    CaseKind, CaseListItem, CreateCompanyRequest, CreateIndividualRequest, ImportCompanyRequest,
    Property, SearchResult,
};
use crate::op;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Field keys (the JSON field each fills, where there is one).
const QUERY: &str = "query";
const JURISDICTION: &str = "codeiso31662";
const NAME: &str = "rawname";
const COMPANY_TYPE: &str = "companyType";
const PROCESSING: &str = "caseProcessingType";
const FIRST: &str = "firstName";
const LAST: &str = "lastName";
const BIRTH: &str = "birthDate";
const NATIONALITY: &str = "nationalityCodeiso31662";
const LINE1: &str = "addressLine1";
const LINE2: &str = "addressLine2";
const POSTCODE: &str = "postcode";
const CITY: &str = "city";
const PROVINCE: &str = "province";
const COUNTRY: &str = "countryCodeiso31662";
/// The property rows of an import form.
const PROPS: [&str; 5] = [
    "property1",
    "property2",
    "property3",
    "property4",
    "property5",
];

/// What a form, once submitted, does.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    Search,
    /// Create a company case from this registry hit.
    FromResult(Box<SearchResult>),
    /// A company case without a registry (non-automated jurisdiction or unregistered entity).
    NewCompany,
    ImportCompany,
    Individual {
        import: bool,
    },
}

/// A creation form on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Popup {
    pub form: Form,
    pub purpose: Purpose,
}

/// `:new company|individual` and `:import company|individual`.
pub fn command(state: &mut State, import: bool, what: &str, fx: &mut Vec<Effect>) {
    let verb = if import { "import" } else { "new" };
    match what.trim().to_ascii_lowercase().as_str() {
        "company" | "entity" | "c" => {
            if import {
                open_import_company(state, fx);
            } else {
                open_new_company(state, "", "", fx);
            }
        }
        "individual" | "person" | "i" => open_individual(state, import, fx),
        _ => error(state, format!(":{verb} company or :{verb} individual")),
    }
}

fn processing_field() -> Field {
    Field::choice(
        PROCESSING,
        "Processing",
        vec![
            Opt::new("Full", "Full KYC"),
            Opt::new("AmlOnly", "AML only"),
        ],
    )
    .value("Full")
    .required()
    .hint("←→ Full KYC or AML only")
}

fn jurisdiction_field(state: &State, key: &'static str, label: &str, code: &str) -> Field {
    let mut f = Field::choice(key, label, state.search.jurisdiction_options()).value(code);
    if let crate::app::form::Input::Choice(c) = &mut f.input {
        c.loading = state.search.jurisdictions.data.is_none();
    }
    f
}

fn company_type_field(state: &State, code: &str) -> Field {
    let mut f = Field::choice(
        COMPANY_TYPE,
        "Company type",
        state.search.company_type_options(code),
    )
    .required();
    if let crate::app::form::Input::Choice(c) = &mut f.input {
        c.loading = state.search.company_types.data.is_none();
    }
    f
}

impl Purpose {
    /// The name its draft is kept under; a search and a hit's confirmation are too short to
    /// keep.
    fn draft_name(&self) -> Option<&'static str> {
        match self {
            Purpose::Search | Purpose::FromResult(_) => None,
            Purpose::NewCompany => Some("new-company"),
            Purpose::ImportCompany => Some("import-company"),
            Purpose::Individual { import: false } => Some("new-individual"),
            Purpose::Individual { import: true } => Some("import-individual"),
        }
    }
}

/// Show a form; a kept draft of the same form (unsent when the console stopped or the server
/// refused) comes back, unless the form was opened with values of its own.
fn show(state: &mut State, mut form: Form, purpose: Purpose) {
    if let Some(draft) = purpose
        .draft_name()
        .and_then(|n| state.form_drafts.get(n))
        .filter(|_| is_default(&form))
    {
        form.restore(draft);
        info(state, "your unsent form is back: Esc and y discard it");
    }
    state.mode = Mode::Create(Box::new(Popup { form, purpose }));
}

/// Whether the form holds only the values every new form starts with (the processing type).
fn is_default(form: &Form) -> bool {
    form.fields
        .iter()
        .all(|f| f.key == PROCESSING || f.answer().is_empty())
}

/// Keep the form on disk while it differs from what is kept.
fn keep_draft(state: &mut State, popup: &Popup, fx: &mut Vec<Effect>) {
    let Some(name) = popup.purpose.draft_name() else {
        return;
    };
    if is_default(&popup.form) {
        drop_draft(state, name, fx);
        return;
    }
    super::form_drafts::keep(state, name, popup.form.to_draft(), fx);
}

fn drop_draft(state: &mut State, name: &str, fx: &mut Vec<Effect>) {
    super::form_drafts::discard(state, name, fx);
}

/// The search form: what to look for, and where (the picker notes which registries are live).
pub fn open_search(state: &mut State, query: &str, code: &str, fx: &mut Vec<Effect>) {
    super::search::ensure_reference(state, fx);
    let form = Form::new(
        "Registry search",
        vec![
            Field::text(QUERY, "Name or number")
                .required()
                .value(query)
                .hint("part of the name, the full name, or the registration number"),
            jurisdiction_field(state, JURISDICTION, "Jurisdiction", code).required(),
        ],
    )
    .submit_label("Search");
    let mut form = form;
    if !query.is_empty() {
        form.focus = 1;
    }
    show(state, form, Purpose::Search);
}

/// Create from a hit: the name and registry code go exactly as the registry gave them.
pub fn open_from_result(state: &mut State, hit: SearchResult, code: &str) {
    let name = hit.name.clone().or(hit.rawname.clone()).unwrap_or_default();
    let reg = hit.registration_number.clone().unwrap_or_default();
    let country = state.search.country(code);
    let mut fields = vec![
        Field::fixed(NAME, "Entity name", name).hint("sent exactly as the registry has it"),
        Field::fixed("registrationNumber", "Registration no.", reg),
        Field::fixed(JURISDICTION, "Jurisdiction", country),
    ];
    if let Some(t) = hit.company_type.clone() {
        fields.push(Field::fixed("type", "Type", t));
    }
    let mut form = Form::new("Create a case from the registry", fields).submit_label("Create");
    form.fields.push(processing_field());
    form.focus = form.fields.len() - 1;
    show(state, form, Purpose::FromResult(Box::new(hit)));
}

/// A company case by hand: a non-automated jurisdiction, or an unregistered entity.
pub fn open_new_company(state: &mut State, name: &str, code: &str, fx: &mut Vec<Effect>) {
    super::search::ensure_reference(state, fx);
    let form = Form::new(
        "New company case (no registry search)",
        vec![
            Field::text(NAME, "Entity name").required().value(name),
            jurisdiction_field(state, JURISDICTION, "Jurisdiction", code).required(),
            company_type_field(state, code),
            processing_field(),
        ],
    )
    .submit_label("Create");
    show(state, form, Purpose::NewCompany);
}

/// `Data type = value`, or nothing.
fn property_line(v: &str) -> Result<(), String> {
    match v.split_once('=') {
        Some((t, d)) if !t.trim().is_empty() && !d.trim().is_empty() => Ok(()),
        _ => Err("write it as Data type = value".to_owned()),
    }
}

fn property_fields() -> Vec<Field> {
    PROPS
        .iter()
        .enumerate()
        .map(|(i, key)| {
            Field::text(key, format!("Property {}", i + 1))
                .check(property_line)
                .hint("Data type = value, e.g. Registration Number = 01234567")
        })
        .collect()
}

fn properties(form: &Form) -> Vec<Property> {
    PROPS
        .iter()
        .filter_map(|k| form.value(k).split_once('='))
        .map(|(t, d)| Property {
            data_type: Some(t.trim().to_owned()),
            data: Some(d.trim().to_owned()),
            ..Property::default()
        })
        .collect()
}

/// Import a prepared company case (AML checks only), with its properties.
pub fn open_import_company(state: &mut State, fx: &mut Vec<Effect>) {
    super::search::ensure_reference(state, fx);
    let mut fields = vec![
        Field::text(NAME, "Entity name").required(),
        jurisdiction_field(state, JURISDICTION, "Jurisdiction", "").required(),
        company_type_field(state, ""),
    ];
    fields.extend(property_fields());
    let form = Form::new("Import a company case (AML checks only)", fields).submit_label("Import");
    show(state, form, Purpose::ImportCompany);
}

/// Create or import an individual case.
pub fn open_individual(state: &mut State, import: bool, fx: &mut Vec<Effect>) {
    super::search::ensure_reference(state, fx);
    let mut fields = vec![
        Field::text(FIRST, "First name").required(),
        Field::text(LAST, "Last name").required(),
        Field::date(BIRTH, "Date of birth").not_future(),
        jurisdiction_field(state, NATIONALITY, "Nationality", ""),
        Field::text(LINE1, "Address line 1"),
        Field::text(LINE2, "Address line 2"),
        Field::text(POSTCODE, "Postcode"),
        Field::text(CITY, "City"),
        Field::text(PROVINCE, "Province / state"),
        jurisdiction_field(state, COUNTRY, "Country", ""),
    ];
    let (title, label) = if import {
        fields.extend(property_fields());
        ("Import an individual case", "Import")
    } else {
        fields.push(processing_field());
        ("New individual case", "Create")
    };
    show(
        state,
        Form::new(title, fields)
            .submit_label(label)
            .dates(state.session.date_format),
        Purpose::Individual { import },
    );
}

/// The reference lists arrived: fill the pickers of the open form.
pub fn refresh_options(state: &mut State) {
    let Mode::Create(p) = &mut state.mode else {
        return;
    };
    let options = state.search.jurisdiction_options();
    for key in [JURISDICTION, NATIONALITY, COUNTRY] {
        if p.form
            .field(key)
            .is_some_and(|f| f.choice_state().is_some())
        {
            p.form.set_options(key, options.clone());
        }
    }
    let code = p.form.value(JURISDICTION).to_owned();
    if p.form.field(COMPANY_TYPE).is_some() {
        p.form
            .set_options(COMPANY_TYPE, state.search.company_type_options(&code));
    }
}

/// Pasted text goes into the focused field, and the draft is kept.
pub fn on_paste(state: &mut State, text: &str, fx: &mut Vec<Effect>) {
    let Mode::Create(mut popup) = std::mem::replace(&mut state.mode, Mode::Normal) else {
        return;
    };
    popup.form.on_paste(text);
    keep_draft(state, &popup, fx);
    state.mode = Mode::Create(popup);
}

/// Keys while a creation form shows.
pub fn on_key(state: &mut State, ev: KeyEvent, mut popup: Box<Popup>, fx: &mut Vec<Effect>) {
    // Ctrl-C in a form asks like Esc does rather than quitting with the typing lost.
    let ev = if ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL) {
        KeyEvent::from(KeyCode::Esc)
    } else {
        ev
    };
    let before = popup.form.value(JURISDICTION).to_owned();
    popup.form.today = state.today;
    let outcome = popup.form.on_key(ev);
    let after = popup.form.value(JURISDICTION).to_owned();
    if before != after && popup.form.field(COMPANY_TYPE).is_some() {
        popup
            .form
            .set_options(COMPANY_TYPE, state.search.company_type_options(&after));
    }
    match outcome {
        Outcome::Stay => {
            if popup.form.dirty {
                keep_draft(state, &popup, fx);
            }
            state.mode = Mode::Create(popup);
        }
        Outcome::Cancel => {
            if let Some(name) = popup.purpose.draft_name() {
                drop_draft(state, name, fx);
            }
            info(state, "cancelled: nothing was sent");
        }
        Outcome::Submit => {
            keep_draft(state, &popup, fx);
            submit(state, popup, fx);
        }
    }
}

/// The form is valid: send it (or, for a search, start it).
fn submit(state: &mut State, mut popup: Box<Popup>, fx: &mut Vec<Effect>) {
    let f = &popup.form;
    let request = match &popup.purpose {
        Purpose::Search => {
            let (q, c) = (f.value(QUERY).to_owned(), f.value(JURISDICTION).to_owned());
            super::search::start(state, &q, &c, fx);
            return;
        }
        Purpose::FromResult(hit) => {
            Request::CreateCompany(op::CreateCompany(Box::new(CreateCompanyRequest {
                rawname: hit.name.clone().or(hit.rawname.clone()).unwrap_or_default(),
                codeiso31662: hit
                    .country_code
                    .clone()
                    .unwrap_or_else(|| state.search.code.clone()),
                external_code: hit.external_code.clone(),
                case_processing_type: f.opt(PROCESSING),
                ..CreateCompanyRequest::default()
            })))
        }
        Purpose::NewCompany => {
            Request::CreateCompany(op::CreateCompany(Box::new(CreateCompanyRequest {
                rawname: f.value(NAME).to_owned(),
                codeiso31662: f.value(JURISDICTION).to_owned(),
                company_type: f.opt(COMPANY_TYPE),
                is_registered: Some(false),
                case_processing_type: f.opt(PROCESSING),
                ..CreateCompanyRequest::default()
            })))
        }
        Purpose::ImportCompany => {
            Request::ImportCompany(op::ImportCompany(Box::new(ImportCompanyRequest {
                entity_name: f.value(NAME).to_owned(),
                codeiso31662: f.value(JURISDICTION).to_owned(),
                company_type: f.value(COMPANY_TYPE).to_owned(),
                properties: properties(f),
            })))
        }
        Purpose::Individual { import } => Request::CreateIndividual(op::CreateIndividual {
            import: *import,
            request: Box::new(CreateIndividualRequest {
                first_name: f.value(FIRST).to_owned(),
                last_name: f.value(LAST).to_owned(),
                // The form takes the configured format; the API takes ISO dates.
                birth_date: f.date(BIRTH).map(|d| d.format("%Y-%m-%d").to_string()),
                nationality_codeiso31662: f.opt(NATIONALITY),
                address_line1: f.opt(LINE1),
                address_line2: f.opt(LINE2),
                postcode: f.opt(POSTCODE),
                city: f.opt(CITY),
                province: f.opt(PROVINCE),
                country_codeiso31662: f.opt(COUNTRY),
                properties: if *import { properties(f) } else { Vec::new() },
                case_processing_type: if *import { None } else { f.opt(PROCESSING) },
            }),
        }),
    };
    popup.form.sending = true;
    state.mode = Mode::Create(popup);
    info(state, "sending…");
    gate::send(state, request, fx);
}

/// The answer to a create or import of a `kind` of case (`verb`: "created" or "imported").
pub fn on_done(
    state: &mut State,
    kind: CaseKind,
    verb: &str,
    result: Result<Box<crate::api::CreatedCase>, Failure>,
    fx: &mut Vec<Effect>,
) {
    let sending = matches!(&state.mode, Mode::Create(p) if p.form.sending);
    match result {
        Ok(c) => {
            // The form that was sent closes, and its draft goes: the server has it.
            if sending
                && let Mode::Create(p) = std::mem::replace(&mut state.mode, Mode::Normal)
                && let Some(name) = p.purpose.draft_name()
            {
                drop_draft(state, name, fx);
            }
            let d = c.details;
            let id = d.common.case_common_id;
            let name = d.name();
            add_to_list(state, kind, &d);
            open_case(state, kind, id, name.clone(), fx);
            let what = match kind {
                CaseKind::Company => "company",
                CaseKind::Individual => "individual",
            };
            success(state, format!("{verb} {what} case {name} ({id}) — opened"));
        }
        // The server may hold the case (it accepted it, but its answer named no case, or the
        // answer was lost): the list is read again so the reviewer sees what the server holds,
        // and the form is kept until they have looked.
        Err(f) if f.is_outcome_unknown() => {
            const LOOK: &str = "no case id came back: find it in the reloaded list before \
                                sending again";
            if let Mode::Create(p) = &mut state.mode {
                p.form.sending = false;
                p.form.message = Some(LOOK.to_owned());
            }
            crate::app::cases::pane::load_cases(state, fx);
            error(state, format!("{LOOK} — {}", f.one_line()));
        }
        Err(f) => {
            if let Mode::Create(p) = &mut state.mode {
                p.form.sending = false;
                p.form.message = Some(f.one_line());
            }
            error(
                state,
                format!("case not {verb}, the form is kept: {}", f.one_line()),
            );
        }
    }
}

/// Show the new case in the list, unless the list is still loading that kind (its pages would
/// then count it twice).
fn add_to_list(state: &mut State, kind: CaseKind, d: &crate::api::CaseDetails) {
    let id = d.common.case_common_id;
    if crate::app::request::in_flight(state, Slot::CasePage(kind))
        || state
            .cases
            .rows()
            .iter()
            .any(|r| r.kind == kind && r.id == id)
    {
        return;
    }
    let item = CaseListItem {
        common: d.common.clone(),
        company: d.company.clone(),
        individual: d.individual.clone(),
        is_case_aml_positive: d.is_case_aml_positive,
        ..CaseListItem::default()
    };
    let total = state.cases.totals[cases::kind_index(kind)].map(|t| t + 1);
    state.cases.add_page(kind, &[item], total);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(state: &mut State, code: KeyCode) -> Vec<Effect> {
        super::super::update(state, Msg::Key(KeyEvent::from(code)))
    }

    #[test]
    fn a_form_is_kept_on_disk_until_sent_or_discarded() {
        let mut s = State::new(Session::default());
        let mut fx = Vec::new();
        command(&mut s, false, "individual", &mut fx);
        let fx = key(&mut s, KeyCode::Char('A'));
        assert_eq!(
            fx,
            vec![Effect::SaveForm {
                name: "new-individual".into(),
                text: "firstName\tA\ncaseProcessingType\tFull\n".into(),
            }]
        );
        assert!(key(&mut s, KeyCode::Tab).is_empty(), "moving saves nothing");
        // A restart: the kept form comes back when the same form opens.
        let mut t = State::new(Session::default());
        t.form_drafts = s.form_drafts.clone();
        command(&mut t, false, "individual", &mut Vec::new());
        let Mode::Create(p) = &t.mode else {
            panic!("form");
        };
        assert_eq!(p.form.value(FIRST), "A");
        assert!(
            t.status
                .as_ref()
                .is_some_and(|l| l.text.contains("unsent form"))
        );
        // Discarding it forgets it.
        key(&mut t, KeyCode::Esc);
        let fx = key(&mut t, KeyCode::Char('y'));
        assert_eq!(
            fx,
            vec![Effect::DeleteForm {
                name: "new-individual".into()
            }]
        );
        assert!(t.form_drafts.is_empty());
    }

    #[test]
    fn a_birth_date_is_checked_against_the_date_the_runtime_sent() {
        let day = |d: &str| {
            crate::words::DateFormat::DayMonthYear
                .parse_typed(d)
                .expect("a date")
        };
        let typed = |d: &str| crate::words::DateFormat::default().show(day(d));
        let mut s = State::new(Session::default());
        command(&mut s, false, "individual", &mut Vec::new());
        let born_error = |s: &mut State| {
            if let Mode::Create(p) = &mut s.mode {
                p.form.set_value(BIRTH, &typed("16/06/2024"));
            }
            super::super::update(
                s,
                Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            );
            match &s.mode {
                Mode::Create(p) => p.form.field(BIRTH).and_then(|f| f.error.clone()),
                other => panic!("the form stays open: {other:?}"),
            }
        };
        super::super::update(&mut s, Msg::Today(day("15/06/2024")));
        assert_eq!(born_error(&mut s).as_deref(), Some("lies in the future"));
        super::super::update(&mut s, Msg::Today(day("17/06/2024")));
        assert_eq!(born_error(&mut s), None);
    }

    #[test]
    fn property_lines_become_properties() {
        let mut form = Form::new("x", property_fields());
        form.set_value("property1", "Registration Number = 0123");
        form.set_value("property3", "LEI=549300ABC");
        let p = properties(&form);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].data_type.as_deref(), Some("Registration Number"));
        assert_eq!(p[1].data.as_deref(), Some("549300ABC"));
        form.set_value("property2", "no equals sign");
        assert_eq!(form.validate().len(), 1);
    }
}
