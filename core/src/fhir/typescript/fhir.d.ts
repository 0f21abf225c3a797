// FHIR types of bluebutton-wasm, generated from the Rust models by ts-rs: do not edit.
// Regenerate with: BLUEBUTTON_WRITE_TS=1 cargo test -p bluebutton-core --lib fhir::typescript

/**
 * A FHIR Bundle.
 *
 * Serializes as plain camelCase data (what a JavaScript caller expects).
 */
export type Bundle = {
  /**
   * `Bundle` for a real bundle (checked by [`super::parse_bundle`]).
   */
  resourceType: string | null,
  /**
   * Bundle id.
   */
  id?: string,
  /**
   * `searchset`, `collection`, ...
   */
  type?: string,
  /**
   * Total matches across all pages (absent on v3 while more pages remain).
   */
  total?: number,
  /**
   * Paging links (a wrong JSON type here is an error, see [`super::structure`]).
   */
  link: Array<BundleLink>,
  /**
   * Entries of this page (a wrong JSON type here is an error, see [`super::structure`]).
   */
  entry: Array<BundleEntry>,
};

/**
 * A Bundle link.
 */
export type BundleLink = {
  /**
   * `first`, `next`, `previous`, `last`, `self`.
   */
  relation: string | null,
  /**
   * The URL.
   */
  url: string | null,
};

/**
 * A Bundle entry.
 */
export type BundleEntry = {
  /**
   * Absolute URL of the resource.
   */
  fullUrl?: string,
  /**
   * The resource (an object, or absent: another JSON type is an error).
   */
  resource?: Resource,
};

/**
 * A resource inside a Bundle entry.
 */
export type Resource = ExplanationOfBenefit | Patient | Coverage | OtherResource;

/**
 * A resource of a type this crate does not model.
 */
export type OtherResource = {
  /**
   * The `resourceType` (empty when absent).
   */
  resourceType: string,
  /**
   * The id.
   */
  id?: string,
};

/**
 * An explanation of benefit (one Medicare claim).
 */
export type ExplanationOfBenefit = {
  /**
   * Always `ExplanationOfBenefit`.
   */
  resourceType: "ExplanationOfBenefit",
  /**
   * Logical id (e.g. `carrier-22639159481`).
   */
  id?: string,
  /**
   * Claim type read from `type`/`subType` (see [`super::claim_type`]).
   */
  claimType: ClaimType,
  /**
   * Final claim, not final yet, or prior authorization (module `claim_kind`): only
   * `final` claims belong in paid totals.
   */
  kind: ClaimKind,
  /**
   * Source system (v3): `meta.source`, else from the System-Type tag (`NCH`, `DDPS`,
   * `FISS`, `MCS`, `VMS`, `CWF`, or `SharedSystem` when only the tag says so).
   */
  source?: string,
  /**
   * The Final-Action tag (v3): `true` for `FinalAction`, `false` for `NotFinalAction`,
   * absent when the claim has none (v1/v2, prior authorizations).
   */
  finalAction?: boolean,
  /**
   * `claim`, or `preauthorization` for a prior authorization (R4).
   */
  use?: string,
  /**
   * Adjudication outcome (R4): `complete`, `partial`, `queued` or `error`.
   */
  outcome?: string,
  /**
   * `active`, `cancelled`, ...
   */
  status?: string,
  /**
   * The raw `type` concept.
   */
  type?: CodeableConcept,
  /**
   * The raw `subType` concept.
   */
  subType?: CodeableConcept,
  /**
   * The beneficiary.
   */
  patient?: Reference,
  /**
   * Billable period.
   */
  billablePeriod?: Period,
  /**
   * Creation date (`IGNORED_FIELD` in BFD test data is kept as is).
   */
  created?: string,
  /**
   * Billing provider (R4) or provider (STU3).
   */
  provider?: Reference,
  /**
   * Organization (STU3).
   */
  organization?: Reference,
  /**
   * Facility.
   */
  facility?: Reference,
  /**
   * Care team members.
   */
  careTeam?: Array<CareTeam>,
  /**
   * Diagnoses.
   */
  diagnosis?: Array<Diagnosis>,
  /**
   * Procedures.
   */
  procedure?: Array<Procedure>,
  /**
   * Claim lines.
   */
  item?: Array<Item>,
  /**
   * Header-level adjudications (v3).
   */
  adjudication?: Array<Adjudication>,
  /**
   * R4 claim totals.
   */
  total?: Array<Total>,
  /**
   * STU3 total cost.
   */
  totalCost?: Money,
  /**
   * Payment.
   */
  payment?: Payment,
  /**
   * Number of contained resources (their content is skipped).
   */
  containedCount: number,
};

