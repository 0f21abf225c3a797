//! The lean reader behind `summarize_claims`: only the fields a summary needs, with borrowed
//! strings; everything else is skipped by serde without building values.
//!
//! The rules mirror `ExplanationOfBenefit::amounts` and `service_date_range`; the fixtures
//! test checks that both paths give the same summary.

use std::borrow::Cow;

use serde::Deserialize;

use super::amounts::{classify, is_total_revenue_line, Amounts};
use super::claim_kind::{final_action_of, ClaimKind, FINAL_ACTION_SYSTEM};
use super::claim_type::ClaimType;
use super::lenient::{self as l, date_prefix, date_range};

type Text<'a> = Option<Cow<'a, str>>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LeanBundle<'a> {
    #[serde(borrow, default, deserialize_with = "l::cow")]
    pub resource_type: Text<'a>,
    #[serde(default, deserialize_with = "l::uint")]
    pub total: Option<u64>,
    #[serde(borrow, default, deserialize_with = "super::structure::list")]
    pub entry: Vec<LeanEntry<'a>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a Bundle entry object")]
pub(super) struct LeanEntry<'a> {
    #[serde(borrow, default)]
    pub resource: Option<LeanEob<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a resource object")]
pub(super) struct LeanEob<'a> {
    #[serde(borrow, default, deserialize_with = "l::cow")]
    pub resource_type: Text<'a>,
    #[serde(rename = "type", borrow, default, deserialize_with = "l::object")]
    type_: Option<LeanCc<'a>>,
    #[serde(borrow, default, deserialize_with = "l::object")]
    sub_type: Option<LeanCc<'a>>,
    #[serde(borrow, default, deserialize_with = "l::object")]
    billable_period: Option<LeanPeriod<'a>>,
    #[serde(borrow, default, deserialize_with = "l::seq")]
    pub item: Vec<LeanItem<'a>>,
    #[serde(borrow, default, deserialize_with = "l::seq")]
    total: Vec<LeanTotal<'a>>,
    #[serde(default, deserialize_with = "l::object")]
    total_cost: Option<LeanMoney>,
    #[serde(default, deserialize_with = "l::object")]
    payment: Option<LeanPayment>,
    #[serde(rename = "use", borrow, default, deserialize_with = "l::cow")]
    use_: Text<'a>,
    #[serde(borrow, default, deserialize_with = "l::cow")]
    outcome: Text<'a>,
    #[serde(borrow, default, deserialize_with = "l::object")]
    meta: Option<LeanMeta<'a>>,
}

#[derive(Deserialize)]
struct LeanMeta<'a> {
    #[serde(borrow, default, deserialize_with = "l::seq")]
    tag: Vec<LeanCoding<'a>>,
}

#[derive(Deserialize)]
struct LeanCc<'a> {
    #[serde(borrow, default, deserialize_with = "l::seq")]
    coding: Vec<LeanCoding<'a>>,
}

#[derive(Deserialize)]
struct LeanCoding<'a> {
    #[serde(borrow, default, deserialize_with = "l::cow")]
    system: Text<'a>,
    #[serde(borrow, default, deserialize_with = "l::cow")]
    code: Text<'a>,
}

#[derive(Deserialize)]
struct LeanPeriod<'a> {
    #[serde(borrow, default, deserialize_with = "l::cow")]
    start: Text<'a>,
    #[serde(borrow, default, deserialize_with = "l::cow")]
    end: Text<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LeanItem<'a> {
    #[serde(borrow, default, deserialize_with = "l::object")]
    revenue: Option<LeanCc<'a>>,
    #[serde(borrow, default, deserialize_with = "l::cow")]
    serviced_date: Text<'a>,
    #[serde(borrow, default, deserialize_with = "l::object")]
    serviced_period: Option<LeanPeriod<'a>>,
    #[serde(borrow, default, deserialize_with = "l::seq")]
    adjudication: Vec<LeanTotal<'a>>,
}

