//! The v3 Digital Insurance Card: `GET /v3/fhir/Patient/$generate-insurance-card` answers a
//! `collection` Bundle of C4DIC resources (`../shared/docs/bluebutton-api.md` §12.2): the
//! Patient, one CMS Organization, then one Coverage per part the beneficiary has, in the order
//! Part A, B, C, D, Dual. [`parse_insurance_card`] reads it into a typed [`InsuranceCard`]:
//! what a printed Medicare card shows.
//!
//! How the Bundle is read:
//!
//! - **References by resource id.** Coverages point at `Organization/<id>`. The server's
//!   resources carry their id in `fullUrl` (`urn:uuid:<id>`; HAPI writes no `id` for a
//!   `urn:` id), so an entry's id is `resource.id` when present, else its `fullUrl` without
//!   `urn:uuid:`; the reference is matched against that id, never against the `fullUrl` text.
//! - **Medicare number.** The MBI is not on the Patient: it is `Coverage.identifier` with
//!   system `http://hl7.org/fhir/sid/us-mbi` (Parts A, B, C, Dual), else `subscriberId`.
//! - **Part C/D plan.** Contract and plan (PBP) exist only inside the Coverage id,
//!   `part-c-<beneficiary>-<contract>-<pbp>` (or `part-d-…`).
//! - **No match.** An unknown or merged beneficiary gets a Bundle with only `meta` (no
//!   `type`, no entries). That is [`FhirError::NoInsuranceCard`] (code `no_insurance_card`),
//!   not an empty card: a card without a name or a number must never be shown or printed as
//!   if it were one, and the error says why there is none.
//!
//! ```
//! use bluebutton_core::fhir::insurance_card::{parse_insurance_card, PartKind};
//! let json = br#"{"resourceType":"Bundle","type":"collection","entry":[
//!   {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","name":[{"family":"Doe","given":["Jane","Q"]}],"birthDate":"1950-01-02"}},
//!   {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"Organization","name":"Centers for Medicare and Medicaid Services",
//!     "contact":[{"telecom":[{"system":"phone","value":"1-800-633-4227"},{"system":"phone","value":"TTY: 1-877-486-2048"},{"system":"url","value":"www.medicare.gov"}]}]}},
//!   {"fullUrl":"urn:uuid:c1","resource":{"resourceType":"Coverage","status":"active","subscriberId":"1S00E00AA00",
//!     "class":[{"type":{"coding":[{"code":"plan"}]},"value":"Part A"}],"period":{"start":"2015-01-01"},
//!     "payor":[{"reference":"Organization/o1"}]}}]}"#;
//! let card = parse_insurance_card(json).unwrap();
//! assert_eq!(card.name.as_deref(), Some("Jane Q Doe"));
//! assert_eq!(card.medicare_number.as_deref(), Some("1S00E00AA00"));
//! assert_eq!(card.parts[0].kind, PartKind::PartA);
//! assert_eq!(card.payer.unwrap().tty.as_deref(), Some("1-877-486-2048"));
//! ```

use serde::{Deserialize, Serialize};

use super::diagnostics::{parse_json, FhirError};
use super::patient::HumanName;
use super::raw_card::{CardBundle, CardResource};
use super::types::Period;

/// `Coverage.identifier.system` of the Medicare Beneficiary Identifier.
///
/// ```
/// assert!(bluebutton_core::fhir::insurance_card::MBI_SYSTEM.ends_with("us-mbi"));
/// ```
pub const MBI_SYSTEM: &str = "http://hl7.org/fhir/sid/us-mbi";

/// The extension whose `valueAnnotation.text` is the card's printed notice.
///
/// ```
/// assert!(bluebutton_core::fhir::insurance_card::CARD_TEXT_EXTENSION.contains("C4DIC-AdditionalCardInformation"));
/// ```
pub const CARD_TEXT_EXTENSION: &str = "http://hl7.org/fhir/us/insurance-card/StructureDefinition/C4DIC-AdditionalCardInformation-extension";