/**
 * A Medicare claim type.
 *
 * Serializes as the lowercase search code (`"carrier"`, ..., `"unknown"`).
 */
export type ClaimType = "carrier" | "dme" | "hha" | "hospice" | "inpatient" | "outpatient" | "pde" | "snf" | "unknown";

/**
 * Which group a claim belongs to (see the module docs).
 *
 * Serializes as `"final"`, `"notFinal"` or `"priorAuthorization"`.
 */
export type ClaimKind = "final" | "notFinal" | "priorAuthorization";

/**
 * A claim line.
 */
export type Item = {
  /**
   * Line number.
   */
  sequence?: number,
  /**
   * Revenue center code (institutional claims).
   */
  revenue?: CodeableConcept,
  /**
   * Service code, STU3 name.
   */
  service?: CodeableConcept,
  /**
   * Service code, R4 name.
   */
  productOrService?: CodeableConcept,
  /**
   * Date of service.
   */
  servicedDate?: string,
  /**
   * Period of service.
   */
  servicedPeriod?: Period,
  /**
   * Units.
   */
  quantity?: Quantity,
  /**
   * Line net amount (R4).
   */
  net?: Money,
  /**
   * Line adjudications.
   */
  adjudication?: Array<Adjudication>,
};

/**
 * A care team member.
 */
export type CareTeam = {
  /**
   * Sequence number.
   */
  sequence?: number,
  /**
   * The practitioner or organization.
   */
  provider?: Reference,
  /**
   * Role (e.g. `performing`).
   */
  role?: CodeableConcept,
};

/**
 * A diagnosis.
 */
export type Diagnosis = {
  /**
   * Sequence number.
   */
  sequence?: number,
  /**
   * The code (ICD-9/ICD-10).
   */
  diagnosisCodeableConcept?: CodeableConcept,
  /**
   * Diagnosis types (principal, admitting, ...).
   */
  type?: Array<CodeableConcept>,
};

/**
 * A procedure.
 */
export type Procedure = {
  /**
   * Sequence number.
   */
  sequence?: number,
  /**
   * Date performed.
   */
  date?: string,
  /**
   * The code (ICD procedure code).
   */
  procedureCodeableConcept?: CodeableConcept,
};

/**
 * An adjudication (category + amount).
 */
export type Adjudication = {
  /**
   * What the amount is.
   */
  category?: CodeableConcept,
  /**
   * Reason code (e.g. denial reason).
   */
  reason?: CodeableConcept,
  /**
   * The amount.
   */
  amount?: Money,
  /**
   * A non-monetary value.
   */
  value?: number,
};

/**
 * An R4 claim total.
 */
export type Total = {
  /**
   * What the total is.
   */
  category?: CodeableConcept,
  /**
   * The amount.
   */
  amount?: Money,
};

/**
 * The claim payment.
 */
export type Payment = {
  /**
   * Amount paid.
   */
  amount?: Money,
  /**
   * Payment date.
   */
  date?: string,
};

/**
 * A beneficiary's demographics.
 */
export type Patient = {
  /**
   * Always `Patient`.
   */
  resourceType: "Patient",
  /**
   * Logical id (the FHIR patient id, e.g. `-20140000008325`).
   */
  id?: string,
  /**
   * Identifiers (MBI, hashed ids).
   */
  identifier?: Array<Identifier>,
  /**
   * Names.
   */
  name?: Array<HumanName>,
  /**
   * Administrative gender.
   */
  gender?: string,
  /**
   * Birth date as received.
   */
  birthDate?: string,
  /**
   * Date of death, when present.
   */
  deceasedDateTime?: string,
  /**
   * Addresses (BB2 sends only state, county and ZIP).
   */
  address?: Array<Address>,
};

/**
 * A person's name.
 */
export type HumanName = {
  /**
   * `usual`, `official`, ...
   */
  use?: string,
  /**
   * Full text.
   */
  text?: string,
  /**
   * Family name.
   */
  family?: string,
  /**
   * Given names.
   */
  given?: Array<string>,
};

/**
 * A postal address.
 */
export type Address = {
  /**
   * Street lines.
   */
  line?: Array<string>,
  /**
   * City.
   */
  city?: string,
  /**
   * County or district.
   */
  district?: string,
  /**
   * State (a code in CMS data).
   */
  state?: string,
  /**
   * ZIP code.
   */
  postalCode?: string,
};

/**
 * An insurance coverage record.
 */
