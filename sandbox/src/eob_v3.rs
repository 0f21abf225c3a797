//! The v3 ExplanationOfBenefit search results: the NCH/DDPS history, the recent shared-system
//! claims and the prior authorizations of [`crate::data::shared`], filtered by `_source` and
//! `_tag` ([`crate::sources`]), with prior authorizations appended after every claim and before
//! `_offset`/`_count` are applied (doc §12.3).

use axum::response::Response;

use crate::data::claims::Claim;
use crate::data::render::eob;
use crate::data::shared::{prior_auths, render_prior_auth, shared_claims};
use crate::data::Version;
use crate::paging::{self, Search};
use crate::sources::Filter;
use crate::state::{AppState, Grant};

/// The full result count and the rendered entries of the requested page.
pub fn page(st: &AppState, grant: &Grant, s: &Search) -> Result<(usize, Vec<String>), Response> {
    let filter = Filter::parse(&s.kept)?;
    let n = grant.user;
    let claims = st.claims(n);
    let shared = shared_claims(n, st.config.seed);
    let keep =
        |c: &Claim| grant.sees(Version::V3, c) && paging::claim_ok(s, c) && filter.claim_ok(c);
    let main: Vec<usize> = (0..claims.len()).filter(|&i| keep(&claims[i])).collect();
    let recent: Vec<usize> = (0..shared.len()).filter(|&j| keep(&shared[j])).collect();
    // Prior authorizations ignore the type and date filters (doc §12.3).
    let auths = if filter.wants_prior_auths() {
        prior_auths(n, st.config.seed)
    } else {
        Vec::new()
    };
    let total = main.len() + recent.len() + auths.len();
    let mut out = Vec::new();
    for k in (s.start..total).take(s.count) {
        out.push(if k < main.len() {
            st.eob_text(n, Version::V3, &claims, main[k])
        } else if k < main.len() + recent.len() {
            eob(&shared[recent[k - main.len()]], n, Version::V3).to_string()
        } else {
            render_prior_auth(&auths[k - main.len() - recent.len()], n).to_string()
        });
    }
    Ok((total, out))
}

/// A recent shared-system claim read by id (prior authorizations have UUID ids, which v3
/// EOB read does not take).
pub fn read_shared(st: &AppState, grant: &Grant, id: &str) -> Option<String> {
    shared_claims(grant.user, st.config.seed)
        .iter()
        .find(|c| c.claim_id.to_string() == id && grant.sees(Version::V3, c))
        .map(|c| eob(c, grant.user, Version::V3).to_string())
}