/// The beneficiary's Medicare card, as the v3 `$generate-insurance-card` operation describes it.
///
/// ```
/// use bluebutton_core::fhir::insurance_card::InsuranceCard;
/// let card = InsuranceCard::default();
/// assert_eq!(serde_json::to_string(&card).unwrap(), r#"{"given":[],"parts":[]}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct InsuranceCard {
    /// The member's name as printed: given names, then the family name (`Bluey Caroline
    /// Erdapfel`); the name's `text` when it has no parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Given names (first, then middle), from `Patient.name[0].given`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = false))]
    pub given: Vec<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Birth date as sent (`1967-03-19`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// The Medicare number (MBI), from the Coverages (it is not on the Patient).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medicare_number: Option<String>,
    /// One entry per part, in the order Part A, B, C, D, Dual.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = false))]
    pub parts: Vec<CardPart>,
    /// Who to call: the payer of the first part that names one (CMS for every part).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<CardPayer>,
    /// The card's printed notice (English, then Spanish), from the first part that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_text: Option<String>,
}

/// Which Medicare part a Coverage is.
///
/// Serialized as `"partA"`, `"partB"`, `"partC"`, `"partD"` or `"dual"`; ordered as the card
/// lists them.
///
/// ```
/// use bluebutton_core::fhir::insurance_card::PartKind;
/// assert!(PartKind::PartB < PartKind::Dual);
/// assert_eq!(serde_json::to_string(&PartKind::Dual).unwrap(), r#""dual""#);
/// assert_eq!(PartKind::PartD.label(), "Part D");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PartKind {
    /// Part A (hospital insurance).
    PartA,
    /// Part B (medical insurance).
    PartB,
    /// Part C (Medicare Advantage).
    PartC,
    /// Part D (drug coverage).
    PartD,
    /// Dual eligibility, Medicare and Medicaid.
    Dual,
}

impl PartKind {
    /// The label a card prints.
    ///
    /// ```
    /// use bluebutton_core::fhir::insurance_card::PartKind;
    /// assert_eq!(PartKind::Dual.label(), "Dual Medicare/Medicaid");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Self::PartA => "Part A",
            Self::PartB => "Part B",
            Self::PartC => "Part C",
            Self::PartD => "Part D",
            Self::Dual => "Dual Medicare/Medicaid",
        }
    }

    /// The part named by a `Coverage.class` plan value (`Part A`, …, `Dual Medicare/Medicaid`).
    ///
    /// ```
    /// use bluebutton_core::fhir::insurance_card::PartKind;
    /// assert_eq!(PartKind::from_plan("Part C"), Some(PartKind::PartC));
    /// assert_eq!(PartKind::from_plan("Dual Medicare/Medicaid"), Some(PartKind::Dual));
    /// assert_eq!(PartKind::from_plan("Medicare"), None);
    /// ```
    pub fn from_plan(value: &str) -> Option<Self> {
        match value.trim() {
            "Part A" => Some(Self::PartA),
            "Part B" => Some(Self::PartB),
            "Part C" => Some(Self::PartC),
            "Part D" => Some(Self::PartD),
            v if v.starts_with("Dual") => Some(Self::Dual),
            _ => None,
        }
    }
}

/// `Coverage.status`: `cancelled` once the coverage ended before today (server time).
///
/// ```
/// use bluebutton_core::fhir::insurance_card::CoverageStatus;
/// assert_eq!(CoverageStatus::from_code(Some("cancelled")), CoverageStatus::Cancelled);
/// assert_eq!(serde_json::to_string(&CoverageStatus::EnteredInError).unwrap(), r#""entered-in-error""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum CoverageStatus {
    /// In force.
    Active,
    /// Ended.
    Cancelled,
    /// Not yet in force.
    Draft,
    /// Recorded in error.
    EnteredInError,
    /// Absent or another value.
    Unknown,
}

impl CoverageStatus {
    /// Reads a FHIR status code.
    ///
    /// ```
    /// use bluebutton_core::fhir::insurance_card::CoverageStatus;
    /// assert_eq!(CoverageStatus::from_code(None), CoverageStatus::Unknown);
    /// ```
    pub fn from_code(code: Option<&str>) -> Self {
        match code {
            Some("active") => Self::Active,
            Some("cancelled") => Self::Cancelled,
            Some("draft") => Self::Draft,
            Some("entered-in-error") => Self::EnteredInError,
            _ => Self::Unknown,
        }
    }
}