export type Coverage = {
  /**
   * Always `Coverage`.
   */
  resourceType: "Coverage",
  /**
   * Logical id (e.g. `part-a--20140000008325`).
   */
  id?: string,
  /**
   * `active`, `cancelled`, ...
   */
  status?: string,
  /**
   * Coverage type.
   */
  type?: CodeableConcept,
  /**
   * Subscriber id.
   */
  subscriberId?: string,
  /**
   * The beneficiary.
   */
  beneficiary?: Reference,
  /**
   * Relationship to the subscriber.
   */
  relationship?: CodeableConcept,
  /**
   * Coverage period.
   */
  period?: Period,
  /**
   * Payors.
   */
  payor?: Array<Reference>,
  /**
   * R4 classes (group, plan, ...).
   */
  class?: Array<CoverageClass>,
};

/**
 * An R4 `Coverage.class` entry.
 */
export type CoverageClass = {
  /**
   * Class type.
   */
  type?: CodeableConcept,
  /**
   * Value.
   */
  value?: string,
  /**
   * Human-readable name.
   */
  name?: string,
};

/**
 * The beneficiary's Medicare card, as the v3 `$generate-insurance-card` operation describes it.
 */
export type InsuranceCard = {
  /**
   * The member's name as printed: given names, then the family name (`Bluey Caroline
   * Erdapfel`); the name's `text` when it has no parts.
   */
  name?: string,
  /**
   * Given names (first, then middle), from `Patient.name[0].given`.
   */
  given: Array<string>,
  /**
   * Family name.
   */
  family?: string,
  /**
   * Birth date as sent (`1967-03-19`).
   */
  birthDate?: string,
  /**
   * The Medicare number (MBI), from the Coverages (it is not on the Patient).
   */
  medicareNumber?: string,
  /**
   * One entry per part, in the order Part A, B, C, D, Dual.
   */
  parts: Array<CardPart>,
  /**
   * Who to call: the payer of the first part that names one (CMS for every part).
   */
  payer?: CardPayer,
  /**
   * The card's printed notice (English, then Spanish), from the first part that has one.
   */
  cardText?: string,
};

/**
 * One part on the card.
 */
export type CardPart = {
  /**
   * Which part.
   */
  kind: PartKind,
  /**
   * Its label (`Part A`, …, `Dual Medicare/Medicaid`).
   */
  label: string,
  /**
   * Active or cancelled.
   */
  status: CoverageStatus,
  /**
   * Entitlement, enrollment or eligibility start (a FHIR date).
   */
  start?: string,
  /**
   * Its end, when there is one.
   */
  end?: string,
  /**
   * The coverage type's words (`MEDICARE FFS`, `Medicare Drug Benefit`, …).
   */
  coverageType?: string,
  /**
   * Part C/D contract number (`H1234`), from the Coverage id.
   */
  contract?: string,
  /**
   * Part C/D plan benefit package (`003`), from the Coverage id.
   */
  plan?: string,
  /**
   * The plan's member id (Part D's `identifier` without a system; not the MBI).
   */
  memberId?: string,
  /**
   * Part D pharmacy ids (`rxid`, `rxgroup`, `rxpcn`, `rxbin` classes).
   */
  rx?: RxIds,
  /**
   * The payer, resolved from `payor[0]` (`Organization/<id>`).
   */
  payer?: CardPayer,
  /**
   * The part's printed notice (C4DIC-AdditionalCardInformation).
   */
  cardText?: string,
};

/**
 * Which Medicare part a Coverage is.
 *
 * Serialized as `"partA"`, `"partB"`, `"partC"`, `"partD"` or `"dual"`; ordered as the card
 * lists them.
 */
export type PartKind = "partA" | "partB" | "partC" | "partD" | "dual";

/**
 * `Coverage.status`: `cancelled` once the coverage ended before today (server time).
 */
export type CoverageStatus = "active" | "cancelled" | "draft" | "entered-in-error" | "unknown";

/**
 * The pharmacy ids of a Part D plan.
 */
export type RxIds = {
  /**
   * `rxid`.
   */
  id?: string,
  /**
   * `rxgroup`.
   */
  group?: string,
  /**
   * `rxpcn`.
   */
  pcn?: string,
  /**
   * `rxbin`.
   */
  bin?: string,
};

/**
 * Who pays and how to reach them (the Organization).
 */
export type CardPayer = {
  /**
   * `Centers for Medicare and Medicaid Services`.
   */
  name?: string,
  /**
   * The first phone that is not the TTY line (`1-800-633-4227`).
   */
  phone?: string,
  /**
   * The TTY line without its `TTY:` label (`1-877-486-2048`).
   */
  tty?: string,
  /**
   * The web address as sent (`www.medicare.gov`).
   */
  url?: string,
};

/**
 * A code from a code system.
 */
export type Coding = {
  /**
   * Code system URI.
   */
  system?: string,
  /**
   * The code.
   */
  code?: string,
  /**
   * Human-readable text for the code.
   */
  display?: string,
};

/**
 * A concept given by codings and/or text.
 */
