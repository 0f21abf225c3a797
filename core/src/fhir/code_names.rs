//! A small built-in table of plain-word names for common codes the data leaves unnamed.
//!
//! Blue Button names most codes itself (`display`): drugs (NDC) and, in v1/v2, diagnoses
//! (ICD-10) and procedures. It never names HCPCS/CPT service codes, and v3 (BFD server-ng)
//! names no diagnosis. For the codes a Medicare claim history shows most often, this table
//! gives a short everyday name; every other code stays a bare code. (A full code set belongs
//! in a lazily loaded file, not here.)
//!
//! ```
//! use bluebutton_core::fhir::code_names::{hcpcs_name, icd10_name};
//! assert_eq!(hcpcs_name("99213"), Some("Office visit, established patient"));
//! assert_eq!(icd10_name("E11.9"), icd10_name("E119"));
//! assert_eq!(hcpcs_name("00000"), None);
//! ```

/// HCPCS level I (CPT) and level II codes with everyday names.
const HCPCS: &[(&str, &str)] = &[
    ("20610", "Joint injection or drainage"),
    ("36415", "Blood draw"),
    ("66984", "Cataract surgery"),
    ("71046", "Chest X-ray"),
    ("74177", "CT scan of abdomen and pelvis"),
    ("77085", "Bone density scan"),
    ("80053", "Metabolic blood panel"),
    ("80061", "Cholesterol (lipid) panel"),
    ("81003", "Urine test"),
    ("82947", "Blood sugar test"),
    ("83036", "Hemoglobin A1c test"),
    ("84443", "Thyroid (TSH) test"),
    ("85025", "Complete blood count"),
    ("90662", "Flu vaccine, high dose"),
    ("92014", "Eye exam, established patient"),
    ("92999", "Eye procedure, unlisted"),
    ("93000", "Electrocardiogram (ECG)"),
    ("93306", "Heart ultrasound (echocardiogram)"),
    ("96374", "IV push injection"),
    ("97110", "Therapeutic exercise"),
    ("97140", "Manual therapy"),
    ("99203", "Office visit, new patient"),
    ("99204", "Office visit, new patient"),
    ("99213", "Office visit, established patient"),
    ("99214", "Office visit, established patient"),
    ("99215", "Office visit, established patient"),
    ("99222", "Hospital admission visit"),
    ("99232", "Hospital visit"),
    ("99238", "Hospital discharge day"),
    ("A4253", "Blood glucose test strips"),
    ("A7030", "CPAP full face mask"),
    ("E0114", "Crutches"),
    ("E0143", "Walker with wheels"),
    ("E0601", "CPAP machine"),
    ("E1390", "Oxygen concentrator"),
    ("G0008", "Flu shot given"),
    ("G0151", "Physical therapy at home"),
    ("G0156", "Home health aide visit"),
    ("G0162", "Nurse care-plan management"),
    ("G0299", "Skilled nursing visit"),
    ("G0438", "Annual wellness visit, first"),
    ("G0439", "Annual wellness visit"),
    ("J1885", "Ketorolac (pain relief) injection"),
    ("J2270", "Morphine injection"),
    ("K0001", "Standard wheelchair"),
    ("Q5001", "Hospice care at home"),
];

/// ICD-10-CM diagnosis codes (without the dot) with everyday names.
const ICD10: &[(&str, &str)] = &[
    ("E039", "Underactive thyroid"),
    ("E119", "Type 2 diabetes"),
    ("E785", "High cholesterol"),
    ("F329", "Depression"),
    ("G4733", "Obstructive sleep apnea"),
    ("H2513", "Cataracts, both eyes"),
    ("I10", "High blood pressure"),
    ("I2510", "Coronary artery disease"),
    ("I4891", "Atrial fibrillation"),
    ("I5022", "Chronic heart failure"),
    ("J189", "Pneumonia"),
    ("J449", "COPD"),
    ("K219", "Acid reflux (GERD)"),
    ("M1711", "Osteoarthritis, right knee"),
    ("M810", "Osteoporosis"),
    ("N183", "Chronic kidney disease, stage 3"),
    ("N390", "Urinary tract infection"),
    ("R0602", "Shortness of breath"),
    ("R531", "Weakness"),
    ("Z0000", "General adult checkup"),
];

fn find(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// The everyday name of a common HCPCS/CPT code, if the table has it.
///
/// ```
/// use bluebutton_core::fhir::code_names::hcpcs_name;
/// assert_eq!(hcpcs_name("J2270"), Some("Morphine injection"));
/// ```
pub fn hcpcs_name(code: &str) -> Option<&'static str> {
    find(HCPCS, code.trim())
}

/// The everyday name of a common ICD-10-CM diagnosis code (with or without the dot).
///
/// ```
/// use bluebutton_core::fhir::code_names::icd10_name;
/// assert_eq!(icd10_name("I10"), Some("High blood pressure"));
/// assert_eq!(icd10_name("M81.0"), Some("Osteoporosis"));
/// ```
pub fn icd10_name(code: &str) -> Option<&'static str> {
    let plain: String = code.trim().chars().filter(|c| *c != '.').collect();
    find(ICD10, &plain.to_ascii_uppercase())
}

/// Whether a code system is HCPCS or CPT (the systems Blue Button uses for service codes).
///
/// ```
/// use bluebutton_core::fhir::code_names::is_hcpcs_system;
/// assert!(is_hcpcs_system("https://bluebutton.cms.gov/resources/codesystem/hcpcs"));
/// assert!(is_hcpcs_system("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"));
/// assert!(!is_hcpcs_system("http://hl7.org/fhir/sid/ndc"));
/// ```
pub fn is_hcpcs_system(system: &str) -> bool {
    let s = system.to_ascii_lowercase();
    s.contains("hcpcs") || s.contains("ama-assn.org/go/cpt")
}

/// Whether a code system is ICD-10 (diagnoses: `icd-10`, `icd-10-cm`).
///
/// ```
/// use bluebutton_core::fhir::code_names::is_icd10_system;
/// assert!(is_icd10_system("http://hl7.org/fhir/sid/icd-10-cm"));
/// assert!(!is_icd10_system("http://hl7.org/fhir/sid/icd-9-cm"));
/// ```
pub fn is_icd10_system(system: &str) -> bool {
    system.to_ascii_lowercase().contains("icd-10")
}
