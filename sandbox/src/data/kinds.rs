//! What a synthetic claim is: its Blue Button claim type and, in v3, its source system.

/// The eight Blue Button claim types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimType {
    /// Part B professional claims.
    Carrier,
    /// Durable medical equipment.
    Dme,
    /// Home health agency.
    Hha,
    /// Hospice.
    Hospice,
    /// Inpatient hospital.
    Inpatient,
    /// Outpatient hospital.
    Outpatient,
    /// Part D prescription drug event.
    Pde,
    /// Skilled nursing facility.
    Snf,
}

impl ClaimType {
    /// All types, in a stable order.
    pub const ALL: [ClaimType; 8] = [
        ClaimType::Carrier,
        ClaimType::Dme,
        ClaimType::Hha,
        ClaimType::Hospice,
        ClaimType::Inpatient,
        ClaimType::Outpatient,
        ClaimType::Pde,
        ClaimType::Snf,
    ];
    /// Lower-case name (`carrier`), used in ids and the `type` parameter.
    pub fn lower(self) -> &'static str {
        match self {
            ClaimType::Carrier => "carrier",
            ClaimType::Dme => "dme",
            ClaimType::Hha => "hha",
            ClaimType::Hospice => "hospice",
            ClaimType::Inpatient => "inpatient",
            ClaimType::Outpatient => "outpatient",
            ClaimType::Pde => "pde",
            ClaimType::Snf => "snf",
        }
    }
    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<Self> {
        ClaimType::ALL.into_iter().find(|t| t.lower() == s)
    }
    /// Upper-case code of the `eob-type` code system.
    pub fn upper(self) -> String {
        self.lower().to_ascii_uppercase()
    }
    /// The FHIR `claim-type` code and display.
    pub fn fhir_type(self) -> (&'static str, &'static str) {
        match self {
            ClaimType::Carrier | ClaimType::Dme => ("professional", "Professional"),
            ClaimType::Pde => ("pharmacy", "Pharmacy"),
            _ => ("institutional", "Institutional"),
        }
    }
    /// Possible NCH claim type codes (`CLM-TYPE-CD`, `nch_clm_type_cd`).
    pub(super) fn nch_codes(self) -> &'static [&'static str] {
        match self {
            ClaimType::Carrier => &["71", "72"],
            ClaimType::Dme => &["81", "82"],
            ClaimType::Hha => &["10"],
            ClaimType::Hospice => &["50"],
            ClaimType::Inpatient => &["60"],
            ClaimType::Outpatient => &["40"],
            ClaimType::Pde => &["01"],
            ClaimType::Snf => &["20", "30"],
        }
    }
}

/// A v3 claim source system (`meta.source`, `_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// National Claims History.
    Nch,
    /// Part D drug events.
    Ddps,
    /// Fiscal Intermediary Shared System.
    Fiss,
    /// Multi-Carrier System.
    Mcs,
    /// ViPS Medicare Shared System.
    Vms,
    /// Common Working File.
    Cwf,
}

impl Source {
    /// Every source, in the order of BFD's error message.
    pub const ALL: [Source; 6] = [
        Source::Ddps,
        Source::Nch,
        Source::Mcs,
        Source::Vms,
        Source::Fiss,
        Source::Cwf,
    ];
    /// The code (`NCH`, `FISS`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Nch => "NCH",
            Source::Ddps => "DDPS",
            Source::Fiss => "FISS",
            Source::Mcs => "MCS",
            Source::Vms => "VMS",
            Source::Cwf => "CWF",
        }
    }
    /// Case-insensitive parse of a code.
    pub fn parse(s: &str) -> Option<Self> {
        Source::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
    }
    /// The System-Type tag code: `NationalClaimsHistory`, `SharedSystem` or `DDPS`.
    pub fn system_type(self) -> &'static str {
        match self {
            Source::Nch => "NationalClaimsHistory",
            Source::Ddps => "DDPS",
            _ => "SharedSystem",
        }
    }
}