/// One part on the card.
///
/// ```
/// use bluebutton_core::fhir::insurance_card::{CardPart, CoverageStatus, PartKind};
/// let p = CardPart::new(PartKind::PartA, CoverageStatus::Active);
/// assert_eq!(p.label, "Part A");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct CardPart {
    /// Which part.
    pub kind: PartKind,
    /// Its label (`Part A`, …, `Dual Medicare/Medicaid`).
    pub label: String,
    /// Active or cancelled.
    pub status: CoverageStatus,
    /// Entitlement, enrollment or eligibility start (a FHIR date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Its end, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The coverage type's words (`MEDICARE FFS`, `Medicare Drug Benefit`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_type: Option<String>,
    /// Part C/D contract number (`H1234`), from the Coverage id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// Part C/D plan benefit package (`003`), from the Coverage id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// The plan's member id (Part D's `identifier` without a system; not the MBI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// Part D pharmacy ids (`rxid`, `rxgroup`, `rxpcn`, `rxbin` classes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rx: Option<RxIds>,
    /// The payer, resolved from `payor[0]` (`Organization/<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<CardPayer>,
    /// The part's printed notice (C4DIC-AdditionalCardInformation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_text: Option<String>,
}

impl CardPart {
    /// A part with only its kind, label and status.
    ///
    /// ```
    /// use bluebutton_core::fhir::insurance_card::{CardPart, CoverageStatus, PartKind};
    /// assert!(CardPart::new(PartKind::Dual, CoverageStatus::Unknown).start.is_none());
    /// ```
    pub fn new(kind: PartKind, status: CoverageStatus) -> Self {
        Self {
            kind,
            label: kind.label().to_owned(),
            status,
            start: None,
            end: None,
            coverage_type: None,
            contract: None,
            plan: None,
            member_id: None,
            rx: None,
            payer: None,
            card_text: None,
        }
    }
}

/// The pharmacy ids of a Part D plan.
///
/// ```
/// use bluebutton_core::fhir::insurance_card::RxIds;
/// assert_eq!(serde_json::to_string(&RxIds::default()).unwrap(), "{}");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct RxIds {
    /// `rxid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `rxgroup`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `rxpcn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pcn: Option<String>,
    /// `rxbin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
}

/// Who pays and how to reach them (the Organization).
///
/// ```
/// use bluebutton_core::fhir::insurance_card::CardPayer;
/// assert!(CardPayer::default().phone.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct CardPayer {
    /// `Centers for Medicare and Medicaid Services`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The first phone that is not the TTY line (`1-800-633-4227`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The TTY line without its `TTY:` label (`1-877-486-2048`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tty: Option<String>,
    /// The web address as sent (`www.medicare.gov`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Parses the `$generate-insurance-card` answer.
///
/// Errors (all [`FhirError`], with the existing codes): not a Bundle is
/// `wrong_resource_type`, a Bundle of another type than `collection` too; the no-match
/// Bundle (no type, no entries) is `no_insurance_card`; bad JSON is `not_json`,
/// `truncated_json`, `unexpected_shape`, ….
///
/// ```
/// use bluebutton_core::fhir::insurance_card::parse_insurance_card;
/// let none = br#"{"meta":{"lastUpdated":"2026-01-01T00:00:00.000+00:00"},"resourceType":"Bundle"}"#;
/// assert_eq!(parse_insurance_card(none).unwrap_err().code(), "no_insurance_card");
/// let search = br#"{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Coverage"}}]}"#;
/// assert_eq!(parse_insurance_card(search).unwrap_err().code(), "wrong_resource_type");
/// assert_eq!(parse_insurance_card(br#"{"resourceType":"Patient"}"#).unwrap_err().code(), "wrong_resource_type");
/// ```
pub fn parse_insurance_card(bytes: &[u8]) -> Result<InsuranceCard, FhirError> {
    let bundle: CardBundle = parse_json(bytes)?;
    if bundle.resource_type.as_deref() != Some("Bundle") {
        return Err(FhirError::WrongResourceType {
            expected: "Bundle",
            found: bundle.resource_type,
        });
    }
    let type_ = bundle.type_.as_deref();
    if bundle.entry.is_empty() && matches!(type_, None | Some("collection")) {
        return Err(FhirError::NoInsuranceCard);
    }
    if type_ != Some("collection") {
        return Err(FhirError::WrongResourceType {
            expected: "Bundle of type collection (the insurance card)",
            found: Some(match type_ {
                Some(t) => format!("a Bundle of type {t}"),
                None => "a Bundle without a type".to_owned(),
            }),
        });
    }
    Ok(card_from(&bundle))
}

