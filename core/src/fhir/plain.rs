//! Plain words for a claim: what the data itself names (drug names on NDC codes, diagnosis
//! and procedure names, provider names), and for common codes the data leaves unnamed a
//! short built-in name ([`super::code_names`]). The codes themselves stay in the model.
//!
//! Where Blue Button puts names (recorded fixtures): v1/v2 name NDC drugs, ICD diagnoses
//! and procedures in `coding[].display`, never HCPCS services; institutional claims name the
//! facility (`organization`/`facility`/`provider` `display`), a drug fill sometimes its
//! prescriber (`careTeam[].provider.display`). v3 names no code, some care team members
//! (`Family, Given`).
//!
//! ```
//! use bluebutton_core::fhir::parse_eob;
//! let eob = parse_eob(br#"{"resourceType":"ExplanationOfBenefit",
//!   "item":[{"productOrService":{"coding":[{"system":"http://hl7.org/fhir/sid/ndc","code":"00378180101","display":"Lisinopril 10 MG Oral Tablet"}]}}],
//!   "careTeam":[{"provider":{"display":"Rogers, Gromit"}}]}"#).unwrap();
//! assert_eq!(eob.plain_names(), ["Lisinopril 10 MG Oral Tablet"]);
//! assert_eq!(eob.provider_name(), Some("Rogers, Gromit"));
//! ```

use super::code_names::{hcpcs_name, icd10_name, is_hcpcs_system, is_icd10_system};
use super::contained::{name_reference, ContainedName};
use super::eob::{Diagnosis, ExplanationOfBenefit, Item, Procedure};
use super::types::{CodeableConcept, Reference};

/// The built-in name of the first coding of `cc` that a table knows.
fn table_name(
    cc: &CodeableConcept,
    is_system: fn(&str) -> bool,
    name: fn(&str) -> Option<&'static str>,
) -> Option<&'static str> {
    cc.coding.iter().find_map(|c| {
        let system_ok = c.system.as_deref().is_none_or(is_system);
        c.code.as_deref().filter(|_| system_ok).and_then(name)
    })
}

impl Item {
    /// The service of this line in plain words: the data's name (a drug's name for an NDC
    /// code), else the built-in name of a common HCPCS/CPT code; `None` when neither names
    /// it (the code is in [`Item::service_code`]).
    ///
    /// ```
    /// use bluebutton_core::fhir::eob::Item;
    /// let i: Item = serde_json::from_str(r#"{"productOrService":{"coding":[
    ///   {"system":"https://bluebutton.cms.gov/resources/codesystem/hcpcs","code":"99213"}]}}"#).unwrap();
    /// assert_eq!(i.service_name(), Some("Office visit, established patient"));
    /// assert_eq!(Item::default().service_name(), None);
    /// ```
    pub fn service_name(&self) -> Option<&str> {
        let cc = self.service_code()?;
        cc.display()
            .or_else(|| table_name(cc, is_hcpcs_system, hcpcs_name))
    }
}

impl Diagnosis {
    /// The diagnosis in plain words: the data's name, else the built-in name of a common
    /// ICD-10 code (v3 names none).
    ///
    /// ```
    /// use bluebutton_core::fhir::eob::Diagnosis;
    /// let d: Diagnosis = serde_json::from_str(r#"{"diagnosisCodeableConcept":{"coding":[
    ///   {"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]}}"#).unwrap();
    /// assert_eq!(d.name(), Some("High blood pressure"));
    /// ```
    pub fn name(&self) -> Option<&str> {
        let cc = self.diagnosis_codeable_concept.as_ref()?;
        cc.display()
            .or_else(|| table_name(cc, is_icd10_system, icd10_name))
    }
}

impl Procedure {
    /// The procedure's name as the data gives it.
    ///
    /// ```
    /// use bluebutton_core::fhir::eob::Procedure;
    /// let p: Procedure = serde_json::from_str(r#"{"procedureCodeableConcept":{"coding":[
    ///   {"code":"BQ0HZZZ","display":"PLAIN RADIOGRAPHY OF LEFT ANKLE"}]}}"#).unwrap();
    /// assert_eq!(p.name(), Some("PLAIN RADIOGRAPHY OF LEFT ANKLE"));
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.procedure_codeable_concept.as_ref()?.display()
    }
}

fn named(r: &Option<Reference>) -> Option<&str> {
    r.as_ref()?
        .display
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

impl ExplanationOfBenefit {
    /// Gives the provider, organization, facility and care team references to contained
    /// resources their names (module `contained`).
    pub(super) fn name_references(&mut self, contained: &[ContainedName]) {
        if contained.is_empty() {
            return;
        }
        let refs = [
            &mut self.provider,
            &mut self.organization,
            &mut self.facility,
        ];
        for r in refs.into_iter().flatten() {
            name_reference(r, contained);
        }
        for c in &mut self.care_team {
            if let Some(r) = c.provider.as_mut() {
                name_reference(r, contained);
            }
        }
    }

    /// The provider's name where the claim carries one: the billing provider, organization
    /// or facility, else the first named care team member. `None` when only numbers (NPIs)
    /// are given.
    ///
    /// ```
    /// use bluebutton_core::fhir::parse_eob;
    /// let e = parse_eob(br#"{"resourceType":"ExplanationOfBenefit",
    ///   "provider":{"identifier":{"value":"1234567890"}},
    ///   "organization":{"display":"Mercy General Hospital"}}"#).unwrap();
    /// assert_eq!(e.provider_name(), Some("Mercy General Hospital"));
    /// ```
    pub fn provider_name(&self) -> Option<&str> {
        [&self.provider, &self.organization, &self.facility]
            .into_iter()
            .find_map(named)
            .or_else(|| self.care_team.iter().find_map(|c| named(&c.provider)))
    }

    /// The claim in plain words: the names of its services (drugs, procedures), then of its
    /// diagnoses and procedures, each once, in order. Codes nothing names are left out.
    ///
    /// ```
    /// use bluebutton_core::fhir::parse_eob;
    /// let e = parse_eob(br#"{"resourceType":"ExplanationOfBenefit",
    ///   "diagnosis":[{"diagnosisCodeableConcept":{"coding":[{"code":"A02","display":"OTHER SALMONELLA INFECTIONS"}]}}],
    ///   "item":[{"service":{"coding":[{"code":"85025"}]}},{"service":{"coding":[{"code":"85025"}]}}]}"#).unwrap();
    /// assert_eq!(e.plain_names(), ["Complete blood count", "OTHER SALMONELLA INFECTIONS"]);
    /// ```
    pub fn plain_names(&self) -> Vec<&str> {
        let services = self.item.iter().filter_map(Item::service_name);
        let diagnoses = self.diagnosis.iter().filter_map(Diagnosis::name);
        let procedures = self.procedure.iter().filter_map(Procedure::name);
        let mut out: Vec<&str> = Vec::new();
        for name in services.chain(diagnoses).chain(procedures) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
