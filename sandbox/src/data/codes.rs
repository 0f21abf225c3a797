//! Code tables used by the generator (public code systems: HCPCS/CPT level-I codes,
//! ICD-10-CM, NDC) with their names. As in the real data (v1/v2 fixtures), the rendered
//! NDC and ICD-10 codings carry the name as `display` and HCPCS codings carry none (the
//! names here document the codes); v3 carries no `display` on diagnoses (BFD server-ng
//! fixtures). Names and places of people are in [`super::names`].

/// Professional / outpatient service codes (HCPCS) with short descriptions.
pub const HCPCS: &[(&str, &str)] = &[
    ("99213", "Office/outpatient visit est"),
    ("99214", "Office/outpatient visit est"),
    ("99203", "Office/outpatient visit new"),
    ("99232", "Subsequent hospital care"),
    ("80053", "Comprehensive metabolic panel"),
    ("85025", "Complete cbc w/auto diff wbc"),
    ("83036", "Glycosylated hemoglobin test"),
    ("80061", "Lipid panel"),
    ("93000", "Electrocardiogram complete"),
    ("71046", "X-ray exam chest 2 views"),
    ("77085", "Dxa bone density study"),
    ("36415", "Routine venipuncture"),
    ("G0439", "Ppps, subseq visit"),
    ("97110", "Therapeutic exercises"),
    ("90662", "Iiv no prsv increased ag im"),
    ("G0008", "Admin influenza virus vac"),
    ("92014", "Eye exam&tx estab pt 1/>vst"),
    ("20610", "Drain/inj joint/bursa w/o us"),
    ("99215", "Office/outpatient visit est"),
    ("99204", "Office/outpatient visit new"),
    ("G0438", "Ppps, initial visit"),
    ("84443", "Assay thyroid stim hormone"),
    ("81003", "Urinalysis auto w/o scope"),
    ("97140", "Manual therapy 1/> regions"),
];

/// Durable medical equipment codes (HCPCS level II).
pub const DME: &[(&str, &str)] = &[
    ("E0601", "Cont airway pressure device"),
    ("A7030", "Cpap full face mask"),
    ("E0114", "Crutch underarm pair no wood"),
    ("E0143", "Walker folding wheeled w/o s"),
    ("K0001", "Standard wheelchair"),
    ("A4253", "Blood glucose/reagent strips"),
    ("E1390", "Oxygen concentrator"),
];

/// Hospital services (inpatient and outpatient claims).
pub const HOSPITAL: &[(&str, &str)] = &[
    ("99222", "Initial hospital care"),
    ("99232", "Subsequent hospital care"),
    ("99238", "Hospital discharge day"),
    ("J1885", "Ketorolac tromethamine inj"),
    ("J2270", "Morphine sulfate injection"),
    ("96374", "Ther/proph/diag inj iv push"),
    ("74177", "Ct abd & pelv w/contrast"),
    ("71046", "X-ray exam chest 2 views"),
    ("80053", "Comprehensive metabolic panel"),
    ("85025", "Complete cbc w/auto diff wbc"),
    ("93000", "Electrocardiogram complete"),
];

/// Home health services.
pub const HOME_HEALTH: &[(&str, &str)] = &[
    ("G0299", "Direct skilled nursing of a licensed nurse (rn)"),
    (
        "G0151",
        "Services performed by a qualified physical therapist",
    ),
    ("G0156", "Services of home health/hospice aide"),
    (
        "G0162",
        "Skilled rn services, management and evaluation of plan of care",
    ),
];

/// Hospice services.
pub const HOSPICE: &[(&str, &str)] = &[
    (
        "Q5001",
        "Hospice or home health care provided in patient's home",
    ),
    ("G0299", "Direct skilled nursing of a licensed nurse (rn)"),
    ("G0156", "Services of home health/hospice aide"),
];

/// Skilled nursing facility services.
pub const NURSING: &[(&str, &str)] = &[
    (
        "G0151",
        "Services performed by a qualified physical therapist",
    ),
    ("97110", "Therapeutic exercises"),
    ("97140", "Manual therapy 1/> regions"),
    ("G0299", "Direct skilled nursing of a licensed nurse (rn)"),
];

/// Every institutional service table (for checks over all codes).
pub const INSTITUTIONAL: [&[(&str, &str)]; 4] = [HOSPITAL, HOME_HEALTH, HOSPICE, NURSING];

/// ICD-10-CM diagnosis codes (code, display).
pub const ICD10: &[(&str, &str)] = &[
    ("I10", "Essential (primary) hypertension"),
    ("E119", "Type 2 diabetes mellitus without complications"),
    ("E785", "Hyperlipidemia, unspecified"),
    (
        "M810",
        "Age-related osteoporosis w/o current pathological fracture",
    ),
    ("J449", "Chronic obstructive pulmonary disease, unspecified"),
    ("I4891", "Unspecified atrial fibrillation"),
    ("N183", "Chronic kidney disease, stage 3"),
    ("M1711", "Unilateral primary osteoarthritis, right knee"),
    ("R0602", "Shortness of breath"),
    (
        "Z0000",
        "Encounter for general adult medical exam w/o abnormal findings",
    ),
    ("G4733", "Obstructive sleep apnea (adult) (pediatric)"),
    ("I5022", "Chronic systolic (congestive) heart failure"),
    ("H2513", "Age-related nuclear cataract, bilateral"),
    ("J189", "Pneumonia, unspecified organism"),
    (
        "I2510",
        "Atherosclerotic heart disease of native coronary artery without angina pectoris",
    ),
    ("E039", "Hypothyroidism, unspecified"),
    (
        "K219",
        "Gastro-esophageal reflux disease without esophagitis",
    ),
    ("N390", "Urinary tract infection, site not specified"),
    (
        "F329",
        "Major depressive disorder, single episode, unspecified",
    ),
    ("R531", "Weakness"),
];

/// ICD-10-CM codes covered by 42 CFR Part 2 (substance use); claims carrying
/// one are SAMHSA-protected.
pub const SAMHSA_ICD10: &[(&str, &str)] = &[
    ("F1020", "Alcohol dependence, uncomplicated"),
    ("F1120", "Opioid dependence, uncomplicated"),
    ("F1210", "Cannabis abuse, uncomplicated"),
];

/// National Drug Codes (11-digit) with drug names.
pub const NDC: &[(&str, &str)] = &[
    ("00093715698", "Atorvastatin Calcium 20 MG Oral Tablet"),
    ("00378180101", "Lisinopril 10 MG Oral Tablet"),
    ("00093105801", "Metformin Hydrochloride 500 MG Oral Tablet"),
    ("00781223601", "Amlodipine Besylate 5 MG Oral Tablet"),
    ("00054327099", "Levothyroxine Sodium 50 MCG Oral Tablet"),
    (
        "00093017101",
        "Omeprazole 20 MG Delayed Release Oral Capsule",
    ),
    ("00603388221", "Gabapentin 300 MG Oral Capsule"),
    ("00172575660", "Hydrochlorothiazide 25 MG Oral Tablet"),
    ("00006027731", "Sitagliptin 100 MG Oral Tablet"),
    ("00056017270", "Warfarin Sodium 5 MG Oral Tablet"),
    ("00003089421", "Apixaban 5 MG Oral Tablet"),
];
