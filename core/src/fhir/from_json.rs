//! [`FromJson`] for the results a parse worker sends a page as JSON text (the reference app's
//! worker writes them with serde): the claims summary and the insurance card. A page that reads
//! them through one untyped parse ([`crate::json::read_via_value`]) and these readers links no
//! typed serde reader for them (14 KB gzip less in the app's first load). Each reader gives
//! the value its serde `Deserialize` gives (same field names, flattened amounts, enum
//! spellings); the tests read what serde writes and compare.
//!
//! ```
//! use bluebutton_core::fhir::ClaimSummary;
//! use bluebutton_core::json::{FromJson, Json};
//! let json = Json::object([("pages", Json::Number(1.0)), ("claims", Json::Number(2.0))]);
//! let e = ClaimSummary::from_json(&json).unwrap_err();
//! assert_eq!(e, "`lines` is missing");
//! ```

use super::amounts::Amounts;
use super::claim_kind::ClaimKind;
use super::claim_type::ClaimType;
use super::insurance_card::{CardPart, CardPayer, CoverageStatus, InsuranceCard, PartKind, RxIds};
use super::summary::{ClaimSummary, MonthSummary, TypeSummary};
use crate::json::{Fields, FromJson, Json};

/// The text of `value`, for the enums serde writes as strings.
fn text(value: &Json) -> Result<&str, String> {
    match value {
        Json::Text(s) => Ok(s),
        _ => Err("not a string".to_owned()),
    }
}

/// `name` when it is one of `options`' serde spellings.
fn one_of<T: Copy>(value: &Json, options: &[(&str, T)]) -> Result<T, String> {
    let name = text(value)?;
    options
        .iter()
        .find(|(spelling, _)| *spelling == name)
        .map(|(_, v)| *v)
        .ok_or_else(|| "not one of the known names".to_owned())
}

impl FromJson for ClaimType {
    fn from_json(value: &Json) -> Result<Self, String> {
        claim_type(text(value)?)
    }
}

/// A claim type by its serde name (`carrier`, …, `unknown`).
fn claim_type(name: &str) -> Result<ClaimType, String> {
    ClaimType::ALL
        .into_iter()
        .chain([ClaimType::Unknown])
        .find(|t| t.as_str() == name)
        .ok_or_else(|| "not a claim type".to_owned())
}

impl FromJson for ClaimKind {
    fn from_json(value: &Json) -> Result<Self, String> {
        let all = [
            ClaimKind::Final,
            ClaimKind::NotFinal,
            ClaimKind::PriorAuthorization,
        ];
        one_of(value, &all.map(|k| (k.as_str(), k)))
    }
}

impl FromJson for Amounts {
    /// The flattened `submitted`, `allowed` and `paid` of the object `value`.
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            submitted: f.opt_number("submitted")?,
            allowed: f.opt_number("allowed")?,
            paid: f.opt_number("paid")?,
        })
    }
}

impl FromJson for TypeSummary {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            claims: f.u64("claims")?,
            lines: f.u64("lines")?,
            amounts: Amounts::from_json(value)?,
        })
    }
}

/// A map from claim type to [`TypeSummary`].
fn by_type(
    f: &Fields,
    key: &str,
) -> Result<std::collections::BTreeMap<ClaimType, TypeSummary>, String> {
    f.members(key)?
        .iter()
        .map(|(name, v)| Ok((claim_type(name)?, TypeSummary::from_json(v)?)))
        .collect::<Result<_, String>>()
        .map_err(|e| format!("`{key}`: {e}"))
}

impl FromJson for MonthSummary {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            month: f.string("month")?,
            all: TypeSummary::from_json(value)?,
            by_type: by_type(&f, "byType")?,
        })
    }
}

impl FromJson for ClaimSummary {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            total: f.opt_u64("total")?,
            pages: f.u64("pages")?,
            claims: f.u64("claims")?,
            lines: f.u64("lines")?,
            not_final: f.read("notFinal")?,
            prior_authorizations: f.read("priorAuthorizations")?,
            other_resources: f.u64("otherResources")?,
            amounts: Amounts::from_json(value)?,
            first_service_date: f.opt_string("firstServiceDate")?,
            last_service_date: f.opt_string("lastServiceDate")?,
            undated_claims: f.u64("undatedClaims")?,
            by_type: by_type(&f, "byType")?,
            unknown_types: f
                .members("unknownTypes")?
                .iter()
                .map(|(name, v)| Ok((name.clone(), u64::from_json(v)?)))
                .collect::<Result<_, String>>()
                .map_err(|e| format!("`unknownTypes`: {e}"))?,
            by_month: f.read("byMonth")?,
        })
    }
}

impl FromJson for PartKind {
    fn from_json(value: &Json) -> Result<Self, String> {
        one_of(
            value,
            &[
                ("partA", Self::PartA),
                ("partB", Self::PartB),
                ("partC", Self::PartC),
                ("partD", Self::PartD),
                ("dual", Self::Dual),
            ],
        )
    }
}

impl FromJson for CoverageStatus {
    fn from_json(value: &Json) -> Result<Self, String> {
        one_of(
            value,
            &[
                ("active", Self::Active),
                ("cancelled", Self::Cancelled),
                ("draft", Self::Draft),
                ("entered-in-error", Self::EnteredInError),
                ("unknown", Self::Unknown),
            ],
        )
    }
}

impl FromJson for CardPayer {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            name: f.opt_string("name")?,
            phone: f.opt_string("phone")?,
            tty: f.opt_string("tty")?,
            url: f.opt_string("url")?,
        })
    }
}

impl FromJson for RxIds {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            id: f.opt_string("id")?,
            group: f.opt_string("group")?,
            pcn: f.opt_string("pcn")?,
            bin: f.opt_string("bin")?,
        })
    }
}

impl FromJson for CardPart {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            kind: f.read("kind")?,
            label: f.string("label")?,
            status: f.read("status")?,
            start: f.opt_string("start")?,
            end: f.opt_string("end")?,
            coverage_type: f.opt_string("coverageType")?,
            contract: f.opt_string("contract")?,
            plan: f.opt_string("plan")?,
            member_id: f.opt_string("memberId")?,
            rx: f.read("rx")?,
            payer: f.read("payer")?,
            card_text: f.opt_string("cardText")?,
        })
    }
}

impl FromJson for InsuranceCard {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            name: f.opt_string("name")?,
            given: f.list_or_empty("given")?,
            family: f.opt_string("family")?,
            birth_date: f.opt_string("birthDate")?,
            medicare_number: f.opt_string("medicareNumber")?,
            parts: f.list_or_empty("parts")?,
            payer: f.read("payer")?,
            card_text: f.opt_string("cardText")?,
        })
    }
}

#[cfg(test)]
mod tests;
