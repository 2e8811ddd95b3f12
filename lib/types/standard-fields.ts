/**
 * The standard field catalog (spec 01 §2, core subset). Standard fields are read-only.
 */
import type { TypeName } from "./catalog";

export interface FieldDefinition {
  id: string;
  name: string;
  type: TypeName;
  description?: string;
  standard: boolean;
  /** Available for report grouping. */
  aggregate: boolean;
  deprecated?: boolean;
  see?: string;
}

type Entry = [id: string, name: string, type: TypeName, aggregate?: boolean, description?: string];

const ENTRIES: Entry[] = [
  ["first_name", "First Name", "first_name"],
  ["last_name", "Last Name", "last_name"],
  ["middle_name", "Middle Name", "string"],
  ["salutation", "Salutation", "string"],
  ["name_suffix", "Name Suffix", "string"],
  ["title", "Title", "string"],
  ["email", "Email", "email"],
  ["work_email", "Work Email", "email"],
  ["referred_by_email", "Referred By Email", "email"],
  ["vendor_contact_email", "Vendor Contact Email", "email"],
  ["phone_1", "Phone 1", "phone"],
  ["phone_2", "Phone 2", "phone"],
  ["phone_3", "Phone 3", "phone"],
  ["fax", "Fax", "phone"],
  ["referred_by_phone", "Referred By Phone", "phone"],
  ["address_1", "Address 1", "street"],
  ["address_2", "Address 2", "string"],
  ["city", "City", "city", true],
  ["state", "State", "state", true],
  ["drivers_license_state", "Driver's License State", "state", true],
  ["postal_code", "Postal Code", "postal_code", true],
  ["country", "Country", "string", true],
  ["county", "County", "string", true],
  // The kb catalog types dob as `date`; `dob` adds `age` and masking (spec 09 §1.1).
  ["dob", "DOB", "dob"],
  ["gender", "Gender", "gender", true],
  ["age", "Age", "range", true],
  ["credit_score", "Credit Score", "range", true],
  ["time_at_residence_years", "Time at Residence (Years)", "range", true],
  ["num_buyers", "Number of Buyers", "range", true],
  ["annual_salary", "Annual Salary", "number"],
  ["monthly_salary", "Monthly Salary", "number"],
  ["debt_amount", "Debt Amount", "number"],
  ["latitude", "Latitude", "number"],
  ["longitude", "Longitude", "number"],
  ["gpa", "GPA", "number"],
  ["ssn", "Social Security Number", "ssn"],
  ["drivers_license_number", "Driver's License Number", "credential"],
  ["ip_address", "IP Address", "ip"],
  ["user_agent", "User Agent", "string"],
  ["landing_page", "Landing Page", "string"],
  ["comments", "Comments", "string"],
  ["reference", "Reference", "string"],
  ["campaign_id", "Campaign ID", "string", true],
  ["campaign_name", "Campaign Name", "string", true],
  ["campaign_source", "Campaign Source", "string", true],
  ["campaign_medium", "Campaign Medium", "string", true],
  ["campaign_content", "Campaign Content", "string", true],
  ["campaign_sub_id_1", "Campaign Sub ID 1", "string", true],
  ["campaign_sub_id_2", "Campaign Sub ID 2", "string", true],
  ["campaign_sub_id_3", "Campaign Sub ID 3", "string", true],
  ["universal_leadid", "Universal LeadiD", "string"],
  ["product", "Product", "string", true],
  ["service", "Service", "string", true],
  ["website", "Website", "url"],
  ["conversion_url", "Conversion URL", "url"],
  ["webhook_url", "Webhook URL", "url"],
  ["trustedform_cert_url", "TrustedForm Cert URL", "trustedform_url"],
  ["source_timestamp", "Source Timestamp", "time"],
  ["appointment", "Appointment", "time"],
  ["is_test", "Is Test", "boolean", true],
  ["is_resubmit", "Is Resubmit", "boolean", true],
  ["is_military", "Is Military", "boolean", true],
  ["is_smoker", "Is Smoker", "boolean", true],
  ["mobile_opt_in", "Mobile Opt In", "boolean", true],
  ["citizen", "Citizen", "boolean", true],
  ["price", "Lead Price", "number", false,
    "A price submitted by the source; used when source pricing has override: true."],
  ["apiuser", "API Username", "string", false, "API credentials sent in the lead body."],
  ["apisecret", "API Secret", "string", false, "API credentials sent in the lead body."],
];

export const STANDARD_FIELDS: readonly Readonly<FieldDefinition>[] = Object.freeze(
  ENTRIES.map(([id, name, type, aggregate = false, description]) =>
    Object.freeze({ id, name, type, standard: true, aggregate, ...(description ? { description } : {}) }),
  ),
);

export const STANDARD_FIELD_IDS: ReadonlySet<string> = new Set(STANDARD_FIELDS.map((f) => f.id));

const BY_ID = new Map(STANDARD_FIELDS.map((f) => [f.id, f]));

export function standardField(id: string): Readonly<FieldDefinition> | undefined {
  return BY_ID.get(id);
}