/// The id an entry's resource is referred to by: `resource.id`, else the `fullUrl` without
/// `urn:uuid:`.
fn entry_id<'a>(full_url: Option<&'a str>, resource: &'a CardResource) -> Option<&'a str> {
    resource
        .id
        .as_deref()
        .or_else(|| full_url.and_then(|u| u.strip_prefix("urn:uuid:")))
}

fn card_from(bundle: &CardBundle) -> InsuranceCard {
    let resources = || {
        bundle.entry.iter().filter_map(|e| {
            let r = e.resource.as_ref()?;
            Some((entry_id(e.full_url.as_deref(), r), r))
        })
    };
    let of_type =
        |t: &'static str| resources().filter(move |(_, r)| r.resource_type.as_deref() == Some(t));
    let payer_for = |reference: &str| -> Option<CardPayer> {
        let wanted = reference.rsplit_once("Organization/")?.1;
        of_type("Organization")
            .find(|(id, _)| *id == Some(wanted))
            .map(|(_, org)| payer_of(org))
    };
    let mut parts: Vec<CardPart> = of_type("Coverage")
        .filter_map(|(id, c)| part_of(id, c, &payer_for))
        .collect();
    parts.sort_by_key(|p| p.kind);
    let coverages = || of_type("Coverage").map(|(_, c)| c);
    let medicare_number = coverages()
        .flat_map(|c| c.identifier.iter())
        .find(|i| i.system.as_deref() == Some(MBI_SYSTEM))
        .and_then(|i| i.value.clone().map(String::from))
        .or_else(|| coverages().find_map(|c| c.subscriber_id.clone()));
    let name: Option<&HumanName> = of_type("Patient").find_map(|(_, p)| p.name.people.first());
    let patient = of_type("Patient").map(|(_, p)| p).next();
    InsuranceCard {
        name: name.and_then(display_name),
        given: name.map(|n| n.given.clone()).unwrap_or_default(),
        family: name.and_then(|n| n.family.clone()),
        birth_date: patient.and_then(|p| p.birth_date.clone()),
        medicare_number,
        payer: parts.iter().find_map(|p| p.payer.clone()),
        card_text: parts.iter().find_map(|p| p.card_text.clone()),
        parts,
    }
}