/// An adjudication or an R4 total: both are a category plus an amount.
#[derive(Deserialize)]
struct LeanTotal<'a> {
    #[serde(borrow, default, deserialize_with = "l::object")]
    category: Option<LeanCc<'a>>,
    #[serde(default, deserialize_with = "l::object")]
    amount: Option<LeanMoney>,
}

#[derive(Deserialize)]
struct LeanMoney {
    #[serde(default, deserialize_with = "l::number")]
    value: Option<f64>,
}

#[derive(Deserialize)]
struct LeanPayment {
    #[serde(default, deserialize_with = "l::object")]
    amount: Option<LeanMoney>,
}

fn codings<'s>(cc: Option<&'s LeanCc<'_>>) -> impl Iterator<Item = (&'s str, &'s str)> + Clone {
    cc.into_iter().flat_map(|c| {
        c.coding
            .iter()
            .filter_map(|c| Some((c.system.as_deref()?, c.code.as_deref()?)))
    })
}

impl LeanTotal<'_> {
    fn classified(&self) -> Option<(super::amounts::AmountKind, f64)> {
        let kind = classify(codings(self.category.as_ref()))?;
        Some((kind, self.amount.as_ref()?.value?))
    }
}

impl LeanItem<'_> {
    fn is_total_line(&self) -> bool {
        let first = self
            .revenue
            .iter()
            .flat_map(|r| &r.coding)
            .find_map(|c| c.code.as_deref());
        first.is_some_and(is_total_revenue_line)
    }

    fn service_date(&self) -> Option<&str> {
        let start = self
            .serviced_period
            .as_ref()
            .and_then(|p| p.start.as_deref());
        self.serviced_date
            .as_deref()
            .and_then(date_prefix)
            .or_else(|| start.and_then(date_prefix))
    }
}

impl LeanEob<'_> {
    pub(super) fn kind(&self) -> ClaimKind {
        let final_action = self
            .meta
            .iter()
            .flat_map(|m| &m.tag)
            .find(|c| c.system.as_deref() == Some(FINAL_ACTION_SYSTEM))
            .and_then(|c| c.code.as_deref());
        ClaimKind::classify(
            self.use_.as_deref(),
            self.outcome.as_deref(),
            final_action_of(final_action),
        )
    }

    pub(super) fn claim_type(&self) -> ClaimType {
        ClaimType::resolve(
            codings(self.type_.as_ref()),
            codings(self.sub_type.as_ref()),
        )
    }

    pub(super) fn unknown_type_key(&self) -> String {
        super::claim_type::unknown_type_key(codings(self.type_.as_ref()))
    }

    pub(super) fn amounts(&self) -> Amounts {
        let only_total = self.item.iter().any(LeanItem::is_total_line);
        let mut lines = Amounts::default();
        for item in self
            .item
            .iter()
            .filter(|i| !only_total || i.is_total_line())
        {
            for (kind, v) in item.adjudication.iter().filter_map(LeanTotal::classified) {
                lines.add_to(kind, v);
            }
        }
        let mut header = Amounts::default();
        for (kind, v) in self.total.iter().filter_map(LeanTotal::classified) {
            if header.get(kind).is_none() {
                header.add_to(kind, v);
            }
        }
        header.submitted = header
            .submitted
            .or(self.total_cost.as_ref().and_then(|m| m.value));
        header.paid = self
            .payment
            .as_ref()
            .and_then(|p| p.amount.as_ref())
            .and_then(|m| m.value)
            .or(header.paid);
        lines.or(header)
    }

    pub(super) fn service_date_range(&self) -> Option<(&str, &str)> {
        let items = self.item.iter().filter_map(LeanItem::service_date);
        date_range(items).or_else(|| {
            let p = self.billable_period.as_ref()?;
            let ends = [p.start.as_deref(), p.end.as_deref()];
            date_range(ends.into_iter().flatten().filter_map(date_prefix))
        })
    }
}
