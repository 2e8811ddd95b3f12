// Pings (LeadConduit real-time bidding) are not served in v1 (spec 07 §1.8): the same handler
// answers them 404 {"message":"Not found"}.
export { GET, POST, HEAD, PUT, PATCH, DELETE, OPTIONS } from "../submit/route";

export const dynamic = "force-dynamic";