export type CodeableConcept = {
  /**
   * Codings.
   */
  coding?: Array<Coding>,
  /**
   * Plain text.
   */
  text?: string,
};

/**
 * A reference to another resource.
 */
export type Reference = {
  /**
   * Literal reference (`Patient/123`, `#contained-id`, a URL).
   */
  reference?: string,
  /**
   * Text alternative.
   */
  display?: string,
  /**
   * Logical reference (e.g. an NPI).
   */
  identifier?: Identifier,
};

/**
 * A business identifier.
 */
export type Identifier = {
  /**
   * Namespace URI.
   */
  system?: string,
  /**
   * The value.
   */
  value?: string,
};

/**
 * A time range; dates are kept as received (`IGNORED_FIELD` included).
 */
export type Period = {
  /**
   * Start date or dateTime.
   */
  start?: string,
  /**
   * End date or dateTime.
   */
  end?: string,
};

/**
 * An amount of money: R4 `{value, currency}`, STU3 `{value, system, code}`.
 */
export type Money = {
  /**
   * The amount.
   */
  value?: number,
  /**
   * ISO 4217 currency (R4 `currency`; STU3 puts it in `code`, which is ignored).
   */
  currency?: string,
};

/**
 * A measured amount.
 */
export type Quantity = {
  /**
   * The number.
   */
  value?: number,
  /**
   * Unit text.
   */
  unit?: string,
};

/**
 * Summary of a Bundle or of a whole claims history.
 */
export type ClaimSummary = {
  /**
   * `Bundle.total` of the first page that had one.
   */
  total: number | null,
  /**
   * Bundles added.
   */
  pages: number,
  /**
   * Final claims (ExplanationOfBenefit resources of kind `final`; on v1/v2 every claim).
   */
  claims: number,
  /**
   * Lines (`item` entries) of the final claims.
   */
  lines: number,
  /**
   * v3 claims not final yet (`NotFinalAction`, or `outcome` not `complete`): their own
   * counts and amounts, kept out of every other figure. Their amounts may still change.
   */
  notFinal: TypeSummary,
  /**
   * v3 prior authorizations (`use = "preauthorization"`): counted apart, never in any total.
   */
  priorAuthorizations: TypeSummary,
  /**
   * Entries that were not ExplanationOfBenefit resources.
   */
  otherResources: number,
  /**
   * Earliest service date (`YYYY-MM-DD`).
   */
  firstServiceDate: string | null,
  /**
   * Latest service date (`YYYY-MM-DD`).
   */
  lastServiceDate: string | null,
  /**
   * Claims without any valid service date (not in `byMonth`).
   */
  undatedClaims: number,
  /**
   * Per claim type: all eight types, plus `unknown` when present.
   */
  byType: Record<Exclude<ClaimType, "unknown">, TypeSummary> & { unknown?: TypeSummary },
  /**
   * The `unknown` claims by their first `type` coding (`system|code`): what was not
   * recognised, so it can be reported rather than silently lumped together.
   */
  unknownTypes: { [key in string]: number },
  /**
   * Per month, oldest first.
   */
  byMonth: Array<MonthSummary>,
  /**
   * Submitted charges.
   */
  submitted: number | null,
  /**
   * Allowed amount.
   */
  allowed: number | null,
  /**
   * Paid amount.
   */
  paid: number | null,
};

/**
 * Counts and amounts for one claim type (or one month).
 */
export type TypeSummary = {
  /**
   * Number of claims.
   */
  claims: number,
  /**
   * Number of claim lines (`item` entries).
   */
  lines: number,
  /**
   * Submitted charges.
   */
  submitted: number | null,
  /**
   * Allowed amount.
   */
  allowed: number | null,
  /**
   * Paid amount.
   */
  paid: number | null,
};

/**
 * One calendar month (`YYYY-MM`) of claims.
 */
export type MonthSummary = {
  /**
   * `YYYY-MM`.
   */
  month: string,
  /**
   * Per claim type, only types present in the month.
   */
  byType: { [key in ClaimType]?: TypeSummary },
  /**
   * Number of claims.
   */
  claims: number,
  /**
   * Number of claim lines (`item` entries).
   */
  lines: number,
  /**
   * Submitted charges.
   */
  submitted: number | null,
  /**
   * Allowed amount.
   */
  allowed: number | null,
  /**
   * Paid amount.
   */
  paid: number | null,
};

/**
 * Submitted, allowed and paid amounts; `None` when the data carry no such amount.
 */
export type Amounts = {
  /**
   * Submitted charges.
   */
  submitted: number | null,
  /**
   * Allowed amount.
   */
  allowed: number | null,
  /**
   * Paid amount.
   */
  paid: number | null,
};

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;
