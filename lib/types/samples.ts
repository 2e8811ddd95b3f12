/**
 * Sample values by field type (and for the name fields by id), so that submission examples look
 * like a lead and parse as one: the API's submission docs and the editor's Sources page use them.
 */
export const SAMPLE_VALUES: Record<string, string> = {
  first_name: "Ann",
  last_name: "Lee",
  email: "ann@example.com",
  phone: "5127891111",
  state: "TX",
  postal_code: "78701",
  city: "Austin",
  street: "123 Main St",
  gender: "female",
  dob: "1980-04-01",
  date: "2024-01-15",
  time: "2024-01-15T15:00:00Z",
  number: "42",
  range: "10-20",
  boolean: "true",
  url: "https://example.com/landing",
  trustedform_url: "https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567",
  ip: "203.0.113.7",
  ssn: "123-45-6789",
  credential: "D1234567",
};