fn display_name(n: &HumanName) -> Option<String> {
    let words: Vec<&str> = n
        .given
        .iter()
        .map(String::as_str)
        .chain(n.family.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if words.is_empty() {
        n.text.clone()
    } else {
        Some(words.join(" "))
    }
}

/// The part a Coverage is: its plan class, else its type code, else its id.
fn kind_of(id: Option<&str>, c: &CardResource) -> Option<PartKind> {
    let plan = c
        .class
        .iter()
        .find(|k| class_code(k) == Some("plan"))
        .and_then(|k| k.value.as_deref())
        .and_then(PartKind::from_plan);
    let by_type = || match c.type_.as_ref()?.code_in("https://nahdo.org/sopt")? {
        "11" => Some(PartKind::PartC),
        "122" => Some(PartKind::PartD),
        "14" => Some(PartKind::Dual),
        _ => None,
    };
    let by_id = || match id? {
        i if i.starts_with("part-a") => Some(PartKind::PartA),
        i if i.starts_with("part-b") => Some(PartKind::PartB),
        i if i.starts_with("part-c") => Some(PartKind::PartC),
        i if i.starts_with("part-d") => Some(PartKind::PartD),
        i if i.starts_with("dual") => Some(PartKind::Dual),
        _ => None,
    };
    plan.or_else(by_type).or_else(by_id)
}

fn class_code(k: &super::coverage::CoverageClass) -> Option<&str> {
    k.type_.as_ref().and_then(|t| t.first_code())
}

/// Contract and PBP from `part-c-<beneficiary>-<contract>-<pbp>` (or `part-d-…`).
///
/// The beneficiary key is numeric; the contract and plan must be non-empty.
pub(crate) fn contract_and_plan(id: &str) -> Option<(String, String)> {
    let rest = id
        .strip_prefix("part-c-")
        .or_else(|| id.strip_prefix("part-d-"))?;
    let mut it = rest.rsplitn(3, '-');
    let (plan, contract, bene) = (it.next()?, it.next()?, it.next()?);
    let ok = !bene.is_empty()
        && bene.bytes().all(|b| b.is_ascii_digit())
        && !contract.is_empty()
        && !plan.is_empty();
    ok.then(|| (contract.to_owned(), plan.to_owned()))
}

/// A Coverage as a card part; `None` when its part cannot be told.
fn part_of(
    id: Option<&str>,
    c: &CardResource,
    payer_for: &dyn Fn(&str) -> Option<CardPayer>,
) -> Option<CardPart> {
    let kind = kind_of(id, c)?;
    let mut part = CardPart::new(kind, CoverageStatus::from_code(c.status.as_deref()));
    if let Some(label) = c
        .class
        .iter()
        .find(|k| class_code(k) == Some("plan"))
        .and_then(|k| k.value.clone())
    {
        part.label = label;
    }
    let Period { start, end } = c.period.clone().unwrap_or_default();
    (part.start, part.end) = (start.map(String::from), end.map(String::from));
    part.coverage_type = c.type_.as_ref().and_then(|t| {
        t.coding
            .iter()
            .find_map(|k| k.display.clone())
            .or_else(|| t.text.clone())
            .map(String::from)
    });
    if matches!(kind, PartKind::PartC | PartKind::PartD) {
        if let Some((contract, plan)) = id.and_then(contract_and_plan) {
            (part.contract, part.plan) = (Some(contract), Some(plan));
        }
    }
    part.member_id = c
        .identifier
        .iter()
        .find(|i| i.system.as_deref() != Some(MBI_SYSTEM))
        .and_then(|i| i.value.clone().map(String::from));
    let rx_class = |code: &str| {
        c.class
            .iter()
            .find(|k| class_code(k) == Some(code))
            .and_then(|k| k.value.clone())
    };
    let rx = RxIds {
        id: rx_class("rxid"),
        group: rx_class("rxgroup"),
        pcn: rx_class("rxpcn"),
        bin: rx_class("rxbin"),
    };
    if rx != RxIds::default() {
        part.rx = Some(rx);
    }
    part.payer = c
        .payor
        .first()
        .and_then(|r| r.reference.as_deref())
        .and_then(payer_for);
    part.card_text = c
        .extension
        .iter()
        .find(|x| x.url.as_deref() == Some(CARD_TEXT_EXTENSION))
        .and_then(|x| x.value_annotation.as_ref())
        .and_then(|a| a.text.clone());
    Some(part)
}

fn payer_of(org: &CardResource) -> CardPayer {
    let telecoms = org
        .contact
        .iter()
        .flat_map(|c| c.telecom.iter())
        .chain(org.telecom.iter());
    let mut payer = CardPayer {
        name: org.name.text.clone(),
        ..CardPayer::default()
    };
    for t in telecoms {
        let Some(value) = t.value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        let tty = value
            .strip_prefix("TTY:")
            .or_else(|| value.strip_prefix("TTY"))
            .map(str::trim);
        match (t.system.as_deref(), tty) {
            (Some("phone"), Some(number)) if payer.tty.is_none() => {
                payer.tty = Some(number.to_owned());
            }
            (Some("phone"), None) if payer.phone.is_none() => payer.phone = Some(value.to_owned()),
            (Some("url"), _) if payer.url.is_none() => payer.url = Some(value.to_owned()),
            _ => {}
        }
    }
    payer
}

#[cfg(test)]
mod tests;
